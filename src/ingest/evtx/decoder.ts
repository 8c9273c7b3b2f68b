/**
 * Chunks → normalized events, shared by the streaming and the random-access readers.
 *
 * For each record: the EventCode prefilter first (one value lookup, `event-id.ts`), then the fields, then
 * `finishWindowsEvent`. `_raw` (the record as single-line event XML) is rendered lazily on first read: most
 * pipelines never look at it, and a reference into the record's chunk costs far less memory than the text.
 * Problems go to `onBadRecord` with the file, chunk number, record id and absolute byte offset.
 */
import type { Event, Value } from '../../events/event.js';
import { eventFromFields, shapeBuilder, type LazyField } from '../../events/event-shapes.js';
import { parseUtcTimestamp } from '../../events/time.js';
import { splunkSource } from '../../events/windows.js';
import type { BadRecord, ReadOptions } from '../types.js';
import type { Fragment } from './binxml/nodes.js';
import { CHUNK_SIZE } from './chunk-header.js';
import { parseChunk, reparseRecord, type ChunkProblem, type ChunkSink, type ChunkSummary } from './chunk.js';
import type { ChunkContext } from './binxml/parse.js';
import { quickEventId } from './event-id.js';
import { FieldList, ROLE } from './field-list.js';
import { collectFields, type FieldPlan } from './fields-plan.js';
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
 */
class RecordRef {
  constructor(
    readonly ctx: ChunkContext,
    readonly offset: number,
    readonly size: number,
  ) {}
}

/**
 * The state of an event's `_raw`: its RecordRef until first read, then the text (or whatever was
 * assigned). Held under a symbol so it stays out of Object.keys, JSON and structured clones.
 */
const RAW_STATE = Symbol('evtx _raw');

interface WithState {
  [RAW_STATE]?: unknown;
}

/** `_raw` for a record, never throwing (a lazy getter must not break the consumer). */
function renderRef(ref: RecordRef): string {
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

/**
 * One shared getter/setter pair serves every event (no closures per event). The accessor stays after the
 * first read, which keeps the object in its compact form (turning it into a data property, or deleting the
 * state, would make V8 rebuild it as a hash table); reads, writes, `in`, `delete`, Object.keys, JSON and
 * copies behave as with a data property.
 */
const LAZY_RAW: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Event): unknown {
    const state = (this as WithState)[RAW_STATE];
    if (!(state instanceof RecordRef)) return state === undefined ? '' : state;
    const s = renderRef(state);
    (this as WithState)[RAW_STATE] = s;
    return s;
  },
  set(this: Event, value: unknown) {
    (this as WithState)[RAW_STATE] = value;
  },
};

const RAW_FIELD: LazyField = { name: '_raw', descriptor: LAZY_RAW, slot: RAW_STATE };

/** Record shapes remembered per template (most templates have one or two: optional fields left empty). */
const MAX_SHAPES_PER_PLAN = 8;

/** `event[name] = value` on the list: in place when `scan` finds it, else appended. */
function addDerived(list: FieldList, scan: boolean, name: string, value: Value): void {
  if (scan) list.set(name, value);
  else list.push(name, value);
}

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
  /** The fields of the record being built (reused). */
  private readonly list = new FieldList();
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

  /** A record the EventCode prefilter ruled out: counted here and in the run's stats, as the other readers do. */
  private skipped(): void {
    this.counters.skippedByPrefilter++;
    if (this.opts.stats !== undefined) this.opts.stats.skippedByPrefilter++;
  }

  record(frag: Fragment, offset: number, _id: number, size: number, ctx: ChunkContext): void {
    const codes = this.codes;
    let quick: string | null | undefined;
    if (codes !== undefined) {
      quick = quickEventId(frag);
      if (quick === null || (quick !== undefined && !codes.has(quick))) {
        this.skipped();
        return;
      }
    }
    const list = this.list;
    const plan = collectFields(frag, list);
    const code = this.finish(list, list.derived || list.dirty);
    if (codes !== undefined && quick === undefined && (typeof code !== 'string' || !codes.has(code))) {
      this.skipped();
      return;
    }
    const lazy = this.keepRaw ? RAW_FIELD : undefined;
    const ref = this.keepRaw ? new RecordRef(ctx, offset, size) : undefined;
    const ev = plan === null ? eventFromFields(list.names, list.values, list.n, lazy, ref) : this.build(plan, list, lazy, ref);
    this.out.push(ev);
    this.counters.records++;
  }

  /**
   * Add the fields every Windows event gets, exactly as `finishWindowsEvent` (events/windows.ts) does after
   * `_time` is set from SystemTime: the same names, values and order. `scan` when the record's own fields
   * may already use one of those names. Returns the EventCode value.
   */
  private finish(list: FieldList, scan: boolean): Value | undefined {
    const st = list.role(ROLE.SystemTime);
    let time: number | null = null;
    if (typeof st === 'string') {
      time = st === list.timeText ? list.timeValue : parseWindowsTime(st);
      if (time !== null) addDerived(list, scan, '_time', time);
    }
    const eventId = list.role(ROLE.EventID);
    let code: Value | undefined;
    const at = scan ? list.indexOf('EventCode') : -1;
    if (at >= 0) code = list.values[at];
    else if (eventId !== undefined) {
      list.push('EventCode', eventId);
      code = eventId;
    }
    if (typeof st === 'string' && time === null && (!scan || list.indexOf('_time') < 0)) {
      const t = parseUtcTimestamp(st);
      if (t !== null) list.push('_time', t);
    }
    const computer = list.role(ROLE.Computer);
    if (typeof computer === 'string' && (!scan || list.indexOf('host') < 0)) list.push('host', computer);
    const channel = list.role(ROLE.Channel);
    const { source, sourcetype } = splunkSource(this.opts.meta, typeof channel === 'string' ? channel : undefined);
    addDerived(list, scan, 'source', source);
    addDerived(list, scan, 'sourcetype', sourcetype);
    addDerived(list, scan, 'index', this.opts.meta.index);
    return code;
  }

  /** The event for a record whose names are all distinct, from the plan's recent shapes. */
  private build(plan: FieldPlan, list: FieldList, lazy: LazyField | undefined, ref: RecordRef | undefined): Event {
    const names = list.names;
    const n = list.n;
    const shapes = plan.shapes;
    for (let s = 0; s < shapes.length; s++) {
      const shape = shapes[s]!;
      const known = shape.names;
      if (known.length !== n || shape.lazy !== lazy) continue;
      let i = 0;
      while (i < n && known[i] === names[i]) i++;
      if (i < n) continue;
      if (s > 0) {
        shapes[s] = shapes[0]!;
        shapes[0] = shape;
      }
      return shape.build(list.values, ref);
    }
    const build = shapeBuilder(names, n, lazy);
    if (build === null) return eventFromFields(names, list.values, n, lazy, ref);
    if (shapes.length >= MAX_SHAPES_PER_PLAN) shapes.pop();
    shapes.unshift({ names: names.slice(0, n), lazy, build });
    return build(list.values, ref);
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
