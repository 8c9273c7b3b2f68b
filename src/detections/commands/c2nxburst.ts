/**
 * `| c2nxburst [window=60] [threshold=10]`: NXDOMAIN bursts per host + process (src/analytics/dns/
 * nxdomain.ts): the most distinct non-existent names (QueryStatus 9003) looked up within any sliding
 * window. Blocking; one row per host + Image with at least one NXDOMAIN: `host`, `Image`, `queries`,
 * `nxdomains`, `failures`, `distinct_nx_names`, `max_burst`, `burst_start`, `burst_end`,
 * `burst_sample` (up to 5 names), `is_burst` (1 at or above the threshold), `nx_score`
 * (max_burst / (2·threshold), capped at 1). Memory per group is bounded by the window (4,096 entries).
 */
import { createEvent, type Event } from '../../events/event.js';
import { NxdomainBurstAccumulator, NXDOMAIN_DEFAULTS } from '../../analytics/dns/nxdomain.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';

export interface C2nxburstConfig {
  readonly windowSeconds: number;
  readonly threshold: number;
}

export const c2nxburst: CustomCommand<C2nxburstConfig> = {
  name: 'c2nxburst',
  summary: 'largest burst of distinct NXDOMAIN names per host and process',
  rawUse: 'drop', // aggregate rows carry no _raw
  configure(args) {
    const o = new CommandOptions('c2nxburst', args, {
      window: { type: 'number', min: 1, max: 86_400 },
      threshold: { type: 'number', integer: true, min: 1 },
    });
    return { windowSeconds: o.number('window', NXDOMAIN_DEFAULTS.windowSeconds), threshold: o.number('threshold', NXDOMAIN_DEFAULTS.threshold) };
  },
  create(config) {
    const acc = new NxdomainBurstAccumulator({ ...NXDOMAIN_DEFAULTS, windowSeconds: config.windowSeconds, threshold: config.threshold });
    return {
      push(batch: Event[]) {
        for (const event of batch) acc.add(event);
        return [];
      },
      finish() {
        return acc.results().map((r) => {
          const row = createEvent();
          Object.assign(row, {
            host: r.host,
            Image: r.image === '' ? '-' : r.image,
            queries: r.queries,
            nxdomains: r.nxdomains,
            failures: r.failures,
            distinct_nx_names: r.distinctNxNames,
            max_burst: r.maxBurst,
            is_burst: r.isBurst ? 1 : 0,
            nx_score: r.score,
          });
          if (Number.isFinite(r.burstStart)) row['burst_start'] = r.burstStart;
          if (Number.isFinite(r.burstEnd)) row['burst_end'] = r.burstEnd;
          if (r.burstSample.length > 0) row['burst_sample'] = r.burstSample.length === 1 ? (r.burstSample[0] as string) : [...r.burstSample];
          return row;
        });
      },
    };
  },
};
