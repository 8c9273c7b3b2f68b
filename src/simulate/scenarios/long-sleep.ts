/**
 * A patient beacon on a server: Cobalt Strike-style sleep of 3 hours with 50 % jitter (U[1.5 h, 3 h],
 * mean 2.25 h) [R2][R3], in WerFault.exe (the reference profile's spawn-to [R1]) started by a
 * boot-time scheduled task. About ten callbacks a day: invisible in any one day, clear over a week.
 */
import type { Scenario } from '../source.js';
import { beaconEpisodes } from './beacon.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2, fixedDest } from './infra.js';
import { describeSleep, type SleepModel } from '../jitter.js';

const SLEEP: SleepModel = { kind: 'cobalt-strike', sleepS: 10800, jitter: 0.5 };

export const longSleep: Scenario = {
  name: 'long-sleep',
  title: 'Long sleeps and large jitter, visible only over days',
  description: `WerFault.exe on a server, ${describeSleep(SLEEP)}, to ${C2.longSleep.name} (${C2.longSleep.ip}) :443.`,
  infrastructure: [`${C2.longSleep.name} → ${C2.longSleep.ip}`],
  steps: ['initial-execution', 'persistence-start', 'dns-lookup', 'callback', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'long-sleep');
    return h === null ? [] : [h];
  },
  episodes: (ctx) => {
    const start = implantStart(ctx.host, ctx.rng.fork('start'));
    if (start === null) return [][Symbol.iterator]();
    return beaconEpisodes(ctx, {
      startMs: start,
      persistence: 'boot',
      spawn: (session) => ({
        spec: { image: 'C:\\Windows\\System32\\WerFault.exe', commandLine: `C:\\Windows\\system32\\WerFault.exe -u -p ${session.services.pid + 1024} -s 392` },
        parent: session.bootServices.schedule,
      }),
      sleep: SLEEP,
      dest: () => fixedDest(C2.longSleep.name, [C2.longSleep.ip], C2.longSleep.port, 3600),
      processingMs: [100, 900],
      taskingPerHour: 0.02,
    });
  },
};
