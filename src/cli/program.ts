/**
 * Builds the c2hunt program. Each command lives in its own file and registers itself here; this file
 * only wires them, maps errors to exit codes and keeps stack traces away from users.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { reportError, EXIT_USAGE } from './exit.js';
import { PROCESS_IO, type CliIo } from './io.js';

type Register = (program: Command, io: CliIo) => void;

/**
 * The commands in help order, each module loaded only when needed: a run of one command loads its own
 * code and not the others' (start-up is mostly module loading: `c2hunt events` on a small file would
 * otherwise spend more time loading the hunt, report and simulator modules than reading).
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['events', async () => (await import('./events.js')).registerEvents],
  ['spl', async () => (await import('./spl.js')).registerSpl],
  ['simulate', async () => (await import('./simulate.js')).registerSimulate],
  ['hunt', async () => (await import('./hunt.js')).registerHunt],
  ['detections', async () => (await import('./detections.js')).registerDetections],
  ['config', async () => (await import('./config.js')).registerConfig],
  ['validate', async () => (await import('./validate.js')).registerValidate],
  ['demo', async () => (await import('./demo.js')).registerDemo],
];

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/**
 * The program with every command, or with only `command` when it names one (the run needs no other;
 * help, --version and unknown commands get all of them, for the listing and the suggestions).
 */
export async function buildProgram(io: CliIo = PROCESS_IO, command?: string): Promise<Command> {
  const program = new Command('c2hunt')
    .description(
      'Find adversary-controlled servers (C2 beaconing, known-bad hosting, adversary DNS) in Windows telemetry.',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (str) => io.stdout.write(str),
      writeErr: (str) => io.stderr.write(str),
    });
  const only = COMMANDS.filter(([name]) => name === command);
  for (const [, load] of only.length > 0 ? only : COMMANDS) (await load())(program, io);
  // Subcommands inherit the error handling, so usage errors exit 2 instead of killing the process.
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput({
      writeOut: (str) => io.stdout.write(str),
      writeErr: (str) => io.stderr.write(str),
    });
  }
  return program;
}

/** Run the CLI with `argv` (as process.argv) and resolve to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  // The first argument that is not an option is the command.
  const command = argv.slice(2).find((a) => !a.startsWith('-'));
  const program = await buildProgram(io, command);
  // Commands report their exit code through process.exitCode; it is reset around the run so that an
  // earlier in-process run (tests) cannot leak its code into this one, and restored afterwards.
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; commander already printed the message.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return reportError(err, io.stderr);
  } finally {
    process.exitCode = previous;
  }
}
