/**
 * Reader for newline-delimited JSON. Each line is recognised on its own, so one file may mix shapes:
 * - Splunk search export: `{"result": {...}}` (and a bare object with `_raw`) → splunk-export.ts;
 * - Winlogbeat / Elastic Agent ECS (`winlog.*`) → events/ecs.ts;
 * - anything else is flat JSON such as NXLog's (OTRF Security-Datasets) → events/nxlog.ts, whose
 *   per-computer clock may hold records back until the computer's UTC offset is known (bounded).
 */
import type { Event } from '../events/event.js';
import { isEcsDocument, normalizeEcs } from '../events/ecs.js';
import { isJsonObject, type JsonObject } from '../events/json-fields.js';
import { applyClock, ComputerClocks, normalizeNxlog, nxlogEventCode, nxlogTiming, type NxlogTiming } from '../events/nxlog.js';
import { EventBatcher, passesRawPrefilter, reportBad } from './batch.js';
import { JsonValueSplitter, jsonLayout } from './json-values.js';
import { LineSplitter, type LineSink } from './lines.js';
import { normalizeSplunkResult } from './splunk-export.js';
import { DEFAULT_MAX_RECORD_BYTES, type ReadOptions } from './types.js';

/** At most this many records wait for their computer's UTC offset before it is taken as 0. */
export const MAX_RECORDS_AWAITING_CLOCK = 10_000;

interface Held {
  /** null: a record the query cannot match, kept in line only so that the hold-back count and order stay those of a run without prefilter. */
  readonly event: Event | null;
  readonly timing: NxlogTiming | null;
}

/** What one JSON line is, before any event is built. */
const enum Shape {
  /** A Splunk export result (`{"result": {...}}`) or an object with `_raw`. */
  Splunk,
  /** A Splunk export status line: no event. */
  Status,
  Ecs,
  Nxlog,
}

function shapeOf(obj: JsonObject): Shape {
  if (isJsonObject(obj['result'])) return Shape.Splunk;
  if (Object.hasOwn(obj, 'preview') || Object.hasOwn(obj, 'messages') || Object.hasOwn(obj, 'lastrow')) return Shape.Status;
  if (isEcsDocument(obj)) return Shape.Ecs;
  return Object.hasOwn(obj, '_raw') ? Shape.Splunk : Shape.Nxlog;
}

/** Keys whose names any clock reading needs (nxlog.ts); written in JSON literally or with `\u` escapes. */
const mayCarryClock = (text: string): boolean =>
  text.includes('EventTime') || text.includes('TimeCreated') || text.includes('@timestamp') || text.includes('\\u');

