/**
 * What every operator factory receives: the run's expression context (now, time zone, randomness), the
 * compile settings, and the lookup tables (`--lookups DIR`).
 */
import type { Event } from '../../events/event.js';
import type { CompileEnv, EvalContext } from '../expr/types.js';
import type { Operator } from './types.js';

/** A CSV lookup table: its header and rows (all values strings, as CSV gives them). */
export interface LookupTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** Where lookup tables come from; the engine never reads files itself. */
export interface LookupSource {
  /** The table, or a thrown SourceError/PlanError naming what is missing. */
  load(name: string): LookupTable;
}

export interface OperatorContext {
  readonly evalContext: EvalContext;
  readonly env: CompileEnv;
  readonly lookups: LookupSource;
  /** Extension commands of this run (engine/custom-commands.ts), by name. */
  readonly commands?: ReadonlyMap<string, { create(config: unknown, ctx: OperatorContext): Operator }> | undefined;
}

/** A value is missing when absent, null, the empty string or an empty multivalue (Splunk has no empty fields). */
export function isMissing(v: Event[string] | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}
