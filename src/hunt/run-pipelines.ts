/**
 * Read the input once and fan every batch out to many compiled queries (one per detection), plus any
 * number of plain event observers (the EID 1 process index, the progress line). The reader gets the
 * union of the queries' prefilters and the observers' ones, so every record some consumer may need is
 * parsed, and each query still applies its own exact search.
 *
 * Memory: batches are dropped once every consumer has seen them; what stays is each query's own state
 * (stats groups, sort buffers) and its final rows.
 * A query that throws while running is stopped and reported; the others carry on.
 */
import type { CompiledSpl } from '../engine/run-spl.js';
import type { Event } from '../events/event.js';
import type { Prefilter } from '../ingest/types.js';
import { FanOutPipeline } from './fan-out.js';
import { unionPrefilter } from './prefilter-union.js';

export interface PipelineUnit {
  readonly id: string;
  readonly compiled: CompiledSpl;
}

export interface EventObserver {
  /** What the observer needs parsed; `undefined` means every record. */
  readonly prefilter: Prefilter | undefined;
  observe(batch: readonly Event[]): void;
}

export interface PipelineRun {
  readonly id: string;
  readonly rows: Event[];
  readonly eventsIn: number;
  readonly elapsedMs: number;
  /** The error that stopped this query, if one did. */
  readonly error?: Error | undefined;
}

export interface RunPipelinesResult {
  readonly runs: PipelineRun[];
  /** Batches the reader produced (each was seen by every consumer). */
  readonly batches: number;
  readonly events: number;
  readonly stoppedEarly: boolean;
  readonly prefilter: Prefilter | undefined;
}

/** Reads through `read(prefilter)` exactly once. */
export async function runPipelines(
  units: readonly PipelineUnit[],
  read: (prefilter: Prefilter | undefined) => AsyncIterable<Event[]> | Iterable<Event[]>,
  observers: readonly EventObserver[] = [],
  onBatch?: (batch: readonly Event[]) => void,
): Promise<RunPipelinesResult> {
  const live = units.filter((u) => !u.compiled.generating);
  const prefilter = unionPrefilter([...live.map((u) => u.compiled.prefilter), ...observers.map((o) => o.prefilter)]);
  const state = units.map((u) => ({
    unit: u,
    pipeline: new FanOutPipeline(u.compiled),
    rows: [] as Event[],
    error: undefined as Error | undefined,
  }));
  const reading = state.filter((s) => !s.unit.compiled.generating);
  const fail = (s: (typeof state)[number], err: unknown): void => {
    s.error = err instanceof Error ? err : new Error(String(err));
  };
  let batches = 0;
  let events = 0;
  let stoppedEarly = false;
  if (reading.length > 0 || observers.length > 0) {
    for await (const batch of read(prefilter)) {
      batches++;
      events += batch.length;
      for (const o of observers) o.observe(batch);
      onBatch?.(batch);
      let active = 0;
      for (const s of reading) {
        if (s.error !== undefined || s.pipeline.done) continue;
        try {
          for (const r of s.pipeline.push(batch)) s.rows.push(r);
        } catch (err) {
          fail(s, err);
          continue;
        }
        if (!s.pipeline.done) active++;
      }
      // Every query has what it needs (head) and nothing else watches: stop reading.
      if (active === 0 && observers.length === 0 && reading.length > 0) {
        stoppedEarly = true;
        break;
      }
    }
  }
  for (const s of state) {
    if (s.error !== undefined) continue;
    try {
      for (const r of s.pipeline.finish()) s.rows.push(r);
    } catch (err) {
      fail(s, err);
    }
  }
  return {
    runs: state.map((s) => ({
      id: s.unit.id,
      rows: s.error === undefined ? s.rows : [],
      eventsIn: s.pipeline.eventsIn,
      elapsedMs: s.pipeline.elapsedMs,
      error: s.error,
    })),
    batches,
    events,
    stoppedEarly,
    prefilter,
  };
}
