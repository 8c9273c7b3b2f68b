/**
 * The 24-byte event record header and its trailing size copy (evtx-format.md §3).
 *
 * `[magic 2A 2A 00 00][size u32][record id u64][written FILETIME u64] BinXML ... [size copy u32]`
 * The header id is the chunk's sequence; the rendered `<EventRecordID>` can differ (forwarded logs), so
 * fields take the XML value and only error reports use this one.
 */
import { readU32 } from './cursor.js';

export const RECORD_MAGIC = 0x00002a2a;
export const RECORD_HEADER_SIZE = 24;
/** Header plus the trailing size copy: the smallest size a record can declare (PR omerbenamram/evtx#264). */
export const MIN_RECORD_SIZE = 28;

/**
 * Why a record of `size` bytes at `off` cannot be read from a chunk whose usable bytes end at `limit`,
 * or null. The size copy at `off + size − 4` is not required to match: half-written records still parse
 * (`Microsoft-Windows-HelloForBusiness…` record 6, the Rust crate reads them too).
 */
export function recordSizeProblem(off: number, size: number, limit: number): string | null {
  if (size < MIN_RECORD_SIZE) return `record size ${size} is smaller than ${MIN_RECORD_SIZE}`;
  if (off + size > limit) return `record size ${size} runs past the end of the chunk`;
  return null;
}

/** A plausible intact record header at `off`: magic, size in range, size copy equal (used to resynchronise). */
export function looksLikeRecord(b: Uint8Array, off: number, limit: number): boolean {
  if (off + RECORD_HEADER_SIZE > limit || readU32(b, off) !== RECORD_MAGIC) return false;
  const size = readU32(b, off + 4);
  return size >= MIN_RECORD_SIZE && off + size <= limit && readU32(b, off + size - 4) === size;
}
