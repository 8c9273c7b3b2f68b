/**
 * The terminal report: a summary line, the ranked risk objects as a table, the host rollup, then per
 * object the contributing findings with evidence, process context and the detection's guide.
 *
 * Sized to the terminal width (cli-table3 truncates cells with an ellipsis, measuring display width);
 * detail lines are cut by code points. Tables are compact (a rule under the header only). Host names
 * drop their domain part when the short name is unique in the report (`WKS-004.corp.example` →
 * `WKS-004`), and a note names the domains, so the host column shows what tells hosts apart. Colour only on a TTY with NO_COLOR unset or empty
 * (no-color.org: "present and not an empty string" disables colour). Every log-derived string goes
 * through visibleText first, so an ESC in a command line cannot drive the analyst's terminal.
 */
import Table from 'cli-table3';
import { stripVTControlCharacters } from 'node:util';
import pc from 'picocolors';
import type { Finding, RankedFindings, RiskObject, Severity } from '../findings/index.js';
import { visibleText } from '../util/escape.js';
import { formatDecimal, formatIsoTime } from '../util/format.js';
import { CONTEXT_SIGNS, describeDestination, evidencePairs, factorTexts, findingDestination, formatTime, truncate } from './text.js';

export interface ConsoleOptions {
  /** Columns; defaults to the stream's width, else 120. */
  readonly width?: number;
  /** Force colour on or off; default: shouldUseColor(stream). */
  readonly color?: boolean;
  /** Table rows for at most this many risk objects and hosts (default 100); the rest are counted. */
  readonly tableLimit?: number;
  /** Detail sections for at most this many objects (default 20). */
  readonly detailLimit?: number;
  /** Findings detailed per object (default 6); the rest are counted by detection. */
  readonly findingLimit?: number;
  /** Print the per-finding detail sections (default true). */
  readonly details?: boolean;
}

interface Stream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Colour when the stream is a TTY and NO_COLOR is unset or empty. */
export function shouldUseColor(stream: Stream, env: NodeJS.ProcessEnv = process.env): boolean {
  const noColor = env['NO_COLOR'];
  return stream.isTTY === true && (noColor === undefined || noColor === '');
}

type Paint = (s: string) => string;
interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly severity: Record<Severity, Paint>;
  readonly notable: Paint;
  readonly heading: Paint;
}

function palette(enabled: boolean): Palette {
  const c = pc.createColors(enabled);
  return {
    bold: c.bold,
    dim: c.dim,
    heading: (s) => c.bold(c.cyan(s)),
    notable: (s) => c.bold(c.red(s)),
    severity: {
      critical: (s) => c.bold(c.magenta(s)),
      high: c.red,
      medium: c.yellow,
      low: c.cyan,
      informational: c.dim,
    },
  };
}

const v = (s: string) => visibleText(s);

/** Display names: a host's short name when no other host of the report has the same one. */
export interface HostLabels {
  readonly label: (host: string) => string;
  /** The domain parts dropped, sorted. */
  readonly domains: readonly string[];
}

export function hostLabels(hosts: readonly string[]): HostLabels {
  const isIp = (h: string) => /^[0-9.]+$/.test(h) || h.includes(':');
  const short = (h: string) => (isIp(h) || !h.includes('.') ? h : h.slice(0, h.indexOf('.')));
  const owners = new Map<string, Set<string>>();
  for (const h of hosts) {
    const k = short(h).toLowerCase();
    let set = owners.get(k);
    if (set === undefined) owners.set(k, (set = new Set()));
    set.add(h.toLowerCase());
  }
  const domains = new Set<string>();
  const cache = new Map<string, string>();
  for (const h of hosts) {
    const s = short(h);
    const unique = (owners.get(s.toLowerCase())?.size ?? 0) <= 1;
    const shown = unique ? s : h;
    if (shown !== h) domains.add(h.slice(s.length + 1).toLowerCase());
    cache.set(h, shown);
  }
  return { label: (h) => cache.get(h) ?? h, domains: [...domains].sort() };
}

function score(n: number): string {
  return formatDecimal(n, 1);
}

interface Column {
  readonly head: string;
  readonly width: number | 'flex';
  readonly min: number;
  readonly weight: number;
  /** Lower drops first when the terminal is narrow. */
  readonly keep: number;
  readonly cell: (o: RiskObject) => string;
  /** A shorter text for a cell that would not fit its column. */
  readonly short?: (o: RiskObject) => string;
}

/** Severity in a table cell: `info` for informational, so the column stays narrow. */
function severityWord(s: Severity): string {
  return s === 'informational' ? 'info' : s;
}

