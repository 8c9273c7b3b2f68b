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

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * The number a string denotes under the pinned syntax, or null. This runs per event and field, so it
 * leans on `Number()` and only rules out what `Number()` accepts beyond the syntax: surrounding
 * whitespace, `Infinity`, `0x`/`0b`/`0o` prefixes and the empty string. A string that passes those
 * checks and that `Number()` reads is exactly one in the decimal syntax of the module header.
 */
export function parseNumber(s: string): number | null {
  const len = s.length;
  if (len === 0) return null;
  const last = s.charCodeAt(len - 1);
  if (!isDigit(last) && last !== DOT) return null;
  const first = s.charCodeAt(0);
  if (!isDigit(first) && first !== DOT && first !== PLUS && first !== MINUS) return null;
  if (first === ZERO && len > 2) {
    const prefix = s.charCodeAt(1) | 0x20; // lower-case x, b, o
    if (prefix === 0x78 || prefix === 0x62 || prefix === 0x6f) return null;
  }
  const n = Number(s);
  return Number.isNaN(n) ? null : n;
}

/** True when `s` is a decimal number in the pinned syntax. */
export function isNumericString(s: string): boolean {
  return parseNumber(s) !== null;
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
