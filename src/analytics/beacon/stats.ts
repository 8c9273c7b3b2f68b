/**
 * Order statistics shared by the RITA baseline and the c2hunt scorer.
 *
 * The quartile rule is montanaflynn/stats v0.7.1 `Quartile` (the library RITA v5 links), not numpy's
 * interpolation: for odd n the median is left out of both halves (beacon-scoring.md §1.3).
 */

/** Median of an ascending array: the middle value, or the mean of the two middle values. NaN when empty. */
export function medianSorted(sorted: ArrayLike<number>, from = 0, to = sorted.length): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  const mid = from + (n >> 1);
  if (n % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface Quartiles {
  readonly q1: number;
  readonly q2: number;
  readonly q3: number;
}

/** montanaflynn/stats v0.7.1 `Quartile` on an ascending array with at least 2 values. */
export function quartilesSorted(sorted: ArrayLike<number>): Quartiles {
  const n = sorted.length;
  const half = n >> 1; // n even: n/2 each side; n odd: (n−1)/2 each side, median excluded
  return {
    q1: medianSorted(sorted, 0, half),
    q2: medianSorted(sorted, 0, n),
    q3: medianSorted(sorted, n - half, n),
  };
}

/** Population median absolute deviation around the median (montanaflynn `MedianAbsoluteDeviation`). */
export function madSorted(sorted: ArrayLike<number>): { median: number; mad: number } {
  const m = medianSorted(sorted);
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) dev[i] = Math.abs((sorted[i] as number) - m);
  dev.sort();
  return { median: m, mad: medianSorted(dev) };
}

/** Go `math.Round(x*1000)/1000`: round half away from zero at the third decimal. */
export function round3(x: number): number {
  const r = Math.round(Math.abs(x) * 1000) / 1000;
  return x < 0 ? -r : r;
}

/** `math.Ceil(x*1000)/1000`, RITA's rounding for the duration score only. */
export function ceil3(x: number): number {
  return Math.ceil(x * 1000) / 1000;
}

/** Ascending copy as a Float64Array (numeric sort, unlike Array#sort's default). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  out.sort();
  return out;
}
