/**
 * The 24-byte event record header and its trailing size copy (evtx-format.md §3).
 *
 * `[magic 2A 2A 00 00][size u32][record id u64][written FILETIME u64] BinXML ... [size copy u32]`
 * The header id is the chunk's sequence; the rendered `<EventRecordID>` can differ (forwarded logs), so
 * fields take the XML value and only error reports use this one.
 */
import { readU32, readU64 } from './cursor.js';

export const RECORD_MAGIC = 0x00002a2a;
export const RECORD_HEADER_SIZE = 24;
/** Header plus the trailing size copy: the smallest size a record can declare (PR omerbenamram/evtx#264). */
export const MIN_RECORD_SIZE = 28;

export interface RecordHeader {
  readonly offset: number;
  readonly size: number;
  readonly id: number;
  /** u32 at offset + size − 4; equals `size` in intact records. */
  readonly sizeCopy: number;
}

export type RecordHeaderCheck =
  | { readonly ok: true; readonly header: RecordHeader }
  | { readonly ok: false; readonly reason: string; readonly id?: number };

/**
 * Check the record header at `off` inside a chunk whose usable bytes end at `limit`.
 * Caller guarantees the magic matched and `off + 24 <= limit`.
 */
export function checkRecordHeader(b: Uint8Array, off: number, limit: number): RecordHeaderCheck {
  const size = readU32(b, off + 4);
  const id = readU64(b, off + 8);
  if (size < MIN_RECORD_SIZE) return { ok: false, reason: `record size ${size} is smaller than ${MIN_RECORD_SIZE}`, id };
  if (off + size > limit) return { ok: false, reason: `record size ${size} runs past the end of the chunk`, id };
  return { ok: true, header: { offset: off, size, id, sizeCopy: readU32(b, off + size - 4) } };
}

/** A plausible intact record header at `off`: magic, size in range, size copy equal (used to resynchronise). */
export function looksLikeRecord(b: Uint8Array, off: number, limit: number): boolean {
  if (off + RECORD_HEADER_SIZE > limit || readU32(b, off) !== RECORD_MAGIC) return false;
  const size = readU32(b, off + 4);
  return size >= MIN_RECORD_SIZE && off + size <= limit && readU32(b, off + size - 4) === size;
}
