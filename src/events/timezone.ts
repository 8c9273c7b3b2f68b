/**
 * Wall-clock time in an IANA time zone, from the Intl database Node ships (no time library needed).
 *
 * Splunk renders and parses times in the user's time zone (user-prefs `tz`, spl-semantics §2.5); c2hunt
 * takes the zone per run (EvalContext.tz, default UTC). Asking Intl for an offset costs microseconds, so
 * offsets are cached per UTC hour: a cached hour is one whose start and end have the same offset, which
 * holds for every hour without a transition (two transitions within one hour do not occur in tzdata).
 */

export const UTC = 'UTC';

/** Broken-down local time. `month` is 1–12, `weekday` 0 (Sunday)–6, `yearDay` 1–366. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
  readonly yearDay: number;
  /** Seconds east of UTC. */
  readonly offset: number;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Whether Intl knows the zone name. */
export function isValidTimeZone(tz: string): boolean {
  if (UTC_NAMES.has(tz)) return true;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function isUtc(tz: string): boolean {
  return UTC_NAMES.has(tz);
}

/** Offset (seconds east of UTC) at a whole-second instant, straight from Intl. */
function intlOffset(tz: string, epochSecond: number): number {
  const parts = formatterFor(tz).formatToParts(new Date(epochSecond * 1000));
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  return wall - epochSecond;
}

const offsetCache = new Map<string, Map<number, number>>();

/** Seconds east of UTC in `tz` at `epochSeconds`. */
export function tzOffsetSeconds(tz: string, epochSeconds: number): number {
  if (isUtc(tz)) return 0;
  const t = Math.floor(epochSeconds);
  const slot = Math.floor(t / 3600);
  let perZone = offsetCache.get(tz);
  if (perZone === undefined) {
    perZone = new Map();
    offsetCache.set(tz, perZone);
  }
  const hit = perZone.get(slot);
  if (hit !== undefined) return hit;
  const start = intlOffset(tz, slot * 3600);
  const end = intlOffset(tz, slot * 3600 + 3599);
  if (start !== end) return intlOffset(tz, t);
  if (perZone.size > 50_000) perZone.clear();
  perZone.set(slot, start);
  return start;
}

const DAY = 86400;

/** Break an instant down into local time in `tz` (whole seconds; the caller keeps any fraction). */
export function toLocalTime(epochSeconds: number, tz: string): LocalTime {
  const t = Math.floor(epochSeconds);
  const offset = tzOffsetSeconds(tz, t);
  const d = new Date((t + offset) * 1000);
  const year = d.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1) / 1000;
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
    yearDay: Math.floor((t + offset - startOfYear) / DAY) + 1,
    offset,
  };
}

export interface WallTime {
  readonly year: number;
  /** 1–12; values outside the range roll over into other years, like C's mktime. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The instant a wall-clock time in `tz` denotes. Out-of-range fields normalize like C's mktime
 * (February 30 is March 1 or 2). A wall time that occurs twice (DST overlap) gives the earlier
 * instant; one that does not occur (DST gap) gives the earlier of the two candidate offsets' readings.
 */
export function fromWallTime(wall: WallTime, tz: string): number {
  const d = new Date(0);
  d.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  d.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  const asUtc = d.getTime() / 1000;
  if (isUtc(tz)) return asUtc;
  const first = asUtc - tzOffsetSeconds(tz, asUtc);
  const second = asUtc - tzOffsetSeconds(tz, first);
  if (first === second) return first;
  // Two candidates straddle a transition: keep one that maps back to the wall time, the earlier first.
  const back = (t: number): number => t + tzOffsetSeconds(tz, t);
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) if (back(c) === asUtc) return c;
  return Math.min(first, second);
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's abbreviation at an instant, as Intl's en-US data names it: `UTC`, `EST`, `PDT`, or `GMT+2`
 * where CLDR has no English abbreviation (Splunk, using tzdata, would print `CEST`) [UNCONFIRMED].
 */
export function zoneAbbreviation(tz: string, epochSeconds: number): string {
  if (isUtc(tz)) return 'UTC';
  let f = abbreviations.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' });
    abbreviations.set(tz, f);
  }
  const part = f.formatToParts(new Date(Math.floor(epochSeconds) * 1000)).find((p) => p.type === 'timeZoneName');
  return part?.value ?? tz;
}
