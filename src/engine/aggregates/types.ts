/**
 * The contract between the stats-family operators (stats, eventstats, streamstats, top/rare helpers) and
 * the aggregate registry. Aggregates are data: a definition creates per-group state that is fed one value
 * at a time, so memory grows with the number of groups (and, for values/list/median/perc, their values),
 * never with the number of events.
 */
import type { Event, Value } from '../../events/event.js';

export interface Aggregator {
  /**
   * Feed one event's input. `value` is the field (or eval expression) value, `undefined` when absent;
   * `event` is there for functions that need `_time` (earliest, latest) or count events (count).
   */
  add(value: Value | undefined, event: Event): void;
  /** Undo an `add` (for sliding windows). Optional: the operator recomputes the window when missing. */
  remove?(value: Value | undefined, event: Event): void;
  /** The current result; null when the group had no usable input. */
  result(): Value;
}

export interface AggregateDef {
  /** Canonical name, e.g. `count`, `dc`, `perc` (for perc95, p95), `exactperc`, `upperperc`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** Whether the function takes a field argument (`count` may omit it). */
  readonly field: 'required' | 'optional' | 'none';
  /** Create fresh state; `param` is the numeric suffix of percentile functions (95 in perc95). */
  create(param?: number): Aggregator;
  /**
   * For `field: 'optional'`: the state used when the call names no field (`count` counts events, while
   * `count(X)` counts values of X). The operator feeds it `add(undefined, event)` per event.
   */
  createWithoutField?(param?: number): Aggregator;
}
