/**
 * CSV indicator feeds. The header names the indicator column (indicator, ioc, value, ip, domain, url,
 * ...), and optionally a type, a source and a description column; a file whose first row is already an
 * indicator has no header and uses its first column. A type column narrows what the value may be
 * (`ip` with a domain in it is an error) and marks non-network types (hashes, e-mail) as unsupported.
 *
 * The whole file is parsed once; if any record is malformed (a stray quote can swallow the rest of the
 * file), it is parsed again line by line so that one bad line costs only itself.
 */
import { parse } from 'csv-parse/sync';
import { classifyIndicator } from '../classify.js';
import type { FeedResult, IndicatorKind } from '../types.js';
import { FeedCollector } from './common.js';

const INDICATOR_COLUMNS = [
  'indicator', 'ioc', 'value', 'observable', 'indicator_value', 'ioc_value', 'ip', 'ip_address', 'ipaddress',
  'dst_ip', 'destination_ip', 'address', 'cidr', 'network', 'domain', 'domain_name', 'hostname', 'host', 'fqdn', 'url',
];
const TYPE_COLUMNS = ['type', 'indicator_type', 'ioc_type', 'kind', 'attribute_type', 'data_type'];
const SOURCE_COLUMNS = ['source', 'feed', 'provider', 'list'];
const DESCRIPTION_COLUMNS = ['description', 'comment', 'desc', 'notes', 'threat', 'malware', 'context', 'tags'];

const IP_KINDS_COLUMNS = ['ip', 'ip_address', 'ipaddress', 'dst_ip', 'destination_ip', 'cidr'];
const IP_KINDS: ReadonlySet<IndicatorKind> = new Set(['ip', 'cidr']);
const DOMAIN_KINDS: ReadonlySet<IndicatorKind> = new Set(['domain']);
const URL_KINDS: ReadonlySet<IndicatorKind> = new Set(['url']);

const COLUMN_KINDS: Readonly<Record<string, ReadonlySet<IndicatorKind>>> = Object.assign(
  Object.create(null) as Record<string, ReadonlySet<IndicatorKind>>,
  Object.fromEntries(IP_KINDS_COLUMNS.map((c) => [c, IP_KINDS])),
  { domain: DOMAIN_KINDS, domain_name: DOMAIN_KINDS, fqdn: DOMAIN_KINDS, url: URL_KINDS },
);

/** A type column's value → the kinds it allows; null = not a network indicator; undefined = auto. */
export function kindsForType(type: string): ReadonlySet<IndicatorKind> | null | undefined {
  const t = type.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (t === '' || t === 'auto' || t === 'indicator') return undefined;
  if (['ip', 'ipv4', 'ipv6', 'ip-dst', 'ip-src', 'ipv4-addr', 'ipv6-addr', 'ip-address', 'ipaddress', 'address', 'cidr', 'network', 'subnet', 'netblock'].includes(t)) return IP_KINDS;
  if (['domain', 'hostname', 'host', 'fqdn', 'domain-name', 'dns'].includes(t)) return DOMAIN_KINDS;
  if (['url', 'uri', 'link'].includes(t)) return URL_KINDS;
  return null;
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const i = header.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

interface Row {
  readonly cells: string[];
  readonly line: number;
}

function parseRows(text: string, delimiter: string, out: FeedCollector): Row[] {
  const options = { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true as const };
  let failed = false;
  const whole = parse(text, {
    ...options,
    skip_records_with_error: true,
    on_skip: () => {
      failed = true;
      return undefined;
    },
  }) as unknown as ParsedRecord[];
  if (!failed) return whole.map((r) => ({ cells: r.record, line: r.info.lines }));
  const rows: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    try {
      const parsed = parse(line, { ...options, bom: i === 0 }) as unknown as ParsedRecord[];
      for (const r of parsed) rows.push({ cells: r.record, line: i + 1 });
    } catch (err) {
      out.problem({ line: i + 1 }, 'error', `malformed CSV: ${(err as Error).message.split(':')[0]}`, line);
    }
  }
  return rows;
}

export function readCsvFeed(text: string, feed: string, delimiter = ','): FeedResult {
  const out = new FeedCollector(feed);
  const rows = parseRows(text, delimiter, out).filter((r) => !((r.cells[0] ?? '').trimStart().startsWith('#')));
  const done = (): FeedResult => ({ feed, format: 'csv', indicators: out.indicators, problems: out.problems });
  const first = rows[0];
  if (first === undefined) return done();
  const header = first.cells.map(normaliseHeader);
  let col = findColumn(header, INDICATOR_COLUMNS);
  let body = rows.slice(1);
  if (col < 0) {
    if (classifyIndicator(first.cells[0] ?? '').ok) {
      col = 0;
      body = rows;
    } else {
      out.problem({ line: first.line }, 'error', 'no indicator column in the header (expected one of indicator, ioc, value, ip, domain, url, ...)', first.cells.join(delimiter));
      return done();
    }
  }
  const hasHeader = body !== rows;
  const typeCol = hasHeader ? findColumn(header, TYPE_COLUMNS) : -1;
  const sourceCol = hasHeader ? findColumn(header, SOURCE_COLUMNS) : -1;
  const descCol = hasHeader ? findColumn(header, DESCRIPTION_COLUMNS) : -1;
  // A column named for one kind (ip, domain, url) narrows like a type column would.
  const columnKinds = hasHeader ? COLUMN_KINDS[header[col] as string] : undefined;
  for (const row of body) {
    const raw = row.cells[col];
    if (raw === undefined || raw.trim() === '') {
      out.problem({ line: row.line }, 'error', 'empty indicator cell', row.cells.join(delimiter));
      continue;
    }
    let kinds = columnKinds;
    if (typeCol >= 0) {
      const type = row.cells[typeCol] ?? '';
      const k = kindsForType(type);
      if (k === null) {
        out.problem({ line: row.line }, 'unsupported', `type "${type.trim()}" is not a network indicator`, raw);
        continue;
      }
      if (k !== undefined) kinds = k;
    }
    const cell = (i: number) => (i >= 0 ? row.cells[i]?.trim() : undefined);
    out.value(raw, { line: row.line }, { source: cell(sourceCol), description: cell(descCol) }, kinds);
  }
  return done();
}
