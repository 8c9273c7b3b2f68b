/**
 * Multivalue helpers shared by eval functions and aggregates.
 *
 * c2hunt stores a multivalue as an array of at least two strings. A one-value result is the plain
 * string and a zero-value result is null, so `mvappend("a")`, `values(x)` over one distinct value and a
 * field read from telemetry look alike downstream (Splunk's JSON export likewise shows a one-value
 * multivalue as a plain string).
 */
import type { Value } from './event.js';
import { formatNumber } from './format.js';

/** Canonical multivalue result: null for none, the string for one, the array otherwise. */
export function fromValues(values: readonly string[]): Value {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] as string;
  return values.slice();
}

/** Every value of a field as text: `[]` for null or absent; numbers in their printed form. */
export function valuesOf(v: Value | boolean | undefined): readonly string[] {
  if (v === null || v === undefined || typeof v === 'boolean') return [];
  if (Array.isArray(v)) return v;
  return [typeof v === 'number' ? formatNumber(v) : v];
}
