/**
 * Comparison and conditional eval functions (SR-CC, spl-semantics §2.3–2.4): if, case, coalesce,
 * validate, nullif, in, like, match, the is* tests, null(), true(), false(), typeof.
 *
 * if/case/coalesce/validate evaluate lazily: only the arguments they need, left to right. A condition is
 * true only when it is the boolean `true`, so a null condition takes the else branch [UNCONFIRMED].
 * (mvfilter and searchmatch need the AST and live with the expression compiler.)
 */
import { isNumericString } from '../../../events/number.js';
import { compileLike, equals, like } from '../../expr/ops.js';
import { cachedRegex, compileRegex } from '../../regex.js';
import type { Compiled, EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { argError, constantOf, constantString, defineFunction, eager, scalarText, unary } from './define.js';

function isNull(v: ExprValue | undefined): boolean {
  return v === null || v === undefined;
}

/** A literal condition must be boolean-valued; Splunk rejects `if("x", …)` when the search is parsed. */
function checkCondition(fn: string, arg: FunctionArg | undefined): void {
  const c = constantOf(arg);
  if (c !== undefined && c !== null && typeof c !== 'boolean') {
    throw argError(fn, 'a condition must be a boolean expression, such as a comparison');
  }
}

const ifFunction = defineFunction('if', 3, 3, (args) => {
  checkCondition('if', args[0]);
  const [p, t, f] = args.map((a) => a.compiled) as [Compiled, Compiled, Compiled];
  return (event, ctx) => (p(event, ctx) === true ? t(event, ctx) : f(event, ctx));
});

/** case(c1, v1, c2, v2, …): the value of the first true condition, null when none is (SR-CC). */
const caseFunction = defineFunction('case', 2, Infinity, (args) => {
  if (args.length % 2 !== 0) throw argError('case', 'takes condition/value pairs (an even number of arguments)');
  for (let i = 0; i < args.length; i += 2) checkCondition('case', args[i]);
  const cs = args.map((a) => a.compiled);
  return (event, ctx) => {
    for (let i = 0; i < cs.length; i += 2) {
      if ((cs[i] as Compiled)(event, ctx) === true) return (cs[i + 1] as Compiled)(event, ctx);
    }
    return null;
  };
});

/** coalesce(a, b, …): the first argument that is not null (SR-CC). An empty string is a value. */
const coalesceFunction = defineFunction('coalesce', 1, Infinity, (args) => {
  const cs = args.map((a) => a.compiled);
  return (event, ctx) => {
    for (const c of cs) {
      const v = c(event, ctx);
      if (!isNull(v)) return v;
    }
    return null;
  };
});

/** validate(c1, s1, …): the string of the first condition that is not true; null when all are (SR-CC). */
const validateFunction = defineFunction('validate', 2, Infinity, (args) => {
  if (args.length % 2 !== 0) throw argError('validate', 'takes condition/string pairs (an even number of arguments)');
  const cs = args.map((a) => a.compiled);
  return (event, ctx) => {
    for (let i = 0; i < cs.length; i += 2) {
      if ((cs[i] as Compiled)(event, ctx) !== true) return (cs[i + 1] as Compiled)(event, ctx);
    }
    return null;
  };
});

/** in(x, v1, v2, …): x equals one of the values, by eval equality; no wildcards (SR-CC). */
const inFunction = defineFunction('in', 2, Infinity, (args) => {
  const [x, ...rest] = args.map((a) => a.compiled) as [Compiled, ...Compiled[]];
  return (event, ctx) => {
    const v = x(event, ctx);
    if (isNull(v)) return false;
    for (const c of rest) if (equals(v, c(event, ctx))) return true;
    return false;
  };
});

const likeFunction = defineFunction('like', 2, 2, ([s, p]) => {
  const sc = (s as FunctionArg).compiled;
  const literal = constantString(p);
  if (literal !== undefined) {
    if (literal === null) return () => false;
    const m = compileLike(literal);
    return (event, ctx) => m(sc(event, ctx));
  }
  const pc = (p as FunctionArg).compiled;
  return (event, ctx) => like(sc(event, ctx), pc(event, ctx));
});

/**
 * match(s, regex): true when the PCRE regex matches any substring (unanchored, SR-CC). A multivalue
 * matches when any value does [UNCONFIRMED]; null never matches.
 */
const matchFunction = defineFunction('match', 2, 2, ([s, r]) => {
  const sc = (s as FunctionArg).compiled;
  const literal = constantString(r);
  const test = (re: { test(x: string): boolean }, v: ExprValue | undefined): boolean => {
    if (Array.isArray(v)) return v.some((x) => re.test(x));
    const text = scalarText(v);
    return text !== null && re.test(text);
  };
  if (literal !== undefined) {
    if (literal === null) return () => false;
    const re = compileRegex(literal, 'match()');
    return (event, ctx) => test(re, sc(event, ctx));
  }
  const rc = (r as FunctionArg).compiled;
  return (event, ctx) => {
    const pattern = scalarText(rc(event, ctx));
    const re = pattern === null ? null : cachedRegex(pattern);
    return re !== null && test(re, sc(event, ctx));
  };
});

/** nullif(a, b): null when a equals b, else a (SR-CC). */
const nullifFunction = eager('nullif', 2, 2, ([a, b]) => (equals(a, b) ? null : (a ?? null)));

function isIntegerValue(v: ExprValue | undefined): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && isNumericString(v) && !/[.eE]/.test(v);
}

/**
 * typeof(x): `Number`, `String`, `Bool`, `Invalid` for null (SR-EvalFns example
 * "NumberStringBoolInvalid"), `Multivalue` for a multivalue [UNCONFIRMED]. Text that reads as a
 * number is a Number, as everywhere in eval (ops.ts).
 */
const typeofFunction = defineFunction('typeof', 1, 1, ([a]) => {
  const ac = (a as FunctionArg).compiled;
  return (event, ctx) => {
    const v = ac(event, ctx);
    if (isNull(v)) return 'Invalid';
    if (typeof v === 'boolean') return 'Bool';
    if (Array.isArray(v)) return 'Multivalue';
    if (typeof v === 'number' || isNumericString(v as string)) return 'Number';
    return 'String';
  };
});

export const conditionalFunctions: readonly EvalFunctionDef[] = [
  ifFunction,
  caseFunction,
  coalesceFunction,
  validateFunction,
  inFunction,
  likeFunction,
  matchFunction,
  nullifFunction,
  typeofFunction,
  unary('isnull', (v) => isNull(v)),
  unary('isnotnull', (v) => !isNull(v)),
  unary('isnum', (v) => typeof v === 'number' || (typeof v === 'string' && isNumericString(v))),
  unary('isint', (v) => isIntegerValue(v)),
  unary('isstr', (v) => typeof v === 'string' && !isNumericString(v)),
  unary('isbool', (v) => typeof v === 'boolean'),
  defineFunction('null', 0, 0, () => () => null),
  defineFunction('true', 0, 0, () => () => true),
  defineFunction('false', 0, 0, () => () => false),
];
