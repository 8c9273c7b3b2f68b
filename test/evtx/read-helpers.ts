/** Small helpers shared by the EVTX tests: run a reader to completion and collect events and reports. */
import type { Event } from '../../src/events/event.js';
import { readEvtx, readEvtxFile } from '../../src/ingest/evtx/index.js';
import type { BadRecord, ReadOptions } from '../../src/ingest/types.js';

export interface ReadResult {
  readonly events: Event[];
  readonly bad: BadRecord[];
}

export function options(file: string, bad: BadRecord[], extra: Partial<ReadOptions> = {}): ReadOptions {
  return { meta: { file, index: 'wineventlog', naming: 'legacy' }, onBadRecord: (b) => bad.push(b), ...extra };
}

/** Feed `bytes` to the streaming reader in pieces of `piece` bytes. */
export async function readBytes(bytes: Uint8Array, extra: Partial<ReadOptions> = {}, piece = bytes.length || 1): Promise<ReadResult> {
  const bad: BadRecord[] = [];
  async function* pieces(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, Math.min(bytes.length, i + piece));
  }
  const events: Event[] = [];
  for await (const batch of readEvtx(pieces(), options('test.evtx', bad, extra))) events.push(...batch);
  return { events, bad };
}

export async function readFile(path: string, extra: Partial<ReadOptions> = {}): Promise<ReadResult> {
  const bad: BadRecord[] = [];
  const events: Event[] = [];
  for await (const batch of readEvtxFile(path, options(path, bad, extra))) events.push(...batch);
  return { events, bad };
}

/** Fields of an event without `_raw` and the Splunk metadata, for compact comparisons. */
export function fieldsOf(e: Event): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === '_raw' || k === 'source' || k === 'sourcetype' || k === 'index' || k === 'host' || k === '_time') continue;
    out[k] = v;
  }
  return out;
}
