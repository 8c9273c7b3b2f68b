/**
 * What `hunt`, `demo` and `validate` share: the tuning flags (--config, --profile, --detections,
 * --intel), the severity flag, writing a report to stdout or a file, and the stderr lines about
 * intel feed problems and detections that were skipped or failed.
 */
import { createWriteStream, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Severity } from '../detections/types.js';
import { SourceError } from '../errors.js';
import { SEVERITIES, parseSeverity } from '../findings/levels.js';
import type { RankedFindings } from '../findings/index.js';
import type { DetectionOutcome, HuntOptions, HuntResult } from '../hunt/hunt.js';
import { PROFILE_NAMES, type ProfileName } from '../hunt/profiles.js';
import type { FeedResult } from '../intel/types.js';
import { renderReport, renderReportText, type ReportFormat, type ReportOptions } from '../report/index.js';
import { createWriter } from './io.js';
import { formatCount } from '../util/format.js';

export interface TuningFlags {
  readonly config?: string;
  readonly profile?: ProfileName;
  readonly detections?: string[];
  readonly intel?: string[];
  readonly minSeverity?: Severity;
  readonly pack?: string;
}

function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...(previous ?? []), ...items];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function severityArg(value: string): Severity {
  const s = parseSeverity(value);
  if (s === undefined) throw new InvalidArgumentError(`expected one of ${SEVERITIES.join(', ')}`);
  return s;
}

export function addProfileOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'tuning config (YAML): allowlists, thresholds, macro overrides (docs/tuning.md)')
    .addOption(new Option('--profile <name>', 'enterprise: leave out private and loopback destinations (default); lab: keep them').choices(PROFILE_NAMES));
}

export function addTuningOptions(cmd: Command): Command {
  return addProfileOptions(cmd)
    .option('--detections <list>', 'run only these detections: ids, names or file names, * wildcards (comma-separated, repeatable)', collectList)
    .option('--intel <file>', 'threat-intel feed: plain list, CSV, STIX 2.1 or MISP JSON (repeatable: --intel a.txt --intel b.json)', collect)
    .option('--min-severity <level>', `leave out findings below this severity (${SEVERITIES.join(', ')})`, severityArg)
    .option('--pack <dir>', 'a detection pack directory (default: the bundled detections/)');
}

/** Limits of the terminal table (`--top`, `--details`); the machine formats always list everything. */
export interface TableFlags {
  readonly top: number;
  readonly details: number;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number (0 or more)');
  return Number(value);
}

export function addTableOptions(cmd: Command, defaults: TableFlags): Command {
  return cmd
    .option('--top <n>', 'table: at most N risk objects and hosts', wholeNumber, defaults.top)
    .option('--details <n>', 'table: detail sections (evidence, process, guide) for the top N risk objects; 0 for none', wholeNumber, defaults.details);
}

export function consoleOptionsFrom(flags: TableFlags): ReportOptions {
  return { console: { tableLimit: flags.top, detailLimit: flags.details, details: flags.details > 0 } };
}

export function huntOptionsFrom(flags: TuningFlags): HuntOptions {
  return {
    config: flags.config,
    profile: flags.profile,
    select: flags.detections,
    intel: flags.intel,
    minSeverity: flags.minSeverity,
    pack: flags.pack,
  };
}

/** `feed.txt:3: error: not an IP, CIDR, domain or URL ('x')` per problem, then one count line per feed. */
export function intelLines(feeds: readonly FeedResult[], limit = 20): string {
  let out = '';
  let shown = 0;
  let hidden = 0;
  for (const f of feeds) {
    for (const p of f.problems) {
      if (shown >= limit) {
        hidden++;
        continue;
      }
      shown++;
      const where = p.line !== undefined ? `:${p.line}` : p.index !== undefined ? ` ${p.index}` : '';
      const value = p.value === undefined ? '' : ` ('${p.value}')`;
      out += `c2hunt: ${p.file}${where}: ${p.severity}: ${p.reason}${value}\n`;
    }
  }
  if (hidden > 0) out += `c2hunt: ... and ${formatCount(hidden)} more intel feed problems\n`;
  for (const f of feeds) {
    const bad = f.problems.filter((p) => p.severity !== 'warning').length;
    out += `c2hunt: intel ${f.feed}: ${formatCount(f.indicators.length)} indicators loaded (${f.format})${bad > 0 ? `, ${formatCount(bad)} entries not loaded` : ''}\n`;
  }
  return out;
}

/** Skipped and failed detections, one line each. */
export function outcomeLines(outcomes: readonly DetectionOutcome[]): string {
  let out = '';
  for (const o of outcomes) {
    if (o.status === 'skipped') out += `c2hunt: skipped ${o.name}: ${o.reason ?? ''}\n`;
    else if (o.status === 'failed') out += `c2hunt: ${o.name} failed: ${o.reason ?? ''}\n`;
  }
  return out;
}

export function summaryLine(result: HuntResult): string {
  const r = result.ranked;
  const notable = r.objects.filter((o) => o.notable).length;
  const ran = result.detections.filter((d) => d.status === 'ran').length;
  const below = result.belowSeverity > 0 ? `, ${formatCount(result.belowSeverity)} below --min-severity left out` : '';
  return (
    `c2hunt: ${formatCount(r.totalFindings)} finding${r.totalFindings === 1 ? '' : 's'} in ${formatCount(r.objects.length)} risk object${r.objects.length === 1 ? '' : 's'} ` +
    `(${formatCount(notable)} notable) from ${ran} detection${ran === 1 ? '' : 's'}, profile ${result.profile}${below}, ${(result.elapsedMs / 1000).toFixed(1)} s\n`
  );
}

/** Write a report to a file (created or replaced) or to stdout. */
export async function writeReport(
  ranked: RankedFindings,
  format: ReportFormat,
  out: string | undefined,
  stdout: NodeJS.WritableStream,
  options: ReportOptions = {},
): Promise<void> {
  if (out === undefined || out === '-') {
    // Through createWriter: a reader that goes away (`| head`) ends the output quietly, not with EPIPE.
    const text = renderReportText(ranked, format, options, stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number });
    await createWriter(stdout).write(text);
    return;
  }
  const file = createWriteStream(out);
  const opened = new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (err) => reject(new SourceError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { file: out })));
  });
  await opened;
  // A file is not a terminal: table output is plain, COLUMNS or 160 columns wide (report/index.ts).
  await renderReport(ranked, format, file, options);
  await new Promise<void>((resolve, reject) => {
    file.end((err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

/**
 * Total bytes of the inputs for the progress bar, or undefined when it cannot be known up front
 * (standard input, gzip, whose bytes are counted after decompression).
 */
export async function totalInputBytes(paths: readonly string[]): Promise<number | undefined> {
  let total = 0;
  const visit = async (path: string): Promise<boolean> => {
    const info = await stat(path).catch(() => null);
    if (info === null) return true; // the reader reports it
    if (info.isDirectory()) {
      for (const e of await readdir(path)) if (!(await visit(join(path, e)))) return false;
      return true;
    }
    if (/\.gz$/i.test(path)) return false;
    total += info.size;
    return true;
  };
  for (const p of paths) {
    if (p === '-') return undefined;
    if (!(await visit(p))) return undefined;
  }
  return total;
}

export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
