/**
 * Substitution values to text, in Windows' XML rendering (evtx-format.md §6, MS-EVEN6 §2.2.12.3), with the
 * documented departures chosen where Windows' own output was observed (docs/evtx.md lists each):
 * hex integers `0x` + lowercase digits without padding (`0x3e7`), GUIDs `{lowercase}` with braces, binary as
 * uppercase hex without separators, FILETIME with seven fraction digits, booleans `true`/`false`.
 *
 * Every function reads only inside `[off, off + size)`, a window the caller reserved with `Cursor.take`.
 * A value too short for its type is a structural error (the record is reported, not guessed at).
 */
import { EvtxParseError, readI32, readU16, readU32 } from '../cursor.js';
import * as A from './ascii.js';
import { formatFileTime, formatSystemTimeStruct } from './filetime.js';
import { decodeUtf16, decodeUtf16z } from './utf16.js';
import { ARRAY_FLAG, VT, fixedWidth, valueTypeName } from './value-types.js';

/**
 * Windows-1252 for AnsiString values (the code page evtxexport and the Rust crate default to). Node's
 * TextDecoder treats the `windows-1252` label as ISO-8859-1, so 0x80–0x9F are mapped here.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** 0x80–0x9F, where Windows-1252 differs from ISO-8859-1. */
const CP1252_SPECIAL = /[\x80-\x9f]/;

function cp1252(b: Uint8Array, start: number, end: number): string {
  // Everything outside 0x80–0x9F is ISO-8859-1: one native call gives a flat string, one native search
  // tells whether any byte needs mapping.
  const plain = A.latin1(b, start, end);
  if (!CP1252_SPECIAL.test(plain)) return plain;
  const codes: number[] = [];
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    codes.push(c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80]! : c);
  }
  let s = '';
  for (let i = 0; i < codes.length; i += 4096) s += String.fromCharCode(...codes.slice(i, i + 4096));
  return s;
}
const TWO_32 = 0x1_0000_0000;
const SAFE_HI = 0x20_0000; // hi word below 2^21 keeps hi·2^32 + lo under 2^53

function tooShort(type: number, off: number, size: number, need: number): EvtxParseError {
  return new EvtxParseError(`${valueTypeName(type)} value`, off, `size ${size} is smaller than ${need}`);
}

