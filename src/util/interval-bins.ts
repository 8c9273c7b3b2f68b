/**
 * Intervals binned for a report's histogram: log-spaced bins between the smallest and the largest
 * positive interval, zeros apart, and the median. Shared by the findings' connection timelines (every
 * gap between connection times) and the beacon scorer's check-in intervals (exact, or sketched with
 * weights), so both histograms read the same.
 */

export interface BinnedIntervals {
  /** `counts.length + 1` ascending edges in seconds; each bin is [lo, hi), the last [lo, hi]. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Intervals of zero (two events with one timestamp), kept out of the log bins. */
  readonly zero: number;
  /** Median over all intervals, zeros included; null when there are none. */
  readonly median: number | null;
  readonly total: number;
}

/**
 * `values` ascending; `weights` (same length, positive) or every value once. The median follows the
 * expanded-list convention: the middle value, or the mean of the two middle values.
 */
export function binIntervals(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, bins: number): BinnedIntervals {
  const n = values.length;
  const w = (i: number): number => (weights === undefined ? 1 : (weights[i] as number));
  let total = 0;
  for (let i = 0; i < n; i++) total += w(i);
  if (total === 0) return { edges: [], counts: [], zero: 0, median: null, total: 0 };
  const at = (pos: number): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += w(i);
      if (pos < acc) return values[i] as number;
    }
    return values[n - 1] as number;
  };
  const median = (at(Math.floor((total - 1) / 2)) + at(Math.ceil((total - 1) / 2))) / 2;
  let first = 0;
  let zero = 0;
  while (first < n && (values[first] as number) <= 0) zero += w(first++);
  if (first === n) return { edges: [], counts: [], zero, median, total };
  const lo = values[first] as number;
  const hi = values[n - 1] as number;
  if (hi / lo < 1.000001) return { edges: [lo, hi], counts: [total - zero], zero, median, total };
  const logLo = Math.log(lo);
  const step = (Math.log(hi) - logLo) / bins;
  const edges: number[] = [];
  // Inner edges rounded to milliseconds for readable output; counts use the exact positions.
  for (let i = 0; i <= bins; i++) edges.push(i === 0 ? lo : i === bins ? hi : Math.round(Math.exp(logLo + i * step) * 1000) / 1000);
  const counts = new Array<number>(bins).fill(0);
  for (let i = first; i < n; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((Math.log(values[i] as number) - logLo) / step)));
    counts[b] = (counts[b] as number) + w(i);
  }
  return { edges, counts, zero, median, total };
}
