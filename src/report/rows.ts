/**
 * Result rows → text, for `c2hunt spl`: an aligned table (cli-table3), JSON, NDJSON or CSV.
 *
 * - Values: numbers print as Splunk prints them (events/format.ts); a multivalue is one value per line
 *   in a table cell, a JSON array, and a CSV cell joined by newlines (as Splunk's CSV export writes it).
 * - JSON: numbers, and strings that are canonical numbers ("443"), are JSON numbers; NaN and infinities
 *   stay text (`nan`, `inf`); missing fields are left out of the object.
 * - CSV (RFC 4180 quoting): a cell that a spreadsheet would read as a formula (starting with = + - @,
 *   tab or carriage return) gets a leading `'`, unless it is a plain number such as `-1.5`: log data is
 *   attacker-controlled (OWASP "CSV Injection").
 * Output is deterministic: columns in the given order, rows as given.
 */
import Table from 'cli-table3';
import { isCanonicalNumber, type Event, type Value } from '../events/event.js';
import { formatNumber, formatValue } from '../events/format.js';

export type RowFormat = 'table' | 'json' | 'ndjson' | 'csv';

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

export function formatRows(rows: readonly Event[], columns: readonly string[], format: RowFormat): string {
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
      const table = new Table({ head: [...columns], style: { head: [], border: [] } });
      for (const r of rows) table.push(columns.map((c) => formatValue(r[c], '\n')));
      return `${table.toString()}\n`;
    }
  }
}
