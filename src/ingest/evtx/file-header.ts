/**
 * The EVTX file header: the first 4096 bytes, of which the first 128 carry data (evtx-format.md §1).
 *
 * Only the magic is trusted. Chunk counts, the last chunk number and the next record id are stale in
 * files that were not closed cleanly (`sysmon.evtx` claims 1 chunk and holds 9), so the readers walk every
 * 64 KiB block up to the end of the input instead. The flags are masked to the known bits because
 * `post-Security.evtx` carries 0x1B970000 with a valid CRC.
 */
import { Cursor, EvtxParseError } from './cursor.js';
import { crc32 } from './crc32.js';

export const FILE_HEADER_BLOCK = 4096;
export const FILE_MAGIC = 'ElfFile\0';

export const FILE_FLAG_DIRTY = 0x1;
export const FILE_FLAG_FULL = 0x2;
export const FILE_FLAG_NO_CRC32 = 0x4;

export interface FileHeader {
  readonly firstChunk: number;
  readonly lastChunk: number;
  readonly nextRecordId: number;
  readonly headerSize: number;
  readonly minorVersion: number;
  readonly majorVersion: number;
  readonly headerBlockSize: number;
  readonly chunkCount: number;
  /** Known flag bits only (dirty, full, no-CRC). */
  readonly flags: number;
  readonly rawFlags: number;
  /** False when the stored CRC does not match; always true when the no-CRC flag is set. */
  readonly crcOk: boolean;
}

/** True when the bytes start with `ElfFile\0`. */
export function hasFileMagic(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== FILE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Decode the header; throws EvtxParseError when the magic is wrong or the block is short. */
export function parseFileHeader(b: Uint8Array): FileHeader {
  const cur = new Cursor(b, 0, b.length);
  cur.take(128, 'file header');
  if (!hasFileMagic(b)) throw new EvtxParseError('file header magic', 0, 'not an EVTX file (no ElfFile signature)');
  cur.pos = 8;
  const firstChunk = cur.u64('first chunk number');
  const lastChunk = cur.u64('last chunk number');
  const nextRecordId = cur.u64('next record identifier');
  const headerSize = cur.u32('header size');
  const minorVersion = cur.u16('minor version');
  const majorVersion = cur.u16('major version');
  const headerBlockSize = cur.u16('header block size');
  const chunkCount = cur.u16('number of chunks');
  cur.pos = 120;
  const rawFlags = cur.u32('file flags');
  const storedCrc = cur.u32('file header CRC32');
  const flags = rawFlags & (FILE_FLAG_DIRTY | FILE_FLAG_FULL | FILE_FLAG_NO_CRC32);
  // The CRC covers bytes [0, 120): the flags and the CRC itself are outside it (evtx-format.md §1).
  const crcOk = (flags & FILE_FLAG_NO_CRC32) !== 0 || crc32(b, 0, 120) === storedCrc;
  return {
    firstChunk,
    lastChunk,
    nextRecordId,
    headerSize,
    minorVersion,
    majorVersion,
    headerBlockSize,
    chunkCount,
    flags,
    rawFlags,
    crcOk,
  };
}
