/**
 * The one library entry for reading telemetry: paths (files, directories walked recursively in name
 * order, `-` for stdin) → decompressed byte streams (gzip recognised by its magic bytes, UTF-16 text
 * transcoded) → format sniffed from content → the format's reader → batches of events, with run counts.
 *
 * A missing path or an explicitly named file of no known format is a SourceError (the CLI's one-line
 * exit 2). Inside a directory, such a file is skipped and reported through `onSkippedFile`, since
 * directories hold READMEs and other strays. A gzip stream that ends early or is corrupt is a bad record
 * at its (decompressed) offset; the events before it are kept.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { SourceError } from '../errors.js';
import type { Event } from '../events/event.js';
import type { SourceMeta } from '../events/windows.js';
import { readCsv } from './csv.js';
import { readEvtx } from './evtx/index.js';
import { readNdjson } from './ndjson.js';
import { SNIFF_BYTES, sniffFormat } from './sniff.js';
import type { BadRecord, InputFormat, Prefilter, ReadOptions, ReadStats } from './types.js';
import { readXml } from './xml.js';

export interface ReadInputsOptions {
  /** Run-wide Splunk metadata; `file` is filled in per input. */
  readonly meta: Omit<SourceMeta, 'file'>;
  readonly onBadRecord: (bad: BadRecord) => void;
  /** A file inside a directory that was not read (unknown format), and why. */
  readonly onSkippedFile?: ((path: string, reason: string) => void) | undefined;
  readonly prefilter?: Prefilter | undefined;
  readonly maxRecordBytes?: number | undefined;
  readonly batchSize?: number | undefined;
  readonly keepRaw?: boolean | undefined;
  /** Filled in as the run goes: files, events, bad records, pre-filtered records, bytes. */
  readonly stats?: ReadStats | undefined;
}

export function newReadStats(): ReadStats {
  return { files: 0, events: 0, badRecords: 0, skippedByPrefilter: 0, bytes: 0, skippedFiles: 0 };
}

type Reader = (input: AsyncIterable<Uint8Array>, opts: ReadOptions) => AsyncIterable<Event[]>;

/**
 * EVTX integration point: the binary reader (src/ingest/evtx/) replaces this function when it is merged,
 * e.g. `return path !== undefined ? readEvtxFile(path, opts) : readEvtx(input, opts);`.
 */
/**
 * EVTX is read from the same byte stream as every other format (plain file, gunzipped file or stdin), so
 * byte counts and progress work alike; chunks are 64 KiB and parsed as they arrive.
 */
function readEvtxInput(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  return readEvtx(input, opts);
}

const TEXT_READERS: Record<Exclude<InputFormat, 'evtx'>, Reader> = {
  xml: readXml,
  ndjson: readNdjson,
  csv: readCsv,
};

/** Read every input in order, yielding batches of normalized events. */
export async function* readInputs(paths: readonly string[], options: ReadInputsOptions): AsyncIterable<Event[]> {
  const stats = options.stats ?? newReadStats();
  const onBadRecord = (bad: BadRecord): void => {
    stats.badRecords++;
    options.onBadRecord(bad);
  };
  for (const path of paths) {
    if (path === '-') {
      yield* readOne('-', process.stdin, false, options, stats, onBadRecord);
      continue;
    }
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new SourceError(`${path}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`, { file: path });
    });
    if (info.isDirectory()) {
      const onSkip = (file: string, reason: string): void => {
        stats.skippedFiles++;
        options.onSkippedFile?.(file, reason);
      };
      for await (const file of walk(path, onSkip)) {
        yield* readOne(file, undefined, true, options, stats, onBadRecord);
      }
    } else {
      yield* readOne(path, undefined, false, options, stats, onBadRecord);
    }
  }
}

/** Regular files under a directory, depth first, entries in code-unit order (deterministic). */
async function* walk(dir: string, onSkip: (file: string, reason: string) => void): AsyncIterable<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A `c2hunt simulate` output folder holds its ground truth (labels.ndjson, entities.json, manifest.json)
  // beside the telemetry; read as events, the labels would double the input and pollute every count.
  const simulated = entries.some((e) => e.isFile() && e.name === 'manifest.json') && (await isSimulatorOutput(join(dir, 'manifest.json')));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (simulated && e.name !== 'events') {
      if (e.isFile()) onSkip(full, 'ground truth of c2hunt simulate, not telemetry (its events are under events/)');
      continue;
    }
    if (e.isDirectory()) yield* walk(full, onSkip);
    else if (e.isFile()) yield full;
    else if (e.isSymbolicLink()) {
      const target = await stat(full).catch(() => null);
      if (target?.isFile() === true) yield full;
    }
  }
}

/** True for the manifest `c2hunt simulate` writes (its `generator` key), read only when small. */
async function isSimulatorOutput(manifest: string): Promise<boolean> {
  const info = await stat(manifest).catch(() => null);
  if (info === null || info.size > 4 * 1024 * 1024) return false;
  try {
    const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { generator?: unknown } | null;
    return parsed !== null && typeof parsed === 'object' && parsed.generator === 'c2hunt simulate';
  } catch {
    return false;
  }
}

