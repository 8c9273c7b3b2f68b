/**
 * Exit codes and the one place that turns errors into a one-line message.
 * 0 ok · 1 findings found (only with `hunt --fail-on-findings`) · 2 usage or input error.
 */
import { C2huntError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Print a user-facing error as one line and return its exit code; a non-C2hunt error is a bug. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof C2huntError) {
    stderr.write(`c2hunt: ${firstLine(err.message)}\n`);
    return EXIT_USAGE;
  }
  // Node's own I/O errors (ENOENT, EACCES, EPIPE...) are input problems, not bugs.
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    stderr.write(`c2hunt: ${firstLine((err as Error).message)}\n`);
    return EXIT_USAGE;
  }
  stderr.write(`c2hunt: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 70;
}

function firstLine(message: string): string {
  // Multi-line messages (SPL syntax errors with a caret excerpt) keep their lines; others are one line.
  return message.replace(/\s+$/, '');
}
