/**
 * Splunk relative time modifiers (`-1d@d`, `+2h`, `@w1`, `-30m@m+5m`, `now`) applied to an epoch time in
 * a time zone, for eval `relative_time()` and the earliest/latest search options.
 *
 * A modifier is a sequence of steps applied left to right: an offset `[+|-]<n><unit>` (n defaults to 1)
 * or a snap `@<unit>` that rounds down to the start of that unit. Units: s/sec/secs/second/seconds,
 * m/min/mins/minute/minutes, h/hr/hrs/hour/hours, d/day/days, w/week/weeks, mon/month/months,
 * q/qtr/qtrs/quarter/quarters, y/yr/yrs/year/years, plus ms/us for offsets. `@w0`…`@w7` snap to the most
 * recent Sunday (0 or 7) … Saturday (6) at midnight.
 *
 * Seconds, minutes and hours move the instant by a fixed number of seconds. Days, weeks, months,
 * quarters and years move the wall-clock date in the zone and keep the wall time, so `-1d` across a DST
 * change is still "same time yesterday"; an impossible date rolls over like C's mktime (March 31 minus
 * one month is March 3 in a non-leap year) [UNCONFIRMED]. Snapping drops the subseconds.
 */
import { fromWallTime, toLocalTime } from './timezone.js';

type Unit = 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y' | 'ms' | 'us';

const UNITS: Record<string, Unit> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
  mon: 'mon', month: 'mon', months: 'mon',
  q: 'q', qtr: 'q', qtrs: 'q', quarter: 'q', quarters: 'q',
  y: 'y', yr: 'y', yrs: 'y', year: 'y', years: 'y',
  ms: 'ms', us: 'us',
};

const FIXED_SECONDS: Partial<Record<Unit, number>> = { s: 1, m: 60, h: 3600, ms: 0.001, us: 0.000001 };

export type RelativeStep =
  | { readonly kind: 'offset'; readonly amount: number; readonly unit: Unit }
  | { readonly kind: 'snap'; readonly unit: Unit; readonly weekday?: number };

const STEP_RE = /([+-])(\d*)([a-z]+)|@([a-z]+?)(\d?)(?=[+-]|$)/y;

/** Parse a modifier into steps, or null when it is not one. `now` and the empty string are no steps. */
export function parseRelativeTime(text: string): RelativeStep[] | null {
  const s = text.trim().toLowerCase();
  if (s === '' || s === 'now') return [];
  const steps: RelativeStep[] = [];
  let i = 0;
  while (i < s.length) {
    STEP_RE.lastIndex = i;
    const m = STEP_RE.exec(s);
    if (m === null) return null;
    i += m[0].length;
    if (m[1] !== undefined) {
      const unit = UNITS[m[3] as string];
      if (unit === undefined) return null;
      const n = m[2] === '' ? 1 : Number(m[2]);
      steps.push({ kind: 'offset', amount: m[1] === '-' ? -n : n, unit });
    } else {
      const name = m[4] as string;
      const digit = m[5] as string;
      const unit = UNITS[name];
      if (unit === undefined || unit === 'ms' || unit === 'us') return null;
      if (digit !== '') {
        if (unit !== 'w') return null;
        steps.push({ kind: 'snap', unit, weekday: Number(digit) % 7 });
      } else {
        steps.push({ kind: 'snap', unit });
      }
    }
  }
  return steps;
}

function applyStep(t: number, step: RelativeStep, tz: string): number {
  if (step.kind === 'offset') {
    const fixed = FIXED_SECONDS[step.unit];
    if (fixed !== undefined) return t + step.amount * fixed;
    const local = toLocalTime(t, tz);
    const fraction = t - Math.floor(t);
    const wall = { ...local };
    if (step.unit === 'd') wall.day += step.amount;
    else if (step.unit === 'w') wall.day += 7 * step.amount;
    else if (step.unit === 'mon') wall.month += step.amount;
    else if (step.unit === 'q') wall.month += 3 * step.amount;
    else wall.year += step.amount;
    return fromWallTime(wall, tz) + fraction;
  }
  const local = toLocalTime(t, tz);
  const wall = { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second };
  switch (step.unit) {
    case 's':
      break;
    case 'm':
      wall.second = 0;
      break;
    case 'h':
      wall.minute = 0;
      wall.second = 0;
      break;
    case 'd':
    case 'w':
    case 'mon':
    case 'q':
    case 'y':
      wall.hour = 0;
      wall.minute = 0;
      wall.second = 0;
      if (step.unit === 'w') wall.day -= (local.weekday - (step.weekday ?? 0) + 7) % 7;
      if (step.unit === 'mon') wall.day = 1;
      if (step.unit === 'q') {
        wall.day = 1;
        wall.month = local.month - ((local.month - 1) % 3);
      }
      if (step.unit === 'y') {
        wall.day = 1;
        wall.month = 1;
      }
      break;
    default:
      break;
  }
  return fromWallTime(wall, tz);
}

/** Apply parsed steps to an epoch time in a zone. */
export function applyRelativeTime(epochSeconds: number, steps: readonly RelativeStep[], tz: string): number {
  let t = epochSeconds;
  for (const step of steps) t = applyStep(t, step, tz);
  return t;
}
