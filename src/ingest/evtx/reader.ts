/**
 * The two EVTX readers of the reader contract (src/ingest/types.ts):
 * - `readEvtx`: a byte stream (stdin, gunzipped data): the file header, then 64 KiB chunks in order.
 *   Memory is one chunk buffer plus the events of the current batch.
 * - `readEvtxFile`: a path, read chunk by chunk with positioned reads.
 * Both walk every 64 KiB block to the end of the input whatever the header's chunk count says (dirty files:
 * `sysmon.evtx` claims 1 chunk and holds 9), in physical order, as evtxexport and the Rust crate do.
 * Neither throws for damaged data; the only exception is SourceError for an input that is not EVTX at all or
 * cannot be opened.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Event } from '../../events/event.js';
import { SourceError } from '../../errors.js';
import { DEFAULT_BATCH_SIZE, type ReadOptions } from '../types.js';
import { CHUNK_SIZE, hasChunkMagic } from './chunk-header.js';
import { EvtxParseError } from './cursor.js';
import { EvtxDecoder } from './decoder.js';
import { FILE_HEADER_BLOCK, hasFileMagic, parseFileHeader, type FileHeader } from './file-header.js';

/**
 * Check the first block: the file magic, or failing that a chunk magic at 4096 (a file whose header was
 * damaged but whose chunks are intact). Reports header problems; throws SourceError when neither is there.
 */
function startFile(dec: EvtxDecoder, head: Uint8Array, firstChunk: Uint8Array | null, file: string): void {
  let header: FileHeader | null = null;
  if (hasFileMagic(head)) {
    try {
      header = parseFileHeader(head);
      if (!header.crcOk) dec.report({ offset: 0, reason: 'file header CRC mismatch; header fields ignored, chunks read' });
    } catch (e) {
      if (!(e instanceof EvtxParseError)) throw e;
      dec.report({ offset: 0, reason: `file header: ${e.message}` });
    }
  } else if (firstChunk !== null && hasChunkMagic(firstChunk)) {
    dec.report({ offset: 0, reason: 'file header signature damaged; chunks read anyway' });
  } else {
    throw new SourceError(`${file}: not an EVTX file (no ElfFile signature)`, { file, offset: 0 });
  }
  dec.setFileHeader(header);
}

function batchSize(opts: ReadOptions): number {
  return Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
}

/** Streaming reader: any chunking of the input bytes gives the same events. */
export async function* readEvtx(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  const dec = new EvtxDecoder(opts);
  const file = opts.meta.file;
  const batch = batchSize(opts);
  const keepRaw = opts.keepRaw ?? true;
  const head = new Uint8Array(FILE_HEADER_BLOCK);
  let headFill = 0;
  let started = false;
  let chunk = new Uint8Array(CHUNK_SIZE);
  let fill = 0;
  let index = 0;

  for await (const piece of input) {
    let p = 0;
    while (p < piece.length) {
      if (headFill < FILE_HEADER_BLOCK) {
        const n = Math.min(FILE_HEADER_BLOCK - headFill, piece.length - p);
        head.set(piece.subarray(p, p + n), headFill);
        headFill += n;
        p += n;
        continue;
      }
      const n = Math.min(CHUNK_SIZE - fill, piece.length - p);
      chunk.set(piece.subarray(p, p + n), fill);
      fill += n;
      p += n;
      if (fill === CHUNK_SIZE) {
        if (!started) {
          startFile(dec, head, chunk, file);
          started = true;
        }
        dec.chunk(chunk, CHUNK_SIZE, index++);
        // Events that keep a lazy `_raw` keep their chunk: those get a fresh buffer for the next one.
        // Without `_raw` nothing refers to a chunk once it is decoded, and the buffer is reused.
        if (keepRaw) chunk = new Uint8Array(CHUNK_SIZE);
        fill = 0;
        if (dec.pending >= batch) yield dec.take();
      }
    }
  }
  if (headFill === 0) throw new SourceError(`${file}: empty input`, { file, offset: 0 });
  if (!started) startFile(dec, head.subarray(0, headFill), fill > 0 ? chunk.subarray(0, fill) : null, file);
  if (headFill < FILE_HEADER_BLOCK) {
    dec.report({ offset: headFill, reason: `file truncated inside its ${FILE_HEADER_BLOCK}-byte header block` });
  } else if (fill > 0) {
    // A reused buffer holds the previous chunk's bytes after `fill`: clear them, as a fresh one would be.
    if (!keepRaw) chunk.fill(0, fill);
    dec.chunk(chunk, fill, index);
  }
  if (dec.pending > 0) yield dec.take();
}

