/**
 * The semantics of eval/where operators, as plain functions the expression compiler composes.
 *
 * Documented (SR-eval, spl-semantics §2.2): `+` adds two numbers or concatenates two strings; `- * / %`
 * take numbers; `.` concatenates strings and numbers (numbers in their printed form); comparisons take
 * two numbers or two strings and are case-sensitive; division by zero gives null; NaN and infinities are
 * values (`nan`, `inf`). Pinned where the docs are silent [UNCONFIRMED, docs/spl-semantics.md]:
 * - A string that reads as a number (src/events/number.ts) is a number, in fields and literals alike.
 * - `+` of a number and a non-numeric string is null; `- * / %` with any non-number is null.
 * - Any arithmetic or `.` with a null, absent, boolean or multivalue operand is null.
 * - A comparison with a null or absent operand is false (so `where` drops the row). Number against
 *   string compares the printed number lexicographically with the string, as the `search` command does.
 * - A multivalue operand satisfies a comparison when any of its values does (`!=` too: some value
 *   differs).
 * - Logic is two-valued: only `true` is true, so AND/OR/XOR/NOT treat null and non-booleans as false.
 *   The compiler short-circuits AND/OR itself (`truthy`), and `if()` takes its else branch on null.
 */
import type { Value } from '../../events/event.js';
import { compareLexicographic } from '../../events/compare.js';
import { formatNumber, valueToString } from '../../events/format.js';
import { parseNumber } from '../../events/number.js';
import { compileRegex } from '../regex.js';
import type { ExprValue } from './types.js';

/** The number an operand denotes for arithmetic, or null. */
function operandNumber(v: ExprValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseNumber(v);
  return null;
}

export function add(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  const y = operandNumber(b);
  if (x !== null && y !== null) return x + y;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  return null;
}

export function subtract(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  const y = operandNumber(b);
  return x === null || y === null ? null : x - y;
}

export function multiply(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  const y = operandNumber(b);
  return x === null || y === null ? null : x * y;
}

/** `/`: a double; division by zero is null (SR-eval). */
export function divide(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  const y = operandNumber(b);
  return x === null || y === null || y === 0 ? null : x / y;
}

/** `%`: remainder with the sign of the dividend (C fmod); modulo zero is null like division. */
export function modulo(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  const y = operandNumber(b);
  return x === null || y === null || y === 0 ? null : x % y;
}

/** Unary minus. */
export function negate(a: ExprValue | undefined): ExprValue {
  const x = operandNumber(a);
  return x === null ? null : -x;
}

/** `.`: string concatenation; numbers in their printed form (SR-eval). */
export function concat(a: ExprValue | undefined, b: ExprValue | undefined): ExprValue {
  if (typeof a === 'boolean' || typeof b === 'boolean') return null;
  const x = valueToString(a);
  const y = valueToString(b);
  return x === null || y === null ? null : x + y;
}

/** Order two scalars for eval: numerically when both read as numbers, else by UTF-8 bytes. */
export function compareScalars(a: string | number, b: string | number): number {
  const x = typeof a === 'number' ? a : parseNumber(a);
  const y = typeof b === 'number' ? b : parseNumber(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
  return compareLexicographic(
    typeof a === 'number' ? formatNumber(a) : a,
    typeof b === 'number' ? formatNumber(b) : b,
  );
}

type Test = (c: number) => boolean;

function scalarsOf(v: ExprValue | undefined): readonly (string | number)[] | null {
  if (v === null || v === undefined || typeof v === 'boolean') return null;
  return Array.isArray(v) ? v : [v as string | number];
}

function comparison(a: ExprValue | undefined, b: ExprValue | undefined, test: Test): boolean {
  const xs = scalarsOf(a);
  const ys = scalarsOf(b);
  if (xs === null || ys === null) return false;
  for (const x of xs) for (const y of ys) if (test(compareScalars(x, y))) return true;
  return false;
}

const isEq: Test = (c) => c === 0;
const isNe: Test = (c) => c !== 0 && !Number.isNaN(c);
const isLt: Test = (c) => c < 0;
const isLe: Test = (c) => c <= 0;
const isGt: Test = (c) => c > 0;
const isGe: Test = (c) => c >= 0;

/** `=` / `==`. Booleans equal booleans only. */
export function equals(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return comparison(a, b, isEq);
}

export function notEquals(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    return typeof a === 'boolean' && typeof b === 'boolean' && a !== b;
  }
  return comparison(a, b, isNe);
}

export function lessThan(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return comparison(a, b, isLt);
}
export function lessOrEqual(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return comparison(a, b, isLe);
}
export function greaterThan(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return comparison(a, b, isGt);
}
export function greaterOrEqual(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return comparison(a, b, isGe);
}

/** Only the boolean `true` is true. */
export function truthy(v: ExprValue | undefined): boolean {
  return v === true;
}

export function and(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return a === true && b === true;
}
export function or(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return a === true || b === true;
}
export function xor(a: ExprValue | undefined, b: ExprValue | undefined): boolean {
  return (a === true) !== (b === true);
}
export function not(a: ExprValue | undefined): boolean {
  return a !== true;
}

/**
 * Compile a LIKE pattern once: `%` is any run of characters, `_` exactly one (SR-eval), the whole value
 * must match, case-sensitively [UNCONFIRMED]. A backslash is an ordinary character, so Windows paths
 * (`"%\\cmd.exe"`) work as written. A multivalue matches when any value does; null never matches.
 */
export function compileLike(pattern: string): (v: ExprValue | undefined) => boolean {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
  }
  const re = compileRegex(`^(?s:${source})$`, 'like()');
  return (v) => {
    if (Array.isArray(v)) return v.some((s) => re.test(s));
    const s = typeof v === 'boolean' ? null : valueToString(v);
    return s !== null && re.test(s);
  };
}

/** `a LIKE b` with a pattern known only per event (compiled through a small cache). */
const likeCache = new Map<string, (v: ExprValue | undefined) => boolean>();
export function like(a: ExprValue | undefined, pattern: ExprValue | undefined): boolean {
  const p = typeof pattern === 'boolean' ? null : valueToString(pattern);
  if (p === null) return false;
  let m = likeCache.get(p);
  if (m === undefined) {
    m = compileLike(p);
    if (likeCache.size >= 256) likeCache.clear();
    likeCache.set(p, m);
  }
  return m(a);
}

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '.'
  | '=' | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'AND' | 'OR' | 'XOR' | 'LIKE';

/** Every binary operator by its SPL spelling. AND/OR here are strict; compile them lazily yourself. */
export const BINARY_OPERATORS: Readonly<
  Record<BinaryOperator, (a: ExprValue | undefined, b: ExprValue | undefined) => ExprValue>
> = {
  '+': add,
  '-': subtract,
  '*': multiply,
  '/': divide,
  '%': modulo,
  '.': concat,
  '=': equals,
  '==': equals,
  '!=': notEquals,
  '<': lessThan,
  '<=': lessOrEqual,
  '>': greaterThan,
  '>=': greaterOrEqual,
  AND: and,
  OR: or,
  XOR: xor,
  LIKE: like,
};

export type UnaryOperator = '-' | 'NOT';

export const UNARY_OPERATORS: Readonly<Record<UnaryOperator, (a: ExprValue | undefined) => ExprValue>> = {
  '-': negate,
  NOT: not,
};

/** Narrow an expression result to a storable field value: booleans cannot be stored (SR-eval). */
export function toFieldValue(v: ExprValue | undefined): Value | undefined {
  if (typeof v === 'boolean') return undefined;
  return v;
}