/** A table's destination: the name and its first address, `+N` for the others. */
function compactDestination(o: RiskObject): string {
  if (o.destination === null) return '-';
  if (o.destinationKind !== 'domain' || o.destIps.length === 0) return o.destination;
  return `${o.destination} (${o.destIps[0]}${o.destIps.length > 1 ? ` +${o.destIps.length - 1}` : ''})`;
}

/** Words wrapped to the width (a long word is cut). */
function wrapWords(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (Array.from(candidate).length <= width || line === '') line = candidate;
    else {
      lines.push(truncate(line, width));
      line = indent + word;
    }
  }
  if (line !== '') lines.push(truncate(line, width));
  return lines;
}

function objectColumns(p: Palette, threshold: number, hostLabel: (h: string) => string): Column[] {
  return [
    { head: '#', width: 5, min: 5, weight: 0, keep: 9, cell: (o) => String(o.rank) },
    {
      head: 'Risk',
      width: 9,
      min: 9,
      weight: 0,
      keep: 9,
      cell: (o) => (o.score >= threshold ? p.notable(`${score(o.score)} !`) : score(o.score)),
    },
    { head: 'Severity', width: 10, min: 10, weight: 0, keep: 8, cell: (o) => p.severity[o.severity](severityWord(o.severity)) },
    { head: 'Conf.', width: 8, min: 8, weight: 0, keep: 3, cell: (o) => o.confidence },
    { head: 'Host', width: 'flex', min: 10, weight: 2, keep: 9, cell: (o) => v(hostLabel(o.host)) },
    { head: 'Destination', width: 'flex', min: 24, weight: 3, keep: 9, cell: (o) => v(compactDestination(o)), short: (o) => v(o.destination ?? '-') },
    {
      head: 'Detections',
      width: 'flex',
      min: 14,
      weight: 3,
      keep: 7,
      // How many detections agree comes first: it survives the cut on a narrow terminal.
      cell: (o) => `${o.contributions.length > 1 ? `${o.contributions.length}: ` : ''}${o.contributions.map((c) => v(c.name)).join(', ')}`,
    },
    { head: 'Last seen', width: 22, min: 22, weight: 0, keep: 2, cell: (o) => formatTime(o.lastSeen === undefined ? undefined : Math.floor(o.lastSeen)) },
  ];
}

/** Display width of a cell: code points after colour codes are stripped (cells are made visible first). */
function cellWidth(text: string): number {
  return Math.max(0, ...stripVTControlCharacters(text).split('\n').map((l) => Array.from(l).length));
}

/**
 * Fit columns to the width: drop the least important until the flexible ones reach their minimum; then
 * give each flexible column what its content needs (cells plus two of padding) when that fits, and
 * otherwise share the room by weight, a column that needs less than its share giving the rest to the
 * others. The table is narrower than the width when the content is.
 */
function fitColumns(columns: Column[], width: number, natural: (c: Column) => number): { cols: Column[]; widths: number[] } {
  let cols = [...columns];
  for (;;) {
    const fixed = cols.reduce((s, c) => s + (c.width === 'flex' ? 0 : c.width), 0);
    const borders = cols.length + 1;
    const flex = cols.filter((c) => c.width === 'flex');
    const room = width - fixed - borders;
    const need = flex.reduce((s, c) => s + c.min, 0);
    if (room >= need || cols.length <= 3) {
      // Every flexible column gets its minimum; the rest of the room goes by weight, capped at what the
      // content needs (water-filling: a column that needs less than its share leaves the rest to others).
      const widths = cols.map((c) => (c.width === 'flex' ? c.min : c.width));
      const cap = new Map(flex.map((c) => [c, Math.max(0, natural(c) - c.min)]));
      let open = flex.filter((c) => (cap.get(c) as number) > 0);
      let left = Math.max(0, room - need);
      while (open.length > 0 && left > 0) {
        const weight = open.reduce((n, c) => n + c.weight, 0);
        const settled = open.filter((c) => (cap.get(c) as number) <= Math.floor((left * c.weight) / weight));
        if (settled.length === 0) {
          let given = 0;
          open.forEach((c, i) => {
            const share = i === open.length - 1 ? left - given : Math.floor((left * c.weight) / weight);
            given += share;
            widths[cols.indexOf(c)] = c.min + share;
          });
          break;
        }
        for (const c of settled) {
          widths[cols.indexOf(c)] = c.min + (cap.get(c) as number);
          left -= cap.get(c) as number;
        }
        open = open.filter((c) => !settled.includes(c));
      }
      return { cols, widths };
    }
    const drop = cols.reduce((lo, c) => (c.keep < lo.keep ? c : lo));
    cols = cols.filter((c) => c !== drop);
  }
}

