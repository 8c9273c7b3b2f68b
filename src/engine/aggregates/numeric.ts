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
import type { Value } from '../../events/event.js';
import { parseNumber } from '../../events/number.js';
import { forEachNumber } from './input.js';

interface Moments {
  n: number;
  sum: number;
  sumsq: number;
}

/** n, sum and sum of squares, in input order (a class: one small object per group). */
class MomentsAggregator implements Aggregator, Moments {
  n = 0;
  sum = 0;
  sumsq = 0;
  constructor(private readonly finish: (m: Moments) => number | null) {}

  add(v: Value | undefined): void {
    if (typeof v === 'number') this.addOne(v);
    else if (typeof v === 'string') {
      const x = parseNumber(v);
      if (x !== null) this.addOne(x);
    } else if (Array.isArray(v)) {
      for (const s of v) {
        const x = parseNumber(s);
        if (x !== null) this.addOne(x);
      }
    }
  }

  remove(v: Value | undefined): void {
    forEachNumber(v, (x) => {
      this.n--;
      this.sum -= x;
      this.sumsq -= x * x;
      if (this.n === 0) {
        this.sum = 0;
        this.sumsq = 0;
      }
    });
  }

  result(): Value {
    return this.n === 0 ? null : this.finish(this);
  }

  private addOne(x: number): void {
    this.n++;
    this.sum += x;
    this.sumsq += x * x;
  }
}

function moments(result: (m: Moments) => number | null): Aggregator {
  return new MomentsAggregator(result);
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

const SUM = (m: Moments): number => m.sum;
const SUMSQ = (m: Moments): number => m.sumsq;
const MEAN = (m: Moments): number => m.sum / m.n;
const STDEV = (m: Moments): number => Math.sqrt(sampleVariance(m));
const STDEVP = (m: Moments): number => Math.sqrt(populationVariance(m));

export const numericAggregates: readonly AggregateDef[] = [
  { name: 'sum', field: 'required', create: () => moments(SUM) },
  { name: 'sumsq', field: 'required', create: () => moments(SUMSQ) },
  { name: 'avg', aliases: ['mean'], field: 'required', create: () => moments(MEAN) },
  { name: 'stdev', field: 'required', create: () => moments(STDEV) },
  { name: 'stdevp', field: 'required', create: () => moments(STDEVP) },
  { name: 'var', field: 'required', create: () => moments(sampleVariance) },
  { name: 'varp', field: 'required', create: () => moments(populationVariance) },
  { name: 'range', field: 'required', create: range },
];
