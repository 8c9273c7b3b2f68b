/**
 * A weighted, ascending set of interval values: the common input of the scorer, built either exactly
 * (every interval, weight 1) or from the log-binned sketch (bin centre, weight = count). Quantiles follow
 * the expanded-list convention, so with weight 1 everywhere they equal the ordinary median.
 */
import { binIntervals, type BinnedIntervals } from '../../util/interval-bins.js';

export interface IntervalDistribution {
  /** Ascending values. */
  readonly values: Float64Array;
  /** Positive integer weights, same length. */
  readonly weights: Float64Array;
  readonly total: number;
  /** Exact sum of the intervals (the sketch keeps it exactly), for the mean. */
  readonly sum: number;
}

export function exactDistribution(intervals: ArrayLike<number>): IntervalDistribution {
  const values = Float64Array.from(intervals as ArrayLike<number>).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return { values, weights: new Float64Array(values.length).fill(1), total: values.length, sum };
}

/** Index range [from, to) of the values inside [lo, hi]. */
export function rangeIndices(d: IntervalDistribution, lo: number, hi: number): [number, number] {
  return [lowerBound(d.values, lo), upperBound(d.values, hi)];
}

export function countIn(d: IntervalDistribution, from: number, to: number): number {
  let c = 0;
  for (let i = from; i < to; i++) c += d.weights[i] as number;
  return c;
}

/** Value at 0-based position `pos` of the expanded list restricted to indices [from, to). */
function valueAt(d: IntervalDistribution, from: number, to: number, pos: number): number {
  let acc = 0;
  for (let i = from; i < to; i++) {
    acc += d.weights[i] as number;
    if (pos < acc) return d.values[i] as number;
  }
  return d.values[to - 1] as number;
}

/** Median of the expanded list over indices [from, to): middle value or mean of the two middle values. */
export function weightedMedian(d: IntervalDistribution, from = 0, to = d.values.length): number {
  const n = countIn(d, from, to);
  if (n === 0) return Number.NaN;
  const lo = Math.floor((n - 1) / 2);
  const hi = Math.ceil((n - 1) / 2);
  return (valueAt(d, from, to, lo) + valueAt(d, from, to, hi)) / 2;
}

/** Weighted quantile q ∈ [0, 1] by nearest rank over the expanded list (for evidence: p10, p90). */
export function weightedQuantile(d: IntervalDistribution, q: number): number {
  if (d.total === 0) return Number.NaN;
  const pos = Math.min(d.total - 1, Math.max(0, Math.round(q * (d.total - 1))));
  return valueAt(d, 0, d.values.length, pos);
}

/** Median (or the q-quantile, nearest rank) of |x − center| over indices [from, to). */
export function weightedMad(
  d: IntervalDistribution,
  center: number,
  from = 0,
  to = d.values.length,
  q = 0.5,
): number {
  const n = to - from;
  if (n <= 0) return Number.NaN;
  const pairs: Array<[number, number]> = [];
  for (let i = from; i < to; i++) pairs.push([Math.abs((d.values[i] as number) - center), d.weights[i] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const dev: IntervalDistribution = {
    values: Float64Array.from(pairs, (p) => p[0]),
    weights: Float64Array.from(pairs, (p) => p[1]),
    total: countIn(d, from, to),
    sum: 0,
  };
  return q === 0.5 ? weightedMedian(dev) : weightedQuantile(dev, q);
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The distribution binned for a report's histogram (util/interval-bins.ts). */
export function binDistribution(d: IntervalDistribution, bins = 24): BinnedIntervals {
  return binIntervals(d.values, d.weights, bins);
}
