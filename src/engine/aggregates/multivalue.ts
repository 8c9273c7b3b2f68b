/**
 * Multivalue aggregates (SR-MV): values(X) and list(X).
 *
 * - values: the distinct values in lexicographic (UTF-8 byte) order, with no limit (SR-MV): ports 80,
 *   443, 3389 give 3389, 443, 80. A multivalue input adds each of its values, so `values(Ports)` over
 *   the Ports of an earlier stats flattens, dedupes and re-sorts [UNCONFIRMED flatten, §4.3].
 * - list: the values in input order, duplicates kept, the first 100 only (SR-MV).
 * Both are strings; one value comes out as a plain string and none as null (src/events/multivalue.ts).
 */
import { compareLexicographic } from '../../events/compare.js';
import { fromValues } from '../../events/multivalue.js';
import type { Value } from '../../events/event.js';
import type { AggregateDef, Aggregator } from './types.js';
import { forEachValue, textOf } from './input.js';
import { detach } from '../../util/detach.js';

/** Splunk keeps the first 100 values in list() (SR-MV). */
export const LIST_LIMIT = 100;

/**
 * Distinct values with their counts (counts matter for sliding windows). Most groups see one distinct
 * value, so that one is kept in two fields and a Map is made only for a second.
 */
class DistinctValues implements Aggregator {
  private only: string | null = null;
  private onlyCount = 0;
  private counts: Map<string, number> | null = null;

  add(v: Value | undefined): void {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) this.addOne(x);
    else this.addOne(textOf(v));
  }

  remove(v: Value | undefined): void {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) this.removeOne(x);
    else this.removeOne(textOf(v));
  }

  result(): Value {
    if (this.counts === null) return this.only === null ? fromValues([]) : fromValues([this.only]);
    return fromValues([...this.counts.keys()].sort(compareLexicographic));
  }

  private addOne(k: string): void {
    if (this.counts === null) {
      if (this.only === null || this.only === k) {
        if (this.only === null) this.only = detach(k);
        this.onlyCount++;
        return;
      }
      this.counts = new Map([[this.only, this.onlyCount]]);
      this.only = null;
      this.onlyCount = 0;
    }
    const c = this.counts.get(k);
    this.counts.set(c === undefined ? detach(k) : k, (c ?? 0) + 1);
  }

  private removeOne(k: string): void {
    if (this.counts === null) {
      if (this.only === k && --this.onlyCount <= 0) {
        this.only = null;
        this.onlyCount = 0;
      }
      return;
    }
    const c = (this.counts.get(k) ?? 0) - 1;
    if (c <= 0) this.counts.delete(k);
    else this.counts.set(k, c);
  }
}

const values = (): Aggregator => new DistinctValues();

function list(): Aggregator {
  const out: string[] = [];
  return {
    add: (v) => forEachValue(v, (x) => {
      if (out.length < LIST_LIMIT) out.push(detach(textOf(x)));
    }),
    result: () => fromValues(out),
  };
}

export const multivalueAggregates: readonly AggregateDef[] = [
  { name: 'values', field: 'required', create: values },
  { name: 'list', field: 'required', create: list },
];
