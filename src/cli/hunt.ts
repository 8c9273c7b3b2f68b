/**
 * `c2hunt hunt PATH...`: run the detection pack over telemetry in one read and print ranked findings
 * (terminal table by default; json, ndjson, csv, html). Flags, wiring and printing only: the runner is
 * src/hunt/hunt.ts, the reports src/report/.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { prepareHunt, runHunt, type HuntInput } from '../hunt/hunt.js';
import { readInputs } from '../ingest/open.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';
import { createProgress } from '../report/progress.js';
import { EXIT_FINDINGS, EXIT_OK } from './exit.js';
import {
  addTuningOptions,
  huntOptionsFrom,
  intelLines,
  outcomeLines,
  summaryLine,
  totalInputBytes,
  writeReport,
  addTableOptions,
  consoleOptionsFrom,
  type TableFlags,
  type TuningFlags,
} from './hunt-common.js';
import { addInputOptions, inputSession, type InputFlags } from './input-options.js';
import { PROCESS_IO, type CliIo } from './io.js';

interface HuntFlags extends InputFlags, TuningFlags, TableFlags {
  readonly format: ReportFormat;
  readonly out?: string;
  readonly failOnFindings?: boolean;
  readonly context: boolean;
  readonly tz: string;
}

export function registerHunt(program: Command, io: CliIo = PROCESS_IO): void {
  const cmd = program
    .command('hunt')
    .description('run the detection pack over telemetry and print risk-ranked findings')
    .argument('<paths...>', 'files, directories (read recursively) or - for stdin; EVTX, event XML, NDJSON, CSV, gzip')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('table'))
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('--fail-on-findings', 'exit with code 1 when there is any finding (for CI)')
    .option('--no-context', 'do not index Sysmon EID 1 for process context')
    .option('--tz <zone>', 'IANA time zone for the detections\' strftime and bin', 'UTC');
  addTuningOptions(cmd);
  addTableOptions(cmd, { top: 100, details: 20 });
  addInputOptions(cmd);
  cmd.action(async (paths: string[], flags: HuntFlags) => {
    if (paths.length === 0) throw new UsageError('hunt needs at least one PATH (a file, a directory, or - for standard input)');
    const options = { ...huntOptionsFrom(flags), processContext: flags.context, tz: flags.tz };
    // Everything that can be wrong with the pack, config, intel or selection fails before reading.
    const prepared = prepareHunt(options);
    io.stderr.write(intelLines(prepared.intel));
    const session = inputSession(flags, io.stderr);
    const progressStream = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
    const progress =
      flags.quiet === true || progressStream.isTTY !== true
        ? undefined
        : createProgress({ stream: progressStream, totalBytes: await totalInputBytes(paths), label: 'hunting' });
    const input: HuntInput = (prefilter) => readInputs(paths, { ...session.options, prefilter });
    let result;
    try {
      result = await runHunt(prepared, input, { ...options, onProgress: progress === undefined ? undefined : (b, e) => progress.update(b, e) }, session.stats);
    } finally {
      progress?.stop();
    }
    await writeReport(result.ranked, flags.format, flags.out, io.stdout, consoleOptionsFrom(flags));
    io.stderr.write(session.summary());
    io.stderr.write(outcomeLines(result.detections));
    if (flags.quiet !== true) io.stderr.write(summaryLine(result));
    process.exitCode = flags.failOnFindings === true && result.ranked.totalFindings > 0 ? EXIT_FINDINGS : EXIT_OK;
  });
}