function table(head: string[], widths: number[], color: boolean): Table.Table {
  return new Table({
    head,
    colWidths: widths,
    wordWrap: false,
    truncate: '…',
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: true },
  });
}

/** Items joined with " · ", wrapped to the width: the first line after `first`, the rest after `rest`. */
function wrapPairs(items: readonly string[], first: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  let prefix = first;
  let line = '';
  const len = (s: string) => Array.from(s).length;
  for (const item of items) {
    const piece = truncate(item, Math.max(8, width - rest.length));
    if (line === '') line = piece;
    else if (len(prefix) + len(line) + 3 + len(piece) <= width) line += ` · ${piece}`;
    else {
      lines.push(truncate(prefix + line, width));
      prefix = rest;
      line = piece;
    }
  }
  if (line !== '') lines.push(truncate(prefix + line, width));
  return lines;
}

/** `guides` holds the guides already printed for this object: a repeated one is referred to, not repeated. */
function findingLines(f: Finding, p: Palette, width: number, guides: Set<string>): string[] {
  const out: string[] = [];
  const cut = (s: string) => truncate(s, width);
  const techniques = f.detection.techniques.length > 0 ? ` [${f.detection.techniques.join(', ')}]` : '';
  const head = `  ▸ ${v(f.detection.name)}${techniques} · risk ${score(f.risk)} · ${f.severity} severity, ${f.confidence} confidence`;
  out.push(p.bold(cut(head)));
  const who = f.process !== undefined ? `${v(f.process)} → ` : '';
  out.push(cut(`    ${who}${v(findingDestination(f))}`));
  out.push(cut(`    ${v(f.explanation)}`));
  const all = evidencePairs(f);
  const pairs = all.filter(([k]) => k !== CONTEXT_SIGNS).map(([k, val]) => `${v(k)} ${v(val)}`);
  if (pairs.length > 0) out.push(...wrapPairs(pairs, '    evidence: ', '              ', width));
  const signs = factorTexts(f).map(v);
  if (signs.length > 0) out.push(...wrapPairs(signs, `    ${CONTEXT_SIGNS}: `, '                   ', width));
  const ctx = f.context;
  if (ctx !== undefined) {
    const how = ctx.match === 'host-image' ? 'latest EID 1 of this image (best guess)' : ctx.match === 'process-guid' ? 'EID 1 by ProcessGuid' : 'from the detection';
    if (ctx.commandLine !== undefined) out.push(cut(`    command line: ${v(ctx.commandLine)}`));
    if (ctx.parentImage !== undefined || ctx.parentCommandLine !== undefined) {
      out.push(cut(`    parent: ${v(ctx.parentCommandLine ?? ctx.parentImage ?? '-')}`));
    }
    const who = [ctx.user !== undefined ? `user ${v(ctx.user)}` : '', ctx.started !== undefined ? `started ${formatIsoTime(ctx.started)}` : '']
      .filter((s) => s !== '')
      .join(' · ');
    out.push(p.dim(cut(`    process context: ${how}${who !== '' ? ` · ${who}` : ''}`)));
  } else if (f.user !== undefined) {
    out.push(cut(`    user: ${v(f.user)}`));
  }
  const key = `${f.guide.join('\n')}\u0000${f.response.join('\n')}`;
  if (f.guide.length + f.response.length > 0 && guides.has(key)) {
    out.push(p.dim('    investigate and respond: as above'));
    return out;
  }
  guides.add(key);
  if (f.guide.length > 0) {
    out.push('    investigate:');
    f.guide.forEach((g, i) => out.push(cut(`      ${i + 1}. ${v(g)}`)));
  }
  if (f.response.length > 0) {
    out.push('    respond:');
    f.response.forEach((r, i) => out.push(cut(`      ${i + 1}. ${v(r)}`)));
  }
  return out;
}

