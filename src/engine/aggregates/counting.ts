/**
 * Counting aggregates (SR-Agg): count, count(X) / c(X), dc(X) / distinct_count(X), estdc(X).
 *
 * - `count` with no field counts events (results) in the group.
 * - `count(X)` counts occurrences of X: every value, so a multivalue with three values counts three
 *   [UNCONFIRMED: events vs values]. `count(eval(...))` reaches here as a value for true, absent for false.
 * - `dc(X)` counts distinct values as strings: "1", "1.0" and "01" are three (SR-SCF).
 * - `estdc(X)` is exact (Splunk is exact below 1000 distinct values; c2hunt always is).
 */
import type { Value } from '../../events/event.js';
import type { AggregateDef, Aggregator } from './types.js';
import { ValueCounts } from './value-counts.js';

// The per-group state of the most common functions is a class (shared methods, one small object per
// group) rather than an object of closures: stats keeps one per group, often tens of thousands.

class CountEvents implements Aggregator {
  private n = 0;
  add(): void {
    this.n++;
  }
  remove(): void {
    this.n--;
  }
  result(): number {
    return this.n;
  }
}

/** How many values `v` holds, as forEachValue would visit them. */
const valueCount = (v: Value | undefined): number => (v === null || v === undefined ? 0 : Array.isArray(v) ? v.length : 1);

class CountValues implements Aggregator {
  private n = 0;
  add(v: Value | undefined): void {
    this.n += valueCount(v);
  }
  remove(v: Value | undefined): void {
    this.n -= valueCount(v);
  }
  result(): number {
    return this.n;
  }
}

const countEvents = (): Aggregator => new CountEvents();
const countValues = (): Aggregator => new CountValues();

class DistinctCount extends ValueCounts implements Aggregator {
  result(): Value {
    return this.size;
  }
}

const distinctCount = (): Aggregator => new DistinctCount();

export const countingAggregates: readonly AggregateDef[] = [
  { name: 'count', aliases: ['c'], field: 'optional', create: countValues, createWithoutField: countEvents },
  { name: 'dc', aliases: ['distinct_count'], field: 'required', create: distinctCount },
  { name: 'estdc', field: 'required', create: distinctCount },
];
