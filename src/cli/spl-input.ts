/**
 * Telemetry input for `c2hunt spl`: the shared reader flags and the reader itself, with the query's
 * prefilter handed to it. Until the readers (src/ingest/open.ts) are merged into this branch, only
 * queries that need no input (makeresults, inputlookup) and --check run.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Event } from '../events/event.js';
import type { Prefilter } from '../ingest/types.js';

export interface TelemetryFlags {
  readonly quiet?: boolean;
}

export interface Telemetry {
  read(prefilter: Prefilter | undefined): AsyncIterable<Event[]>;
  /** The reader's run summary for stderr. */
  summary(): string;
}

export function addTelemetryOptions(cmd: Command): Command {
  return cmd.option('-q, --quiet', 'no run summary on stderr');
}

export function openTelemetry(_paths: readonly string[], _flags: TelemetryFlags, _stderr: NodeJS.WritableStream): Telemetry {
  throw new UsageError('reading telemetry files needs the readers, which are not merged into this build yet');
}
