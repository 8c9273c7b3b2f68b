/**
 * Splunk's time format variables (SR-TimeVars, spl-semantics §2.5) for strftime and strptime.
 *
 * A format compiles once into pieces; rendering or parsing an event's time is a loop over them.
 * Supported: %Y %y %m %d %e %j %H %k %I %l %M %S %p %a %A %b %B %h %w %u %U %W %V %G %s %T %F %D %R %r
 * %c %x %X %+ %z %:z %::z %Ez %Z %N %Q %f (with an optional digit count: %3N %6Q) %n %t %%. Locale
 * formats use the C/US-English forms the docs show (`%c` → `Thu Jul 18 09:30:00 2019`). Text that is
 * not a variable is copied (strftime) or must appear as written (strptime); an unknown `%x` sequence
 * is treated as that literal text.
 *
 * Subsecond variables truncate rather than round (`%3N` of .9999 is 999): they show the digits of the
 * time, as Splunk's %N does, at microsecond resolution. Times are rendered in the zone passed in; `%s` is zone-independent.
 */
import { fromWallTime, toLocalTime, tzOffsetSeconds, zoneAbbreviation } from './timezone.js';
import type { LocalTime } from './timezone.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Aliases that expand to other variables before compiling. */
const COMPOSITES: Record<string, string> = {
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  R: '%H:%M',
  r: '%I:%M:%S %p',
  c: '%a %b %e %H:%M:%S %Y',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
  '+': '%a %b %e %H:%M:%S %Z %Y',
};

type Directive = { readonly kind: 'var'; readonly name: string; readonly width: number | undefined };
type Piece = string | Directive;

const DIRECTIVE_RE = /%(\d*)(:{1,2}z|Ez|[A-Za-z%+])/y;

function tokenize(format: string, depth = 0): Piece[] {
  const pieces: Piece[] = [];
  let lit = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    DIRECTIVE_RE.lastIndex = i;
    const m = DIRECTIVE_RE.exec(format);
    if (m === null) {
      lit += c;
      i++;
      continue;
    }
    const [whole, digits = '', name = ''] = m;
    i += whole.length;
    if (name === '%') lit += '%';
    else if (name === 'n') lit += '\n';
    else if (name === 't') lit += '\t';
    else if (Object.hasOwn(COMPOSITES, name) && depth === 0) {
      if (lit !== '') pieces.push(lit);
      lit = '';
      pieces.push(...tokenize(COMPOSITES[name] as string, 1));
    } else if (KNOWN.has(name)) {
      if (lit !== '') pieces.push(lit);
      lit = '';
      pieces.push({ kind: 'var', name, width: digits === '' ? undefined : Number(digits) });
    } else {
      lit += whole;
    }
  }
  if (lit !== '') pieces.push(lit);
  return pieces;
}

const KNOWN = new Set([
  'Y', 'y', 'm', 'd', 'e', 'j', 'H', 'k', 'I', 'l', 'M', 'S', 'p', 'a', 'A', 'b', 'B', 'h', 'w', 'u',
  'U', 'W', 'V', 'G', 's', 'z', ':z', '::z', 'Ez', 'Z', 'N', 'Q', 'f',
]);

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad3 = (n: number): string => String(n).padStart(3, '0');
const space2 = (n: number): string => String(n).padStart(2, ' ');

function offsetText(offset: number, colons: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = pad2(Math.floor(a / 3600));
  const m = pad2(Math.floor((a % 3600) / 60));
  const s = pad2(a % 60);
  if (colons === 0) return `${sign}${h}${m}`;
  if (colons === 1) return `${sign}${h}:${m}`;
  return `${sign}${h}:${m}:${s}`;
}

/** ISO 8601 week number and week-based year. */
function isoWeek(t: LocalTime): { week: number; year: number } {
  const wd = (t.weekday + 6) % 7; // Monday = 0
  const thursday = t.yearDay - wd + 3; // day-of-year of this week's Thursday
  let year = t.year;
  let days = thursday;
  const daysIn = (y: number): number => ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365);
  if (days < 1) {
    year -= 1;
    days += daysIn(year);
  } else if (days > daysIn(year)) {
    days -= daysIn(year);
    year += 1;
  }
  return { week: Math.floor((days - 1) / 7) + 1, year };
}

