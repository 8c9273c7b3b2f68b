/**
 * A finding's connection times, bounded for reports: at most `TIMELINE_CAP` points kept (evenly by rank,
 * first and last always kept, so the same input always keeps the same points), and the histogram of
 * intervals computed from every time before thinning, so the histogram stays exact.
 *
 * A detection may itself carry only a sample of the times (c2beacon keeps 500, evenly by rank, while it
 * counts every connection). The gaps between sampled times are sums of several real intervals, so no
 * histogram is made then: `intervals` is left out rather than drawn wrong, and `total` is the finding's
 * connection count, so the timeline's density is still scaled right.
 */
import { binIntervals, type BinnedIntervals } from '../util/interval-bins.js';

export const TIMELINE_CAP = 2000;
export const HISTOGRAM_BINS = 24;

/** Intervals binned on a log scale (util/interval-bins.ts); `kind` says between what. */
export interface IntervalHistogram extends BinnedIntervals {
  /** `connections`: every gap between the finding's connection times; `checkins`: the detection's check-in intervals (bursts merged). */
  readonly kind?: 'connections' | 'checkins';
}

export interface Timeline {
  /** Epoch seconds, ascending, at most TIMELINE_CAP. */
  readonly times: readonly number[];
  /** Connections the times stand for: the finding's count when it carried a sample, else the times before thinning. */
  readonly total: number;
  /** Over every connection; absent when the finding carried only a sample of its times (module header). */
  readonly intervals?: IntervalHistogram | undefined;
}

/** Pick `cap` of `sorted` evenly by rank: index ⌊i·(n−1)/(cap−1)⌋, so the first and last are kept. */
export function thin(sorted: readonly number[], cap: number = TIMELINE_CAP): number[] {
  const n = sorted.length;
  if (n <= cap) return [...sorted];
  if (cap <= 1) return cap === 1 ? [sorted[0] as number] : [];
  const out: number[] = new Array<number>(cap);
  for (let i = 0; i < cap; i++) out[i] = sorted[Math.floor((i * (n - 1)) / (cap - 1))] as number;
  return out;
}

/** Log-binned histogram of the gaps between consecutive sorted times. */
export function intervalHistogram(sorted: readonly number[], bins: number = HISTOGRAM_BINS): IntervalHistogram {
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push((sorted[i] as number) - (sorted[i - 1] as number));
  return { ...binIntervals(gaps.sort((a, b) => a - b), undefined, bins), kind: 'connections' };
}

/**
 * A timeline from connection times in any order; undefined when there are none. `count`: how many
 * connections the finding counted, when known; more than the times means the times are a sample.
 * `intervals`: a histogram the detection computed over every connection, used instead of one from the times.
 */
export function buildTimeline(
  times: readonly number[],
  cap: number = TIMELINE_CAP,
  count?: number,
  intervals?: IntervalHistogram,
): Timeline | undefined {
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const sampled = count !== undefined && Number.isFinite(count) && count > sorted.length;
  return {
    times: thin(sorted, cap),
    total: sampled ? Math.round(count) : sorted.length,
    intervals: intervals ?? (sampled ? undefined : intervalHistogram(sorted)),
  };
}

const MAX_BINS = 64;
const NUMBER = String.raw`(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;
const BIN_RE = new RegExp(`^(${NUMBER}) (${NUMBER}) (\\d+)$`, 'i');
const KEY_RE = new RegExp(`^(total|median|zero) (${NUMBER})$`, 'i');

/**
 * A detection's interval histogram from its text entries (c2beacon's `beacon_intervals`): `total N`,
 * `median S`, `zero N` and `LO HI COUNT` per bin, every bin, ascending and touching. Undefined when the value
 * is absent or does not read as one: a row is attacker-influenced data, so a bad entry drops the whole
 * histogram (the report then falls back to the times) rather than drawing half of one.
 */
export function parseIntervalEntries(value: unknown): IntervalHistogram | undefined {
  const entries = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (entries.length === 0 || entries.length > MAX_BINS + 3) return undefined;
  let total: number | undefined;
  let median: number | null = null;
  let zero = 0;
  const edges: number[] = [];
  const counts: number[] = [];
  for (const e of entries) {
    if (typeof e !== 'string') return undefined;
    const k = KEY_RE.exec(e);
    if (k !== null) {
      const v = Number(k[2]);
      const key = (k[1] as string).toLowerCase();
      if (key === 'total') total = v;
      else if (key === 'median') median = v;
      else zero = v;
      continue;
    }
    const b = BIN_RE.exec(e);
    if (b === null) return undefined;
    const lo = Number(b[1]);
    const hi = Number(b[2]);
    const c = Number(b[3]);
    const last = edges[edges.length - 1];
    // Bins touch (each starts where the last ended): the chart places them by index on a log axis.
    if (!(lo > 0 && hi >= lo) || (last !== undefined && lo !== last)) return undefined;
    if (edges.length === 0) edges.push(lo);
    edges.push(hi);
    counts.push(c);
  }
  if (counts.length === 0 || counts.length > MAX_BINS) return undefined;
  const sum = counts.reduce((a, b) => a + b, 0) + zero;
  if (total === undefined || total !== sum) return undefined;
  return { edges, counts, zero, median, total, kind: 'checkins' };
}
