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
import type { AggregateDef, Aggregator } from './types.js';
import { forEachValue, textOf } from './input.js';

/** Splunk keeps the first 100 values in list() (SR-MV). */
export const LIST_LIMIT = 100;

function values(): Aggregator {
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
    result: () => fromValues([...counts.keys()].sort(compareLexicographic)),
  };
}

function list(): Aggregator {
  const out: string[] = [];
  return {
    add: (v) => forEachValue(v, (x) => {
      if (out.length < LIST_LIMIT) out.push(textOf(x));
    }),
    result: () => fromValues(out),
  };
}

export const multivalueAggregates: readonly AggregateDef[] = [
  { name: 'values', field: 'required', create: values },
  { name: 'list', field: 'required', create: list },
];
