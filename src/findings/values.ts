/**
 * Reading typed values out of SPL result rows. Rows carry what Splunk carries: strings (as telemetry
 * wrote them), numbers (from eval and stats), multivalues and null. Sysmon writes `-` for an empty field,
 * so `-` and "" count as absent wherever an entity is read.
 */
import type { Event, Value } from '../events/event.js';
import { parseUtcTimestamp } from '../events/time.js';
import type { FieldRef } from '../detections/types.js';

/** Null, "", "-" and empty multivalues say nothing. */
export function isAbsent(v: Value | undefined): v is null | undefined {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v === '' || v === '-';
  if (Array.isArray(v)) return v.every((x) => x === '' || x === '-');
  return false;
}

/** The first present value among the referenced fields. */
export function pick(row: Event, ref: FieldRef | undefined): Value | undefined {
  if (ref === undefined) return undefined;
  const names = typeof ref === 'string' ? [ref] : ref;
  for (const name of names) {
    const v = row[name];
    if (!isAbsent(v)) return v;
  }
  return undefined;
}

// A decimal number and nothing else (no spaces, hex or thousands separators); capped in length so the
// check stays cheap on hostile strings.
export function parseDecimal(s: string): number | undefined {
  if (s.length === 0 || s.length > 64) return undefined;
  let i = 0;
  const n = s.length;
  if (s[0] === '+' || s[0] === '-') i++;
  let digits = 0;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    i++;
    digits++;
  }
  if (i < n && s[i] === '.') {
    i++;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return undefined;
  if (i < n && (s[i] === 'e' || s[i] === 'E')) {
    i++;
    if (i < n && (s[i] === '+' || s[i] === '-')) i++;
    let exp = 0;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      i++;
      exp++;
    }
    if (exp === 0) return undefined;
  }
  if (i !== n) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** A single number: a number, or a string that is one. The first value of a multivalue. */
export function toNumber(v: Value | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) return v.length > 0 ? toNumber(v[0]) : undefined;
  return parseDecimal(v.trim());
}

/** Every value as a list of non-empty strings (numbers printed). */
export function toStrings(v: Value | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return Number.isFinite(v) ? [String(v)] : [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((s) => s !== '' && s !== '-');
}

/** The first value as a string, or undefined. */
export function toText(v: Value | undefined): string | undefined {
  return toStrings(v)[0];
}

/**
 * A time as epoch seconds: a number, a numeric string, or an ISO-like UTC timestamp (the seed query's
 * `min(HourBucket)` is `2024-01-01 10:00:00`). Zoneless text is UTC, as events/time.ts pins.
 */
export function toEpoch(v: Value | string | undefined): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.length > 0 ? toEpoch(v[0]) : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const n = parseDecimal(v.trim());
  if (n !== undefined) return n;
  return parseUtcTimestamp(v) ?? undefined;
}

/** Every value of a multivalue as epoch seconds, skipping the unreadable ones; at most `limit` read. */
export function toEpochs(v: Value | undefined, limit = 1_000_000): number[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return Number.isFinite(v) ? [v] : [];
  const list = Array.isArray(v) ? v : [v];
  const out: number[] = [];
  for (let i = 0; i < list.length && i < limit; i++) {
    const t = toEpoch(list[i]);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** Port numbers (integers 0–65535), unique and ascending. */
export function toPorts(v: Value | undefined): number[] {
  const set = new Set<number>();
  for (const s of toStrings(v)) {
    const n = parseDecimal(s.trim());
    if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 65535) set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}
