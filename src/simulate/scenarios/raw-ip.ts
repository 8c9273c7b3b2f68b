/**
 * C2 by raw IP: a Sliver-style mTLS implant connecting straight to 192.0.2.77 on port 8888 (Sliver's
 * mTLS fallback port) [R7]: no DNS query, and DestinationHostname is "-" because the address has no PTR.
 * Sliver's default beacon timing: 60 s + U[0, 30) s [R6][R7]. Started from a Run key on an always-on
 * workstation.
 */
import type { Scenario } from '../source.js';
import { beaconEpisodes } from './beacon.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2 } from './infra.js';
import { rawIpDest } from '../net.js';
import { describeSleep, type SleepModel } from '../jitter.js';

const SLEEP: SleepModel = { kind: 'sliver', sleepS: 60, jitterS: 30 };

export const rawIp: Scenario = {
  name: 'raw-ip',
  title: 'C2 reached by raw IP, DestinationHostname "-"',
  description: `SecurityHealthUpdate.exe in the user's Temp folder, ${describeSleep(SLEEP)}, tcp to ${C2.rawIp.ip}:${C2.rawIp.port} with no DNS and no PTR.`,
  infrastructure: [`${C2.rawIp.ip}:${C2.rawIp.port} (no name)`],
  steps: ['initial-execution', 'persistence-start', 'callback', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'raw-ip');
    return h === null ? [] : [h];
  },
  episodes: (ctx) => {
    const start = implantStart(ctx.host, ctx.rng.fork('start'));
    if (start === null) return [][Symbol.iterator]();
    const user = ctx.host.user?.sam ?? 'Public';
    const image = `C:\\Users\\${user}\\AppData\\Local\\Temp\\SecurityHealthUpdate.exe`;
    return beaconEpisodes(ctx, {
      startMs: start,
      persistence: ctx.host.user !== null ? 'logon' : 'boot',
      spawn: (session, logon) => ({
        spec: { image, commandLine: `"${image}"`, currentDirectory: `C:\\Users\\${user}\\AppData\\Local\\Temp\\`, hashIdentity: 'implant:raw-ip' },
        parent: logon?.explorer ?? session.services,
      }),
      sleep: SLEEP,
      dest: () => rawIpDest(C2.rawIp.ip, C2.rawIp.port),
      processingMs: [60, 300],
      taskingPerHour: 0.3,
    });
  },
};
