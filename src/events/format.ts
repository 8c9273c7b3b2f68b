/**
 * How values render as text: in output, in string functions, in `.` concatenation and in any comparison
 * that falls back to strings.
 *
 * Numbers print in the shortest form that reads back to the same double, as JavaScript does: the docs'
 * `avg` examples (`3.9900000000000055`, `48.857142857142854`) reproduce exactly that way (spl-semantics
 * §7 [FIT]). Integers print without a fraction (`17664`, not `17664.0`). NaN and infinities print as
 * `nan`, `inf` and `-inf` (SR-eval). Booleans exist only inside expressions; `tostring(1==1)` is `True`
 * (SR-Conv).
 */
import type { Value } from './event.js';

/** A number as Splunk prints it (see the module header). */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  // String(-0) is already "0"; everything else is the shortest round-trip form.
  return String(n);
}

/** A boolean as Splunk spells it in `tostring()`. */
export function formatBoolean(b: boolean): string {
  return b ? 'True' : 'False';
}

/**
 * A single value as text, or null when there is none. A multivalue is not a single value: this returns
 * null for arrays, so string functions decide explicitly what a multivalue means for them.
 */
export function valueToString(v: Value | boolean | undefined): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return formatBoolean(v);
  return null;
}

/**
 * A value for display in one table cell. Multivalues are joined with `delimiter` (a newline by default,
 * as Splunk's table shows one value per line); null and absent render as the empty cell.
 */
export function formatValue(v: Value | boolean | undefined, delimiter = '\n'): string {
  if (Array.isArray(v)) return v.join(delimiter);
  return valueToString(v) ?? '';
}
