/**
 * UTF-16LE to JavaScript strings. Short strings (the common case: names, numbers-as-text, short Data values)
 * are built with String.fromCharCode, which avoids TextDecoder's per-call cost; longer ones go through one
 * reused TextDecoder. Both keep unpaired surrogates out of the output the same way TextDecoder does (U+FFFD),
 * so the two paths agree.
 */

const decoder = new TextDecoder('utf-16le');
const SHORT = 32;

function fromCodes(b: Uint8Array, off: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const p = off + 2 * i;
    const c = b[p]! | (b[p + 1]! << 8);
    if (c >= 0xd800 && c <= 0xdfff) return decoder.decode(b.subarray(off, off + 2 * n));
    s += String.fromCharCode(c);
  }
  return s;
}

/** Decode exactly `n` UTF-16 code units starting at `off` (bounds checked by the caller). */
export function decodeUtf16(b: Uint8Array, off: number, n: number): string {
  if (n <= SHORT) return fromCodes(b, off, n);
  return decoder.decode(b.subarray(off, off + 2 * n));
}

/** Decode up to `n` code units, stopping at the first NUL (string values carry a trailing terminator). */
export function decodeUtf16z(b: Uint8Array, off: number, n: number): string {
  let len = 0;
  while (len < n) {
    const p = off + 2 * len;
    if (b[p] === 0 && b[p + 1] === 0) break;
    len++;
  }
  return decodeUtf16(b, off, len);
}
