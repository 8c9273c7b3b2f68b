/**
 * `streamstats`: running statistics per event, in the current order (SR-streamstats).
 * - `current=true` includes the event itself; `current=false` reports the state before it.
 * - `window=N` keeps the last N events: one window for all events with `global=true` (the default; an
 *   event's group then sees only its own events inside that shared window), one per BY group with
 *   `global=false`. `time_window=5m` keeps events within that span of the current event's `_time`.
 * - `reset_on_change=true` clears every statistic when the BY values change; events missing a BY field
 *   do not trigger it. `reset_before="(expr)"` / `reset_after="(expr)"` clear when the expression is true.
 * Windowed statistics are recomputed from the window's events for each event (O(window) work per
 * event, window ≤ 10,000 by default in Splunk), which keeps every aggregate exact without `remove`.
 */
import type { Event, Value } from '../../events/event.js';
import type { Aggregator } from '../aggregates/types.js';
import type { Expr } from '../../spl/ast.js';
import type { AggregateSpec } from '../../plan/types.js';
import { compileExpr } from '../expr/compile.js';
import type { OperatorContext } from './context.js';
import { bindAggregates, groupKeys, keyText } from './grouping.js';
import type { Operator } from './types.js';
import { detach } from '../../util/detach.js';

export interface StreamstatsStep {
  readonly aggregates: readonly AggregateSpec[];
  readonly by: readonly string[];
  readonly window: number;
  readonly current: boolean;
  readonly global: boolean;
  readonly resetOnChange: boolean;
  readonly resetBefore: Expr | null;
  readonly resetAfter: Expr | null;
  readonly timeWindow: number | null;
}

/** Splunk's cap on windows (limits.conf max_stream_window). */
const MAX_WINDOW = 10000;

interface Entry {
  readonly event: Event;
  readonly key: string;
  readonly inputs: (Value | undefined)[];
  readonly time: number;
}

export function streamstatsOperator(step: StreamstatsStep, ctx: OperatorContext): Operator {
  const bound = bindAggregates(step.aggregates, ctx.env);
  const c = ctx.evalContext;
  const resetBefore = step.resetBefore === null ? null : compileExpr(step.resetBefore, ctx.env);
  const resetAfter = step.resetAfter === null ? null : compileExpr(step.resetAfter, ctx.env);
  const windowed = step.window > 0 || step.timeWindow !== null;
  const windowSize = step.window > 0 ? Math.min(step.window, MAX_WINDOW) : MAX_WINDOW;

  // Unwindowed: running aggregators per group. Windowed: the window's entries (global or per group).
  let running = new Map<string, Aggregator[]>();
  let windows = new Map<string, Entry[]>();
  let lastKey: string | undefined;

  const reset = () => {
    running = new Map();
    windows = new Map();
  };

  const resultsFrom = (entries: readonly Entry[], key: string): Value[] => {
    const aggs = bound.map((b) => b.create());
    for (const entry of entries) {
      if (entry.key !== key) continue;
      for (let i = 0; i < aggs.length; i++) (aggs[i] as Aggregator).add(entry.inputs[i], entry.event);
    }
    return aggs.map((a) => a.result());
  };

  const write = (event: Event, values: readonly Value[]) => {
    bound.forEach((b, i) => {
      const v = values[i];
      if (v === null || v === undefined) delete event[b.output];
      else event[b.output] = v;
    });
  };

  const process = (event: Event) => {
    if (resetBefore !== null && resetBefore(event, c) === true) reset();
    const keys = step.by.length === 0 ? [''] : groupKeys(event, step.by).map(keyText);
    const key = keys[0];
    if (key === undefined) {
      // Not in any group: passes through without statistics.
      if (resetAfter !== null && resetAfter(event, c) === true) reset();
      return;
    }
    if (step.resetOnChange && lastKey !== undefined && key !== lastKey) reset();
    lastKey = key;
    const inputs = bound.map((b) => b.input(event, c));
    if (!windowed) {
      let aggs = running.get(key);
      if (aggs === undefined) {
        aggs = bound.map((b) => b.create());
        running.set(detach(key), aggs);
      }
      const add = () => {
        for (let i = 0; i < bound.length; i++) (aggs[i] as Aggregator).add(inputs[i], event);
      };
      if (step.current) add();
      write(event, aggs.map((a) => a.result()));
      if (!step.current) add();
    } else {
      const windowKey = step.global ? '' : key;
      let entries = windows.get(windowKey);
      if (entries === undefined) {
        entries = [];
        windows.set(detach(windowKey), entries);
      }
      const time = typeof event['_time'] === 'number' ? event['_time'] : Number(event['_time']);
      const entry: Entry = { event, key, inputs, time };
      if (step.timeWindow !== null && Number.isFinite(time)) {
        const tw = step.timeWindow;
        // Keep events strictly within the span of this one, in either sort direction.
        while (entries.length > 0 && Math.abs(time - (entries[0] as Entry).time) >= tw) entries.shift();
      }
      if (step.current) {
        entries.push(entry);
        while (entries.length > windowSize) entries.shift();
        write(event, resultsFrom(entries, key));
      } else {
        write(event, resultsFrom(entries, key));
        entries.push(entry);
        while (entries.length > windowSize) entries.shift();
      }
    }
    if (resetAfter !== null && resetAfter(event, c) === true) reset();
  };

  return {
    push(batch) {
      for (const event of batch) process(event);
      return batch;
    },
    finish: () => [],
  };
}
