/**
 * `sort`: a stable sort on the keys in order (collations and missing-last rule in events/compare.ts,
 * spl-semantics §6), truncated to the limit (10,000 unless a count is given; `sort 0` keeps all).
 * Ties keep their input order, which is deterministic. A trailing `desc` reverses every key's direction;
 * missing values stay last.
 */
import type { Event } from '../../events/event.js';
import { makeSortComparator } from '../../events/compare.js';
import type { SortSpec } from '../../plan/types.js';
import type { Operator } from './types.js';

export function sortComparator(keys: readonly SortSpec[], reverse = false): (a: Event, b: Event) => number {
  const cmps = keys.map((k) => ({ field: k.field, cmp: makeSortComparator(k.collation, k.descending !== reverse) }));
  return (a, b) => {
    for (const { field, cmp } of cmps) {
      const c = cmp(a[field], b[field]);
      if (c !== 0) return c;
    }
    return 0;
  };
}

export function sortOperator(step: { keys: readonly SortSpec[]; limit: number; reverse: boolean }): Operator {
  const held: Event[] = [];
  const cmp = sortComparator(step.keys, step.reverse);
  return {
    push(batch) {
      for (const e of batch) held.push(e);
      return [];
    },
    finish() {
      held.sort(cmp);
      return Number.isFinite(step.limit) ? held.slice(0, step.limit) : held;
    },
  };
}
