/**
 * What every reader does with an event once it is built: the EventCode pre-filter, `_raw`, and batching.
 */
import type { Event } from '../events/event.js';
import { DEFAULT_BATCH_SIZE, type BadRecord, type ReadOptions } from './types.js';

export class EventBatcher {
  private batch: Event[] = [];
  readonly size: number;
  private readonly eventCodes: ReadonlySet<string> | undefined;

  constructor(private readonly opts: ReadOptions) {
    this.size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
    this.eventCodes = opts.prefilter?.eventCodes;
  }

  add(event: Event): void {
    if (this.eventCodes !== undefined) {
      const code = event['EventCode'];
      if (typeof code !== 'string' || !this.eventCodes.has(code)) {
        if (this.opts.stats !== undefined) this.opts.stats.skippedByPrefilter++;
        return;
      }
    }
    this.batch.push(event);
  }

  get full(): boolean {
    return this.batch.length >= this.size;
  }

  take(): Event[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  get length(): number {
    return this.batch.length;
  }
}

/** The raw-text pre-filter: true when the record must be parsed. Counts the records it skips. */
export function passesRawPrefilter(opts: ReadOptions, text: string): boolean {
  const raw = opts.prefilter?.raw;
  if (raw === undefined || raw(text)) return true;
  if (opts.stats !== undefined) opts.stats.skippedByPrefilter++;
  return false;
}

export function reportBad(opts: ReadOptions, offset: number, line: number | undefined, reason: string): void {
  const bad: BadRecord = line === undefined ? { file: opts.meta.file, offset, reason } : { file: opts.meta.file, offset, line, reason };
  opts.onBadRecord(bad);
}
