/**
 * `| c2beacon by <fields> [options]`: interval beacon scoring per group (src/analytics/beacon, the c2hunt
 * scorer; docs/beacon-scoring.md). Blocking like stats: it consumes events and, at the end, emits one row
 * per group with the BY fields, the score and its evidence as numbers, a bounded timeline, and the
 * distinct values of any `values=` fields. Memory is bounded per group (the accumulator's exact tier is
 * capped at 2,048 times, then a ~5 KB sketch; timelines and value samples are capped).
 *
 * Events without `_time` (or the `time=` field) or a BY field are skipped; so are Sysmon EID 3 events
 * with `Initiated` other than true (inbound connections are not callbacks).
 */
import { PlanError } from '../../errors.js';
import { createEvent, type Event, type Value } from '../../events/event.js';
import { BeaconAccumulator, beaconConfig, binDistribution, type BeaconConfig, type BeaconScore, type IntervalDistribution } from '../../analytics/beacon/index.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { DistinctSample, StrideSample } from './sampler.js';
import { byKey, num, setField, text, texts } from './values.js';

export interface C2beaconConfig {
  readonly by: readonly string[];
  readonly time: string;
  readonly values: readonly string[];
  readonly valuesCap: number;
  readonly timeline: number;
  readonly beacon: BeaconConfig;
}

interface Group {
  readonly values: readonly string[];
  readonly acc: BeaconAccumulator;
  readonly times: StrideSample;
  readonly samples: DistinctSample[];
}

const ms = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * The group's check-in intervals as a log-binned histogram, one text value per part: `total N`,
 * `median S`, `zero N` (when any), then `LO HI COUNT` per bin, empty ones too (seconds, log-spaced). It is exact over
 * every connection, where `beacon_times` is only a sample; findings read it as `finding: intervals:`.
 */
export function intervalEntries(intervals: IntervalDistribution): string[] {
  const h = binDistribution(intervals);
  if (h.total === 0) return [];
  const out = [`total ${h.total}`];
  if (h.median !== null) out.push(`median ${ms(h.median)}`);
  if (h.zero > 0) out.push(`zero ${h.zero}`);
  h.counts.forEach((c, i) => out.push(`${ms(h.edges[i] as number)} ${ms(h.edges[i + 1] as number)} ${c}`));
  return out;
}

/** Output fields, documented in docs/detections.md. */
function scoreFields(s: BeaconScore): Record<string, Value> {
  const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
  const out: Record<string, Value> = {
    beacon_score: s.score,
    beacon_scored: s.scored ? 1 : 0,
    beacon_confidence: s.confidence,
    connections: s.connections,
    checkins: s.checkins,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    span: r3(s.span),
    period: r3(s.period),
    median_interval: r3(s.medianInterval),
    p10_interval: r3(s.p10Interval),
    p90_interval: r3(s.p90Interval),
    jitter: r3(s.jitter),
    jitter_seconds: r3(s.jitterSeconds),
    missed_checkins: s.missedCheckins,
    occupancy: r3(s.occupancy),
    coverage: r3(s.coverage),
    burst_median: s.burstMedian,
    burst_max: s.burstMax,
    hours_active: s.hoursActive,
    days_active: s.daysActive,
    beacon_excess: r3(s.factors.excess),
    beacon_fit_confidence: r3(s.factors.fitConfidence),
    beacon_explanation: s.scored ? s.explanation : (s.reason ?? 'not scored'),
  };
  return out;
}

export const c2beacon: CustomCommand<C2beaconConfig> = {
  name: 'c2beacon',
  summary: 'interval beacon score per group (one row per group)',
  rawUse: 'drop', // aggregate rows carry no _raw
  configure(args) {
    const o = new CommandOptions(
      'c2beacon',
      args,
      {
        time: { type: 'field' },
        values: { type: 'fields' },
        values_cap: { type: 'number', integer: true, min: 1, max: 64 },
        timeline: { type: 'number', integer: true, min: 0, max: 2000 },
        min_checkins: { type: 'number', integer: true, min: 3, max: 1_000_000 },
        burst_gap: { type: 'number', min: 0, max: 3600 },
        max_burst_span: { type: 'number', min: 0, max: 86_400 },
        max_harmonic: { type: 'number', integer: true, min: 1, max: 16 },
      },
      { by: 'required' },
    );
    const burstGap = o.number('burst_gap', 2);
    const overrides = {
      minCheckins: o.number('min_checkins', 4),
      burstGap,
      maxBurstSpan: o.number('max_burst_span', Math.max(30, burstGap)),
      maxHarmonic: o.number('max_harmonic', 4),
    };
    let beacon: BeaconConfig;
    try {
      // Only combinations can fail here (max_burst_span below burst_gap); each value was checked above.
      beacon = beaconConfig(overrides);
    } catch (err) {
      throw new PlanError(`c2beacon: ${(err as Error).message}`);
    }
    return {
      by: o.by,
      time: o.field('time', '_time'),
      values: o.fields('values', []),
      valuesCap: o.number('values_cap', 16),
      timeline: o.number('timeline', 500),
      beacon,
    };
  },
  create(config) {
    const groups = new Map<string, Group>();
    let windowStart = Infinity;
    let windowEnd = -Infinity;
    return {
      push(batch: Event[]) {
        for (const event of batch) {
          const initiated = text(event['Initiated']);
          if (initiated !== undefined && initiated.toLowerCase() !== 'true') continue;
          const time = num(event[config.time]);
          if (time === undefined) continue;
          const key = byKey(event, config.by);
          if (key === null) continue;
          let g = groups.get(key.key);
          if (g === undefined) {
            g = {
              values: key.values,
              acc: new BeaconAccumulator(config.beacon),
              times: new StrideSample(config.timeline),
              samples: config.values.map(() => new DistinctSample(config.valuesCap)),
            };
            groups.set(key.key, g);
          }
          g.acc.add(time);
          g.times.add(time);
          config.values.forEach((f, i) => {
            for (const v of texts(event[f])) (g.samples[i] as DistinctSample).add(v);
          });
          if (time < windowStart) windowStart = time;
          if (time > windowEnd) windowEnd = time;
        }
        return [];
      },
      finish() {
        const rows: { row: Event; score: number; key: string }[] = [];
        for (const [key, g] of groups) {
          const { score: s, intervals } = g.acc.resultWithIntervals({ windowStart, windowEnd });
          const row = createEvent();
          config.by.forEach((f, i) => (row[f] = g.values[i] as string));
          for (const [k, v] of Object.entries(scoreFields(s))) setField(row, k, v);
          config.values.forEach((f, i) => {
            const sample = g.samples[i] as DistinctSample;
            setField(row, f, [...sample.values]);
            row[`${f}_count`] = sample.count;
          });
          if (config.timeline > 0) {
            setField(row, 'beacon_times', g.times.result().map((t) => String(t)));
            setField(row, 'beacon_intervals', intervalEntries(intervals));
          }
          rows.push({ row, score: s.score, key });
        }
        // Best first; ties by the group's key text so the output is the same for any input order.
        rows.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        return rows.map((r) => r.row);
      },
    };
  },
};