/**
 * Subsecond digits of an instant, truncated to `width`. A double near 1.7e9 resolves about 0.24 µs, so
 * the fraction is first rounded to whole microseconds (`….136879` is stored as `….1368789672…`); finer
 * digits print as zeros. Splunk's `_time` has microsecond resolution too.
 */
function subsecondDigits(epochSeconds: number, width: number): string {
  const frac = epochSeconds - Math.floor(epochSeconds);
  const micros = Math.min(999_999, Math.round(frac * 1e6));
  const digits = `${String(micros).padStart(6, '0')}000`;
  return width <= 9 ? digits.slice(0, width) : digits.padEnd(width, '0');
}

type Renderer = (t: LocalTime, epoch: number, tz: string, width: number | undefined) => string;

const RENDER: Record<string, Renderer> = {
  Y: (t) => (t.year >= 0 ? String(t.year).padStart(4, '0') : String(t.year)),
  y: (t) => pad2(((t.year % 100) + 100) % 100),
  G: (t) => String(isoWeek(t).year).padStart(4, '0'),
  m: (t) => pad2(t.month),
  d: (t) => pad2(t.day),
  e: (t) => space2(t.day),
  j: (t) => pad3(t.yearDay),
  H: (t) => pad2(t.hour),
  k: (t) => space2(t.hour),
  I: (t) => pad2(t.hour % 12 === 0 ? 12 : t.hour % 12),
  l: (t) => space2(t.hour % 12 === 0 ? 12 : t.hour % 12),
  M: (t) => pad2(t.minute),
  S: (t) => pad2(t.second),
  p: (t) => (t.hour < 12 ? 'AM' : 'PM'),
  a: (t) => (DAYS[t.weekday] as string).slice(0, 3),
  A: (t) => DAYS[t.weekday] as string,
  b: (t) => (MONTHS[t.month - 1] as string).slice(0, 3),
  h: (t) => (MONTHS[t.month - 1] as string).slice(0, 3),
  B: (t) => MONTHS[t.month - 1] as string,
  w: (t) => String(t.weekday),
  u: (t) => String(t.weekday === 0 ? 7 : t.weekday),
  U: (t) => pad2(Math.floor((t.yearDay - 1 - t.weekday + 7) / 7)),
  W: (t) => pad2(Math.floor((t.yearDay - 1 - ((t.weekday + 6) % 7) + 7) / 7)),
  V: (t) => pad2(isoWeek(t).week),
  s: (_t, epoch) => String(Math.floor(epoch)),
  z: (t) => offsetText(t.offset, 0),
  ':z': (t) => offsetText(t.offset, 1),
  '::z': (t) => offsetText(t.offset, 2),
  Ez: (t) => `${t.offset < 0 ? '-' : '+'}${Math.abs(t.offset) / 60}`,
  Z: (_t, epoch, tz) => zoneAbbreviation(tz, epoch),
  N: (_t, epoch, _tz, width) => subsecondDigits(epoch, width ?? 9),
  Q: (_t, epoch, _tz, width) => subsecondDigits(epoch, width ?? 3),
  f: (_t, epoch, _tz, width) => subsecondDigits(epoch, width ?? 6),
};

/** Variables that depend on nothing finer than the local hour (and the UTC offset). */
const HOURLY = new Set(['Y', 'y', 'G', 'm', 'd', 'e', 'j', 'H', 'k', 'I', 'l', 'p', 'a', 'A', 'b', 'h', 'B', 'w', 'u', 'U', 'W', 'V', 'z', ':z', '::z', 'Ez']);

/**
 * Compile a strftime format once; the result renders an epoch time in a zone. A format of hourly
 * variables only (the seed query's `%Y-%m-%d %H:00:00`) remembers its text per UTC hour, where that hour
 * is one local hour: the zone's offset is the same at both ends of it and a whole number of hours.
 * (`memo` is for tests.)
 */
