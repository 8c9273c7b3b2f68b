/**
 * How a `search` term compares a field's value with a literal from the query (spl-semantics §1).
 *
 * Contract with the search compiler (which owns NOT, AND/OR and field presence):
 * - `compileSearchMatcher(op, literal)` builds, once per term, a predicate over the field's value as the
 *   event holds it (`undefined` when absent). The literal is the query text after the parser removed
 *   quotes and expanded backslash escapes (`"*\\msedge.exe"` arrives as `*\msedge.exe`).
 * - `=` is true when the field has a value and some value matches: the whole value, case-insensitively
 *   (SM-CASE), with `*` matching any run of characters, including none [UNCONFIRMED] (SM-Wild; `*`
 *   cannot be escaped, SM-Backslash). `field=*` is true for any present value. A literal that is a CIDR
 *   range (`10.0.0.0/8`, `2001:db8::/32`) also matches addresses inside it (SR-search). Without `*`
 *   the comparison is still textual: `EventCode=3` does not match `03` or `3.0` (SR-search).
 * - `!=` is true when the field has a value and no value matches `=` (SM-NOT: "every event that has a
 *   value in the field, where that value does not match"; for multivalue [UNCONFIRMED]).
 * - `NOT field=x` is the caller's `!matcher('=')(value)`, which keeps events without the field (SM-NOT).
 * - `< <= > >=` compare numerically when both sides are numbers, else lexicographically by UTF-8 bytes
 *   (SR-search), case-sensitively [UNCONFIRMED]; `*` is an ordinary character there. Some value must
 *   satisfy the comparison; an absent field never does.
 * - `field IN (a, b*)` is `compileSearchInMatcher([...])`: the OR of `=` terms (SR-search).
 * - `CASE(x)` makes a term case-sensitive (SM-CASE): pass `{ caseSensitive: true }`.
 * - Numbers held in events (eval results, `_time`) compare in their printed form.
 *
 * Matching is linear-time: `*` globs are matched segment by segment with indexOf (leftmost-greedy is
 * exact for patterns whose only wildcard is `*`), never by a backtracking regex.
 */
import type { Value } from '../../events/event.js';
import { compareLexicographic } from '../../events/compare.js';
import { formatNumber } from '../../events/format.js';
import { cidrMatcher, parseCidr } from '../../events/ip.js';
import { parseNumber } from '../../events/number.js';

export type SearchComparison = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ValueMatcher = (value: Value | undefined) => boolean;

export interface SearchMatchOptions {
  /** `CASE(...)`: compare case-sensitively. */
  readonly caseSensitive?: boolean;
}

// Several terms usually test the same field value in a row (the seed query has 14 hostname globs), so
// one remembered lowercase conversion saves most of the work.
let lastInput = '';
let lastLower = '';
function lower(s: string): string {
  if (s !== lastInput) {
    lastInput = s;
    lastLower = s.toLowerCase();
  }
  return lastLower;
}

/**
 * `text.toLowerCase() === p` (p already lower case) without building the lower-case copy while the text
 * is ASCII, where lower-casing maps each character to one character (A–Z to a–z only); the first
 * non-ASCII character hands over to the full Unicode conversion.
 */
function equalsLowered(text: string, p: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return lower(text) === p;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    // Past the end of p, charCodeAt is NaN: the lower-cased text is already longer than p.
    if (c !== p.charCodeAt(i)) return false;
  }
  return n === p.length;
}

/** A whole-value matcher for a pattern whose only wildcard is `*`. */
export function compileGlob(pattern: string, caseSensitive = false): (text: string) => boolean {
  const fold = caseSensitive ? (s: string) => s : lower;
  const p = caseSensitive ? pattern : pattern.toLowerCase();
  const parts = p.split('*');
  // Values usually match as written in the query (`sourcetype=XmlWinEventLog:...`): one comparison.
  if (parts.length === 1) return caseSensitive ? (text) => text === p : (text) => text === pattern || equalsLowered(text, p);
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((s) => s !== '');
  const minLength = first.length + last.length;
  if (middle.length === 0 && first === '' && last === '') return () => true;
  return (text) => {
    const t = fold(text);
    if (t.length < minLength || !t.startsWith(first) || !t.endsWith(last)) return false;
    let pos = first.length;
    const end = t.length - last.length;
    for (const seg of middle) {
      const at = t.indexOf(seg, pos);
      if (at === -1 || at + seg.length > end) return false;
      pos = at + seg.length;
    }
    return true;
  };
}

