/**
 * Third-party and browser updaters on Task Scheduler timers (telemetry-realism §2.1):
 * - Google Update (Omaha): the machine UA task runs GoogleUpdate.exe every hour; it checks
 *   update.googleapis.com when at least 5 h − 5 min have passed since the last check, so checks drift
 *   across the day (12, 17, 22, 3, 8 h …) [R30]. Installed with Chrome.
 * - Microsoft Edge Update: the UA task runs hourly and checks every 10 h (AutoUpdateCheckPeriodMinutes
 *   default) [R31][R32]. Installed everywhere.
 * Each run is a new process under the Schedule service, so EID 1 recurs hourly even when no check is due.
 */
import type { BenignSource, BenignContext } from '../source.js';
import type { SimEvent } from '../model.js';
import type { DomainSpec } from '../infra.js';
import { VENDOR, MS } from './domains.js';
import { benignDest, contact } from '../net.js';
import { processCreate } from '../build.js';
import { episode } from '../stream.js';
import { HOUR, MINUTE } from '../clock.js';
import type { EpisodeSource } from '../stream.js';

function* hourlyUpdater(ctx: BenignContext, image: string, args: string, spec: DomainSpec, gateMs: number): EpisodeSource {
  const { host, rng, label } = ctx;
  const dest = benignDest(spec);
  const minute = rng.int(0, 59);
  let lastCheck = -Infinity;
  for (const session of host.sessions) {
    // The task fires at the same minute past every hour; runs missed while the machine was off are skipped.
    for (let slot = Math.ceil((session.bootMs + 2 * MINUTE - minute * MINUTE) / HOUR); ; slot++) {
      const t = slot * HOUR + minute * MINUTE + rng.int(0, 20) * 1000;
      if (t >= session.endMs) break;
      const proc = session.spawn({ image, commandLine: `"${image}" ${args}`, currentDirectory: 'C:\\Windows\\system32\\' }, t, session.bootServices.schedule);
      const events: SimEvent[] = [processCreate(rng, session, proc, label)];
      if (t - lastCheck >= gateMs) {
        events.push(...contact(rng, session, proc, t + rng.int(300, 2500), dest, null, label, rng.int(1, 2)).events);
        lastCheck = t;
      }
      yield episode(events);
    }
  }
}

export const googleUpdateSource: BenignSource = {
  name: 'google-update',
  category: 'software-updater',
  description: 'GoogleUpdate.exe /ua hourly from the Task Scheduler; update.googleapis.com:443 when ≥ 4 h 55 min since the last check [R30]. Hosts with Chrome.',
  applies: (host) => host.software.browser === 'chrome',
  episodes: (ctx) =>
    hourlyUpdater(ctx, 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', '/ua /installsource scheduler', VENDOR.googleUpdate, 5 * HOUR - 5 * MINUTE),
};

export const edgeUpdateSource: BenignSource = {
  name: 'edge-update',
  category: 'software-updater',
  description: 'MicrosoftEdgeUpdate.exe /ua hourly from the Task Scheduler; msedge.api.cdp.microsoft.com:443 every 10 h [R31][R32].',
  applies: () => true,
  episodes: (ctx) =>
    hourlyUpdater(ctx, 'C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe', '/ua /installsource scheduler', MS.edgeUpdate, 10 * HOUR),
};
