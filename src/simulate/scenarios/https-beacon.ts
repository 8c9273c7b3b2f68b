/**
 * A Cobalt Strike-style HTTPS beacon in rundll32.exe: sleep 60 s with 20 % jitter applied the Cobalt
 * Strike way (U[48, 60] s, mean 54 s) [R2][R3], to a VPS at 203.0.113.45 behind a look-alike name, for
 * the whole run. The DLL is first run from the user's Temp folder and then started from a Run key at
 * every logon; it prefers an always-on workstation so the beacon runs day and night.
 */
import type { Scenario } from '../source.js';
import { beaconEpisodes } from './beacon.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2, fixedDest } from './infra.js';
import { describeSleep, type SleepModel } from '../jitter.js';

const SLEEP: SleepModel = { kind: 'cobalt-strike', sleepS: 60, jitter: 0.2 };

export const httpsBeacon: Scenario = {
  name: 'https-beacon',
  title: 'HTTPS beacon from rundll32.exe to a VPS',
  description: `rundll32.exe loading a DLL export, ${describeSleep(SLEEP)}, to ${C2.https.name} (${C2.https.ip}) :443 for days; Run-key persistence; discovery commands when tasked.`,
  infrastructure: [`${C2.https.name} → ${C2.https.ip}, ${C2.https.ip6} (PTR ${C2.https.ptr})`],
  steps: ['initial-execution', 'persistence-start', 'dns-lookup', 'callback', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'https-beacon');
    return h === null ? [] : [h];
  },
  episodes: (ctx) => {
    const start = implantStart(ctx.host, ctx.rng.fork('start'));
    if (start === null) return [][Symbol.iterator]();
    const user = ctx.host.user?.sam ?? 'Public';
    return beaconEpisodes(ctx, {
      startMs: start,
      persistence: ctx.host.user !== null ? 'logon' : 'boot',
      spawn: (session, logon, _t, first) => ({
        spec: {
          image: 'C:\\Windows\\System32\\rundll32.exe',
          commandLine: first
            ? `"C:\\Windows\\System32\\rundll32.exe" C:\\Users\\${user}\\AppData\\Local\\Temp\\invoice_0193.dll,DllRegisterServer`
            : `"C:\\Windows\\System32\\rundll32.exe" C:\\Users\\${user}\\AppData\\Roaming\\Microsoft\\Crypto\\cryptbase.dll,DllRegisterServer`,
        },
        parent: logon?.explorer ?? session.services,
      }),
      sleep: SLEEP,
      dest: () => fixedDest(C2.https.name, [C2.https.ip, C2.https.ip6], C2.https.port, 300, C2.https.ptr),
      processingMs: [80, 450],
      taskingPerHour: 0.4,
    });
  },
};
