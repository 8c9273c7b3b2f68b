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

/** A whole-value matcher for a pattern whose only wildcard is `*`. */
export function compileGlob(pattern: string, caseSensitive = false): (text: string) => boolean {
  const fold = caseSensitive ? (s: string) => s : lower;
  const p = caseSensitive ? pattern : pattern.toLowerCase();
  const parts = p.split('*');
  if (parts.length === 1) return (text) => fold(text) === p;
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

/** `field IN (v1, v2*, …)`: true when some value matches some literal as `=` would. */
export function compileSearchInMatcher(literals: readonly string[], options: SearchMatchOptions = {}): ValueMatcher {
  const tests = literals.map((l) => equalityTest(l, options));
  return (v) => anyValue(v, (text) => tests.some((t) => t(text)));
}
