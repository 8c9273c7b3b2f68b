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

/**
 * The parts of a timestamp, as ISO_RE's groups give them. Every reader parses one or two timestamps per
 * record, so the common shape (no surrounding space, nothing between the seconds and the zone) is read
 * by hand into this one reused object; anything else goes through ISO_RE, which stays the definition
 * (a property test checks that both agree on every input).
 */
const parts = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0, text: '', fracStart: 0, fracEnd: 0, zone: 0 };

const d2 = (t: string, i: number): number => {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/** Hand scan of `YYYY-MM-DD[T ]HH:MM:SS[.f{1,9}][Z|±HH[:]MM]`; false means "ask ISO_RE". */
function scanCommon(t: string): boolean {
  const n = t.length;
  if (n < 19) return false;
  const y1 = d2(t, 0);
  const y2 = d2(t, 2);
  const mo = d2(t, 5);
  const d = d2(t, 8);
  const h = d2(t, 11);
  const mi = d2(t, 14);
  const s = d2(t, 17);
  const sep = t.charCodeAt(10);
  if (
    y1 < 0 || y2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 ||
    t.charCodeAt(4) !== 0x2d || t.charCodeAt(7) !== 0x2d || t.charCodeAt(13) !== 0x3a || t.charCodeAt(16) !== 0x3a ||
    (sep !== 0x54 && sep !== 0x74 && sep !== 0x20)
  ) {
    return false;
  }
  let i = 19;
  let fracStart = 0;
  let fracEnd = 0;
  const c = t.charCodeAt(i);
  if (c === 0x2e || c === 0x2c) {
    fracStart = ++i;
    while (i < n && i - fracStart < 10) {
      const x = t.charCodeAt(i);
      if (x < 48 || x > 57) break;
      i++;
    }
    fracEnd = i;
    if (fracEnd === fracStart || fracEnd - fracStart > 9) return false;
  }
  let zone = 0;
  if (i < n) {
    const z = t.charCodeAt(i);
    if (z === 0x5a || z === 0x7a) {
      if (i + 1 !== n) return false;
    } else if (z === 0x2b || z === 0x2d) {
      const zh = d2(t, i + 1);
      const colon = t.charCodeAt(i + 3) === 0x3a ? 1 : 0;
      const zm = d2(t, i + 3 + colon);
      if (zh < 0 || zm < 0 || i + 5 + colon !== n) return false;
      zone = (z === 0x2d ? -1 : 1) * (zh * 3600 + zm * 60);
    } else {
      return false;
    }
  }
  parts.y = y1 * 100 + y2;
  parts.mo = mo;
  parts.d = d;
  parts.h = h;
  parts.mi = mi;
  parts.s = s;
  parts.text = t;
  parts.fracStart = fracStart;
  parts.fracEnd = fracEnd;
  parts.zone = zone;
  return true;
}

/** Fill `parts` from ISO_RE (the definition); false when the text is no timestamp. */
function scanRegex(text: string): boolean {
  const trimmed = text.trim();
  const m = ISO_RE.exec(trimmed);
  if (m === null) return false;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  parts.y = Number(y);
  parts.mo = Number(mo);
  parts.d = Number(d);
  parts.h = Number(h);
  parts.mi = Number(mi);
  parts.s = Number(s);
  parts.text = frac ?? '';
  parts.fracStart = 0;
  parts.fracEnd = frac === undefined ? 0 : frac.length;
  parts.zone = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    parts.zone = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  return true;
}

/** Parse into `parts`; returns epoch seconds of the whole-second part before the zone, or null. */
function scanTimestamp(text: string, fast = true): number | null {
  if (!(fast && scanCommon(text)) && !scanRegex(text)) return null;
  const { y, mo, d, h, mi, s } = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(ms)) return null;
  return ms / 1000;
}

/** The fraction digits of the last scan as a number (0.136879 for "136879"). */
function fractionValue(): number {
  const { text, fracStart, fracEnd } = parts;
  let v = 0;
  for (let i = fracStart; i < fracEnd; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  // v is an integer below 1e9, exactly Number(digits), so this equals Number(digits) / 10 ** length.
  return v / 10 ** (fracEnd - fracStart);
}

/** Parse an ISO-8601-like UTC timestamp; null when the text is not one. `fast` is for tests only. */
export function parseUtcTimestamp(text: string, fast = true): number | null {
  let seconds = scanTimestamp(text, fast);
  if (seconds === null) return null;
  if (parts.fracEnd > parts.fracStart) seconds += fractionValue();
  if (parts.zone !== 0) seconds -= parts.zone;
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
export function parseExactTime(text: string, fast = true): ExactTime | null {
  let seconds = scanTimestamp(text, fast);
  if (seconds === null) return null;
  if (parts.zone !== 0) seconds -= parts.zone;
  return { seconds, fraction: parts.fracEnd > parts.fracStart ? parts.text.slice(parts.fracStart, parts.fracEnd) : '' };
}

/** Epoch seconds (with fraction) of an exact time, optionally shifted by whole seconds. */
export function exactToEpoch(t: ExactTime, shiftSeconds = 0): number {
  const whole = t.seconds + shiftSeconds;
  return t.fraction === '' ? whole : whole + Number(t.fraction) / 10 ** t.fraction.length;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** `YYYY-MM-DD` by day number: records span few days, though not always in order. Bounded. */
const dates = new Map<number, string>();

/**
 * `YYYY-MM-DDTHH:MM:SS` of whole epoch seconds, as `Date.toISOString` writes it. Years 0–9999 are computed
 * from a per-day cache; the rest (and non-integers) take toISOString itself.
 */
function isoSeconds(seconds: number, fast: boolean): string {
  if (!fast || !Number.isInteger(seconds) || seconds < 0 || seconds >= 253402300800) {
    return new Date(seconds * 1000).toISOString().slice(0, 19);
  }
  const day = Math.floor(seconds / 86400);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * 86400000).toISOString().slice(0, 10);
    if (dates.size >= 4096) dates.clear();
    dates.set(day, date);
  }
  const sod = seconds - day * 86400;
  const h = Math.floor(sod / 3600);
  const rest = sod - h * 3600;
  const m = Math.floor(rest / 60);
  return `${date}T${TWO_DIGITS[h]!}:${TWO_DIGITS[m]!}:${TWO_DIGITS[rest - m * 60]!}`;
}

/**
 * Windows' SystemTime rendering of an exact time: `YYYY-MM-DDTHH:MM:SS.fffffffZ`, at least seven fraction
 * digits (100 ns ticks), more when the source wrote more. `fast` is for tests only.
 */
export function exactToSystemTime(t: ExactTime, shiftSeconds = 0, fast = true): string {
  return `${isoSeconds(t.seconds + shiftSeconds, fast)}.${t.fraction.padEnd(7, '0')}Z`;
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
