/**
 * The library entry points: `runSpl` runs a query over batches of events and returns the result rows,
 * `checkSpl` parses and plans a query without data (for linting detection content).
 *
 * Input is any (async) iterable of event batches, or a function that receives the prefilter derived from
 * the query's leading search and the read hints, and returns the batches: that is how a reader learns
 * which records it may skip unparsed (structurally the reader contract's `Prefilter`, src/ingest/types.ts)
 * and whether it must keep `_raw`.
 */
import { C2huntError, PlanError, SplSyntaxError, UsageError } from '../errors.js';
import type { Event } from '../events/event.js';
import { isValidTimeZone } from '../events/timezone.js';
import { planQuery, type PlannedQuery } from '../plan/plan-query.js';
import type { RawPrefilter as Prefilter } from '../plan/prefilter.js';
import type { Capabilities, PlanProblem } from '../plan/types.js';
import { commandName, spanOf } from '../spl/ast.js';
import { Lexer } from '../spl/lexer.js';
import type { MacroTable } from '../spl/macros.js';
import { engineCapabilities } from './capabilities.js';
import type { CommandRegistry } from './custom-commands.js';
import { execute, type EventBatches, type ExecuteStats } from './execute.js';
import type { EvalContext } from './expr/types.js';
import type { LookupSource, LookupTable } from './operators/context.js';
import { createOperator, isGenerating } from './operators/index.js';
import type { Operator } from './operators/types.js';

export interface SplOptions {
  /** IANA time zone for strftime/strptime/bin; default UTC. */
  readonly tz?: string | undefined;
  /** Search time, epoch seconds (`now()`, makeresults); default the current time. */
  readonly now?: number | undefined;
  readonly random?: (() => number) | undefined;
  readonly macros?: MacroTable | undefined;
  readonly lookups?: LookupSource | undefined;
  /** Extension commands (the detection pack's c2beacon, c2intel...); without them they are unknown commands. */
  readonly commands?: CommandRegistry | undefined;
}

/** What a reader may leave out for this query. */
export interface ReadHints {
  /** False when the results cannot depend on `_raw` (plan/raw-usage.ts): readers need not keep it. */
  readonly keepRaw: boolean;
}

export type SplInput = EventBatches | ((prefilter: Prefilter | undefined, hints: ReadHints) => EventBatches);

export interface SplRunStats {
  /** Events that reached the pipeline (after the reader's prefilter). */
  readonly eventsIn: number;
  readonly rowsOut: number;
  /** Reading stopped before the end of the input (head had enough). */
  readonly stoppedEarly: boolean;
  readonly elapsedMs: number;
  /** The prefilter handed to the reader, if any. */
  readonly prefilter: Prefilter | undefined;
}

export interface SplResult {
  readonly rows: Event[];
  /** Column order for display: first-seen field order, internal `_` fields hidden unless named. */
  readonly columns: string[];
  readonly stats: SplRunStats;
  readonly plan: PlannedQuery;
}

export interface CompiledSpl {
  readonly plan: PlannedQuery;
  readonly operators: readonly Operator[];
  /** The query needs no input (it starts with makeresults or inputlookup). */
  readonly generating: boolean;
  readonly prefilter: Prefilter | undefined;
  readonly hints: ReadHints;
}

const NO_LOOKUPS: LookupSource = {
  load(name: string): LookupTable {
    throw new UsageError(`lookup table '${name}': no lookup directory (give --lookups DIR)`);
  },
};

/** The engine's capabilities plus the run's extension commands. */
function capabilitiesFor(options: SplOptions): Capabilities {
  const commands = options.commands;
  if (commands === undefined || commands.size === 0) return engineCapabilities;
  return { ...engineCapabilities, customCommand: (name) => commands.get(name) };
}

function evalContext(options: SplOptions): EvalContext {
  const tz = options.tz ?? 'UTC';
  if (!isValidTimeZone(tz)) throw new UsageError(`unknown time zone '${tz}' (use an IANA name such as UTC or Europe/Paris)`);
  return { now: options.now ?? Date.now() / 1000, tz, random: options.random ?? Math.random };
}

/** "message (line L, col C)" for one problem. */
export function describeProblem(p: PlanProblem): string {
  return p.line === undefined ? p.message : `${p.message} (line ${p.line}, col ${p.column})`;
}

function problemAt(plan: PlannedQuery, index: number, err: PlanError): PlanProblem {
  const command = plan.stepCommands[index];
  const span = command === undefined ? undefined : spanOf(command);
  const pos = span === undefined ? undefined : new Lexer(plan.text).lineCol(span.start);
  return { kind: 'invalid-argument', name: command === undefined ? '' : commandName(command), message: err.message, span, line: pos?.line, column: pos?.column };
}

