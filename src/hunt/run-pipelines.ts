/**
 * Read the input once and fan every batch out to many compiled queries (one per detection), plus any
 * number of plain event observers (the EID 1 process index, the progress line). The reader gets the
 * union of the queries' prefilters and the observers' ones, so every record some consumer may need is
 * parsed, and each query still applies its own exact search.
 *
 * The queries run as one tree (pipeline-tree.ts): a prefix of steps several queries share runs once.
 * Memory: batches are dropped once every consumer has seen them; what stays is each query's own state
 * (stats groups, sort buffers) and its final rows.
 * A query that throws while running is stopped and reported (with any query sharing the failed step);
 * the others carry on.
 */
import type { CompiledSpl } from '../engine/run-spl.js';
import type { Event } from '../events/event.js';
import type { Prefilter } from '../ingest/types.js';
import { PipelineTree, type TreeResult } from './pipeline-tree.js';
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
  /** Operators run, a prefix shared by several queries counted once. */
  readonly steps: number;
}

/** Reads through `read(prefilter)` exactly once. */
export async function runPipelines(
  units: readonly PipelineUnit[],
  read: (prefilter: Prefilter | undefined) => AsyncIterable<Event[]> | Iterable<Event[]>,
  observers: readonly EventObserver[] = [],
  onBatch?: (batch: readonly Event[]) => void,
  share = true,
): Promise<RunPipelinesResult> {
  const reading = units.filter((u) => !u.compiled.generating);
  const prefilter = unionPrefilter([...reading.map((u) => u.compiled.prefilter), ...observers.map((o) => o.prefilter)]);
  // Generating queries (makeresults) read nothing: their own tree only gets the end of input.
  const tree = new PipelineTree(reading.map((u) => u.compiled), share);
  const generating = new PipelineTree(units.filter((u) => u.compiled.generating).map((u) => u.compiled));
  let batches = 0;
  let events = 0;
  let stoppedEarly = false;
  if (reading.length > 0 || observers.length > 0) {
    for await (const batch of read(prefilter)) {
      batches++;
      events += batch.length;
      for (const o of observers) o.observe(batch);
      onBatch?.(batch);
      if (reading.length > 0) tree.push(batch);
      // Every query has what it needs (head) and nothing else watches: stop reading.
      if (reading.length > 0 && observers.length === 0 && tree.done) {
        stoppedEarly = true;
        break;
      }
    }
  }
  const readResults = tree.finish();
  const genResults = generating.finish();
  let r = 0;
  let g = 0;
  const results = units.map((u) => (u.compiled.generating ? genResults[g++] : readResults[r++]) as TreeResult);
  return {
    runs: units.map((u, i) => {
      const res = results[i] as TreeResult;
      return { id: u.id, rows: res.rows, eventsIn: res.eventsIn, elapsedMs: res.elapsedMs, error: res.error };
    }),
    batches,
    events,
    stoppedEarly,
    prefilter,
    steps: tree.steps + generating.steps,
  };
}