async function* readOne(
  file: string,
  stdin: NodeJS.ReadableStream | undefined,
  fromWalk: boolean,
  options: ReadInputsOptions,
  stats: ReadStats,
  onBadRecord: (bad: BadRecord) => void,
): AsyncIterable<Event[]> {
  const raw: AsyncIterable<Buffer> =
    stdin !== undefined ? (stdin as AsyncIterable<Buffer>) : createReadStream(file, { highWaterMark: 256 * 1024 });
  let source = peekable(raw);
  const magic = await source.peek(2);
  if (magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
    source = peekable(gunzip(source, file, onBadRecord));
  }
  let head = await source.peek(SNIFF_BYTES);
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    source = peekable(utf16ToUtf8(source, head[0] === 0xff ? 'utf-16le' : 'utf-16be'));
    head = await source.peek(SNIFF_BYTES);
  }
  if (head.length === 0) {
    stats.files++;
    return;
  }
  const sniffed = sniffFormat(head, source.ended);
  if (sniffed.format === null) {
    if (fromWalk) {
      stats.skippedFiles++;
      options.onSkippedFile?.(file, sniffed.reason);
      source.close();
      return;
    }
    source.close();
    throw new SourceError(`${file}: unrecognised format (${sniffed.reason})`, { file });
  }
  const meta: SourceMeta = { ...options.meta, file };
  const opts: ReadOptions = {
    meta,
    onBadRecord,
    prefilter: options.prefilter,
    maxRecordBytes: options.maxRecordBytes,
    batchSize: options.batchSize,
    keepRaw: options.keepRaw,
    stats,
  };
  const counted = countBytes(source, stats);
  try {
    let batches: AsyncIterable<Event[]>;
    try {
      batches =
        sniffed.format === 'evtx'
          ? readEvtxInput(counted, opts)
          : TEXT_READERS[sniffed.format](counted, opts);
    } catch (err) {
      if (!(fromWalk && err instanceof SourceError)) throw err;
      stats.skippedFiles++;
      options.onSkippedFile?.(file, err.message.replace(`${file}: `, ''));
      return;
    }
    stats.files++;
    for await (const batch of batches) {
      stats.events += batch.length;
      yield batch;
    }
  } finally {
    source.close();
  }
}

async function* countBytes(source: AsyncIterable<Buffer>, stats: ReadStats): AsyncIterable<Buffer> {
  for await (const chunk of source) {
    stats.bytes += chunk.length;
    yield chunk;
  }
}

/** Decompress; an early end or corrupt data is one bad record at the decompressed offset reached. */
async function* gunzip(source: AsyncIterable<Buffer>, file: string, onBadRecord: (bad: BadRecord) => void): AsyncIterable<Buffer> {
  const gz = createGunzip();
  const done = pipeline(Readable.from(source), gz).catch(() => undefined);
  let offset = 0;
  try {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      offset += chunk.length;
      yield chunk;
    }
  } catch (err) {
    const msg = (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? 'truncated gzip data' : `corrupt gzip data (${(err as Error).message})`;
    onBadRecord({ file, offset, reason: `${msg}; the rest of the file cannot be read` });
  } finally {
    gz.destroy();
    await done;
  }
}

async function* utf16ToUtf8(source: AsyncIterable<Buffer>, encoding: 'utf-16le' | 'utf-16be'): AsyncIterable<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const tail = decoder.decode();
  if (tail !== '') yield Buffer.from(tail, 'utf8');
}

interface Peekable extends AsyncIterable<Buffer> {
  /** The first `n` bytes (fewer at the end of input), without consuming them. */
  peek(n: number): Promise<Buffer>;
  readonly ended: boolean;
  close(): void;
}

/** Wrap a byte stream so its beginning can be inspected and then read again. */
function peekable(source: AsyncIterable<Buffer | Uint8Array | string>): Peekable {
  const it = source[Symbol.asyncIterator]();
  let buffered: Buffer[] = [];
  let bufferedLength = 0;
  let ended = false;
  const next = async (): Promise<Buffer | null> => {
    const r = await it.next();
    if (r.done === true) {
      ended = true;
      return null;
    }
    const v = r.value;
    return typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  };
  return {
    get ended() {
      return ended;
    },
    async peek(n: number): Promise<Buffer> {
      while (bufferedLength < n && !ended) {
        const chunk = await next();
        if (chunk === null) break;
        buffered.push(chunk);
        bufferedLength += chunk.length;
      }
      const all = Buffer.concat(buffered);
      buffered = all.length > 0 ? [all] : [];
      return all.subarray(0, n);
    },
    close(): void {
      void it.return?.();
    },
    async *[Symbol.asyncIterator]() {
      const first = buffered;
      buffered = [];
      bufferedLength = 0;
      for (const b of first) yield b;
      for (;;) {
        const chunk = await next();
        if (chunk === null) return;
        yield chunk;
      }
    },
  };
}
