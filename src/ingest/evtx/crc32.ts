/**
 * CRC-32 as zlib computes it (reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF), which is
 * what EVTX file and chunk headers store (evtx-format.md §1, recomputed on every shared sample).
 * Node's native `zlib.crc32` (Node ≥ 20.15) is used when present: it is several times faster than the
 * table loop, which stays as the fallback and as the reference the tests compare it with.
 */
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Table-driven CRC over `b[start, end)`, continuing from `crc` (0 to start). */
export function crc32Table(b: Uint8Array, start = 0, end = b.length, crc = 0): number {
  let c = ~crc;
  for (let i = start; i < end; i++) c = TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

type NativeCrc = (data: Uint8Array, value?: number) => number;
const native = (zlib as unknown as { crc32?: NativeCrc }).crc32;

/** CRC over `b[start, end)`, continuing from `crc` (0 to start). */
export function crc32(b: Uint8Array, start = 0, end = b.length, crc = 0): number {
  if (native !== undefined) return native(b.subarray(start, end), crc) >>> 0;
  return crc32Table(b, start, end, crc);
}
