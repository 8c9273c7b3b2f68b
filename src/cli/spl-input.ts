/**
 * Telemetry input for `c2hunt spl`: the reader flags every reading command shares (input-options.ts),
 * and the readers themselves, handed the query's prefilter so they can skip records that cannot match.
 */
import type { Command } from 'commander';
import type { Event } from '../events/event.js';
import { readInputs } from '../ingest/open.js';
import type { Prefilter } from '../ingest/types.js';
import { addInputOptions, inputSession, type InputFlags } from './input-options.js';

export type TelemetryFlags = InputFlags;

export interface Telemetry {
  /** `keepRaw` false: the query cannot look at `_raw`, so the readers leave it out. */
  read(prefilter: Prefilter | undefined, keepRaw?: boolean): AsyncIterable<Event[]>;
  /** The reader's run summary for stderr (empty with --quiet). */
  summary(): string;
}

export function addTelemetryOptions(cmd: Command): Command {
  return addInputOptions(cmd);
}

export function openTelemetry(paths: readonly string[], flags: TelemetryFlags, stderr: NodeJS.WritableStream): Telemetry {
  let session = inputSession(flags, stderr);
  return {
    read(prefilter, keepRaw = true) {
      session = inputSession(flags, stderr, { prefilter, keepRaw });
      return readInputs(paths, session.options);
    },
    summary: () => session.summary(),
  };
}
