/**
 * `bin` / `bucket` with `span=` (SR-bin, spl-semantics §5):
 * - time spans under a day are aligned to multiples of the span from epoch 0 (UTC), or from `aligntime`;
 * - spans of a day or more align to midnight in the run's time zone (`--tz`), counting whole local days
 *   from 1970-01-01; month spans count local months from January 1970 (aligntime is ignored for both);
 * - a number span on a field other than `_time` gives the range as text, `lower-upper` (as Splunk shows
 *   `bytes=100-200`); on `_time` it is a number of seconds.
 * Values that are not numbers are left as they are.
 */
import { formatNumber } from '../../events/format.js';
import { toNumber } from '../../events/number.js';
import { fromWallTime, toLocalTime } from '../../events/timezone.js';
import type { BinSpan } from '../../plan/types.js';
import type { OperatorContext } from './context.js';
import type { Operator } from './types.js';

const DAY = 86400;

function civilDayIndex(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / (DAY * 1000));
}

/** The start of the bin that contains time `t` (epoch seconds). */
export function binTime(t: number, span: Exclude<BinSpan, { kind: 'number' }>, tz: string, aligntime: number | null): number {
  if (span.kind === 'seconds' && span.seconds < DAY) {
    const base = aligntime ?? 0;
    return base + Math.floor((t - base) / span.seconds) * span.seconds;
  }
  const local = toLocalTime(t, tz);
  if (span.kind === 'seconds') {
    const days = span.seconds / DAY;
    const index = Math.floor(civilDayIndex(local.year, local.month, local.day) / days) * days;
    const d = new Date(Math.floor(index) * DAY * 1000);
    return fromWallTime({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 }, tz);
  }
  const monthIndex = local.year * 12 + (local.month - 1);
  const start = Math.floor(monthIndex / span.months) * span.months;
  return fromWallTime({ year: Math.floor(start / 12), month: (start % 12) + 1, day: 1, hour: 0, minute: 0, second: 0 }, tz);
}

export function binOperator(
  step: { field: string; as: string; span: BinSpan; aligntime: number | null },
  ctx: OperatorContext,
): Operator {
  const { field, as, span } = step;
  const tz = ctx.evalContext.tz;
  const isTime = field === '_time';
  const bin = (n: number): string | number => {
    if (span.kind === 'number') {
      if (isTime) return Math.floor(n / span.size) * span.size;
      const lo = Math.floor(n / span.size) * span.size;
      return `${formatNumber(lo)}-${formatNumber(lo + span.size)}`;
    }
    return binTime(n, span, tz, step.aligntime);
  };
  return {
    push(batch) {
      for (const event of batch) {
        const v = event[field];
        if (v === undefined || v === null || Array.isArray(v)) continue;
        const n = toNumber(v);
        if (n === null || !Number.isFinite(n)) continue;
        event[as] = bin(n);
      }
      return batch;
    },
    finish: () => [],
  };
}
