/**
 * Chain operators over the reader's batches. Each batch flows through every operator in turn; at the end
 * of input each operator's `finish` output flows through the ones after it. When an operator is `done`
 * (head has its N events) reading stops: the loop leaves the reader's iterator, which closes it.
 */
import type { Event } from '../events/event.js';
import type { Operator } from './operators/types.js';

export type EventBatches = AsyncIterable<Event[]> | Iterable<Event[]>;

export interface ExecuteStats {
  /** Events that entered the first operator. */
  eventsIn: number;
  /** Whether reading stopped before the end of input. */
  stoppedEarly: boolean;
}

function pushFrom(operators: readonly Operator[], start: number, batch: Event[]): Event[] {
  let current = batch;
  for (let i = start; i < operators.length && current.length > 0; i++) current = (operators[i] as Operator).push(current);
  return current;
}

function anyDone(operators: readonly Operator[]): boolean {
  for (const op of operators) if (op.done === true) return true;
  return false;
}

/** Run the chain; yields result batches as they become final. */
export async function* execute(operators: readonly Operator[], input: EventBatches, stats: ExecuteStats): AsyncGenerator<Event[]> {
  if (!anyDone(operators)) {
    for await (const batch of input) {
      stats.eventsIn += batch.length;
      const out = pushFrom(operators, 0, batch);
      if (out.length > 0) yield out;
      if (anyDone(operators)) {
        stats.stoppedEarly = true;
        break;
      }
    }
  }
  for (let i = 0; i < operators.length; i++) {
    const flushed = (operators[i] as Operator).finish();
    if (flushed.length === 0) continue;
    const out = pushFrom(operators, i + 1, flushed);
    if (out.length > 0) yield out;
  }
}
