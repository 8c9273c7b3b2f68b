/**
 * Multivalue eval functions (SR-EvalFns multivalue section, spl-semantics §2.4): split, mvcount,
 * mvindex, mvjoin, mvappend, mvdedup, mvsort, mvfind, mvzip, mvrange.
 *
 * A single value counts as a multivalue of one; null as none. Results follow src/events/multivalue.ts:
 * one value is a plain string, none is null. Indexes are 0-based and negative ones count from the end.
 */
import { compareLexicographic } from '../../../events/compare.js';
import { fromValues, valuesOf } from '../../../events/multivalue.js';
import { parseNumber } from '../../../events/number.js';
import { cachedRegex, compileRegex } from '../../regex.js';
import type { Regex } from '../../regex.js';
import type { EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { constantString, defineFunction, eager, scalarText, unary } from './define.js';

function toIndex(v: ExprValue | undefined): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
  return n === null || !Number.isFinite(n) ? null : Math.trunc(n);
}

/** split(s, delim): the pieces as a multivalue; an empty delimiter splits into characters. */
function split(v: ExprValue | undefined, d: ExprValue | undefined): ExprValue {
  const delim = scalarText(d);
  if (delim === null) return null;
  const texts = valuesOf(typeof v === 'boolean' ? null : v);
  if (texts.length === 0) return null;
  const out: string[] = [];
  for (const t of texts) {
    if (delim === '') out.push(...Array.from(t));
    else out.push(...t.split(delim));
  }
  // A lone piece is kept even when empty, so split("", ",") is "" rather than null.
  return out.length === 1 ? (out[0] as string) : fromValues(out);
}

/**
 * mvindex(mv, start[, end]): the value at `start`, or the values from `start` to `end` inclusive; null
 * when `start` is outside the list. An `end` past the last value stops at the last one [UNCONFIRMED].
 */
function mvindex(v: ExprValue | undefined, s: ExprValue | undefined, e?: ExprValue): ExprValue {
  const values = valuesOf(typeof v === 'boolean' ? null : v);
  const n = values.length;
  let start = toIndex(s);
  if (start === null || n === 0) return null;
  if (start < 0) start += n;
  if (start < 0 || start >= n) return null;
  if (e === undefined) return values[start] as string;
  let end = toIndex(e);
  if (end === null) return null;
  if (end < 0) end += n;
  if (end >= n) end = n - 1;
  if (end < start) return null;
  return fromValues(values.slice(start, end + 1));
}

/** mvzip(a, b[, delim]): pairwise "a<delim>b", as many pairs as the shorter list; delim defaults to ",". */
function mvzip(a: ExprValue | undefined, b: ExprValue | undefined, d?: ExprValue): ExprValue {
  const delim = d === undefined ? ',' : scalarText(d);
  if (delim === null) return null;
  const xs = valuesOf(typeof a === 'boolean' ? null : a);
  const ys = valuesOf(typeof b === 'boolean' ? null : b);
  const n = Math.min(xs.length, ys.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${xs[i] as string}${delim}${ys[i] as string}`);
  return fromValues(out);
}

const SPAN_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** mvrange(start, end[, step]): start, start+step, … below end. A step may be a time span such as "7d". */
function mvrange(s: ExprValue | undefined, e: ExprValue | undefined, st?: ExprValue): ExprValue {
  const start = typeof s === 'number' ? s : typeof s === 'string' ? parseNumber(s) : null;
  const end = typeof e === 'number' ? e : typeof e === 'string' ? parseNumber(e) : null;
  let step: number | null = 1;
  if (st !== undefined) {
    step = typeof st === 'number' ? st : typeof st === 'string' ? parseNumber(st) : null;
    if (step === null && typeof st === 'string') {
      const m = /^(\d+)([smhdw])$/.exec(st);
      if (m !== null) step = Number(m[1]) * (SPAN_UNITS[m[2] as string] as number);
    }
  }
  if (start === null || end === null || step === null || step === 0 || !Number.isFinite(step)) return null;
  const out: string[] = [];
  // Bound the output: a huge range from data must not exhaust memory.
  for (let x = start; step > 0 ? x < end : x > end; x += step) {
    out.push(String(x));
    if (out.length >= 10_000) break;
  }
  return fromValues(out);
}

/** mvfind(mv, regex): the index of the first value the regex matches, or null. */
const mvfindFunction = defineFunction('mvfind', 2, 2, ([m, r]) => {
  const mc = (m as FunctionArg).compiled;
  const literal = constantString(r);
  const fixed: Regex | null | undefined =
    literal === undefined ? undefined : literal === null ? null : compileRegex(literal, 'mvfind()');
  const rc = (r as FunctionArg).compiled;
  return (event, ctx) => {
    let re = fixed;
    if (re === undefined) {
      const p = scalarText(rc(event, ctx));
      re = p === null ? null : cachedRegex(p);
    }
    if (re === null) return null;
    const values = valuesOf(mvArg(mc(event, ctx)));
    for (let i = 0; i < values.length; i++) if (re.test(values[i] as string)) return i;
    return null;
  };
});

function mvArg(v: ExprValue | undefined): ExprValue | undefined {
  return typeof v === 'boolean' ? null : v;
}

export const multivalueFunctions: readonly EvalFunctionDef[] = [
  eager('split', 2, 2, ([v, d]) => split(v, d)),
  unary('mvcount', (v) => {
    const values = valuesOf(mvArg(v));
    // A missing field has no count rather than 0 [UNCONFIRMED].
    return values.length === 0 ? null : values.length;
  }),
  eager('mvindex', 2, 3, ([v, s, e]) => mvindex(v, s, e)),
  eager('mvjoin', 2, 2, ([v, d]) => {
    const delim = scalarText(d);
    const values = valuesOf(mvArg(v));
    return delim === null || values.length === 0 ? null : values.join(delim);
  }),
  eager('mvappend', 1, Infinity, (args) => fromValues(args.flatMap((a) => valuesOf(mvArg(a))))),
  unary('mvdedup', (v) => fromValues([...new Set(valuesOf(mvArg(v)))])),
  unary('mvsort', (v) => fromValues([...valuesOf(mvArg(v))].sort(compareLexicographic))),
  mvfindFunction,
  eager('mvzip', 2, 3, ([a, b, d]) => mvzip(a, b, d)),
  eager('mvrange', 2, 3, ([s, e, st]) => mvrange(s, e, st)),
];
