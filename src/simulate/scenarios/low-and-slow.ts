/**
 * A low-and-slow Sliver-style implant: one callback an hour, Sliver's additive jitter (3,600 s + U[0, 600)
 * s, mean 3,900 s) [R7], masquerading as an Adobe updater in ProgramData, on an office-hours workstation:
 * a handful of callbacks per working day, for days. Too few connections per hour for per-hour counting.
 */
import type { Scenario } from '../source.js';
import { beaconEpisodes } from './beacon.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2, fixedDest } from './infra.js';
import { describeSleep, type SleepModel } from '../jitter.js';

const SLEEP: SleepModel = { kind: 'sliver', sleepS: 3600, jitterS: 600 };
const IMAGE = 'C:\\ProgramData\\Adobe\\ARM\\AdobeARMHelper.exe';

export const lowAndSlow: Scenario = {
  name: 'low-and-slow',
  title: 'Low-and-slow beacon, one callback an hour',
  description: `${IMAGE} (unsigned, no version resources), ${describeSleep(SLEEP)}, to ${C2.lowSlow.name} (${C2.lowSlow.ip}) :443; Run-key persistence.`,
  infrastructure: [`${C2.lowSlow.name} → ${C2.lowSlow.ip}`],
  steps: ['initial-execution', 'persistence-start', 'dns-lookup', 'callback', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'low-and-slow');
    return h === null ? [] : [h];
  },
  episodes: (ctx) => {
    const start = implantStart(ctx.host, ctx.rng.fork('start'));
    if (start === null) return [][Symbol.iterator]();
    return beaconEpisodes(ctx, {
      startMs: start,
      persistence: ctx.host.user !== null ? 'logon' : 'boot',
      spawn: (session, logon) => ({
        spec: { image: IMAGE, commandLine: `"${IMAGE}" --check`, currentDirectory: 'C:\\ProgramData\\Adobe\\ARM\\', hashIdentity: 'implant:low-and-slow' },
        parent: logon?.explorer ?? session.services,
      }),
      sleep: SLEEP,
      dest: () => fixedDest(C2.lowSlow.name, [C2.lowSlow.ip], C2.lowSlow.port, 3600),
      processingMs: [100, 600],
      taskingPerHour: 0.05,
    });
  },
};
