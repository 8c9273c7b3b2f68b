/**
 * Chunks → normalized events, shared by the streaming and the random-access readers.
 *
 * For each record: the EventCode prefilter first (one value lookup, `event-id.ts`), then the fields, then
 * `finishWindowsEvent`. `_raw` (the record as single-line event XML) is rendered lazily on first read: most
 * pipelines never look at it, and a reference into the record's chunk costs far less memory than the text.
 * Problems go to `onBadRecord` with the file, chunk number, record id and absolute byte offset.
 */
import { createEvent, type Event } from '../../events/event.js';
import { finishWindowsEvent } from '../../events/windows.js';
import type { BadRecord, ReadOptions } from '../types.js';
import type { Fragment } from './binxml/nodes.js';
import { CHUNK_SIZE } from './chunk-header.js';
import { parseChunk, reparseRecord, type ChunkProblem, type ChunkSink, type ChunkSummary } from './chunk.js';
import type { ChunkContext } from './binxml/parse.js';
import { quickEventId } from './event-id.js';
import { extractFields } from './fields-plan.js';
import { FILE_FLAG_NO_CRC32, FILE_HEADER_BLOCK, type FileHeader } from './file-header.js';
import { renderPlanned } from './render-plan.js';
import { parseWindowsTime } from './binxml/filetime.js';
import { SharedTemplates } from './template-cache.js';

/** Absolute file offset of chunk `index`. */
export function chunkFileOffset(index: number): number {
  return FILE_HEADER_BLOCK + index * CHUNK_SIZE;
}

/**
 * What a lazy `_raw` needs to render its record: the chunk context (bytes, names, templates; shared by all
 * records of the chunk) and where the record is. Keeping this instead of the parsed record keeps the memory
 * that lives as long as the event small; the record is parsed again (a few microseconds) if `_raw` is read.
 * Held under a symbol so it stays out of Object.keys, JSON and structured clones.
 */
const RAW_SOURCE = Symbol('evtx record');

interface RecordRef {
  readonly ctx: ChunkContext;
  readonly offset: number;
  readonly size: number;
}

interface WithSource {
  [RAW_SOURCE]?: RecordRef;
}

/** `_raw` for a record, never throwing (a lazy getter must not break the consumer). */
function renderRef(ref: RecordRef | undefined): string {
  if (ref === undefined) return '';
  try {
    const xml = renderPlanned(reparseRecord(ref.ctx, ref.offset, ref.size));
    // Built by concatenation, the text is a tree of a few hundred string pieces; reading one character
    // makes V8 flatten it now, so the event keeps one flat string instead of the whole tree.
    xml.charCodeAt(0);
    return xml;
  } catch {
    return '';
  }
}

function settleRaw(ev: Event, value: string): void {
  delete (ev as WithSource)[RAW_SOURCE];
  Object.defineProperty(ev, '_raw', { value, writable: true, enumerable: true, configurable: true });
}

/** One shared getter/setter pair serves every event (no closures per event). */
const LAZY_RAW: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Event): string {
    const s = renderRef((this as WithSource)[RAW_SOURCE]);
    settleRaw(this, s);
    return s;
  },
  set(this: Event, value: string) {
    settleRaw(this, value);
  },
};

export interface DecoderCounters {
  records: number;
  failed: number;
  skippedByPrefilter: number;
  chunks: number;
}

export class EvtxDecoder implements ChunkSink {
  private readonly opts: ReadOptions;
  private readonly codes: ReadonlySet<string> | undefined;
  private readonly keepRaw: boolean;
  private noCrc = false;
  private readonly templates = new SharedTemplates();
  private chunkIndex = 0;
  /** Events decoded and not yet taken. */
  private out: Event[] = [];
  readonly counters: DecoderCounters = { records: 0, failed: 0, skippedByPrefilter: 0, chunks: 0 };

  constructor(opts: ReadOptions) {
    this.opts = opts;
    this.codes = opts.prefilter?.eventCodes;
    this.keepRaw = opts.keepRaw ?? true;
  }

  setFileHeader(h: FileHeader | null): void {
    this.noCrc = h !== null && (h.flags & FILE_FLAG_NO_CRC32) !== 0;
  }

  report(bad: Omit<BadRecord, 'file'>): void {
    this.opts.onBadRecord({ file: this.opts.meta.file, ...bad });
  }

  /** Decode chunk `index` (its first `available` bytes are present). */
  chunk(bytes: Uint8Array, available: number, index: number): ChunkSummary {
    this.chunkIndex = index;
    this.counters.chunks++;
    return parseChunk(bytes, available, { noCrc: this.noCrc, templates: this.templates }, this);
  }

  /** Take the decoded events so far. */
  take(): Event[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  get pending(): number {
    return this.out.length;
  }

  record(frag: Fragment, offset: number, _id: number, size: number, ctx: ChunkContext): void {
    const codes = this.codes;
    let quick: string | null | undefined;
    if (codes !== undefined) {
      quick = quickEventId(frag);
      if (quick === null || (quick !== undefined && !codes.has(quick))) {
        this.counters.skippedByPrefilter++;
        return;
      }
    }
    const ev = createEvent();
    extractFields(frag, ev);
    const st = ev['SystemTime'];
    if (typeof st === 'string') {
      const t = parseWindowsTime(st);
      if (t !== null) ev['_time'] = t;
    }
    finishWindowsEvent(ev, this.opts.meta);
    if (codes !== undefined && quick === undefined) {
      const code = ev['EventCode'];
      if (typeof code !== 'string' || !codes.has(code)) {
        this.counters.skippedByPrefilter++;
        return;
      }
    }
    if (this.keepRaw) {
      (ev as WithSource)[RAW_SOURCE] = { ctx, offset, size };
      Object.defineProperty(ev, '_raw', LAZY_RAW);
    }
    this.out.push(ev);
    this.counters.records++;
  }

  problem(p: ChunkProblem): void {
    if (p.recordId !== undefined) this.counters.failed++;
    this.report({
      offset: chunkFileOffset(this.chunkIndex) + p.offset,
      chunk: this.chunkIndex,
      ...(p.recordId !== undefined ? { recordId: p.recordId } : {}),
      reason: p.reason,
    });
  }
}
