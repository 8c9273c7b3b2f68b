/**
 * One 64 KiB chunk: validate the header, then walk its event records and hand each parsed record to the
 * caller. Everything a record needs (names, templates) lives in its own chunk, so chunks are independent.
 *
 * Recovery rules, each motivated by a shared sample (docs/evtx.md has the full table):
 * - all-zero block: skipped silently (pre-allocated or wiped chunks; `2-vss_7-System.evtx`).
 * - bad chunk magic: reported, block skipped (`sample_with_a_bad_chunk_magic.evtx`, blocks 6 and 10).
 * - CRC mismatch (header or records): reported, records still read and checked one by one, because dirty
 *   chunks routinely carry stale CRCs over intact records (`security_bad_string_cache.evtx` chunk 0,
 *   `2-vss_0-…RdpCoreTS…` chunks 0 and 13). Skipped entirely under the no-CRC flag (`Application_no_crc32`).
 * - records are walked from 512 up to the free-space offset and stop after the chunk's last record id.
 * - zero magic where a record should start: the end of the chunk's records when nothing follows
 *   (header over-claims, `Microsoft-Windows-HelloForBusiness…`, omerbenamram/evtx#197); when an intact record
 *   follows, the zeroed gap is reported and walking resumes there (`sample_with_a_bad_chunk_magic.evtx` chunk 7).
 * - bad record magic, size < 28 or past the chunk end: reported, then the walk resynchronises on the next
 *   intact record header (magic + size + matching size copy) at an 8-byte boundary
 *   (`sample-with-zero-data-size-event.evtx` record 3, `2-vss_0-…` chunk 0 at 49584).
 * - a record whose BinXML does not parse (truncated value, unknown token, template id mismatch): reported
 *   with its id, next record read.
 * Every loop advances by at least 8 bytes, so a chunk is walked in bounded time.
 */
import { Cursor, EvtxParseError, readU32, readU64 } from './cursor.js';
import {
  CHUNK_FLAG_NO_CRC32,
  CHUNK_HEADER_SIZE,
  CHUNK_SIZE,
  chunkHeaderCrcOk,
  chunkRecordsCrcOk,
  hasChunkMagic,
  isAllZero,
  parseChunkHeader,
  type ChunkHeader,
} from './chunk-header.js';
import { NameTable } from './name-table.js';
import type { Fragment } from './binxml/nodes.js';
import { parseFragment, type ChunkContext } from './binxml/parse.js';
import type { SharedTemplates } from './template-cache.js';
import { RECORD_HEADER_SIZE, RECORD_MAGIC, looksLikeRecord, recordSizeProblem } from './record-header.js';

/** A problem in a chunk, at a chunk-relative offset. */
export interface ChunkProblem {
  readonly offset: number;
  readonly recordId?: number;
  readonly reason: string;
}

export interface ChunkSink {
  /**
   * A record whose BinXML parsed: its fragment, its chunk-relative offset, header id and size, and the chunk
   * context it was parsed in (enough to parse it again later). Throwing EvtxParseError here reports the
   * record instead.
   */
  record(fragment: Fragment, offset: number, id: number, size: number, ctx: ChunkContext): void;
  problem(p: ChunkProblem): void;
}

export type ChunkStatus = 'zero' | 'bad-magic' | 'truncated-header' | 'parsed';

export interface ChunkOptions {
  /** The file header's no-CRC flag. */
  readonly noCrc: boolean;
  /** Template definitions shared with the file's other chunks. */
  readonly templates?: SharedTemplates | undefined;
}

export interface ChunkSummary {
  readonly status: ChunkStatus;
  readonly header?: ChunkHeader;
  /** Record headers found (valid magic) and what became of them. */
  readonly found: number;
  readonly ok: number;
  readonly failed: number;
}

/** Parse the record at `offset` (of `size` bytes) again, in the context its chunk was first parsed in. */
export function reparseRecord(ctx: ChunkContext, offset: number, size: number): Fragment {
  return parseFragment(new Cursor(ctx.bytes, offset + RECORD_HEADER_SIZE, offset + size - 4), ctx, 0);
}

/** Next 8-aligned offset in [from, end) holding an intact record header, or -1. */
export function findNextRecord(b: Uint8Array, from: number, end: number, limit: number): number {
  for (let p = (from + 7) & ~7; p + RECORD_HEADER_SIZE <= end; p += 8) {
    if (b[p] === 0x2a && looksLikeRecord(b, p, limit)) return p;
  }
  return -1;
}

