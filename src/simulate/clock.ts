/**
 * Time as the simulator keeps it and as Windows, Sysmon, Elastic and NXLog print it.
 *
 * Activity times are integer epoch milliseconds (Sysmon's UtcTime has millisecond resolution); log-write
 * times (TimeCreated) are integer epoch microseconds, printed with seven fraction digits as Windows does.
 * The estate has one fixed UTC offset for office hours and NXLog's local EventTime.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 2026-01-05 was a Monday; the default start keeps output deterministic. */
export const DEFAULT_START = Date.UTC(2026, 0, 5);

/** `2026-01-05T13:04:05.123Z`. */
export function isoMs(ms: number): string {
  const day = Math.floor(ms / DAY);
  const inDay = ms - day * DAY;
  const sec = Math.floor(inDay / 1000);
  return `${datePrefix(day)}T${clockText(sec)}.${pad3(inDay - sec * 1000)}Z`;
}

/**
 * Calendar prefix (`YYYY-MM-DD`) of an epoch day, cached: formatting is on the hot path (every event
 * carries two or three timestamps) and Date.toISOString costs several microseconds.
 */
let cachedDay = NaN;
let cachedDate = '';
function datePrefix(day: number): string {
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * DAY).toISOString().slice(0, 10);
  }
  return cachedDate;
}

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** `HH:MM:SS` of a second within a day. */
function clockText(secOfDay: number): string {
  const h = Math.floor(secOfDay / 3600);
  const m = Math.floor((secOfDay % 3600) / 60);
  return `${TWO[h]}:${TWO[m]}:${TWO[secOfDay % 60]}`;
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

/** Sysmon's UtcTime: `2026-01-05 13:04:05.123`. */
export function sysmonUtcTime(ms: number): string {
  const day = Math.floor(ms / DAY);
  const inDay = ms - day * DAY;
  const sec = Math.floor(inDay / 1000);
  return `${datePrefix(day)} ${clockText(sec)}.${pad3(inDay - sec * 1000)}`;
}

/**
 * Windows' SystemTime from microseconds: `2026-01-05T13:04:05.1234567Z`. The seventh digit (100 ns)
 * is derived from the microsecond value so that it varies like real output but stays deterministic.
 */
export function systemTimeFromUs(us: number): string {
  const secs = Math.floor(us / 1_000_000);
  const micro = us - secs * 1_000_000;
  const day = Math.floor(secs / 86400);
  const tick = (micro * 7 + 3) % 10;
  return `${datePrefix(day)}T${clockText(secs - day * 86400)}.${String(micro).padStart(6, '0')}${tick}Z`;
}

/** ISO with milliseconds from microseconds (Elastic's event.created, NXLog's @timestamp). */
export function isoFromUs(us: number): string {
  return isoMs(Math.floor(us / 1000));
}

/** NXLog's EventTime: local time, no zone, whole seconds: `2026-01-05 14:04:05`. */
export function localEventTime(us: number, utcOffsetMinutes: number): string {
  return sysmonUtcTime(Math.floor(us / 1000) + utcOffsetMinutes * MINUTE).slice(0, 19);
}

/** Local calendar helpers for a fixed UTC offset. */
export class LocalClock {
  constructor(readonly utcOffsetMinutes: number) {}

  /** UTC ms of local midnight of the local day containing `ms`. */
  dayStart(ms: number): number {
    const off = this.utcOffsetMinutes * MINUTE;
    return Math.floor((ms + off) / DAY) * DAY - off;
  }

  /** Local hour of day as a fraction (13.5 = 13:30). */
  hourOfDay(ms: number): number {
    const off = this.utcOffsetMinutes * MINUTE;
    const local = (((ms + off) % DAY) + DAY) % DAY;
    return local / HOUR;
  }

  /** 0 = Sunday … 6 = Saturday, in local time. */
  weekday(ms: number): number {
    return new Date(ms + this.utcOffsetMinutes * MINUTE).getUTCDay();
  }

  isWeekend(ms: number): boolean {
    const d = this.weekday(ms);
    return d === 0 || d === 6;
  }

  /** UTC ms of local `hour` (fractional) on the local day starting at `dayStartMs`. */
  at(dayStartMs: number, hour: number): number {
    return dayStartMs + Math.round(hour * HOUR);
  }
}

/** Parse `--start`: an ISO date or date-time; a missing zone means UTC. */
export function parseStart(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (!Number.isFinite(ms)) return null;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2, 4)) * MINUTE);
  }
  return ms;
}

/** Parse `--utc-offset` (`+01:00`, `-0500`, `0`) to minutes. */
export function parseUtcOffset(text: string): number | null {
  const t = text.trim();
  if (t === '0' || t === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (m === null) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}