export function u64Decimal(b: Uint8Array, p: number): string {
  const lo = readU32(b, p);
  const hi = readU32(b, p + 4);
  if (hi < SAFE_HI) return String(hi * TWO_32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

function i64Decimal(b: Uint8Array, p: number): string {
  const lo = readU32(b, p);
  const hi = readI32(b, p + 4);
  if (hi >= -SAFE_HI && hi < SAFE_HI) return String(hi * TWO_32 + lo);
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
}

function hex32(b: Uint8Array, p: number): string {
  return '0x' + readU32(b, p).toString(16);
}

function hex64(b: Uint8Array, p: number): string {
  let top = 7;
  while (top > 0 && b[p + top] === 0) top--;
  A.begin(18);
  A.text('0x');
  // Most significant byte without its leading zero digit, the rest as two digits each.
  const first = b[p + top]!;
  if (first >= 16) A.hexByte(first, false);
  else A.byte('0123456789abcdef'.charCodeAt(first));
  for (let i = top - 1; i >= 0; i--) A.hexByte(b[p + i]!, false);
  return A.finish();
}

/** Shortest decimal that reads back as the same float32 (python-evtx prints the widened double instead). */
function real32(b: Uint8Array, p: number): string {
  const x = new DataView(b.buffer, b.byteOffset + p, 4).getFloat32(0, true);
  if (!Number.isFinite(x)) return String(x);
  for (let digits = 1; digits <= 9; digits++) {
    const s = x.toPrecision(digits);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

function real64(b: Uint8Array, p: number): string {
  return String(new DataView(b.buffer, b.byteOffset + p, 8).getFloat64(0, true));
}

export function guidText(b: Uint8Array, p: number): string {
  A.begin(38);
  A.byte(0x7b); // {
  A.hexByte(b[p + 3]!, false);
  A.hexByte(b[p + 2]!, false);
  A.hexByte(b[p + 1]!, false);
  A.hexByte(b[p]!, false);
  A.byte(0x2d);
  A.hexByte(b[p + 5]!, false);
  A.hexByte(b[p + 4]!, false);
  A.byte(0x2d);
  A.hexByte(b[p + 7]!, false);
  A.hexByte(b[p + 6]!, false);
  A.byte(0x2d);
  A.hexByte(b[p + 8]!, false);
  A.hexByte(b[p + 9]!, false);
  A.byte(0x2d);
  for (let i = 10; i < 16; i++) A.hexByte(b[p + i]!, false);
  A.byte(0x7d); // }
  return A.finish();
}

export function binaryHex(b: Uint8Array, off: number, size: number): string {
  A.begin(2 * size);
  for (let i = 0; i < size; i++) A.hexByte(b[off + i]!, true);
  return A.finish();
}

/**
 * SID per MS-DTYP 2.4.2.1: `S-rev-authority-sub...`; the 48-bit authority is big-endian and printed in hex
 * (`0x` + 12 digits) when it does not fit 32 bits. Sub-authorities are clamped to what the slot holds: a
 * half-written record can claim more than it stores (`Microsoft-Windows-HelloForBusiness` record 6).
 * Returns the text and the bytes the SID occupies.
 */
function sid(b: Uint8Array, off: number, size: number): { text: string; used: number } {
  if (size < 8) throw tooShort(VT.Sid, off, size, 8);
  const rev = b[off]!;
  const count = Math.min(b[off + 1]!, Math.floor((size - 8) / 4));
  const authHi = (b[off + 2]! << 8) | b[off + 3]!;
  const authLo = readU32BE(b, off + 4);
  A.begin(24 + 11 * count);
  A.text('S-');
  A.decimal(rev);
  A.byte(0x2d);
  if (authHi === 0) {
    A.decimal(authLo);
  } else {
    A.text('0x');
    A.hexByte(authHi >>> 8, true);
    A.hexByte(authHi & 0xff, true);
    for (let i = 4; i < 8; i++) A.hexByte(b[off + i]!, true);
  }
  for (let i = 0; i < count; i++) {
    A.byte(0x2d);
    A.decimal(readU32(b, off + 8 + 4 * i));
  }
  return { text: A.finish(), used: 8 + 4 * count };
}

function readU32BE(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

function systemTime(b: Uint8Array, p: number): string {
  const f: number[] = [];
  for (let i = 0; i < 8; i++) f.push(readU16(b, p + 2 * i));
  return formatSystemTimeStruct(f);
}

function ansi(b: Uint8Array, off: number, size: number): string {
  const limit = off + size;
  let end: number;
  if (size > 32) {
    // A native search for the terminator, bounded to the value (ANSI values can be kilobytes of XML).
    const nul = b.subarray(off, limit).indexOf(0);
    end = nul < 0 ? limit : off + nul;
  } else {
    end = off;
    while (end < limit && b[end] !== 0) end++;
  }
  return cp1252(b, off, end);
}

/** One item of a fixed-width type at `p` (the caller checked the width fits). */
function fixedItem(b: Uint8Array, base: number, p: number, width: number): string {
  switch (base) {
    case VT.Int8:
      return String((b[p]! << 24) >> 24);
    case VT.UInt8:
      return String(b[p]!);
    case VT.Int16:
      return String((readU16(b, p) << 16) >> 16);
    case VT.UInt16:
      return String(readU16(b, p));
    case VT.Int32:
      return String(readI32(b, p));
    case VT.UInt32:
      return String(readU32(b, p));
    case VT.Int64:
      return i64Decimal(b, p);
    case VT.UInt64:
      return u64Decimal(b, p);
    case VT.Real32:
      return real32(b, p);
    case VT.Real64:
      return real64(b, p);
    case VT.Bool:
      // Any non-zero value is true: `sample-with-irregular-bool-values.evtx` stores 16, 8 and 65536.
      for (let i = 0; i < width; i++) if (b[p + i] !== 0) return 'true';
      return 'false';
    case VT.Guid:
      return guidText(b, p);
    case VT.SizeT:
    case VT.EvtHandle:
      return width === 8 ? hex64(b, p) : hex32(b, p);
    case VT.FileTime:
      return formatFileTime(readU32(b, p), readU32(b, p + 4));
    case VT.SysTime:
      return systemTime(b, p);
    case VT.HexInt32:
      return hex32(b, p);
    case VT.HexInt64:
      return hex64(b, p);
    default:
      throw new EvtxParseError('value', p, `type ${valueTypeName(base)} has no fixed width`);
  }
}

/**
 * Why a value of this type cannot have this size, or null when it can. Checked when the instance is read,
 * so formatting later (possibly lazily, for `_raw`) never fails. A size of 0 is an empty value of any type.
 */
export function valueSizeProblem(type: number, size: number): string | null {
  if (size === 0 || type & ARRAY_FLAG) return null;
  switch (type) {
    case VT.Null:
    case VT.String:
    case VT.EvtXml:
    case VT.AnsiString:
    case VT.Binary:
    case VT.BinXml:
    case VT.Bool:
      return null;
    case VT.Sid:
      return size < 8 ? `size ${size} is smaller than 8` : null;
    case VT.SizeT:
    case VT.EvtHandle:
      return size === 4 || size === 8 ? null : `size ${size} is neither 4 nor 8`;
    default: {
      const width = fixedWidth(type, size);
      if (width === 0) return 'unsupported type';
      return size < width ? `size ${size} is smaller than ${width}` : null;
    }
  }
}

/** A scalar (non-array, non-BinXml) value as text. */
export function formatScalar(b: Uint8Array, type: number, off: number, size: number): string {
  if (size === 0) return '';
  switch (type) {
    case VT.Null:
      return '';
    case VT.String:
      return decodeUtf16z(b, off, size >>> 1);
    case VT.EvtXml:
      return decodeUtf16z(b, off, size >>> 1);
    case VT.AnsiString:
      return ansi(b, off, size);
    case VT.Binary:
      return binaryHex(b, off, size);
    case VT.Sid:
      return sid(b, off, size).text;
    case VT.Bool: {
      // Declared 4 bytes; any width is accepted and read whole.
      if (size === 0) throw tooShort(type, off, size, 1);
      return fixedItem(b, type, off, size);
    }
    case VT.SizeT:
    case VT.EvtHandle:
      if (size === 8) return hex64(b, off);
      if (size === 4) return hex32(b, off);
      throw new EvtxParseError(`${valueTypeName(type)} value`, off, `size ${size} is neither 4 nor 8`);
    default: {
      const width = fixedWidth(type, size);
      if (width === 0) throw new EvtxParseError('value', off, `unsupported value type ${valueTypeName(type)}`);
      if (size < width) throw tooShort(type, off, size, width);
      return fixedItem(b, type, off, width);
    }
  }
}

/** The items of an array value (type | 0x80), per MS-EVEN6 §3.1.4.7.5. */
export function arrayItems(b: Uint8Array, type: number, off: number, size: number): string[] {
  const base = type & ~ARRAY_FLAG;
  const end = off + size;
  const items: string[] = [];
  switch (base) {
    case VT.String:
    case VT.EvtXml: {
      // NUL-terminated UTF-16 strings back to back; a final unterminated run is the last item.
      let start = off;
      let p = off;
      for (; p + 1 < end; p += 2) {
        if (b[p] === 0 && b[p + 1] === 0) {
          items.push(decodeUtf16(b, start, (p - start) >>> 1));
          start = p + 2;
        }
      }
      if (start + 1 < end) items.push(decodeUtf16(b, start, (end - start) >>> 1));
      return items;
    }
    case VT.AnsiString: {
      let start = off;
      for (let p = off; p < end; p++) {
        if (b[p] === 0) {
          items.push(cp1252(b, start, p));
          start = p + 1;
        }
      }
      if (start < end) items.push(cp1252(b, start, end));
      return items;
    }
    case VT.Sid: {
      let p = off;
      while (p + 8 <= end) {
        const one = sid(b, p, Math.min(end - p, 8 + 4 * b[p + 1]!));
        items.push(one.text);
        p += one.used;
      }
      return items;
    }
    case VT.Binary:
      // MS-EVEN6 forbids binary arrays; render the bytes as one item rather than guess a width.
      return [binaryHex(b, off, size)];
    default: {
      const width = fixedWidth(base, size);
      if (width === 0) throw new EvtxParseError('array value', off, `unsupported value type ${valueTypeName(type)}`);
      for (let p = off; p + width <= end; p += width) items.push(fixedItem(b, base, p, width));
      return items;
    }
  }
}

/** True for types whose text can contain XML special characters (everything else is digits, hex, etc.). */
export function needsEscape(type: number): boolean {
  const base = type & ~ARRAY_FLAG;
  return base === VT.String || base === VT.AnsiString || base === VT.EvtXml;
}
