/**
 * Helpers for reader tests: read files or text through `readInputs` / a reader and collect the events and
 * bad records, so each test is one call and a few expectations.
 */
import { resolve } from 'node:path';
import type { Event } from '../../src/events/event.js';
import { DEFAULT_SOURCE_META, type SourceMeta } from '../../src/events/windows.js';
import { readInputs, newReadStats, type ReadInputsOptions } from '../../src/ingest/open.js';
import type { BadRecord, Prefilter, ReadOptions, ReadStats } from '../../src/ingest/types.js';
import { REPO_ROOT } from './shared-data.js';

export const FIXTURES = resolve(REPO_ROOT, 'test/fixtures/ingest');

export function fixture(name: string): string {
  return resolve(FIXTURES, name);
}

export interface ReadResult {
  readonly events: Event[];
  readonly bad: BadRecord[];
  readonly stats: ReadStats;
}

export async function readPaths(paths: string[], extra: Partial<ReadInputsOptions> = {}): Promise<ReadResult> {
  const events: Event[] = [];
  const bad: BadRecord[] = [];
  const stats = newReadStats();
  const opts: ReadInputsOptions = {
    meta: { index: 'wineventlog', naming: 'legacy' },
    onBadRecord: (b) => bad.push(b),
    stats,
    ...extra,
  };
  for await (const batch of readInputs(paths, opts)) events.push(...batch);
  return { events, bad, stats };
}

/** Feed text (split into the given chunk sizes, cycling) straight into a reader. */
export async function readText(
  reader: (input: AsyncIterable<Uint8Array>, opts: ReadOptions) => AsyncIterable<Event[]>,
  text: string | Buffer,
  options: { chunk?: number[]; meta?: Partial<SourceMeta>; maxRecordBytes?: number; keepRaw?: boolean; prefilter?: Prefilter; stats?: ReadStats } = {},
): Promise<{ events: Event[]; bad: BadRecord[] }> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const sizes = options.chunk ?? [bytes.length || 1];
  async function* chunks(): AsyncIterable<Uint8Array> {
    let at = 0;
    let i = 0;
    while (at < bytes.length) {
      const n = Math.max(1, sizes[i++ % sizes.length]!);
      yield bytes.subarray(at, at + n);
      at += n;
    }
  }
  const events: Event[] = [];
  const bad: BadRecord[] = [];
  const opts: ReadOptions = {
    meta: { ...DEFAULT_SOURCE_META, file: 'mem', ...options.meta },
    onBadRecord: (b) => bad.push(b),
    maxRecordBytes: options.maxRecordBytes,
    keepRaw: options.keepRaw,
    prefilter: options.prefilter,
    stats: options.stats,
    batchSize: 7,
  };
  for await (const batch of reader(chunks(), opts)) events.push(...batch);
  return { events, bad };
}

/** The event's fields without `_raw`, as a plain object for `toEqual`. */
export function fieldsOf(e: Event, omit: readonly string[] = ['_raw']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e)) if (!omit.includes(k)) out[k] = e[k];
  return out;
}
