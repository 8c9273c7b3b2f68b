/**
 * Building short ASCII texts (GUIDs, hex dumps, timestamps, SIDs) byte by byte in one scratch buffer and
 * turning them into a flat one-byte string with a single native call. Concatenating 20 pieces instead
 * leaves a tree of cons strings per value that costs several times the memory and most of the GC time
 * (measured on the shared samples: field extraction spent about half its time in GC before this).
 */

type Latin1Slice = (this: Uint8Array, start: number, end: number) => string;
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: Latin1Slice }).latin1Slice;

let scratch = new Uint8Array(256);
let len = 0;

/** Start a new text with room for at least `capacity` bytes. */
export function begin(capacity: number): void {
  if (scratch.length < capacity) scratch = new Uint8Array(Math.max(capacity, scratch.length * 2));
  len = 0;
}

export function byte(c: number): void {
  scratch[len++] = c;
}

export function text(s: string): void {
  for (let i = 0; i < s.length; i++) scratch[len++] = s.charCodeAt(i);
}

const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';

/** Two hex digits of a byte. */
export function hexByte(v: number, upper: boolean): void {
  const digits = upper ? HEX_UPPER : HEX_LOWER;
  scratch[len++] = digits.charCodeAt(v >>> 4);
  scratch[len++] = digits.charCodeAt(v & 15);
}

/** Decimal digits of a non-negative integer below 2^53, zero-padded to `width`. */
export function decimal(v: number, width = 1): void {
  let digits = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
  for (let i = digits; i < width; i++) scratch[len++] = 48;
  let end = len + digits;
  len = end;
  do {
    scratch[--end] = 48 + (v % 10);
    v = Math.floor(v / 10);
  } while (v > 0);
}

/** Bytes [start, end) of any buffer as ISO-8859-1 text, flat, in one native call. */
export function latin1(b: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(b, start, end);
}

export function finish(): string {
  return latin1Slice.call(scratch, 0, len);
}