export function compileStrftime(format: string, memo = true): (epochSeconds: number, tz: string) => string {
  const pieces = tokenize(format);
  const render = (epoch: number, tz: string): string => {
    const t = toLocalTime(epoch, tz);
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : (RENDER[p.name] as Renderer)(t, epoch, tz, p.width);
    return out;
  };
  if (!memo || !pieces.every((p) => typeof p === 'string' || HOURLY.has(p.name))) return render;
  let memoTz = '';
  const byHour = new Map<number, string>();
  return (epoch, tz) => {
    const hour = Math.floor(epoch / 3600);
    if (tz !== memoTz) {
      byHour.clear();
      memoTz = tz;
    }
    const hit = byHour.get(hour);
    if (hit !== undefined) return hit;
    const text = render(epoch, tz);
    const offset = tzOffsetSeconds(tz, hour * 3600);
    if (Number.isFinite(hour) && offset % 3600 === 0 && tzOffsetSeconds(tz, hour * 3600 + 3599) === offset) {
      if (byHour.size >= 4096) byHour.clear();
      byHour.set(hour, text);
    }
    return text;
  };
}

// ---- strptime ----

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  pm: boolean | null;
  hour12: boolean;
  yearDay: number | null;
  offset: number | null;
  zone: string | null;
  epoch: number | null;
}

function lookupName(input: string, at: number, names: readonly string[]): { index: number; length: number } | null {
  const rest = input.slice(at, at + 12).toLowerCase();
  // Full names first so "March" is not read as "Mar" followed by "ch".
  for (let i = 0; i < names.length; i++) {
    const full = (names[i] as string).toLowerCase();
    if (rest.startsWith(full)) return { index: i, length: full.length };
  }
  for (let i = 0; i < names.length; i++) {
    const short = (names[i] as string).slice(0, 3).toLowerCase();
    if (rest.startsWith(short)) return { index: i, length: 3 };
  }
  return null;
}

const NUMBER_FIELDS: Record<string, { max: number; set: (p: Parsed, n: number) => boolean }> = {
  Y: { max: 4, set: (p, n) => ((p.year = n), true) },
  y: { max: 2, set: (p, n) => ((p.year = n < 69 ? 2000 + n : 1900 + n), true) },
  m: { max: 2, set: (p, n) => ((p.month = n), n >= 1 && n <= 12) },
  d: { max: 2, set: (p, n) => ((p.day = n), n >= 1 && n <= 31) },
  e: { max: 2, set: (p, n) => ((p.day = n), n >= 1 && n <= 31) },
  j: { max: 3, set: (p, n) => ((p.yearDay = n), n >= 1 && n <= 366) },
  H: { max: 2, set: (p, n) => ((p.hour = n), n <= 23) },
  k: { max: 2, set: (p, n) => ((p.hour = n), n <= 23) },
  I: { max: 2, set: (p, n) => ((p.hour = n), (p.hour12 = true), n >= 1 && n <= 12) },
  l: { max: 2, set: (p, n) => ((p.hour = n), (p.hour12 = true), n >= 1 && n <= 12) },
  M: { max: 2, set: (p, n) => ((p.minute = n), n <= 59) },
  S: { max: 2, set: (p, n) => ((p.second = n), n <= 60) },
  w: { max: 1, set: (_p, n) => n <= 6 },
  u: { max: 1, set: (_p, n) => n >= 1 && n <= 7 },
  U: { max: 2, set: (_p, n) => n <= 53 },
  W: { max: 2, set: (_p, n) => n <= 53 },
  V: { max: 2, set: (_p, n) => n >= 1 && n <= 53 },
  G: { max: 4, set: () => true },
};

const ZONE_RE = /^(?:[Zz]|[+-]\d{2}:?\d{2}(?::?\d{2})?)/;

function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (m === null) return null;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
}

