/**
 * The one bounds-checked reader every EVTX structure is decoded through.
 *
 * A read past the end of the structure throws an `EvtxParseError` that names what was being read, where,
 * and how many bytes were needed and available. The chunk walker catches it per record and turns it into a
 * reported bad record, so no `RangeError` escapes from deep inside a value decoder.
 * Callers that decode a value in place (value formatters) first `take()` its whole byte window here and then
 * read inside that window only.
 */
import { EvtxFormatError } from '../../errors.js';

/**
 * A structural problem found while decoding: what was being read, at which chunk-relative offset, and why.
 * Caught per record (or per chunk) and reported as a BadRecord; it never leaves the reader.
 */
export class EvtxParseError extends EvtxFormatError {
  readonly what: string;
  readonly offset: number;
  constructor(what: string, offset: number, reason: string) {
    super(`${what} at offset ${offset}: ${reason}`, { offset });
    this.what = what;
    this.offset = offset;
  }
}

export function truncated(what: string, offset: number, need: number, have: number): EvtxParseError {
  return new EvtxParseError(what, offset, `truncated (need ${need} bytes, have ${Math.max(0, have)})`);
}

export class Cursor {
  readonly buf: Uint8Array;
  pos: number;
  /** Exclusive upper bound of this structure. */
  readonly end: number;

  constructor(buf: Uint8Array, pos: number, end: number) {
    this.buf = buf;
    this.pos = pos;
    this.end = Math.min(end, buf.length);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Reserve `n` bytes and return their start offset. */
  take(n: number, what: string): number {
    const p = this.pos;
    if (n < 0 || p + n > this.end) throw truncated(what, p, n, this.end - p);
    this.pos = p + n;
    return p;
  }

  skip(n: number, what: string): void {
    this.take(n, what);
  }

  peekU8(what: string): number {
    if (this.pos >= this.end) throw truncated(what, this.pos, 1, 0);
    return this.buf[this.pos]!;
  }

  u8(what: string): number {
    const p = this.pos;
    if (p >= this.end) throw truncated(what, p, 1, 0);
    this.pos = p + 1;
    return this.buf[p]!;
  }

  u16(what: string): number {
    const p = this.pos;
    if (p + 2 > this.end) throw truncated(what, p, 2, this.end - p);
    this.pos = p + 2;
    const b = this.buf;
    return b[p]! | (b[p + 1]! << 8);
  }

  u32(what: string): number {
    const p = this.pos;
    if (p + 4 > this.end) throw truncated(what, p, 4, this.end - p);
    this.pos = p + 4;
    return readU32(this.buf, p);
  }

  /** A u64 as a JavaScript number: exact below 2^53, which covers record ids and counts in practice. */
  u64(what: string): number {
    const p = this.pos;
    if (p + 8 > this.end) throw truncated(what, p, 8, this.end - p);
    this.pos = p + 8;
    return readU32(this.buf, p + 4) * 0x1_0000_0000 + readU32(this.buf, p);
  }
}

/** Little-endian readers for offsets already checked by `Cursor.take` or a structure-level bound. */
export function readU16(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8);
}

export function readU32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
}

export function readI32(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
}

export function readU64(b: Uint8Array, p: number): number {
  return readU32(b, p + 4) * 0x1_0000_0000 + readU32(b, p);
}