export async function* readNdjson(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  const batcher = new EventBatcher(opts);
  const keepRaw = opts.keepRaw !== false;
  const codes = opts.prefilter?.eventCodes;
  const clocks = new ComputerClocks();
  let held: Held[] = [];
  let head = 0;

  const release = (): void => {
    while (head < held.length) {
      const h = held[head]!;
      if (h.timing !== null) {
        const offset = clocks.offsetOf(h.timing.computer);
        if (offset === undefined) break;
        if (h.event !== null) applyClock(h.event, h.timing, offset);
      }
      if (h.event !== null) batcher.add(h.event);
      head++;
    }
    if (head === held.length) {
      held = [];
      head = 0;
    }
  };

  // A record goes through the per-computer clock in input order in two steps: `admit` learns from it
  // and says whether it can go out now (with the offset to apply), `hold` queues it otherwise.
  let decided = false;
  const admit = (timing: NxlogTiming | null): number | undefined => {
    decided = timing !== null && clocks.learn(timing);
    if (held.length > 0) return undefined;
    return timing === null ? 0 : clocks.offsetOf(timing.computer);
  };
  const hold = (event: Event | null, timing: NxlogTiming | null): void => {
    held.push({ event, timing });
    if (held.length - head > MAX_RECORDS_AWAITING_CLOCK) clocks.decide(held[head]!.timing!.computer, 0);
    if (decided || held.length - head > MAX_RECORDS_AWAITING_CLOCK) release();
  };

  /** An event (or, null, a record the prefilter ruled out) in input order, through the per-computer clock. */
  const emit = (event: Event | null, timing: NxlogTiming | null): void => {
    const offset = admit(timing);
    if (offset === undefined) {
      hold(event, timing);
    } else if (event !== null) {
      if (timing !== null) applyClock(event, timing, offset);
      batcher.add(event);
    }
  };

  /**
   * A record the prefilter ruled out still counts for the clocks exactly as it would without the
   * prefilter (it may reveal its computer's UTC offset, or wait in line behind held records), so `_time`
   * never depends on the query. It needs parsing only when it can: while records are held, or when its
   * text could carry a clock reading.
   */
  const observeSkipped = (text: string): void => {
    if (held.length === 0 && !mayCarryClock(text)) return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      return; // Unread records are not checked, as before: only counted as skipped.
    }
    if (!isJsonObject(obj)) return;
    const shape = shapeOf(obj);
    if (shape === Shape.Nxlog) {
      const timing = nxlogTiming(obj);
      emit(null, timing.local !== null ? timing : null);
    } else if (shape !== Shape.Status && held.length > 0) {
      // A record that would have been bad is not held; the others are, without a clock.
      const result = obj['result'];
      if (shape === Shape.Splunk && typeof normalizeSplunkResult(isJsonObject(result) ? result : obj, opts.meta, false, '_json') === 'string') return;
      emit(null, null);
    }
  };

  const sink: LineSink = {
    line(buf, start, end, offset, line) {
      const text = buf.toString('utf8', start, end);
      if (!passesRawPrefilter(opts, text)) {
        observeSkipped(text);
        return;
      }
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch (err) {
        reportBad(opts, offset, line, `invalid JSON: ${(err as Error).message}`);
        return;
      }
      if (!isJsonObject(obj)) {
        reportBad(opts, offset, line, 'not a JSON object');
        return;
      }
      let event: Event | string;
      let timing: NxlogTiming | null = null;
      const shape = shapeOf(obj);
      if (shape === Shape.Status) return; // Splunk export status line without a result: no event in it.
      if (shape === Shape.Splunk) {
        const result = obj['result'];
        event = normalizeSplunkResult(isJsonObject(result) ? result : obj, opts.meta, keepRaw, '_json');
      } else if (shape === Shape.Ecs) {
        event = normalizeEcs(obj, opts.meta);
      } else {
        const t = nxlogTiming(obj);
        timing = t.local !== null ? t : null;
        // The EventCode the event would get, read before building it: other codes cannot match.
        if (codes !== undefined) {
          const code = nxlogEventCode(obj);
          if (typeof code !== 'string' || !codes.has(code)) {
            if (opts.stats !== undefined) opts.stats.skippedByPrefilter++;
            emit(null, timing);
            return;
          }
        }
        // Built in one go with `_raw` and, when the offset is known already, the clock (event-shapes.ts).
        const offset = admit(timing);
        const built = normalizeNxlog(obj, opts.meta, { timing: t, raw: keepRaw ? text : undefined, clockOffset: timing === null ? undefined : offset });
        if (offset === undefined) hold(built.event, timing);
        else batcher.add(built.event);
        return;
      }
      if (typeof event === 'string') {
        reportBad(opts, offset, line, event);
        return;
      }
      if (keepRaw && event['_raw'] === undefined) event['_raw'] = text;
      emit(event, timing);
    },
    bad(offset, line, reason) {
      reportBad(opts, offset, line, reason);
    },
  };
  // One object per line, or (told by the first bytes) a JSON array or pretty-printed objects.
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let splitter: LineSplitter | JsonValueSplitter | undefined;
  let first: Buffer | undefined;
  const start = (bytes: Buffer): LineSplitter | JsonValueSplitter => {
    const s = jsonLayout(bytes) === 'document' ? new JsonValueSplitter(maxRecordBytes, sink) : new LineSplitter(maxRecordBytes, sink);
    s.push(bytes);
    return s;
  };
  for await (const chunk of input) {
    if (splitter === undefined) {
      first = first === undefined ? Buffer.from(chunk) : Buffer.concat([first, chunk]);
      // Undecided only while the input so far is blank or a lone `{` line has not ended: bounded by 4 KiB.
      if (jsonLayout(first) === undefined && first.length < 4096) continue;
      splitter = start(first);
      first = undefined;
      if (batcher.full) yield batcher.take();
      continue;
    }
    splitter.push(chunk);
    if (batcher.full) yield batcher.take();
  }
  if (splitter === undefined && first !== undefined) splitter = start(first);
  splitter?.finish();
  // End of input: computers whose offset never showed read their clock as UTC.
  while (head < held.length) {
    const t = held[head]!.timing;
    if (t !== null) clocks.decide(t.computer, 0);
    release();
  }
  if (batcher.length > 0) yield batcher.take();
}
