/**
 * The 512-byte chunk header at the start of every 64 KiB chunk (evtx-format.md §2.1).
 *
 * Two CRCs: the header CRC covers [0,120) and [128,512) (the flags and the CRC field are outside it), the
 * event-records CRC covers [512, freeSpaceOffset). Both are skipped when the file or chunk carries the
 * no-CRC flag (`Application_no_crc32.evtx`, flags 0x4 / 0x5, CRC fields zero).
 */
import { Cursor, readU32 } from './cursor.js';
import { crc32 } from './crc32.js';

export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
export const CHUNK_MAGIC = 'ElfChnk\0';
export const CHUNK_FLAG_NO_CRC32 = 0x4;

export interface ChunkHeader {
  readonly firstRecordNumber: number;
  readonly lastRecordNumber: number;
  readonly firstRecordId: number;
  readonly lastRecordId: number;
  readonly headerSize: number;
  readonly lastRecordOffset: number;
  readonly freeSpaceOffset: number;
  readonly recordsCrc: number;
  readonly flags: number;
  readonly headerCrc: number;
}

export function hasChunkMagic(b: Uint8Array, at = 0): boolean {
  if (b.length < at + 8) return false;
  for (let i = 0; i < 8; i++) if (b[at + i] !== CHUNK_MAGIC.charCodeAt(i)) return false;
  return true;
}

const ZEROS = new Uint8Array(CHUNK_SIZE);

/** True when every byte of the block is zero (pre-allocated or wiped chunks in dirty and VSS files). */
export function isAllZero(b: Uint8Array, start = 0, end = b.length): boolean {
  // Native comparison against zeros, a chunk at a time: this runs on every block without a signature.
  for (let p = start; p < end; p += CHUNK_SIZE) {
    const n = Math.min(CHUNK_SIZE, end - p);
    if (Buffer.compare(b.subarray(p, p + n), ZEROS.subarray(0, n)) !== 0) return false;
  }
  return true;
}

/** Decode the header fields; the caller has checked the magic and that 512 bytes are present. */
export function parseChunkHeader(b: Uint8Array): ChunkHeader {
  const cur = new Cursor(b, 8, CHUNK_HEADER_SIZE);
  return {
    firstRecordNumber: cur.u64('chunk first record number'),
    lastRecordNumber: cur.u64('chunk last record number'),
    firstRecordId: cur.u64('chunk first record id'),
    lastRecordId: cur.u64('chunk last record id'),
    headerSize: cur.u32('chunk header size'),
    lastRecordOffset: cur.u32('chunk last record offset'),
    freeSpaceOffset: cur.u32('chunk free space offset'),
    recordsCrc: cur.u32('chunk event records CRC32'),
    flags: readU32(b, 120),
    headerCrc: readU32(b, 124),
  };
}

export function chunkHeaderCrcOk(b: Uint8Array, h: ChunkHeader): boolean {
  return crc32(b, 128, CHUNK_HEADER_SIZE, crc32(b, 0, 120)) === h.headerCrc;
}

/** CRC of the records area [512, freeSpaceOffset); false when the offset is out of range. */
export function chunkRecordsCrcOk(b: Uint8Array, h: ChunkHeader): boolean {
  if (h.freeSpaceOffset < CHUNK_HEADER_SIZE || h.freeSpaceOffset > b.length) return false;
  return crc32(b, CHUNK_HEADER_SIZE, h.freeSpaceOffset) === h.recordsCrc;
}
