/**
 * Builds the c2hunt program. Each command lives in its own file and registers itself here; this file
 * only wires them, maps errors to exit codes and keeps stack traces away from users.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerEvents } from './events.js';
import { reportError, EXIT_USAGE } from './exit.js';
import { PROCESS_IO, type CliIo } from './io.js';
import { registerSpl } from './spl.js';
import { registerSimulate } from './simulate.js';

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

export function buildProgram(io: CliIo = PROCESS_IO): Command {
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
  registerEvents(program, io);
  registerSpl(program, io);
  registerSimulate(program, io);
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
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0; commander already printed the message.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    return reportError(err, io.stderr);
  }
}
