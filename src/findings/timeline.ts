/**
 * A finding's connection times, bounded for reports: at most `TIMELINE_CAP` points kept (evenly by rank,
 * first and last always kept, so the same input always keeps the same points), and the histogram of
 * intervals computed from every time before thinning, so the histogram stays exact.
 */

export const TIMELINE_CAP = 2000;
export const HISTOGRAM_BINS = 24;

export interface IntervalHistogram {
  /** `counts.length + 1` ascending bin edges in seconds, log-spaced; each bin is [lo, hi), the last [lo, hi]. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Intervals of zero seconds (two connections with one timestamp), kept out of the log bins. */
  readonly zero: number;
  /** Median interval over all intervals (including zeros), seconds. */
  readonly median: number | null;
  readonly total: number;
}

export interface Timeline {
  /** Epoch seconds, ascending, at most TIMELINE_CAP. */
  readonly times: readonly number[];
  /** How many times the finding carried before thinning. */
  readonly total: number;
  readonly intervals: IntervalHistogram;
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
  const total = gaps.length;
  if (total === 0) return { edges: [], counts: [], zero: 0, median: null, total: 0 };
  const ordered = [...gaps].sort((a, b) => a - b);
  const mid = ordered.length >> 1;
  const median =
    ordered.length % 2 === 1 ? (ordered[mid] as number) : ((ordered[mid - 1] as number) + (ordered[mid] as number)) / 2;
  const positive = ordered.filter((g) => g > 0);
  const zero = total - positive.length;
  if (positive.length === 0) return { edges: [], counts: [], zero, median, total };
  const lo = positive[0] as number;
  const hi = positive[positive.length - 1] as number;
  if (hi / lo < 1.000001) {
    return { edges: [lo, hi], counts: [positive.length], zero, median, total };
  }
  const logLo = Math.log(lo);
  const step = (Math.log(hi) - logLo) / bins;
  const edges: number[] = [];
  // Inner edges rounded to milliseconds for readable output; counts use the exact positions.
  for (let i = 0; i <= bins; i++) edges.push(i === 0 ? lo : i === bins ? hi : Math.round(Math.exp(logLo + i * step) * 1000) / 1000);
  const counts = new Array<number>(bins).fill(0);
  for (const g of positive) {
    let b = Math.floor((Math.log(g) - logLo) / step);
    if (b >= bins) b = bins - 1;
    if (b < 0) b = 0;
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, counts, zero, median, total };
}

/** A timeline from connection times in any order; undefined when there are none. */
export function buildTimeline(times: readonly number[], cap: number = TIMELINE_CAP): Timeline | undefined {
  const sorted = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return { times: thin(sorted, cap), total: sorted.length, intervals: intervalHistogram(sorted) };
}
