/**
 * Mathematical and statistical eval functions (SR-Math, spl-semantics §2.4): abs, ceiling/ceil, floor,
 * round, sqrt, pow, exp, ln, log, pi, random, exact, min, max, sum, avg.
 *
 * Arguments read as numbers the way operators do (src/events/number.ts); a non-numeric argument gives
 * null. Results that are not real numbers stay IEEE values and print as `nan` / `inf` (SR-eval).
 * `sigfig()` is not provided: it depends on the precision Splunk tracks for literals (§2.2), which
 * c2hunt does not model.
 */
import { compareMinMax } from '../../../events/compare.js';
import { toNumber } from '../../../events/number.js';
import type { EvalFunctionDef, ExprValue } from '../types.js';
import { defineFunction, eager, unary } from './define.js';

function num(v: ExprValue | undefined): number | null {
  return typeof v === 'boolean' ? null : toNumber(v);
}

function numeric1(name: string, f: (x: number) => number): EvalFunctionDef {
  return unary(name, (v) => {
    const x = num(v);
    return x === null ? null : f(x);
  });
}

/**
 * round(x, p): half away from zero on the decimal digits as printed, so round(2.555, 2) is 2.56 as the
 * docs show, although the double nearest 2.555 is slightly below it (SR-Math). A negative or
 * non-numeric `p` gives null (the docs do not allow a negative p).
 */
export function roundDecimal(x: number, p: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.max(0, Math.trunc(p));
  const text = String(Math.abs(x));
  if (text.includes('e')) {
    // Exponent form: below 1e-6 (rounds to 0 at any sane p) or at least 1e21 (already an integer).
    return Math.abs(x) >= 1 ? x : Number(x.toFixed(Math.min(digits, 100)));
  }
  const dot = text.indexOf('.');
  if (dot === -1) return x;
  const frac = text.slice(dot + 1);
  if (frac.length <= digits) return x;
  const kept = BigInt(text.slice(0, dot) + frac.slice(0, digits)) + ((frac[digits] as string) >= '5' ? 1n : 0n);
  const s = kept.toString().padStart(digits + 1, '0');
  const magnitude = Number(digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`);
  return x < 0 ? -magnitude : magnitude;
}

const roundFunction = eager('round', 1, 2, ([v, p]) => {
  const x = num(v);
  if (x === null) return null;
  if (p === undefined) return roundDecimal(x, 0);
  const places = num(p);
  if (places === null || places < 0) return null;
  return roundDecimal(x, places);
});

/** log(x[, base]): base 10 by default. */
const logFunction = eager('log', 1, 2, ([v, b]) => {
  const x = num(v);
  if (x === null) return null;
  if (b === undefined) return Math.log10(x);
  const base = num(b);
  return base === null ? null : Math.log(x) / Math.log(base);
});

const powFunction = eager('pow', 2, 2, ([a, b]) => {
  const x = num(a);
  const y = num(b);
  return x === null || y === null ? null : x ** y;
});

/** Flatten arguments (multivalues included) to their scalars, skipping null. */
function scalars(args: readonly (ExprValue | undefined)[]): (string | number)[] {
  const out: (string | number)[] = [];
  for (const a of args) {
    if (a === null || a === undefined || typeof a === 'boolean') continue;
    if (Array.isArray(a)) out.push(...a);
    else out.push(a);
  }
  return out;
}

/** eval min/max: numbers before strings, so min prefers numbers and max prefers strings (SR-Math). */
function extreme(args: readonly (ExprValue | undefined)[], sign: 1 | -1): ExprValue {
  let best: string | number | null = null;
  for (const s of scalars(args)) if (best === null || sign * compareMinMax(s, best) < 0) best = s;
  return best;
}

/** eval sum(): ignores arguments that are missing or not numbers (SR-Math); null when none is. */
function sumOf(args: readonly (ExprValue | undefined)[]): number[] {
  const nums: number[] = [];
  for (const s of scalars(args)) {
    const n = toNumber(s);
    if (n !== null) nums.push(n);
  }
  return nums;
}

export const mathFunctions: readonly EvalFunctionDef[] = [
  numeric1('abs', Math.abs),
  numeric1('ceiling', Math.ceil),
  numeric1('ceil', Math.ceil),
  numeric1('floor', Math.floor),
  numeric1('sqrt', Math.sqrt),
  numeric1('exp', Math.exp),
  numeric1('ln', Math.log),
  roundFunction,
  logFunction,
  powFunction,
  defineFunction('pi', 0, 0, () => () => Math.PI),
  // random(): an integer in 0..2^31-1, like C's random(); the source is injectable for tests.
  defineFunction('random', 0, 0, () => (_event, ctx) => Math.floor(ctx.random() * 2147483648)),
  // exact(x): Splunk prints the result with more precision; c2hunt always prints full precision.
  unary('exact', (v) => (v === undefined ? null : v)),
  eager('min', 1, Infinity, (args) => extreme(args, 1)),
  eager('max', 1, Infinity, (args) => extreme(args, -1)),
  eager('sum', 1, Infinity, (args) => {
    const nums = sumOf(args);
    return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0);
  }),
  eager('avg', 1, Infinity, (args) => {
    const nums = sumOf(args);
    return nums.length === 0 ? null : nums.reduce((a, b) => a + b, 0) / nums.length;
  }),
];
