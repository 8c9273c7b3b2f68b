/**
 * The flags every command that reads telemetry shares (`events`, `spl`, `hunt`), and their translation
 * into `readInputs` options, bad-record reporting and the run summary on stderr.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SourceError } from '../errors.js';
import type { ReadInputsOptions } from '../ingest/open.js';
import { newReadStats } from '../ingest/open.js';
import { DEFAULT_MAX_RECORD_BYTES, type BadRecord, type ReadStats } from '../ingest/types.js';
import type { SourcetypeNaming } from '../events/windows.js';

export interface InputFlags {
  readonly index?: string;
  readonly sourcetype?: string;
  readonly naming: SourcetypeNaming;
  readonly strict?: boolean;
  readonly maxRecordBytes: number;
  readonly quiet?: boolean;
}

/** `16M`, `512K`, `1G` (binary units) or a plain byte count. */
export function parseByteSize(text: string): number {
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(text.trim());
  if (m === null) throw new InvalidArgumentError('expected a size such as 16M, 512K or 1048576');
  const unit = (m[2] ?? '').charAt(0).toLowerCase();
  const n = Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n) || n < 1024) throw new InvalidArgumentError('must be at least 1K');
  return n;
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--index <name>', 'Splunk index of every event (default: wineventlog; replaces a Splunk export\'s own)')
    .option('--sourcetype <name>', 'one sourcetype for every event (default: from the channel, see --naming)')
    .addOption(
      new Option(
        '--naming <style>',
        'sourcetype naming: legacy = sourcetype XmlWinEventLog:<Channel>; modern = sourcetype XmlWinEventLog, source XmlWinEventLog:<Channel>',
      )
        .choices(['legacy', 'modern'])
        .default('legacy'),
    )
    .option('--strict', 'stop at the first bad record (exit code 2)')
    .option('--max-record-bytes <size>', 'largest record accepted; larger ones are bad records', parseByteSize, DEFAULT_MAX_RECORD_BYTES)
    .option('-q, --quiet', 'no run summary on stderr (bad records are still reported)');
}

/** `file:line: reason (byte N)`, or `file: byte N: reason` where there is no line. */
export function formatBadRecord(bad: BadRecord): string {
  if (bad.line !== undefined) return `${bad.file}:${bad.line}: ${bad.reason} (byte ${bad.offset})`;
  const where = [bad.chunk !== undefined ? `chunk ${bad.chunk}` : '', bad.recordId !== undefined ? `record ${bad.recordId}` : '']
    .filter((s) => s !== '')
    .join(', ');
  return `${bad.file}: byte ${bad.offset}${where === '' ? '' : ` (${where})`}: ${bad.reason}`;
}

export interface InputSession {
  readonly options: ReadInputsOptions;
  readonly stats: ReadStats;
  /** The summary line for stderr (empty with --quiet). */
  summary(): string;
}

export function inputSession(flags: InputFlags, stderr: NodeJS.WritableStream, extra: Partial<ReadInputsOptions> = {}): InputSession {
  const stats = newReadStats();
  const options: ReadInputsOptions = {
    ...extra,
    meta: {
      index: flags.index ?? 'wineventlog',
      indexFromFlag: flags.index !== undefined,
      naming: flags.naming,
      sourcetype: flags.sourcetype,
    },
    maxRecordBytes: flags.maxRecordBytes,
    stats,
    onBadRecord(bad) {
      const line = formatBadRecord(bad);
      if (flags.strict === true) throw new SourceError(`bad record: ${line}`, { file: bad.file, offset: bad.offset });
      stderr.write(`${line}\n`);
    },
    onSkippedFile(path, reason) {
      stderr.write(`c2hunt: skipped ${path}: ${reason}\n`);
    },
  };
  return {
    options,
    stats,
    summary() {
      if (flags.quiet === true) return '';
      const parts = [
        `${stats.files} file${stats.files === 1 ? '' : 's'}`,
        `${stats.events} event${stats.events === 1 ? '' : 's'}`,
        `${stats.badRecords} bad record${stats.badRecords === 1 ? '' : 's'}`,
      ];
      if (stats.skippedFiles > 0) parts.push(`${stats.skippedFiles} file${stats.skippedFiles === 1 ? '' : 's'} skipped`);
      if (stats.skippedByPrefilter > 0) parts.push(`${stats.skippedByPrefilter} records pre-filtered`);
      return `c2hunt: read ${parts.join(', ')} (${(stats.bytes / 1048576).toFixed(1)} MiB)\n`;
    },
  };
}
