/**
 * Conversion eval functions (SR-Conv, spl-semantics §2.4): tonumber, tostring, printf.
 *
 * Doc examples reproduced in tests: tonumber("0A4",16) → 164, tonumber("0101",2) → 5,
 * tostring(1==1) → "True", tostring(15,"hex") → "0xF", tostring(12345.6789,"commas") → "12,345.68",
 * tostring(615,"duration") → "00:10:15", tostring(9,"binary") → "1001".
 */
import { formatBoolean, formatNumber } from '../../../events/format.js';
import { isNumericString, toNumber } from '../../../events/number.js';
import type { Compiled, EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { argError, constantOf, constantString, defineFunction } from './define.js';
import { roundDecimal } from './math.js';
import { compilePrintf, runPrintf } from './printf-format.js';
import type { PrintfPiece } from './printf-format.js';

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Parse text as a number in `base` (2–36), or null. Base 10 follows the shared numeric syntax (a `.`
 * gives a double, SR-Conv); other bases take an optional sign and integer digits, and base 16 also an
 * optional `0x` prefix [UNCONFIRMED]. Surrounding spaces make it unparsable (SR-Conv).
 */
export function parseInBase(text: string, base: number): number | null {
  if (base === 10) return isNumericString(text) ? Number(text) : null;
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (base === 16 && /^0x/i.test(s)) s = s.slice(2);
  if (s === '') return null;
  let n = 0;
  for (const ch of s.toLowerCase()) {
    const d = DIGITS.indexOf(ch);
    if (d === -1 || d >= base) return null;
    n = n * base + d;
  }
  return sign * n;
}

function checkBase(base: number | null): base is number {
  return base !== null && Number.isInteger(base) && base >= 2 && base <= 36;
}

/**
 * tonumber(s[, base]): a literal that does not parse is an error when the search is planned
 * (`tonumber("seven")` fails, SR-Conv); a field value that does not parse gives null.
 */
const tonumberFunction = defineFunction('tonumber', 1, 2, ([s, b]) => {
  const literalBase = b === undefined ? 10 : constantOf(b);
  let fixedBase: number | undefined;
  if (literalBase !== undefined) {
    const n = typeof literalBase === 'boolean' ? null : toNumber(literalBase);
    if (!checkBase(n)) throw argError('tonumber', 'the base must be an integer from 2 to 36');
    fixedBase = n;
  }
  const literal = constantOf(s);
  if (typeof literal === 'string' && fixedBase !== undefined && parseInBase(literal, fixedBase) === null) {
    throw argError('tonumber', `${JSON.stringify(literal)} is not a number in base ${fixedBase}`);
  }
  const sc = (s as FunctionArg).compiled;
  const bc = b?.compiled;
  return (event, ctx) => {
    const v = sc(event, ctx);
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return null;
    let base = fixedBase;
    if (base === undefined) {
      const bv = (bc as Compiled)(event, ctx);
      const n = typeof bv === 'boolean' ? null : toNumber(bv);
      if (!checkBase(n)) return null;
      base = n;
    }
    return parseInBase(v, base);
  };
});

/** Digits of a non-negative integer with thousands separators. */
function withCommas(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "commas": integers grouped; other numbers rounded to exactly two decimals, then grouped (SR-Conv). */
export function formatCommas(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  if (Number.isInteger(a)) return sign + withCommas(a < 1e21 ? a.toFixed(0) : BigInt(a).toString());
  const r = roundDecimal(a, 2).toFixed(2);
  const [int = '0', frac = '00'] = r.split('.');
  return `${sign}${withCommas(int)}.${frac}`;
}

/**
 * "duration": seconds as HH:MM:SS (615 → 00:10:15, SR-Conv); a day or more as D+HH:MM:SS; a fraction
 * as six more digits (.500000); a negative duration with a leading "-" [UNCONFIRMED beyond HH:MM:SS].
 */
export function formatDuration(x: number): string {
  if (!Number.isFinite(x)) return formatNumber(x);
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  let whole = Math.floor(a);
  let micros = Math.round((a - whole) * 1e6);
  if (micros >= 1e6) {
    whole += 1;
    micros = 0;
  }
  const days = Math.floor(whole / 86400);
  const h = Math.floor((whole % 86400) / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(h)}:${two(m)}:${two(s)}`;
  const frac = micros > 0 ? `.${String(micros).padStart(6, '0')}` : '';
  return `${sign}${days > 0 ? `${days}+` : ''}${clock}${frac}`;
}

/** "hex" and "binary" accept integers from 0 to 2^53-1 (SR-Conv); anything else gives null. */
function formatRadix(x: number, radix: 2 | 16): string | null {
  if (!Number.isInteger(x) || x < 0 || x > Number.MAX_SAFE_INTEGER) return null;
  return radix === 16 ? `0x${x.toString(16).toUpperCase()}` : x.toString(2);
}

type NumberFormat = 'hex' | 'binary' | 'commas' | 'duration';
const NUMBER_FORMATS: Record<NumberFormat, (x: number) => string | null> = {
  hex: (x) => formatRadix(x, 16),
  binary: (x) => formatRadix(x, 2),
  commas: formatCommas,
  duration: formatDuration,
};

function isNumberFormat(s: string): s is NumberFormat {
  return Object.hasOwn(NUMBER_FORMATS, s);
}

/** tostring(v) without a format: numbers printed, booleans True/False, strings and multivalues as they are. */
export function toStringValue(v: ExprValue | undefined): ExprValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return formatBoolean(v);
  if (typeof v === 'number') return formatNumber(v);
  return v;
}

const tostringFunction = defineFunction('tostring', 1, 2, ([v, f]) => {
  const vc = (v as FunctionArg).compiled;
  if (f === undefined) return (event, ctx) => toStringValue(vc(event, ctx));
  const literal = constantString(f);
  if (literal !== undefined && (literal === null || !isNumberFormat(literal))) {
    throw argError('tostring', 'the format must be "hex", "binary", "commas" or "duration"');
  }
  const fc = f.compiled;
  return (event, ctx) => {
    const value = vc(event, ctx);
    let format: string | null | undefined = literal;
    if (format === undefined) {
      const fv = fc(event, ctx);
      format = typeof fv === 'string' ? fv : null;
    }
    // The format applies to numbers only; other values convert as without it (SR-Conv).
    const x = typeof value === 'boolean' ? null : toNumber(value);
    if (x === null || typeof format !== 'string' || !isNumberFormat(format)) return toStringValue(value);
    return NUMBER_FORMATS[format](x);
  };
});

const printfCache = new Map<string, PrintfPiece[] | null>();

const printfFunction = defineFunction('printf', 1, Infinity, ([f, ...rest]) => {
  const literal = constantString(f);
  let fixed: PrintfPiece[] | undefined;
  if (literal !== undefined) {
    if (literal === null) throw argError('printf', 'the format must be a string');
    const compiled = compilePrintf(literal);
    if ('error' in compiled) throw argError('printf', compiled.error);
    fixed = compiled;
  }
  const fc = (f as FunctionArg).compiled;
  const cs = rest.map((a) => a.compiled);
  return (event, ctx) => {
    let pieces: PrintfPiece[] | null | undefined = fixed;
    if (pieces === undefined) {
      const fv = fc(event, ctx);
      if (typeof fv !== 'string') return null;
      pieces = printfCache.get(fv);
      if (pieces === undefined) {
        const compiled = compilePrintf(fv);
        pieces = 'error' in compiled ? null : compiled;
        if (printfCache.size >= 256) printfCache.clear();
        printfCache.set(fv, pieces);
      }
      if (pieces === null) return null;
    }
    return runPrintf(pieces, cs.map((c) => c(event, ctx)));
  };
});

export const conversionFunctions: readonly EvalFunctionDef[] = [tonumberFunction, tostringFunction, printfFunction];