/** Chunks read per positioned read: fewer, larger reads cost less than one await per 64 KiB. */
const CHUNKS_PER_READ = 16;

/**
 * Random-access reader over a file path. Reads 1 MiB at a time; each chunk is a view into that block, so
 * events that keep their chunk for lazy `_raw` keep at most their block alive.
 */
export async function* readEvtxFile(path: string, opts: ReadOptions): AsyncIterable<Event[]> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new SourceError(`${path}: cannot open (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file: path });
  }
  // The next block is read while the current one is decoded.
  let pending: Promise<Block> | null = null;
  try {
    const size = (await fh.stat()).size;
    if (size === 0) throw new SourceError(`${path}: empty file`, { file: path, offset: 0 });
    const dec = new EvtxDecoder(opts);
    const batch = batchSize(opts);
    const head = Buffer.alloc(Math.min(FILE_HEADER_BLOCK, size));
    await fh.read(head, 0, head.length, 0);
    const chunks = Math.ceil(Math.max(0, size - FILE_HEADER_BLOCK) / CHUNK_SIZE);
    // Without `_raw`, nothing refers to a block once it is decoded: two blocks take turns (one read while
    // the other is decoded) instead of a fresh zero-filled megabyte per read.
    const keepRaw = opts.keepRaw ?? true;
    const spare: Buffer[] = [];
    const readBlock = async (index: number): Promise<Block> => {
      const n = Math.min(CHUNKS_PER_READ, chunks - index);
      const bytes = Math.max(0, n) * CHUNK_SIZE;
      const reused = keepRaw ? undefined : spare.pop();
      const block = reused !== undefined && reused.length >= bytes ? reused.subarray(0, bytes).fill(0) : Buffer.alloc(bytes);
      const at = FILE_HEADER_BLOCK + index * CHUNK_SIZE;
      const { bytesRead } = n > 0 ? await fh.read(block, 0, Math.min(block.length, size - at), at) : { bytesRead: 0 };
      return { index, n: Math.max(0, n), block, bytesRead };
    };
    pending = readBlock(0);
    let started = false;
    for (;;) {
      const current: Block = await pending;
      const { index, n, block, bytesRead } = current;
      pending = bytesRead === n * CHUNK_SIZE && index + n < chunks ? readBlock(index + n) : null;
      if (!started) {
        startFile(dec, head, bytesRead > 0 ? block.subarray(0, Math.min(bytesRead, CHUNK_SIZE)) : null, opts.meta.file);
        if (size < FILE_HEADER_BLOCK) {
          dec.report({ offset: size, reason: `file truncated inside its ${FILE_HEADER_BLOCK}-byte header block` });
        }
        started = true;
      }
      for (let j = 0; j < n; j++) {
        const avail = Math.min(CHUNK_SIZE, bytesRead - j * CHUNK_SIZE);
        if (avail <= 0) break;
        // A plain view (not a Buffer: cheaper to make, and all the decoder needs).
        dec.chunk(new Uint8Array(block.buffer, block.byteOffset + j * CHUNK_SIZE, CHUNK_SIZE), avail, index + j);
        if (dec.pending >= batch) yield dec.take();
      }
      if (!keepRaw) spare.push(block);
      if (pending === null) break;
    }
    if (dec.pending > 0) yield dec.take();
  } finally {
    // A consumer that stops early leaves a read in flight: let it finish before closing the file.
    if (pending !== null) await pending.catch(() => undefined);
    await fh.close();
  }
}

interface Block {
  readonly index: number;
  readonly n: number;
  readonly block: Buffer;
  readonly bytesRead: number;
}
