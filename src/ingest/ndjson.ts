/**
 * Reader for newline-delimited JSON. Each line is recognised on its own, so one file may mix shapes:
 * - Splunk search export: `{"result": {...}}` (and a bare object with `_raw`) → splunk-export.ts;
 * - Winlogbeat / Elastic Agent ECS (`winlog.*`) → events/ecs.ts;
 * - anything else is flat JSON such as NXLog's (OTRF Security-Datasets) → events/nxlog.ts, whose
 *   per-computer clock may hold records back until the computer's UTC offset is known (bounded).
 */
import type { Event } from '../events/event.js';
import { isEcsDocument, normalizeEcs } from '../events/ecs.js';
import { isJsonObject } from '../events/json-fields.js';
import { applyClock, ComputerClocks, normalizeNxlog, type NxlogTiming } from '../events/nxlog.js';
import { EventBatcher, passesRawPrefilter, reportBad } from './batch.js';
import { LineSplitter } from './lines.js';
import { normalizeSplunkResult } from './splunk-export.js';
import { DEFAULT_MAX_RECORD_BYTES, type ReadOptions } from './types.js';

/** At most this many records wait for their computer's UTC offset before it is taken as 0. */
export const MAX_RECORDS_AWAITING_CLOCK = 10_000;

interface Held {
  readonly event: Event;
  readonly timing: NxlogTiming | null;
}

export async function* readNdjson(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  const batcher = new EventBatcher(opts);
  const keepRaw = opts.keepRaw !== false;
  const clocks = new ComputerClocks();
  let held: Held[] = [];
  let head = 0;

  const release = (): void => {
    while (head < held.length) {
      const h = held[head]!;
      if (h.timing !== null) {
        const offset = clocks.offsetOf(h.timing.computer);
        if (offset === undefined) break;
        applyClock(h.event, h.timing, offset);
      }
      batcher.add(h.event);
      head++;
    }
    if (head === held.length) {
      held = [];
      head = 0;
    }
  };

  const emit = (event: Event, timing: NxlogTiming | null): void => {
    const decided = timing !== null && clocks.learn(timing);
    if (held.length === 0) {
      const offset = timing === null ? 0 : clocks.offsetOf(timing.computer);
      if (offset !== undefined) {
        if (timing !== null) applyClock(event, timing, offset);
        batcher.add(event);
        return;
      }
    }
    held.push({ event, timing });
    if (held.length - head > MAX_RECORDS_AWAITING_CLOCK) clocks.decide(held[head]!.timing!.computer, 0);
    if (decided || held.length - head > MAX_RECORDS_AWAITING_CLOCK) release();
  };

  const splitter = new LineSplitter(opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES, {
    line(buf, start, end, offset, line) {
      const text = buf.toString('utf8', start, end);
      if (!passesRawPrefilter(opts, text)) return;
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
      const result = obj['result'];
      if (isJsonObject(result)) {
        event = normalizeSplunkResult(result, opts.meta, keepRaw, '_json');
      } else if (Object.hasOwn(obj, 'preview') || Object.hasOwn(obj, 'messages') || Object.hasOwn(obj, 'lastrow')) {
        return; // Splunk export status line without a result: no event in it.
      } else if (isEcsDocument(obj)) {
        event = normalizeEcs(obj, opts.meta);
      } else if (Object.hasOwn(obj, '_raw')) {
        event = normalizeSplunkResult(obj, opts.meta, keepRaw, '_json');
      } else {
        const n = normalizeNxlog(obj, opts.meta);
        event = n.event;
        if (n.timing.local !== null) timing = n.timing;
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
  });
  for await (const chunk of input) {
    splitter.push(chunk);
    if (batcher.full) yield batcher.take();
  }
  splitter.finish();
  // End of input: computers whose offset never showed read their clock as UTC.
  while (head < held.length) {
    const t = held[head]!.timing;
    if (t !== null) clocks.decide(t.computer, 0);
    release();
  }
  if (batcher.length > 0) yield batcher.take();
}
