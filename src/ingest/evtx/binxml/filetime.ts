/**
 * FILETIME and SYSTEMTIME to text without going through Date (which keeps only milliseconds).
 *
 * A FILETIME counts 100 ns ticks since 1601-01-01 UTC and exceeds 2^53, so it is split into 32-bit halves
 * and the remainder modulo 10^7 is computed exactly (evtx-format.md §3). Output is Windows' XML form with
 * seven fraction digits, e.g. `2017-12-26T13:10:29.1368791Z`.
 */
import * as A from './ascii.js';

const TICKS_PER_SECOND = 10_000_000;
/** Seconds between 1601-01-01 and 1970-01-01. */
const EPOCH_DELTA = 11_644_473_600;
/** 2^32 mod 10^7 and floor(2^32 / 10^7). */
const HI_REM = 4_967_296;
const HI_QUOT = 429;

/** Tick remainder (0..9999999) of a FILETIME given as two 32-bit halves. */
export function fileTimeTicks(lo: number, hi: number): number {
  return ((hi % TICKS_PER_SECOND) * HI_REM + lo) % TICKS_PER_SECOND;
}

/** Whole seconds since the Unix epoch of a FILETIME given as two halves, and its tick remainder. */
export function fileTimeSeconds(lo: number, hi: number, ticks: number): number {
  // hi*HI_REM + lo may exceed 2^53; the quotient is recovered by rounding since the error is far below 0.5.
  return hi * HI_QUOT + Math.round((hi * HI_REM + lo - ticks) / TICKS_PER_SECOND) - EPOCH_DELTA;
}

let lastDay = NaN;
let lastDayText = '';

/** `YYYY-MM-DD` for days since 1970-01-01 (proleptic Gregorian; H. Hinnant's civil-from-days). */
function dayText(days: number): string {
  if (days === lastDay) return lastDayText;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  lastDay = days;
  lastDayText = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  return lastDayText;
}

const TWO_DIGITS: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

function pad(n: number, width: number): string {
  if (width === 2 && n >= 0 && n < 100) return TWO_DIGITS[n]!;
  const s = String(n);
  return s.length >= width ? s : '0000000'.slice(0, width - s.length) + s;
}

/**
 * Epoch seconds of text in exactly the form formatUnixTicks writes, computed the same way as
 * `parseUtcTimestamp` (whole seconds plus fraction / 10^7, so the doubles are identical), or null for any
 * other text. Saves the regular expression on the per-record path.
 */
export function parseWindowsTime(s: string): number | null {
  if (s.length !== 28 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(27) !== 90 /* Z */ || s.charCodeAt(19) !== 46) return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const frac = digits(s, 20, 7);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || frac < 0) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  return ms / 1000 + frac / 1e7;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Unix seconds and ticks as `YYYY-MM-DDTHH:MM:SS.fffffffZ`. */
export function formatUnixTicks(seconds: number, ticks: number): string {
  const days = Math.floor(seconds / 86400);
  let rem = seconds - days * 86400;
  const h = Math.floor(rem / 3600);
  rem -= h * 3600;
  const mi = Math.floor(rem / 60);
  const s = rem - mi * 60;
  A.begin(40);
  A.text(dayText(days));
  A.byte(0x54); // T
  A.decimal(h, 2);
  A.byte(0x3a);
  A.decimal(mi, 2);
  A.byte(0x3a);
  A.decimal(s, 2);
  A.byte(0x2e);
  A.decimal(ticks, 7);
  A.byte(0x5a); // Z
  return A.finish();
}

/** Unix seconds of 10000-01-01T00:00:00Z: from there on the year has five digits. */
const YEAR_10000 = 253_402_300_800;

/**
 * `parseWindowsTime(formatFileTime(lo, hi))` without the text: the same double (whole seconds plus
 * ticks / 10^7), or null where the text has a five-digit year. Saves parsing back the SystemTime just
 * formatted for every record.
 */
export function fileTimeEpoch(lo: number, hi: number): number | null {
  const ticks = fileTimeTicks(lo, hi);
  const seconds = fileTimeSeconds(lo, hi, ticks);
  return seconds < YEAR_10000 ? seconds + ticks / TICKS_PER_SECOND : null;
}

export function formatFileTime(lo: number, hi: number): string {
  const ticks = fileTimeTicks(lo, hi);
  return formatUnixTicks(fileTimeSeconds(lo, hi, ticks), ticks);
}

/**
 * SYSTEMTIME (year, month, weekday, day, hour, minute, second, milliseconds; 8 × u16) in the same form as
 * FILETIME, milliseconds widened to seven digits. Fields are printed as stored, without range checks.
 */
export function formatSystemTimeStruct(f: readonly number[]): string {
  const [y = 0, mo = 0, , d = 0, h = 0, mi = 0, s = 0, ms = 0] = f;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}0000Z`;
}
