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
import { ValueCounts } from './value-counts.js';
import { forEachValue, textOf } from './input.js';
import { detach } from '../../util/detach.js';

/** Splunk keeps the first 100 values in list() (SR-MV). */
export const LIST_LIMIT = 100;

/** Distinct values, counted so a sliding window can remove them (value-counts.ts; one object per group). */
class DistinctValues extends ValueCounts implements Aggregator {
  result(): Value {
    return fromValues(this.keys().sort(compareLexicographic));
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
