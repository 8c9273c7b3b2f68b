/**
 * Numeric aggregates (SR-Agg): sum, sumsq, avg/mean, stdev, stdevp, var, varp, range. Non-numeric
 * values are ignored (SR-SCF); a group with no numeric value has no result (null).
 *
 * Sums add in input order, and the spread functions use the single-pass formula
 * `(sumsq − n·mean²)/(n−1)` with `mean = sum/n`: it reproduces Splunk's digits in the docs' `stdev`
 * example (12.615183595289349 for 65,42,40,31,47,53,64), where two-pass and Welford differ in the last
 * digits (spl-semantics §7 [FIT]). The sample functions give 0 for one value (§4.3: "0.000000" for a
 * group of one), and a difference that rounding pushes below zero is clamped to 0.
 *
 * `remove` subtracts, which is exact for integers (window counts) and may differ from a fresh sum in
 * the last digit for fractions.
 */
import type { AggregateDef, Aggregator } from './types.js';
import { forEachNumber } from './input.js';

interface Moments {
  n: number;
  sum: number;
  sumsq: number;
}

function moments(result: (m: Moments) => number | null): Aggregator {
  const m: Moments = { n: 0, sum: 0, sumsq: 0 };
  const addOne = (x: number): void => {
    m.n++;
    m.sum += x;
    m.sumsq += x * x;
  };
  const removeOne = (x: number): void => {
    m.n--;
    m.sum -= x;
    m.sumsq -= x * x;
    if (m.n === 0) {
      m.sum = 0;
      m.sumsq = 0;
    }
  };
  return {
    add: (v) => forEachNumber(v, addOne),
    remove: (v) => forEachNumber(v, removeOne),
    result: () => (m.n === 0 ? null : result(m)),
  };
}

/** Sum of squared deviations from the single-pass formula, never negative. */
function deviation(m: Moments): number {
  const mean = m.sum / m.n;
  return Math.max(0, m.sumsq - m.n * mean * mean);
}

function sampleVariance(m: Moments): number {
  return m.n === 1 ? 0 : deviation(m) / (m.n - 1);
}

function populationVariance(m: Moments): number {
  return deviation(m) / m.n;
}

function range(): Aggregator {
  let lo = Infinity;
  let hi = -Infinity;
  let seen = false;
  return {
    add: (v) => forEachNumber(v, (x) => {
      seen = true;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }),
    result: () => (seen ? hi - lo : null),
  };
}

export const numericAggregates: readonly AggregateDef[] = [
  { name: 'sum', field: 'required', create: () => moments((m) => m.sum) },
  { name: 'sumsq', field: 'required', create: () => moments((m) => m.sumsq) },
  { name: 'avg', aliases: ['mean'], field: 'required', create: () => moments((m) => m.sum / m.n) },
  { name: 'stdev', field: 'required', create: () => moments((m) => Math.sqrt(sampleVariance(m))) },
  { name: 'stdevp', field: 'required', create: () => moments((m) => Math.sqrt(populationVariance(m))) },
  { name: 'var', field: 'required', create: () => moments(sampleVariance) },
  { name: 'varp', field: 'required', create: () => moments(populationVariance) },
  { name: 'range', field: 'required', create: range },
];