/** Parse one directive at `at`; returns the new position or -1. */
function parseDirective(d: Directive, input: string, at: number, p: Parsed): number {
  const field = NUMBER_FIELDS[d.name];
  if (field !== undefined) {
    let j = at;
    let sign = 1;
    if (d.name === 'Y' && (input[j] === '-' || input[j] === '+')) {
      sign = input[j] === '-' ? -1 : 1;
      j++;
    }
    // Leading zeros are accepted but not required (SR-TimeVars), so read 1..max digits.
    const start = j;
    const max = d.width ?? field.max;
    while (j < input.length && j - start < max && input.charCodeAt(j) >= 48 && input.charCodeAt(j) <= 57) j++;
    if (j === start) return -1;
    return field.set(p, sign * Number(input.slice(start, j))) ? j : -1;
  }
  switch (d.name) {
    case 'p': {
      const s = input.slice(at, at + 2).toUpperCase();
      if (s !== 'AM' && s !== 'PM') return -1;
      p.pm = s === 'PM';
      return at + 2;
    }
    case 'a':
    case 'A': {
      const hit = lookupName(input, at, DAYS);
      return hit === null ? -1 : at + hit.length;
    }
    case 'b':
    case 'B':
    case 'h': {
      const hit = lookupName(input, at, MONTHS);
      if (hit === null) return -1;
      p.month = hit.index + 1;
      return at + hit.length;
    }
    case 's': {
      const m = /^-?\d+(?:\.\d+)?/.exec(input.slice(at));
      if (m === null) return -1;
      p.epoch = Number(m[0]);
      return at + m[0].length;
    }
    case 'N':
    case 'Q':
    case 'f': {
      let j = at;
      const max = d.width ?? (d.name === 'Q' ? 3 : d.name === 'f' ? 6 : 9);
      while (j < input.length && j - at < max && input.charCodeAt(j) >= 48 && input.charCodeAt(j) <= 57) j++;
      if (j === at) return -1;
      p.fraction = Number(`0.${input.slice(at, j)}`);
      return j;
    }
    case 'z':
    case ':z':
    case '::z': {
      const m = ZONE_RE.exec(input.slice(at));
      if (m === null) return -1;
      p.offset = parseOffset(m[0]);
      return p.offset === null ? -1 : at + m[0].length;
    }
    case 'Ez': {
      const m = /^[+-]?\d{1,4}/.exec(input.slice(at));
      if (m === null) return -1;
      p.offset = Number(m[0]) * 60;
      return at + m[0].length;
    }
    case 'Z': {
      const m = /^(?:[+-]\d{2}:?\d{2}|[A-Za-z][A-Za-z0-9_/+-]*)/.exec(input.slice(at));
      if (m === null) return -1;
      const text = m[0];
      const offset = parseOffset(text);
      if (offset !== null) p.offset = offset;
      else if (/^(?:UTC|GMT|UT)$/i.test(text)) p.offset = 0;
      else p.zone = text;
      return at + text.length;
    }
    default:
      return -1;
  }
}

/**
 * Compile a strptime format once; the result parses text into epoch seconds (with any subseconds), or
 * null when the text does not fit. Whitespace in the format matches any run of whitespace (also none);
 * other text must match exactly. Text after the last variable is ignored, as C's strptime leaves it
 * [UNCONFIRMED]. Fields the format omits default to 1970-01-01 00:00:00 [UNCONFIRMED]. The zone is the
 * parsed %z/%Z when present, else `tz`; a %Z name Intl does not know makes the text unparsable.
 */
export function compileStrptime(format: string): (text: string, tz: string) => number | null {
  const pieces = tokenize(format);
  return (input, tz) => {
    const p: Parsed = {
      year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0,
      pm: null, hour12: false, yearDay: null, offset: null, zone: null, epoch: null,
    };
    let at = 0;
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        for (const ch of piece) {
          if (/\s/.test(ch)) {
            while (at < input.length && /\s/.test(input[at] as string)) at++;
          } else if (input[at] === ch) {
            at++;
          } else {
            return null;
          }
        }
        continue;
      }
      at = parseDirective(piece, input, at, p);
      if (at < 0) return null;
    }
    if (p.epoch !== null) return p.epoch;
    let hour = p.hour;
    if (p.pm !== null && p.hour12) hour = (hour % 12) + (p.pm ? 12 : 0);
    else if (p.pm === true && hour < 12) hour += 12;
    let month = p.month;
    let day = p.day;
    if (p.yearDay !== null) {
      month = 1;
      day = p.yearDay;
    } else if (day > daysInMonth(p.year, month)) {
      return null;
    }
    const wall = { year: p.year, month, day, hour, minute: p.minute, second: p.second };
    let epoch: number;
    if (p.offset !== null) {
      epoch = fromWallTime(wall, 'UTC') - p.offset;
    } else {
      const zone = p.zone ?? tz;
      try {
        epoch = fromWallTime(wall, zone);
        if (p.zone !== null) tzOffsetSeconds(zone, epoch);
      } catch {
        return null;
      }
    }
    return epoch + p.fraction;
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
