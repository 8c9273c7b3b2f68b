/**
 * Text eval functions (SR-Text, spl-semantics §2.4): len, lower, upper, trim, ltrim, rtrim, substr,
 * replace, urldecode.
 *
 * Positions and lengths count Unicode code points ("len: count of UTF-8 code points"), so an emoji is
 * one character. lower/upper/replace apply to each value of a multivalue (the docs say lower/upper work
 * on multivalue); len and substr return null for one [DOC: len "not supported on multivalue"].
 */
import { compileReplacement, compileRegex, cachedRegex, replaceAll } from '../../regex.js';
import type { Regex, Replacement } from '../../regex.js';
import type { EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { constantString, defineFunction, mapValues, scalarText, unary } from './define.js';

const SURROGATE = /[\uD800-\uDFFF]/;

/** Number of code points. */
export function codePointLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * SQLite's substr (SR-Text: "SQLite semantics"): 1-based start, a negative start counts from the end, a
 * start of 0 is the position before the first character, a negative length takes the characters before
 * the start, and the result is clipped to the string.
 */
export function substrSqlite(s: string, start: number, length?: number): string {
  const chars = SURROGATE.test(s) ? Array.from(s) : null;
  const len = chars === null ? s.length : chars.length;
  let p1 = Math.trunc(start);
  let p2 = length === undefined ? Number.MAX_SAFE_INTEGER : Math.trunc(length);
  let negP2 = false;
  if (p2 < 0) {
    p2 = -p2;
    negP2 = true;
  }
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      if (p2 < 0) p2 = 0;
      p1 = 0;
    }
  } else if (p1 > 0) {
    p1--;
  } else if (p2 > 0) {
    p2--;
  }
  if (negP2) {
    p1 -= p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  const end = Math.min(len, p1 + p2);
  if (p1 >= end) return '';
  return chars === null ? s.slice(p1, end) : chars.slice(p1, end).join('');
}

const substrFunction = defineFunction('substr', 2, 3, (args) => {
  const [s, a, b] = args.map((x) => x.compiled);
  return (event, ctx) => {
    const text = scalarText(s?.(event, ctx));
    if (text === null) return null;
    const start = toInteger(a?.(event, ctx));
    if (start === null) return null;
    if (b === undefined) return substrSqlite(text, start);
    const length = toInteger(b(event, ctx));
    return length === null ? null : substrSqlite(text, start, length);
  };
});

function toInteger(v: ExprValue | undefined): number | null {
  const text = scalarText(v);
  if (text === null) return null;
  const n = Number(text);
  return text.trim() === '' || !Number.isFinite(n) ? null : Math.trunc(n);
}

/** Characters removed by trim functions when no set is given: "spaces and tabs" (SR-Text). */
const DEFAULT_TRIM = ' \t';

function trimmer(name: string, left: boolean, right: boolean): EvalFunctionDef {
  return defineFunction(name, 1, 2, ([s, chars]) => {
    const sc = (s as FunctionArg).compiled;
    const cc = chars?.compiled;
    return (event, ctx) => {
      const set = cc === undefined ? DEFAULT_TRIM : scalarText(cc(event, ctx));
      if (set === null) return null;
      return mapValues(sc(event, ctx), (text) => trimSet(text, set, left, right));
    };
  });
}

/** Strip any code point in `set` from the chosen ends. */
export function trimSet(text: string, set: string, left: boolean, right: boolean): string {
  const cps = Array.from(text);
  const members = new Set(Array.from(set));
  let i = 0;
  let j = cps.length;
  if (left) while (i < j && members.has(cps[i] as string)) i++;
  if (right) while (j > i && members.has(cps[j - 1] as string)) j--;
  return i === 0 && j === cps.length ? text : cps.slice(i, j).join('');
}

/**
 * replace(s, regex, replacement): every match replaced (SR-Text), PCRE syntax on RE2, `\1`…`\9` in the
 * replacement insert groups. Applies to each value of a multivalue [UNCONFIRMED].
 */
const replaceFunction = defineFunction('replace', 3, 3, ([s, r, t]) => {
  const sc = (s as FunctionArg).compiled;
  const literalRe = constantString(r);
  const literalRepl = constantString(t);
  const fixedRe: Regex | null | undefined =
    literalRe === undefined ? undefined : literalRe === null ? null : compileRegex(literalRe, 'replace()', 'g');
  const fixedRepl: Replacement | null | undefined =
    literalRepl === undefined ? undefined : literalRepl === null ? null : compileReplacement(literalRepl);
  const rc = (r as FunctionArg).compiled;
  const tc = (t as FunctionArg).compiled;
  return (event, ctx) => {
    let re = fixedRe;
    if (re === undefined) {
      const p = scalarText(rc(event, ctx));
      re = p === null ? null : cachedRegex(p, 'g');
    }
    if (re === null) return null;
    let repl = fixedRepl;
    if (repl === undefined) {
      const text = scalarText(tc(event, ctx));
      repl = text === null ? null : compileReplacement(text);
    }
    if (repl === null) return null;
    const regex = re;
    const replacement = repl;
    return mapValues(sc(event, ctx), (text) => replaceAll(regex, text, replacement));
  };
});

/**
 * urldecode(s): `%XX` sequences decoded as UTF-8 and `+` as a space (form encoding, as web logs carry
 * it) [UNCONFIRMED for `+`]. Malformed escapes stay as written; invalid UTF-8 becomes U+FFFD.
 */
export function urlDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  const bytes: number[] = [];
  const out: string[] = [];
  const decoder = new TextDecoder('utf-8');
  const flush = (): void => {
    if (bytes.length > 0) {
      out.push(decoder.decode(new Uint8Array(bytes)));
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out.push(c === '+' ? ' ' : c);
  }
  flush();
  return out.join('');
}

export const stringFunctions: readonly EvalFunctionDef[] = [
  unary('len', (v) => {
    const text = scalarText(v);
    return text === null ? null : codePointLength(text);
  }),
  unary('lower', (v) => mapValues(v, (s) => s.toLowerCase())),
  unary('upper', (v) => mapValues(v, (s) => s.toUpperCase())),
  trimmer('trim', true, true),
  trimmer('ltrim', true, false),
  trimmer('rtrim', false, true),
  substrFunction,
  replaceFunction,
  unary('urldecode', (v) => mapValues(v, urlDecode)),
];
