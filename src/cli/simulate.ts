/**
 * `c2hunt simulate`: generate labelled Windows telemetry for a simulated estate (flags, validation and
 * printing only; the generator is src/simulate).
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { createWriter, PROCESS_IO, type CliIo } from './io.js';
import {
  simulate,
  listScenarios,
  selectScenarios,
  DEFAULTS,
  OUTPUT_FORMATS,
  BENIGN_SOURCES,
  BENIGN_CATEGORIES,
  SEED_FALSE_POSITIVE_CATEGORIES,
  parseStart,
  parseUtcOffset,
  type OutputFormat,
} from '../simulate/index.js';

interface SimulateFlags {
  out?: string;
  seed: string;
  hosts: string;
  days: string;
  scenarios?: string;
  benign: boolean;
  format: string;
  start?: string;
  utcOffset?: string;
  gzip?: boolean;
  list?: boolean;
  quiet?: boolean;
}

function int(name: string, text: string, min: number): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`--${name} must be an integer, got '${text}'`);
  const n = Number(text);
  if (n < min) throw new UsageError(`--${name} must be at least ${min}, got ${n}`);
  return n;
}

function listText(): string {
  let out = 'Attack scenarios (--scenarios a,b,c; default all):\n\n';
  for (const s of listScenarios()) {
    out += `  ${s.name}\n    ${s.title}\n    ${s.description}\n    infrastructure: ${s.infrastructure.join('; ')}\n\n`;
  }
  out += 'Benign background (on by default; --no-benign turns it off), by category:\n\n';
  const seedCats = new Set(Object.keys(SEED_FALSE_POSITIVE_CATEGORIES));
  for (const [cat, text] of Object.entries(BENIGN_CATEGORIES)) {
    const sources = BENIGN_SOURCES.filter((b) => b.category === cat).map((b) => b.name);
    out += `  ${cat}${seedCats.has(cat) ? ' (seed false positive)' : ''}: ${text}\n    sources: ${sources.join(', ')}\n`;
  }
  return out;
}

export function registerSimulate(program: Command, io: CliIo = PROCESS_IO): void {
  program
    .command('simulate')
    .description('Generate labelled Windows telemetry (Sysmon 1/3/22, Security 4698, PowerShell 4104) for a simulated estate')
    .option('--out <dir>', 'output directory (required unless --list)')
    .option('--seed <n>', 'random seed; the same seed gives byte-identical output', String(DEFAULTS.seed))
    .option('--hosts <n>', 'number of hosts (about one in five is a server)', String(DEFAULTS.hosts))
    .option('--days <d>', 'number of days', String(DEFAULTS.days))
    .option('--scenarios <list>', "comma-separated scenario names, 'all' or 'none' (default all)")
    .option('--no-benign', 'no benign background, attack scenarios only')
    .option('--format <fmt>', `output format: ${OUTPUT_FORMATS.join(', ')}`, DEFAULTS.format)
    .option('--start <iso>', 'start of the window (UTC unless a zone is given)', '2026-01-05T00:00:00Z')
    .option('--utc-offset <offset>', "the estate's local time zone offset for office hours, e.g. +01:00", '+01:00')
    .option('--gzip', 'gzip event and label files')
    .option('--list', 'list scenarios and benign sources, then exit')
    .option('--quiet', 'no progress on stderr')
    .action(async (flags: SimulateFlags) => {
      const out = createWriter(io.stdout);
      if (flags.list === true) {
        await out.write(listText());
        return;
      }
      if (flags.out === undefined || flags.out === '') throw new UsageError('simulate needs --out DIR (or --list)');
      const format = flags.format as OutputFormat;
      if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${flags.format}'`);
      const startMs = flags.start === undefined ? undefined : parseStart(flags.start);
      if (startMs === null) throw new UsageError(`--start must be an ISO date or date-time, got '${flags.start}'`);
      const utcOffsetMinutes = flags.utcOffset === undefined ? undefined : parseUtcOffset(flags.utcOffset);
      if (utcOffsetMinutes === null) throw new UsageError(`--utc-offset must look like +01:00 or -0500, got '${flags.utcOffset}'`);
      const daysText = flags.days.trim();
      const days = Number(daysText);
      if (!/^\d+(\.\d+)?$/.test(daysText) || !(days > 0)) throw new UsageError(`--days must be a positive number, got '${flags.days}'`);
      let scenarios: string[] | undefined;
      if (flags.scenarios !== undefined && flags.scenarios.trim() !== 'all') {
        scenarios = flags.scenarios.trim() === 'none' ? [] : flags.scenarios.split(',').map((s) => s.trim()).filter((s) => s !== '');
        try {
          selectScenarios(scenarios);
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
      }
      const started = Date.now();
      const progress = flags.quiet !== true && (io.stderr as NodeJS.WriteStream).isTTY === true;
      let result;
      try {
        result = await simulate({
          out: flags.out,
          seed: int('seed', flags.seed, Number.MIN_SAFE_INTEGER),
          hosts: int('hosts', flags.hosts, 1),
          days,
          ...(scenarios !== undefined ? { scenarios } : {}),
          benign: flags.benign,
          format,
          ...(startMs !== undefined ? { startMs } : {}),
          ...(utcOffsetMinutes !== undefined ? { utcOffsetMinutes } : {}),
          gzip: flags.gzip === true,
          ...(progress ? { onProgress: (done: number, total: number, events: number) => io.stderr.write(`\rhost ${done}/${total}, ${events.toLocaleString('en-US')} events`) } : {}),
        });
      } catch (err) {
        if (err instanceof UsageError) throw err;
        if (err instanceof Error && /already holds a dataset|must be/.test(err.message)) throw new UsageError(err.message);
        throw err;
      } finally {
        if (progress) io.stderr.write('\n');
      }
      const m = result.manifest;
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      await out.write(
        `wrote ${m.counts.events.toLocaleString('en-US')} events (${m.format}${m.gzip ? ', gzip' : ''}) for ${m.hosts.length} host${m.hosts.length === 1 ? '' : 's'} over ${m.days} day${m.days === 1 ? '' : 's'} to ${result.out} in ${secs} s\n` +
          `  scenarios: ${m.scenarios.map((s) => `${s.name}@${s.hosts.map((h) => h.split('.')[0]).join('+') || '-'}`).join(', ') || 'none'}\n` +
          `  ground truth: ${m.layout['labels']}, entities.json; manifest.json\n`,
      );
    });
}
