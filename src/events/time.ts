/**
 * Timestamps as telemetry writes them, to epoch seconds (UTC) with sub-second precision.
 *
 * Windows writes `2017-12-26T13:10:29.136879100Z` (100 ns ticks: seven fraction digits, some writers
 * nine); python-evtx writes `2017-12-26 13:10:29.136879`; Sysmon's UtcTime is `2020-10-30 00:23:21.415`.
 * `Date.parse` keeps only milliseconds and guesses a zone for zoneless text, so this parser is explicit:
 * a missing zone means UTC, because every caller here passes a field defined as UTC.
 */

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Parse an ISO-8601-like UTC timestamp; null when the text is not one. */
export function parseUtcTimestamp(text: string): number | null {
  const m = ISO_RE.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  if (!Number.isFinite(ms)) return null;
  let seconds = ms / 1000;
  if (frac !== undefined) seconds += Number(frac) / 10 ** frac.length;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  return seconds;
}

/** Render epoch seconds as Windows does in SystemTime: seven fraction digits and `Z`. */
export function formatSystemTime(epochSeconds: number): string {
  const whole = Math.floor(epochSeconds);
  const ticks = Math.round((epochSeconds - whole) * 1e7);
  const carry = ticks >= 1e7 ? 1 : 0;
  const iso = new Date((whole + carry) * 1000).toISOString(); // 2017-12-26T13:10:29.000Z
  return `${iso.slice(0, 19)}.${String(carry ? 0 : ticks).padStart(7, '0')}Z`;
}

/** A UTC instant kept exactly: whole epoch seconds plus the fraction digits as written (no float rounding). */
export interface ExactTime {
  readonly seconds: number;
  readonly fraction: string;
}

/**
 * Parse like `parseUtcTimestamp` but keep the fraction digits as text, so the instant can be shifted by
 * whole seconds and rendered again without the ±2-tick error a double near 1.6e9 would add.
 */
export function parseExactTime(text: string): ExactTime | null {
  const m = ISO_RE.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  if (!Number.isFinite(ms)) return null;
  let seconds = ms / 1000;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  return { seconds, fraction: frac ?? '' };
}

/** Epoch seconds (with fraction) of an exact time, optionally shifted by whole seconds. */
export function exactToEpoch(t: ExactTime, shiftSeconds = 0): number {
  const whole = t.seconds + shiftSeconds;
  return t.fraction === '' ? whole : whole + Number(t.fraction) / 10 ** t.fraction.length;
}

/**
 * Windows' SystemTime rendering of an exact time: `YYYY-MM-DDTHH:MM:SS.fffffffZ`, at least seven fraction
 * digits (100 ns ticks), more when the source wrote more.
 */
export function exactToSystemTime(t: ExactTime, shiftSeconds = 0): string {
  const iso = new Date((t.seconds + shiftSeconds) * 1000).toISOString();
  return `${iso.slice(0, 19)}.${t.fraction.padEnd(7, '0')}Z`;
}

const WINDOWS_SYSTEM_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7,9}Z$/;

/**
 * SystemTime as Windows renders it. Windows text passes unchanged; python-evtx's
 * `2017-12-26 13:10:29.136879` becomes `2017-12-26T13:10:29.1368790Z`, so every format yields the same
 * field. Text that is no timestamp at all is returned unchanged.
 */
export function normalizeSystemTime(text: string): string {
  if (WINDOWS_SYSTEM_TIME_RE.test(text)) return text;
  const t = parseExactTime(text);
  return t === null ? text : exactToSystemTime(t);
}
