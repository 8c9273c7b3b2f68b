/**
 * How aggregates read their input (SR-SCF "How field values are processed", spl-semantics §4.2):
 * every value of a multivalue counts separately; numeric functions take the values that read as
 * numbers and ignore the rest; string functions take each value's text.
 */
import type { Value } from '../../events/event.js';
import { formatNumber } from '../../events/format.js';
import { parseNumber } from '../../events/number.js';

/** Call `f` for each value: one for a scalar, each element of a multivalue, none for null/absent. */
export function forEachValue(v: Value | undefined, f: (x: string | number) => void): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) for (const x of v) f(x);
  else f(v);
}

/** Call `f` for each value that reads as a number. Unrolled: this runs once per event and field. */
export function forEachNumber(v: Value | undefined, f: (n: number) => void): void {
  if (typeof v === 'number') {
    f(v);
  } else if (typeof v === 'string') {
    const n = parseNumber(v);
    if (n !== null) f(n);
  } else if (Array.isArray(v)) {
    for (const x of v) {
      const n = parseNumber(x);
      if (n !== null) f(n);
    }
  }
}

/** A value's text, numbers printed as Splunk prints them. */
export function textOf(x: string | number): string {
  return typeof x === 'number' ? formatNumber(x) : x;
}
