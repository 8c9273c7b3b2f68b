/**
 * CSV: one row per finding, in rank order, with a fixed column set (CSV_COLUMNS) whatever the data.
 *
 * - RFC 4180: CRLF between records; a field with a comma, quote, CR or LF is quoted and its quotes doubled.
 * - Multivalues are joined with newlines inside one (quoted) cell.
 * - Formula injection (OWASP "CSV Injection", owasp.org/www-community/attacks/CSV_Injection): a text cell
 *   that starts with = + - @ TAB or CR is prefixed with a single quote, so spreadsheets read it as text.
 *   Numeric cells the report computed itself (rank, scores, counts, ports) are written as plain numbers.
 * - Times are ISO 8601 UTC text.
 */
import type { Finding, RankedFindings, RiskObject } from '../findings/index.js';
import { formatIsoTime } from '../util/format.js';
import { factorTexts, formatEvidence } from './text.js';

type Cell = string | number | undefined;

interface CsvColumn {
  readonly name: string;
  readonly get: (o: RiskObject, f: Finding) => Cell | readonly string[];
}

const t = (n: number | undefined) => (n === undefined ? undefined : formatIsoTime(n));

export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'rank', get: (o) => o.rank },
  { name: 'object_score', get: (o) => o.score },
  { name: 'object_severity', get: (o) => o.severity },
  { name: 'object_confidence', get: (o) => o.confidence },
  { name: 'notable', get: (o) => (o.notable ? 'true' : 'false') },
  { name: 'host', get: (_o, f) => f.host },
  { name: 'destination', get: (o) => o.destination ?? undefined },
  { name: 'detection_id', get: (_o, f) => f.detection.id },
  { name: 'detection_name', get: (_o, f) => f.detection.name },
  { name: 'techniques', get: (_o, f) => f.detection.techniques },
  { name: 'severity', get: (_o, f) => f.severity },
  { name: 'confidence', get: (_o, f) => f.confidence },
  { name: 'risk', get: (_o, f) => f.risk },
  { name: 'process', get: (_o, f) => f.process },
  { name: 'process_guid', get: (_o, f) => f.processGuid },
  { name: 'user', get: (_o, f) => f.user },
  { name: 'command_line', get: (_o, f) => f.context?.commandLine },
  { name: 'parent_image', get: (_o, f) => f.context?.parentImage },
  { name: 'parent_command_line', get: (_o, f) => f.context?.parentCommandLine },
  { name: 'context_match', get: (_o, f) => f.context?.match },
  { name: 'dest_ips', get: (_o, f) => f.destIps },
  { name: 'dest_names', get: (_o, f) => f.destNames },
  { name: 'ports', get: (_o, f) => f.ports.map(String) },
  { name: 'count', get: (_o, f) => f.count },
  { name: 'first_seen', get: (_o, f) => t(f.firstSeen) },
  { name: 'last_seen', get: (_o, f) => t(f.lastSeen) },
  { name: 'explanation', get: (_o, f) => f.explanation },
  { name: 'evidence', get: (_o, f) => [...f.evidence.map((e) => `${e.label}=${formatEvidence(e)}`), ...factorTexts(f).map((x) => `context signs=${x}`)] },
  { name: 'guide', get: (_o, f) => f.guide },
  { name: 'response', get: (_o, f) => f.response },
  { name: 'finding_id', get: (_o, f) => f.id },
];

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Prefix a text cell that a spreadsheet would read as a formula (OWASP CSV Injection). */
export function protectFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0] as string) ? `'${text}` : text;
}

/** RFC 4180 field quoting. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell: numbers as written by the report, text protected then quoted, lists joined by newlines. */
export function csvCell(value: Cell | readonly string[]): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = typeof value === 'string' ? value : value.join('\n');
  return quoteField(protectFormula(text));
}

export function renderCsv(ranked: RankedFindings): string {
  const lines = [CSV_COLUMNS.map((c) => c.name).join(',')];
  for (const o of ranked.objects) {
    for (const f of o.findings) lines.push(CSV_COLUMNS.map((c) => csvCell(c.get(o, f))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