function textOf(x: string | number): string {
  return typeof x === 'number' ? formatNumber(x) : x;
}

/** True when some value of `v` satisfies `test`; false for absent and null. */
function anyValue(v: Value | undefined, test: (text: string, raw: string | number) => boolean): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) {
    for (const x of v) if (test(x, x)) return true;
    return false;
  }
  return test(textOf(v), v);
}

function present(v: Value | undefined): boolean {
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
}

function equalityTest(literal: string, options: SearchMatchOptions): (text: string) => boolean {
  const glob = compileGlob(literal, options.caseSensitive === true);
  const range = literal.includes('/') ? parseCidr(literal) : null;
  if (range === null) return glob;
  const inRange = cidrMatcher(range);
  return (text) => glob(text) || inRange(text);
}

function orderTest(op: '<' | '<=' | '>' | '>=', literal: string): (text: string, raw: string | number) => boolean {
  const litNum = parseNumber(literal);
  const accept = (c: number): boolean =>
    op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  return (text, raw) => {
    const n = typeof raw === 'number' ? raw : parseNumber(text);
    if (n !== null && litNum !== null) return accept(n < litNum ? -1 : n > litNum ? 1 : n === litNum ? 0 : Number.NaN);
    return accept(compareLexicographic(text, literal));
  };
}

/** Build the matcher for one `field <op> literal` search term (see the module header). */
export function compileSearchMatcher(op: SearchComparison, literal: string, options: SearchMatchOptions = {}): ValueMatcher {
  switch (op) {
    case '=': {
      const test = equalityTest(literal, options);
      return (v) => anyValue(v, test);
    }
    case '!=': {
      const test = equalityTest(literal, options);
      return (v) => present(v) && !anyValue(v, test);
    }
    default: {
      const test = orderTest(op, literal);
      return (v) => anyValue(v, test);
    }
  }
}

/**
 * Several globs as one test, true when any matches: the text is lower-cased once, and the patterns are
 * grouped by shape (exact, `p*`, `*s`, `*m*`, other), so a long exclusion list (the seed query ORs 21
 * address prefixes) costs one pass of cheap string tests instead of one closure per pattern.
 */
export function compileGlobSet(patterns: readonly string[], caseSensitive = false): (text: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const inner: string[] = [];
  const other: ((text: string) => boolean)[] = [];
  for (const pattern of patterns) {
    const p = caseSensitive ? pattern : pattern.toLowerCase();
    const parts = p.split('*');
    const first = parts[0] as string;
    const last = parts[parts.length - 1] as string;
    if (parts.length > 1 && parts.every((x) => x === '')) return () => true;
    if (parts.length === 1) exact.add(p);
    else if (parts.length === 2 && last === '') prefixes.push(first);
    else if (parts.length === 2 && first === '') suffixes.push(last);
    else if (parts.length === 3 && first === '' && last === '' && parts[1] !== '') inner.push(parts[1] as string);
    else other.push(compileGlob(pattern, caseSensitive));
  }
  return (text) => {
    const t = caseSensitive ? text : lower(text);
    if (exact.size > 0 && exact.has(t)) return true;
    for (let i = 0; i < prefixes.length; i++) if (t.startsWith(prefixes[i] as string)) return true;
    for (let i = 0; i < suffixes.length; i++) if (t.endsWith(suffixes[i] as string)) return true;
    for (let i = 0; i < inner.length; i++) if (t.includes(inner[i] as string)) return true;
    for (let i = 0; i < other.length; i++) if ((other[i] as (text: string) => boolean)(text)) return true;
    return false;
  };
}

/**
 * `field IN (v1, v2*, …)`, and the OR of `field=…` terms on one field, which means the same: true when
 * some value matches some literal as `=` would (its glob, or the CIDR range a literal denotes).
 */
export function compileSearchInMatcher(literals: readonly string[], options: SearchMatchOptions = {}): ValueMatcher {
  const globs = compileGlobSet(literals, options.caseSensitive === true);
  const ranges = literals.flatMap((l) => {
    const range = l.includes('/') ? parseCidr(l) : null;
    return range === null ? [] : [cidrMatcher(range)];
  });
  if (ranges.length === 0) return (v) => anyValue(v, globs);
  return (v) => anyValue(v, (text) => globs(text) || ranges.some((r) => r(text)));
}
