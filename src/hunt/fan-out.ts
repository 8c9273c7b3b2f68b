/**
 * One detection's operator chain fed from batches shared with other detections.
 *
 * The engine's operators may change events in place (eval, rex, fillnull...). Several detections see
 * the same batch, so a chain works on the shared events only while its steps only read them (a
 * search filter, where), and copies the survivors (shallow, see cloneEvent) before the first step that
 * may write. A filter usually leaves a small fraction of a batch, so the copies are few.
 */
import { cloneEvent, type Event } from '../events/event.js';
import type { CompiledSpl } from '../engine/run-spl.js';
import type { Operator } from '../engine/operators/types.js';
import type { PlanStep } from '../plan/types.js';

/** Steps that never write to the events they receive. */
const READ_ONLY: ReadonlySet<PlanStep['kind']> = new Set(['Filter', 'Where']);

export class FanOutPipeline {
  private readonly operators: readonly Operator[];
  /** Index of the first step that may write: events are copied before it. */
  private readonly copyAt: number;
  /** Events that entered the chain. */
  eventsIn = 0;
  /** Milliseconds spent in this chain's operators. */
  elapsedMs = 0;
  private finished = false;

  constructor(compiled: CompiledSpl) {
    this.operators = compiled.operators;
    const steps = compiled.plan.steps;
    let i = 0;
    while (i < steps.length && READ_ONLY.has((steps[i] as PlanStep).kind)) i++;
    this.copyAt = i;
  }

  /** True once an operator needs no more input (head). */
  get done(): boolean {
    for (const op of this.operators) if (op.done === true) return true;
    return false;
  }

  private pushFrom(start: number, batch: Event[]): Event[] {
    let current = batch;
    for (let i = start; i < this.operators.length && current.length > 0; i++) {
      if (i === this.copyAt) current = current.map(cloneEvent);
      current = (this.operators[i] as Operator).push(current);
    }
    // A chain of read-only steps only (a bare search) still hands out copies, never the shared events.
    if (start <= this.copyAt && this.copyAt >= this.operators.length) current = current.map(cloneEvent);
    return current;
  }

  /** Feed one shared batch; returns result rows that are already final (streaming chains). */
  push(batch: Event[]): Event[] {
    if (this.finished || batch.length === 0) return [];
    const t = performance.now();
    this.eventsIn += batch.length;
    const out = this.pushFrom(0, batch);
    this.elapsedMs += performance.now() - t;
    return out;
  }

  /** End of input: flush every operator through the ones after it. */
  finish(): Event[] {
    if (this.finished) return [];
    this.finished = true;
    const t = performance.now();
    const rows: Event[] = [];
    for (let i = 0; i < this.operators.length; i++) {
      const flushed = (this.operators[i] as Operator).finish();
      if (flushed.length === 0) continue;
      // Flushed rows are the operator's own (stats rows, held events already copied).
      const out = this.pushFrom(i + 1, flushed);
      for (const r of out) rows.push(r);
    }
    this.elapsedMs += performance.now() - t;
    return rows;
  }
}
