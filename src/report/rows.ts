/**
 * Result rows → text, for `c2hunt spl`: an aligned table (cli-table3), JSON, NDJSON or CSV.
 *
 * - Values: numbers print as Splunk prints them (events/format.ts); a multivalue is one value per line
 *   in a table cell, a JSON array, and a CSV cell joined by newlines (as Splunk's CSV export writes it).
 * - Table: compact, a rule under the header only; rules between rows only when a multivalue cell spans
 *   several lines.
 * - JSON: numbers, and strings that are canonical numbers ("443"), are JSON numbers; NaN and infinities
 *   stay text (`nan`, `inf`); missing fields are left out of the object.
 * - CSV (RFC 4180 quoting): a cell that a spreadsheet would read as a formula (starting with = + - @,
 *   tab or carriage return) gets a leading `'`, unless it is a plain number such as `-1.5`: log data is
 *   attacker-controlled (OWASP "CSV Injection").
 * - `_time` (epoch seconds) prints as ISO 8601 with milliseconds and the offset of the run's time zone,
 *   `2024-05-01T10:00:00.000+00:00`, the form Splunk's JSON and CSV exports use.
 * Output is deterministic: columns in the given order, rows as given.
 */
import Table from 'cli-table3';
import { isCanonicalNumber, type Event, type Value } from '../events/event.js';
import { formatNumber, formatValue } from '../events/format.js';
import { toLocalTime } from '../events/timezone.js';

export type RowFormat = 'table' | 'json' | 'ndjson' | 'csv';

export interface RowFormatOptions {
  /** IANA zone for `_time`; default UTC. */
  readonly tz?: string | undefined;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Epoch seconds → `2024-05-01T10:00:00.000+00:00` in `tz`. */
export function formatTime(t: number, tz = 'UTC'): string {
  const whole = Math.floor(t);
  let ms = Math.round((t - whole) * 1000);
  let base = whole;
  if (ms === 1000) {
    base += 1;
    ms = 0;
  }
  const l = toLocalTime(base, tz);
  const off = Math.abs(l.offset);
  const sign = l.offset < 0 ? '-' : '+';
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}.${pad(ms, 3)}${sign}${pad(Math.floor(off / 3600))}:${pad(Math.floor((off % 3600) / 60))}`;
}

/** A row with `_time` rendered as text (other fields untouched). */
function withTime(row: Event, tz: string | undefined): Event {
  const t = row['_time'];
  if (typeof t !== 'number' || !Number.isFinite(t)) return row;
  return Object.assign(Object.create(null) as Event, row, { _time: formatTime(t, tz) });
}

function jsonScalar(v: string | number): string | number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : formatNumber(v);
  return isCanonicalNumber(v) ? Number(v) : v;
}

function jsonValue(v: Value | undefined): unknown {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v.map(jsonScalar);
  return jsonScalar(v);
}

export function rowToJson(row: Event, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = jsonValue(row[c]);
    if (v !== undefined) out[c] = v;
  }
  return out;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-protected, then quoted when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) && !isCanonicalNumber(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatRows(input: readonly Event[], columns: readonly string[], format: RowFormat, options: RowFormatOptions = {}): string {
  const rows = columns.includes('_time') ? input.map((r) => withTime(r, options.tz)) : input;
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map((r) => rowToJson(r, columns)), null, 2)}\n`;
    case 'ndjson':
      return rows.map((r) => `${JSON.stringify(rowToJson(r, columns))}\n`).join('');
    case 'csv': {
      const lines = [columns.map(csvCell).join(',')];
      for (const r of rows) lines.push(columns.map((c) => csvCell(formatValue(r[c], '\n'))).join(','));
      return `${lines.join('\r\n')}\r\n`;
    }
    case 'table': {
      if (columns.length === 0) return rows.length === 0 ? '' : `${rows.length} results without fields\n`;
      const cells = rows.map((r) => columns.map((c) => formatValue(r[c], '\n')));
      // Compact (a rule under the header only) unless a multivalue spans lines: then rules between rows
      // keep one result's values apart from the next.
      const multiline = cells.some((row) => row.some((cell) => cell.includes('\n')));
      const table = new Table({ head: [...columns], style: { head: [], border: [], compact: !multiline } });
      for (const row of cells) table.push(row);
      return `${table.toString()}\n`;
    }
  }
}
