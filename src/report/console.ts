/**
 * The terminal report: a summary line, the ranked risk objects as a table, the host rollup, then per
 * object the contributing findings with evidence, process context and the detection's guide.
 *
 * Sized to the terminal width (cli-table3 truncates cells with an ellipsis, measuring display width);
 * detail lines are cut by code points. Colour only on a TTY with NO_COLOR unset or empty
 * (no-color.org: "present and not an empty string" disables colour). Every log-derived string goes
 * through visibleText first, so an ESC in a command line cannot drive the analyst's terminal.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { Finding, RankedFindings, RiskObject, Severity } from '../findings/index.js';
import { visibleText } from '../util/escape.js';
import { formatDecimal, formatIsoTime } from '../util/format.js';
import { describeDestination, evidencePairs, findingDestination, formatTime, truncate } from './text.js';

export interface ConsoleOptions {
  /** Columns; defaults to the stream's width, else 120. */
  readonly width?: number;
  /** Force colour on or off; default: shouldUseColor(stream). */
  readonly color?: boolean;
  /** Table rows for at most this many risk objects and hosts (default 100); the rest are counted. */
  readonly tableLimit?: number;
  /** Detail sections for at most this many objects (default 20). */
  readonly detailLimit?: number;
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
}

function objectColumns(p: Palette, threshold: number): Column[] {
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
    { head: 'Severity', width: 10, min: 10, weight: 0, keep: 8, cell: (o) => p.severity[o.severity](o.severity) },
    { head: 'Conf.', width: 8, min: 8, weight: 0, keep: 3, cell: (o) => o.confidence },
    { head: 'Host', width: 'flex', min: 10, weight: 2, keep: 9, cell: (o) => v(o.host) },
    { head: 'Destination', width: 'flex', min: 14, weight: 3, keep: 9, cell: (o) => v(describeDestination(o)) },
    {
      head: 'Detections',
      width: 'flex',
      min: 14,
      weight: 3,
      keep: 7,
      cell: (o) => o.contributions.map((c) => v(c.name)).join(', '),
    },
    { head: 'Last seen', width: 22, min: 22, weight: 0, keep: 2, cell: (o) => formatTime(o.lastSeen) },
  ];
}

/** Fit columns to the width: drop the least important until the flexible ones reach their minimum. */
function fitColumns(columns: Column[], width: number): { cols: Column[]; widths: number[] } {
  let cols = [...columns];
  for (;;) {
    const fixed = cols.reduce((s, c) => s + (c.width === 'flex' ? 0 : c.width), 0);
    const borders = cols.length + 1;
    const flex = cols.filter((c) => c.width === 'flex');
    const room = width - fixed - borders;
    const need = flex.reduce((s, c) => s + c.min, 0);
    if (room >= need || cols.length <= 3) {
      const weight = flex.reduce((s, c) => s + c.weight, 0);
      const extra = Math.max(0, room - need);
      const widths = cols.map((c) => (c.width === 'flex' ? 0 : c.width));
      let given = 0;
      flex.forEach((c, i) => {
        const share = i === flex.length - 1 ? extra - given : Math.floor((extra * c.weight) / weight);
        given += share;
        widths[cols.indexOf(c)] = c.min + share;
      });
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
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [], compact: false },
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

function findingLines(f: Finding, p: Palette, width: number): string[] {
  const out: string[] = [];
  const cut = (s: string) => truncate(s, width);
  const techniques = f.detection.techniques.length > 0 ? ` [${f.detection.techniques.join(', ')}]` : '';
  const head = `  ▸ ${v(f.detection.name)}${techniques} · risk ${score(f.risk)} · ${f.severity} severity, ${f.confidence} confidence`;
  out.push(p.bold(cut(head)));
  const who = f.process !== undefined ? `${v(f.process)} → ` : '';
  out.push(cut(`    ${who}${v(findingDestination(f))}`));
  out.push(cut(`    ${v(f.explanation)}`));
  const pairs = evidencePairs(f).map(([k, val]) => `${v(k)} ${v(val)}`);
  if (pairs.length > 0) out.push(...wrapPairs(pairs, '    evidence: ', '              ', width));
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
  lines.push(
    p.bold(
      truncate(`c2hunt: ${ranked.totalFindings} finding${ranked.totalFindings === 1 ? '' : 's'} in ${objects.length} risk object${objects.length === 1 ? '' : 's'} on ${hosts.length} host${hosts.length === 1 ? '' : 's'}; ${notable} notable (risk ≥ ${score(threshold)}, marked !)`, width),
    ),
  );
  lines.push('');
  lines.push(p.heading('Risk objects (host → destination)'));
  const { cols, widths } = fitColumns(objectColumns(p, threshold), width);
  const t = table(cols.map((c) => c.head), widths, color);
  const tableLimit = options.tableLimit ?? 100;
  for (const o of objects.slice(0, tableLimit)) t.push(cols.map((c) => c.cell(o)));
  lines.push(t.toString());
  if (objects.length > tableLimit) {
    lines.push(p.dim(truncate(`(${objects.length - tableLimit} more risk objects; --format csv, json or html lists all)`, width)));
  }

  lines.push('');
  lines.push(p.heading('Hosts'));
  const hostFixed = [5, 9, 10, 9, 10];
  const hostFlex = Math.max(10, width - hostFixed.reduce((a, b) => a + b, 0) - 7);
  const ht = table(['#', 'Host', 'Risk', 'Severity', 'Objects', 'Findings'], [5, hostFlex, 9, 10, 9, 10], color);
  for (const h of hosts.slice(0, tableLimit)) {
    ht.push([
      String(h.rank),
      v(h.host),
      h.notable ? p.notable(`${score(h.score)} !`) : score(h.score),
      p.severity[h.severity](h.severity),
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
        `#${o.rank} ${v(o.host)} → ${v(describeDestination(o))} · risk ${score(o.score)}` +
        (o.rawScore !== o.score ? ` (undiminished ${score(o.rawScore)})` : '') +
        ` · ${o.severity} severity · ${o.confidence} confidence` +
        (o.notable ? ' · notable' : '');
      lines.push(p.heading(truncate(head, width)));
      const contrib = o.contributions.map((c) => `${v(c.name)} ${score(c.score)}${c.findings > 1 ? ` (${c.findings} findings)` : ''}`);
      lines.push(...wrapPairs(contrib, '  contributions: ', '                 ', width));
      for (const f of o.findings) lines.push(...findingLines(f, p, width));
    }
    if (limit < objects.length) lines.push('', p.dim(truncate(`(${objects.length - limit} more risk objects not detailed)`, width)));
  }
  return `${lines.join('\n')}\n`;
}
