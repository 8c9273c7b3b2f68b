/**
 * One error root for everything c2hunt reports to a user, with one subclass per pipeline stage.
 *
 * Errors are data with a location: a query span, a file and byte offset, a rule path. The CLI prints
 * `error.message` as one line and exits 2 for any C2huntError; anything else is a bug and keeps its stack.
 */

/** What a caller wants done with a recoverable problem (a bad record, an unsupported construct). */
export type ErrorPolicy = 'ignore' | 'warn' | 'collect' | 'throw';

export interface SourceLocation {
  /** File path, `-` for stdin, or a logical name such as a query or rule id. */
  readonly file?: string;
  /** Byte offset in the (decompressed) input. */
  readonly offset?: number;
  /** 1-based line and column, where the input is text. */
  readonly line?: number;
  readonly column?: number;
}

export class C2huntError extends Error {
  readonly location: SourceLocation | undefined;
  constructor(message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.location = location;
  }
}

/** Bad command-line usage: unknown flag values, conflicting options. */
export class UsageError extends C2huntError {}

/** An input that cannot be used at all: missing path, unrecognised format, unreadable file. */
export class SourceError extends C2huntError {}

/** SPL text that does not parse. The message already carries line, column and a caret excerpt. */
export class SplSyntaxError extends C2huntError {}

/** SPL that parses but cannot be planned or run (unknown command, bad argument). */
export class PlanError extends C2huntError {}

/** A construct that is valid in its language but not supported by c2hunt or by an export target. */
export class UnsupportedFeatureError extends C2huntError {}

/** A structural problem inside an EVTX file (bad magic, CRC mismatch, truncated structure). */
export class EvtxFormatError extends C2huntError {}

/** A problem in a configuration, detection or intel file, named by its key path. */
export class ConfigError extends C2huntError {}
