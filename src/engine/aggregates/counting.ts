/**
 * Counting aggregates (SR-Agg): count, count(X) / c(X), dc(X) / distinct_count(X), estdc(X).
 *
 * - `count` with no field counts events (results) in the group.
 * - `count(X)` counts occurrences of X: every value, so a multivalue with three values counts three
 *   [UNCONFIRMED: events vs values]. `count(eval(...))` reaches here as a value for true, absent for false.
 * - `dc(X)` counts distinct values as strings: "1", "1.0" and "01" are three (SR-SCF).
 * - `estdc(X)` is exact (Splunk is exact below 1000 distinct values; c2hunt always is).
 */
import type { AggregateDef, Aggregator } from './types.js';
import { forEachValue, textOf } from './input.js';

function countEvents(): Aggregator {
  let n = 0;
  return {
    add: () => void n++,
    remove: () => void n--,
    result: () => n,
  };
}

function countValues(): Aggregator {
  let n = 0;
  return {
    add: (v) => forEachValue(v, () => void n++),
    remove: (v) => forEachValue(v, () => void n--),
    result: () => n,
  };
}

function distinctCount(): Aggregator {
  const counts = new Map<string, number>();
  return {
    add: (v) => forEachValue(v, (x) => {
      const k = textOf(x);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }),
    remove: (v) => forEachValue(v, (x) => {
      const k = textOf(x);
      const c = (counts.get(k) ?? 0) - 1;
      if (c <= 0) counts.delete(k);
      else counts.set(k, c);
    }),
    result: () => counts.size,
  };
}

export const countingAggregates: readonly AggregateDef[] = [
  { name: 'count', aliases: ['c'], field: 'optional', create: countValues, createWithoutField: countEvents },
  { name: 'dc', aliases: ['distinct_count'], field: 'required', create: distinctCount },
  { name: 'estdc', field: 'required', create: distinctCount },
];
