/**
 * `c2hunt spl 'QUERY' PATH...` / `c2hunt spl -f FILE PATH...`: run SPL over telemetry and print the
 * results; `--check` lints queries without data. Flags, wiring and printing only: the engine is
 * src/engine/run-spl.ts, output formats src/report/rows.ts.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { checkSpl, compileSpl, runCompiledSpl, type SplOptions } from '../engine/run-spl.js';
import { directoryLookups } from '../engine/lookups.js';
import { loadMacros } from '../engine/macros.js';
import { formatRows, type RowFormat } from '../report/rows.js';
import { EXIT_OK, EXIT_USAGE } from './exit.js';
import { createWriter, PROCESS_IO, type CliIo } from './io.js';
import { checkToJson, formatCheck } from './spl-check.js';
import { readCheckSources, readQueryFile, type QuerySource } from './spl-query-source.js';
import { createPackCommands } from '../detections/commands/index.js';
import { mergeMacros, packMacros, PROFILES, type Profile } from '../detections/pack.js';
import { addTelemetryOptions, openTelemetry, type TelemetryFlags } from './spl-input.js';

export type SplIo = CliIo;

interface SplFlags extends TelemetryFlags {
  readonly file?: string[];
  readonly check?: boolean;
  readonly format: RowFormat;
  readonly tz: string;
  readonly macros?: string;
  readonly lookups?: string;
  readonly profile: Profile;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The detection pack's macros (for the profile) and commands are always available, so pack detections
 * run and lint as they are; `--macros FILE` adds definitions or replaces the pack's.
 */
function engineOptions(flags: SplFlags): SplOptions {
  const pack = packMacros({ profile: flags.profile });
  return {
    tz: flags.tz,
    macros: flags.macros === undefined ? pack : mergeMacros(pack, loadMacros(flags.macros)),
    lookups: flags.lookups === undefined ? undefined : directoryLookups(flags.lookups),
    commands: createPackCommands(),
  };
}

function runCheck(args: readonly string[], flags: SplFlags, io: SplIo): number {
  const sources: QuerySource[] = [];
  if (flags.file !== undefined) {
    // `-f a.yml b.yml` (a shell glob after -f): with --check every argument is a file to lint.
    for (const f of [...flags.file, ...args]) sources.push(...readCheckSources(f));
  } else {
    if (args.length !== 1) throw new UsageError("spl --check takes one QUERY, or -f FILE (several files at once)");
    sources.push({ label: 'query', text: args[0] as string });
  }
  const options = engineOptions(flags);
  // A vanilla_search is what real Splunk runs: c2hunt's commands must not be in it.
  const results = sources.map((s) => ({ source: s, check: checkSpl(s.text, s.vanilla === true ? { ...options, commands: undefined } : options) }));
  if (flags.format === 'json' || flags.format === 'ndjson') {
    const items = results.map((r) => checkToJson(r.source, r.check));
    io.stdout.write(flags.format === 'json' ? `${JSON.stringify(items, null, 2)}\n` : items.map((i) => `${JSON.stringify(i)}\n`).join(''));
  } else {
    for (const r of results) io.stdout.write(formatCheck(r.source, r.check));
  }
  const bad = results.filter((r) => !r.check.ok).length;
  if (results.length > 1) io.stderr.write(`c2hunt: ${results.length - bad} of ${results.length} queries can run\n`);
  return bad > 0 ? EXIT_USAGE : EXIT_OK;
}

async function runQuery(args: readonly string[], flags: SplFlags, io: SplIo): Promise<number> {
  let source: QuerySource;
  let paths: string[];
  if (flags.file !== undefined) {
    if (flags.file.length > 1) throw new UsageError('spl runs one query at a time: give -f once (several files only with --check)');
    source = readQueryFile(flags.file[0] as string);
    paths = [...args];
  } else {
    if (args.length === 0) throw new UsageError("spl needs a QUERY (or -f FILE) and PATHs: c2hunt spl 'index=* EventCode=3 | head 5' logs/");
    source = { label: 'query', text: args[0] as string };
    paths = args.slice(1);
  }
  const started = performance.now();
  // Compile before opening any input, so a bad query fails fast and cheaply.
  const compiled = compileSpl(source.text, engineOptions(flags));
  if (!compiled.generating && paths.length === 0) {
    throw new UsageError('spl needs at least one PATH (a file, a directory, or - for standard input)');
  }
  const telemetry = compiled.generating ? null : openTelemetry(paths, flags, io.stderr);
  const result = await runCompiledSpl(compiled, (prefilter, hints) => (telemetry === null ? [] : telemetry.read(prefilter, hints.keepRaw)), started);
  await createWriter(io.stdout).write(formatRows(result.rows, result.columns, flags.format, { tz: flags.tz }));
  if (telemetry !== null) io.stderr.write(telemetry.summary());
  if (flags.quiet !== true) {
    const seconds = (result.stats.elapsedMs / 1000).toFixed(2);
    const stopped = result.stats.stoppedEarly ? ', stopped reading early' : '';
    io.stderr.write(`c2hunt: ${result.rows.length} result${result.rows.length === 1 ? '' : 's'} from ${result.stats.eventsIn} events in ${seconds} s${stopped}\n`);
  }
  return EXIT_OK;
}

export function registerSpl(program: Command, io: SplIo = PROCESS_IO): void {
  const cmd = program
    .command('spl')
    .description('run a Splunk SPL query, or a detection file, over telemetry files; --check lints queries without data')
    .argument('[query-and-paths...]', "the query (unless -f is given), then files, directories or - for stdin")
    .option('-f, --file <file>', 'read the query from a .spl file or the search: of a detection YAML file (repeatable with --check)', collect)
    .option('--check', 'parse and plan only: report syntax errors and what cannot run; exit 2 if any query is not runnable')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'ndjson', 'csv']).default('table'))
    .option('--tz <zone>', 'IANA time zone for strftime, strptime and bin', 'UTC')
    .option('--macros <file>', 'macro definitions (YAML), over the detection pack\'s')
    .addOption(new Option('--profile <profile>', 'the detection pack\'s macro profile').choices([...PROFILES]).default('enterprise'))
    .option('--lookups <dir>', 'directory of CSV lookup tables');
  addTelemetryOptions(cmd);
  cmd.action(async (args: string[], flags: SplFlags) => {
    process.exitCode = flags.check === true ? runCheck(args, flags, io) : await runQuery(args, flags, io);
  });
}
