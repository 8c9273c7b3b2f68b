/**
 * Time and number spans (`bin span=1h`, `streamstats time_window=5m`).
 *
 * Time scales from the bin reference [DOC SR-bin]: seconds (s, sec, secs, second, seconds), minutes (m,
 * min, mins, minute, minutes), hours (h, hr, hrs, hour, hours), days (d, day, days), months (mon, month,
 * months), and subseconds us, ms, cs, ds. Quarters and years are accepted as 3 and 12 months. A span with
 * no unit is a number span (`bin bytes span=100`). Log spans (`log2`) and weeks are not supported.
 */
import type { BinSpan } from './types.js';

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  us: 1e-6,
  ms: 1e-3,
  cs: 1e-2,
  ds: 1e-1,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
};

const UNIT_MONTHS: Readonly<Record<string, number>> = {
  mon: 1,
  month: 1,
  months: 1,
  q: 3,
  qtr: 3,
  qtrs: 3,
  quarter: 3,
  quarters: 3,
  y: 12,
  yr: 12,
  yrs: 12,
  year: 12,
  years: 12,
};

/** Parse a span; a string describing the problem when it is not one c2hunt supports. */
export function parseSpan(text: string): BinSpan | string {
  const m = /^(\d+(?:\.\d+)?|\.\d+)?([A-Za-z]*)$/.exec(text.trim());
  if (m === null || (m[1] === undefined && m[2] === '')) return `'${text}' is not a span (examples: 1h, 30m, 1d, 100)`;
  const amount = m[1] === undefined ? 1 : Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  if (!(amount > 0)) return `span '${text}' must be greater than zero`;
  if (unit === '') return { kind: 'number', size: amount };
  const seconds = UNIT_SECONDS[unit];
  if (seconds !== undefined) return { kind: 'seconds', seconds: amount * seconds };
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) {
    if (!Number.isInteger(amount)) return `month spans must be whole numbers, not '${text}'`;
    return { kind: 'months', months: amount * months };
  }
  return `unknown time unit '${m[2]}' in span '${text}' (use s, m, h, d, mon, or us, ms, cs, ds)`;
}

/** A duration in seconds (`time_window=5m`); a message when it is not a time span. */
export function parseDuration(text: string): number | string {
  const span = parseSpan(text);
  if (typeof span === 'string') return span;
  if (span.kind !== 'seconds') return `'${text}' is not a duration in seconds, minutes, hours or days`;
  return span.seconds;
}
