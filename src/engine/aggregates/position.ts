/**
 * Positional aggregates (SR-SCF, SR-Agg): first, last, earliest, latest, earliest_time, latest_time.
 *
 * - first/last: the first/last value seen in the order events reach stats (with Splunk's default
 *   newest-first order, first is the most recent; SR-stats warns to use earliest/latest for time).
 * - earliest/latest: the value from the event with the smallest/largest `_time`; equal times keep the
 *   first such event for earliest and the last for latest [UNCONFIRMED]. Events without a numeric
 *   `_time` are skipped.
 * - earliest_time/latest_time: that `_time` itself.
 * A multivalue is kept whole. Events where the field is absent are skipped.
 */
import type { Event, Value } from '../../events/event.js';
import { toNumber } from '../../events/number.js';
import type { AggregateDef, Aggregator } from './types.js';
import { detachValue } from '../../util/detach.js';

function present(v: Value | undefined): v is string | number | string[] {
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
}

function first(): Aggregator {
  let value: Value = null;
  let seen = false;
  return {
    add: (v) => {
      if (!seen && present(v)) {
        value = detachValue(v);
        seen = true;
      }
    },
    result: () => value,
  };
}

function last(): Aggregator {
  let value: Value = null;
  return {
    add: (v) => {
      if (present(v)) value = detachValue(v);
    },
    result: () => value,
  };
}

function timeOf(event: Event): number | null {
  const t = event['_time'];
  return t === undefined ? null : toNumber(t);
}

function byTime(direction: 'earliest' | 'latest', output: 'value' | 'time'): Aggregator {
  let value: Value = null;
  let time: number | null = null;
  return {
    add: (v, event) => {
      if (!present(v)) return;
      const t = timeOf(event);
      if (t === null || Number.isNaN(t)) return;
      if (time === null || (direction === 'earliest' ? t < time : t >= time)) {
        time = t;
        value = detachValue(v);
      }
    },
    result: () => (output === 'value' ? value : time),
  };
}

export const positionAggregates: readonly AggregateDef[] = [
  { name: 'first', field: 'required', create: first },
  { name: 'last', field: 'required', create: last },
  { name: 'earliest', field: 'required', create: () => byTime('earliest', 'value') },
  { name: 'latest', field: 'required', create: () => byTime('latest', 'value') },
  { name: 'earliest_time', field: 'required', create: () => byTime('earliest', 'time') },
  { name: 'latest_time', field: 'required', create: () => byTime('latest', 'time') },
];