/** The whole terminal report as text (lines end with \n). */
export function renderConsole(ranked: RankedFindings, options: ConsoleOptions = {}): string {
  const width = Math.max(60, options.width ?? 120);
  const color = options.color ?? false;
  const p = palette(color);
  const { objects, hosts } = ranked;
  const threshold = ranked.options.threshold;
  const lines: string[] = [];
  if (objects.length === 0) return 'c2hunt: no findings.\n';
  const notable = objects.filter((o) => o.notable).length;
  const summary = `c2hunt: ${ranked.totalFindings} finding${ranked.totalFindings === 1 ? '' : 's'} in ${objects.length} risk object${objects.length === 1 ? '' : 's'} on ${hosts.length} host${hosts.length === 1 ? '' : 's'}; ${notable} notable (risk ≥ ${score(threshold)}, marked !)`;
  for (const l of wrapWords(summary, width, '  ')) lines.push(p.bold(l));
  const labels = hostLabels([...new Set([...objects.map((o) => o.host), ...hosts.map((h) => h.host)])]);
  const hostLabel = labels.label;
  if (labels.domains.length > 0) {
    const list = labels.domains.slice(0, 3).map(v).join(', ') + (labels.domains.length > 3 ? `, +${labels.domains.length - 3} more` : '');
    for (const l of wrapWords(`Host names without their domain (${list}).`, width, '  ')) lines.push(p.dim(l));
  }
  lines.push('');
  lines.push(p.heading('Risk objects (host → destination)'));
  const tableLimit = options.tableLimit ?? 100;
  const shown = objects.slice(0, tableLimit);
  const allColumns = objectColumns(p, threshold, hostLabel);
  const cells = new Map(allColumns.map((c) => [c, shown.map((o) => c.cell(o))]));
  const natural = (c: Column) => Math.max(cellWidth(c.head), ...(cells.get(c) ?? []).map(cellWidth)) + 2;
  const { cols, widths } = fitColumns(allColumns, width, natural);
  const t = table(cols.map((c) => c.head), widths, color);
  shown.forEach((o, i) =>
    t.push(
      cols.map((c, j) => {
        const text = (cells.get(c) as string[])[i] as string;
        return c.short !== undefined && cellWidth(text) > (widths[j] as number) - 2 ? c.short(o) : text;
      }),
    ),
  );
  lines.push(t.toString());
  if (objects.length > tableLimit) {
    lines.push(p.dim(truncate(`(${objects.length - tableLimit} more risk objects: --top shows more; --format csv, json or html lists all)`, width)));
  }

  lines.push('');
  lines.push(p.heading('Hosts'));
  const hostFixed = [5, 9, 10, 9, 10];
  const hostNatural = Math.max(6, ...hosts.slice(0, tableLimit).map((h) => cellWidth(v(hostLabel(h.host))))) + 2;
  const hostFlex = Math.min(hostNatural, Math.max(10, width - hostFixed.reduce((a, b) => a + b, 0) - 7));
  const ht = table(['#', 'Host', 'Risk', 'Severity', 'Objects', 'Findings'], [5, hostFlex, 9, 10, 9, 10], color);
  for (const h of hosts.slice(0, tableLimit)) {
    ht.push([
      String(h.rank),
      v(hostLabel(h.host)),
      h.notable ? p.notable(`${score(h.score)} !`) : score(h.score),
      p.severity[h.severity](severityWord(h.severity)),
      String(h.objects),
      String(h.findings),
    ]);
  }
  lines.push(ht.toString());
  if (hosts.length > tableLimit) lines.push(p.dim(truncate(`(${hosts.length - tableLimit} more hosts)`, width)));

  if (options.details !== false) {
    const limit = options.detailLimit ?? 20;
    for (const o of objects.slice(0, limit)) {
      lines.push('');
      const head =
        `#${o.rank} ${v(hostLabel(o.host))} → ${v(describeDestination(o))} · risk ${score(o.score)}` +
        (o.rawScore !== o.score ? ` (undiminished ${score(o.rawScore)})` : '') +
        ` · ${o.severity} severity · ${o.confidence} confidence` +
        (o.notable ? ' · notable' : '');
      lines.push(p.heading(truncate(head, width)));
      const contrib = o.contributions.map((c) => `${v(c.name)} ${score(c.score)}${c.findings > 1 ? ` (${c.findings} findings)` : ''}`);
      lines.push(...wrapPairs(contrib, '  contributions: ', '                 ', width));
      const guides = new Set<string>();
      const findingLimit = options.findingLimit ?? 6;
      for (const f of o.findings.slice(0, findingLimit)) lines.push(...findingLines(f, p, width, guides));
      const rest = o.findings.slice(findingLimit);
      if (rest.length > 0) {
        const byName = new Map<string, number>();
        for (const f of rest) byName.set(f.detection.name, (byName.get(f.detection.name) ?? 0) + 1);
        const list = [...byName.entries()].map(([name, n]) => `${v(name)} ×${n}`);
        lines.push(...wrapPairs(list, `  (${rest.length} more finding${rest.length === 1 ? '' : 's'}: `, '   ', width).map((l) => p.dim(l)));
        lines.push(p.dim(truncate('   --format json, csv or html lists every finding)', width)));
      }
    }
    if (limit < objects.length) lines.push('', p.dim(truncate(`(${objects.length - limit} more risk objects not detailed: --details N)`, width)));
  }
  return `${lines.join('\n')}\n`;
}
