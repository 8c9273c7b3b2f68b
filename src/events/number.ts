/**
 * When a field value counts as a number.
 *
 * Splunk fields arrive as strings; eval, where, stats and sort read numbers out of them (spl-semantics
 * §2.2, §4.2, §6). c2hunt pins one rule for every such reading, the decimal syntax `strtod` accepts
 * minus its leniencies: an optional sign, digits with an optional fraction (or a bare fraction `.5`),
 * an optional exponent, and nothing else. So `"3"`, `"03"`, `"-1.5"`, `"1e3"` and `"+4"` are numbers;
 * `" 3"`, `"3 "` (tonumber docs: leading or trailing spaces give NULL, SR-Conv), `"0x10"` (hex only
 * through `tonumber(x, 16)`), `"1,000"`, `"inf"`, `"nan"` and `""` are strings. [UNCONFIRMED beyond the
 * spaces rule; see docs/spl-semantics.md.]
 */
import type { Value } from './event.js';

const enum Ch {
  Plus = 0x2b,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  LowerE = 0x65,
  UpperE = 0x45,
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** True when `s` is a decimal number in the pinned syntax. A hand scanner: this runs per event. */
export function isNumericString(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 400) return false;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === Ch.Plus || c === Ch.Minus) {
    i = 1;
    if (n === 1) return false;
  }
  let digits = 0;
  while (i < n && isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && s.charCodeAt(i) === Ch.Dot) {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n) {
    c = s.charCodeAt(i);
    if (c !== Ch.LowerE && c !== Ch.UpperE) return false;
    i++;
    if (i < n) {
      c = s.charCodeAt(i);
      if (c === Ch.Plus || c === Ch.Minus) i++;
    }
    let expDigits = 0;
    while (i < n && isDigit(s.charCodeAt(i))) {
      i++;
      expDigits++;
    }
    if (expDigits === 0) return false;
  }
  return i === n;
}

/** The number a string denotes under the pinned syntax, or null. */
export function parseNumber(s: string): number | null {
  return isNumericString(s) ? Number(s) : null;
}

/**
 * The number a value denotes: numbers as they are, numeric strings parsed, anything else (multivalue,
 * boolean, null, absent, non-numeric text) null. Multivalue fields are not numbers: callers that treat
 * each value separately (stats, comparisons) iterate themselves.
 */
export function toNumber(v: Value | boolean | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return isNumericString(v) ? Number(v) : null;
  return null;
}

/** True when the value reads as a number (see toNumber). */
export function isNumeric(v: Value | boolean | undefined): boolean {
  return typeof v === 'number' || (typeof v === 'string' && isNumericString(v));
}