/** Plan and build the operator chain; throws SplSyntaxError, or PlanError listing what cannot run. */
export function compileSpl(query: string, options: SplOptions = {}): CompiledSpl {
  const ctx = {
    evalContext: evalContext(options),
    env: { tz: options.tz ?? 'UTC' },
    lookups: options.lookups ?? NO_LOOKUPS,
    commands: options.commands,
  };
  const plan = planQuery(query, { capabilities: capabilitiesFor(options), macros: options.macros });
  if (plan.problems.length > 0) {
    throw new PlanError(`cannot run this query: ${plan.problems.map(describeProblem).join('; ')}`);
  }
  const operators = plan.steps.map((step, i) => {
    try {
      return createOperator(step, ctx);
    } catch (err) {
      if (err instanceof PlanError) throw new PlanError(describeProblem(problemAt(plan, i, err)));
      throw err;
    }
  });
  const first = plan.steps[0];
  return {
    plan,
    operators,
    generating: first !== undefined && isGenerating(first),
    prefilter: plan.prefilter === null ? undefined : plan.prefilter,
    hints: { keepRaw: plan.needsRaw },
  };
}

function displayColumns(rows: readonly Event[], plan: PlannedQuery): string[] {
  const named = new Set<string>();
  for (const step of plan.steps) {
    if (step.kind === 'Table' || (step.kind === 'Fields' && !step.remove)) for (const f of step.fields) named.add(f);
  }
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const row of rows) {
    for (const name in row) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (name.startsWith('_') && name !== '_time' && !named.has(name)) continue;
      columns.push(name);
    }
  }
  return columns;
}

/**
 * Run a query. Rows are the final results in order; `columns` is the display order.
 * @example
 *   const { rows } = await runSpl('EventCode=3 | stats count by Image', [[event1, event2]]);
 */
export async function runSpl(query: string, input: SplInput, options: SplOptions = {}): Promise<SplResult> {
  const started = performance.now();
  return runCompiledSpl(compileSpl(query, options), input, started);
}

/** Run an already compiled query (compile first to report query errors before opening any input). */
export async function runCompiledSpl(compiled: CompiledSpl, input: SplInput, started = performance.now()): Promise<SplResult> {
  const stats: ExecuteStats = { eventsIn: 0, stoppedEarly: false };
  const batches: EventBatches = compiled.generating ? [] : typeof input === 'function' ? input(compiled.prefilter, compiled.hints) : input;
  const rows: Event[] = [];
  for await (const batch of execute(compiled.operators, batches, stats)) for (const row of batch) rows.push(row);
  return {
    rows,
    columns: displayColumns(rows, compiled.plan),
    stats: {
      eventsIn: stats.eventsIn,
      rowsOut: rows.length,
      stoppedEarly: stats.stoppedEarly,
      elapsedMs: performance.now() - started,
      prefilter: compiled.prefilter,
    },
    plan: compiled.plan,
  };
}

export interface SplCheck {
  readonly ok: boolean;
  readonly syntaxError: { readonly message: string; readonly line: number; readonly column: number } | null;
  /** Everything that parses but cannot run, with positions. */
  readonly problems: readonly PlanProblem[];
  /** Commands in the query, in order. */
  readonly commands: readonly string[];
}

/**
 * Parse and plan without data: syntax errors with positions, and a separate list of what cannot run
 * (unsupported or unknown commands and functions, undefined macros, bad arguments).
 */
export function checkSpl(query: string, options: SplOptions = {}): SplCheck {
  let plan: PlannedQuery;
  try {
    plan = planQuery(query, { capabilities: capabilitiesFor(options), macros: options.macros });
  } catch (err) {
    if (err instanceof SplSyntaxError) {
      return {
        ok: false,
        syntaxError: { message: err.message, line: err.location?.line ?? 0, column: err.location?.column ?? 0 },
        problems: [],
        commands: [],
      };
    }
    throw err;
  }
  const problems = [...plan.problems];
  // Build the operators too: regexes, formats and literal arguments are checked when compiled. A step
  // whose command already has a problem is not built again (it would only repeat it).
  const ctx = {
    evalContext: evalContext(options),
    env: { tz: options.tz ?? 'UTC' },
    lookups: options.lookups ?? NO_LOOKUPS,
    commands: options.commands,
  };
  plan.steps.forEach((step, i) => {
    if ((step.kind === 'Lookup' || step.kind === 'Inputlookup') && options.lookups === undefined) return;
    const command = plan.stepCommands[i];
    const span = command === undefined ? undefined : spanOf(command);
    if (span !== undefined && plan.problems.some((p) => p.span !== undefined && p.span.start >= span.start && p.span.start < span.end)) return;
    try {
      createOperator(step, ctx);
    } catch (err) {
      if (err instanceof PlanError) problems.push(problemAt(plan, i, err));
      else if (err instanceof C2huntError) problems.push(problemAt(plan, i, new PlanError(err.message)));
      else throw err;
    }
  });
  problems.sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  return { ok: problems.length === 0, syntaxError: null, problems, commands: plan.commands };
}