/**
 * Parse one chunk. `bytes` holds `available` bytes of it (less than 65536 only for a truncated last chunk).
 */
export function parseChunk(bytes: Uint8Array, available: number, opts: ChunkOptions, sink: ChunkSink): ChunkSummary {
  const limit = Math.min(available, CHUNK_SIZE, bytes.length);
  // A block with the chunk signature is not all zero: only blocks without it are scanned.
  if (limit < 8 || !hasChunkMagic(bytes)) {
    if (isAllZero(bytes, 0, limit)) return { status: 'zero', found: 0, ok: 0, failed: 0 };
    sink.problem({ offset: 0, reason: 'bad chunk signature (not ElfChnk); chunk skipped' });
    return { status: 'bad-magic', found: 0, ok: 0, failed: 0 };
  }
  if (limit < CHUNK_HEADER_SIZE) {
    sink.problem({ offset: 0, reason: `chunk truncated to ${limit} bytes, no room for its header; chunk skipped` });
    return { status: 'truncated-header', found: 0, ok: 0, failed: 0 };
  }
  if (limit < CHUNK_SIZE) sink.problem({ offset: limit, reason: `chunk truncated to ${limit} of ${CHUNK_SIZE} bytes; records in it are still read` });

  const header = parseChunkHeader(bytes);
  let headerTrusted = true;
  if (!opts.noCrc && (header.flags & CHUNK_FLAG_NO_CRC32) === 0) {
    if (!chunkHeaderCrcOk(bytes, header)) {
      headerTrusted = false;
      sink.problem({ offset: 0, reason: 'chunk header CRC mismatch; records are still read and checked one by one' });
    } else if (limit === CHUNK_SIZE && !chunkRecordsCrcOk(bytes, header)) {
      sink.problem({ offset: CHUNK_HEADER_SIZE, reason: 'event records CRC mismatch; records are still read and checked one by one' });
    }
  }

  const fso = header.freeSpaceOffset;
  const end = fso >= CHUNK_HEADER_SIZE && fso <= limit ? fso : limit;
  const ctx: ChunkContext = {
    bytes,
    limit,
    names: new NameTable(bytes, limit),
    templates: new Map(),
    shared: opts.templates ?? null,
  };
  let found = 0;
  let ok = 0;
  let failed = 0;
  let off = CHUNK_HEADER_SIZE;

  while (off + RECORD_HEADER_SIZE <= end) {
    const magic = readU32(bytes, off);
    if (magic !== RECORD_MAGIC) {
      const next = findNextRecord(bytes, off + 8, end, limit);
      if (magic === 0) {
        if (next < 0) break; // zero-filled tail: the clean end of this chunk's records
        sink.problem({ offset: off, reason: `${next - off} zeroed bytes where a record should start; resuming at the next record` });
      } else {
        const skipped = next < 0 ? `rest of the chunk (${end - off} bytes)` : `${next - off} bytes`;
        sink.problem({ offset: off, reason: `bad record signature 0x${magic.toString(16).padStart(8, '0')}; skipped ${skipped}` });
      }
      if (next < 0) break;
      off = next;
      continue;
    }
    found++;
    const size = readU32(bytes, off + 4);
    const id = readU64(bytes, off + 8);
    const sizeProblem = recordSizeProblem(off, size, limit);
    if (sizeProblem !== null) {
      failed++;
      sink.problem({ offset: off, recordId: id, reason: sizeProblem });
      const next = findNextRecord(bytes, off + 8, end, limit);
      if (next < 0) break;
      off = next;
      continue;
    }
    try {
      const frag = parseFragment(new Cursor(bytes, off + RECORD_HEADER_SIZE, off + size - 4), ctx, 0);
      sink.record(frag, off, id, size, ctx);
      ok++;
    } catch (e) {
      if (!(e instanceof EvtxParseError)) throw e;
      failed++;
      const sizeCopy = readU32(bytes, off + size - 4);
      const copy = sizeCopy !== size ? ` (size copy ${sizeCopy} differs from size ${size})` : '';
      sink.problem({ offset: off, recordId: id, reason: `${e.message}${copy}` });
    }
    off += size;
    if (headerTrusted && id === header.lastRecordId) break;
  }
  return { status: 'parsed', header, found, ok, failed };
}
