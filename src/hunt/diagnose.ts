/**
 * Why a detection missed a labelled scenario, in words, for `c2hunt validate`.
 *
 * The detection's query is run again over the scenario's own events (the ones its labels name), one
 * step at a time, counting what enters and leaves each step. The first step that lets nothing through
 * is where the scenario was lost, and it is described from what it saw:
 * - a search filter: which of its clauses rejected the events (for a `NOT (a OR b ...)`, the branches
 *   that matched: `NOT DestinationIp="127.0.0.0/8"`);
 * - `where`: the condition and the values the rows had (`TotalConnections=5, HoursActive=1`);
 * - `stats`: the BY fields the events lacked;
 * - anything else (an extension command such as c2beacon): how many rows it received.
 * When a filter's NOT clauses were the reason, the run is repeated without every NOT clause of every
 * search filter, to say whether the rest of the query would then have fired or what would still stop
 * it (the seed's test 1: loopback is excluded, and 5 connections in one hour are also under its
 * thresholds).
 * The replay sees only the scenario's events, so a detection that compares with the rest of the estate
 * (rarity across hosts) can behave differently here; the explanation says so when the replay fires.
 */
import { compileSpl, type CompiledSpl, type SplOptions } from '../engine/run-spl.js';
import { filterOperator } from '../engine/operators/filter.js';
import type { Operator } from '../engine/operators/types.js';
import { compileSearch } from '../engine/search.js';
import { cloneEvent, type Event, type Value } from '../events/event.js';
import type { PlanStep } from '../plan/types.js';
import type { Command, Expr, SearchExpr } from '../spl/ast.js';
import { parseSpl } from '../spl/parser.js';
import { printCommand, printExpr, printSearch } from '../spl/print.js';
import { formatCount } from '../util/format.js';

export interface TraceStep {
  readonly index: number;
  readonly kind: PlanStep['kind'];
  /** The step's SPL (after macro expansion), shortened for display. */
  readonly spl: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  /** Up to SAMPLE_CAP of the rows that entered the step. */
  readonly samples: readonly Event[];
  /** EventCode → rows that entered, when every row was still an event (had an EventCode); else null. */
  readonly codes: ReadonlyMap<string, number> | null;
}

export interface Trace {
  readonly steps: readonly TraceStep[];
  readonly rows: readonly Event[];
  /** The first step that received rows and passed none on, if any. */
  readonly stoppedAt: TraceStep | undefined;
}

const SAMPLE_CAP = 500;
const SPL_WIDTH = 110;

function shorten(text: string, width = SPL_WIDTH): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}

function stepSpl(command: Command | undefined, step: PlanStep): string {
  if (command === undefined) return step.kind.toLowerCase();
  if (step.kind === 'Filter') return shorten(printSearch(step.expr));
  return shorten(printCommand(command));
}

/** Drop every NOT operand of an AND (and a NOT on its own): what is left of a filter without exclusions. */
export function withoutNots(expr: SearchExpr): SearchExpr | null {
  if (expr.kind === 'SearchNot') return null;
  if (expr.kind !== 'SearchAnd') return expr;
  const kept = expr.operands.map(withoutNots).filter((e): e is SearchExpr => e !== null);
  if (kept.length === 0) return null;
  return kept.length === 1 ? (kept[0] as SearchExpr) : { kind: 'SearchAnd', operands: kept };
}

const PASS: Operator = { push: (b) => b, finish: () => [] };

/** Run a compiled query over events step by step; `relaxed` drops the NOT clauses of search filters. */
export function traceQuery(compiled: CompiledSpl, events: readonly Event[], relaxed = false): Trace {
  const steps = compiled.plan.steps;
  const operators = compiled.operators.map((op, i) => {
    const step = steps[i] as PlanStep;
    if (!relaxed || step.kind !== 'Filter') return op;
    const expr = withoutNots(step.expr);
    return expr === null ? PASS : filterOperator(expr);
  });
  const counts = steps.map(() => ({ rowsIn: 0, rowsOut: 0, samples: [] as Event[], codes: new Map<string, number>() as Map<string, number> | null }));
  const pushFrom = (start: number, batch: Event[]): Event[] => {
    let current = batch;
    for (let i = start; i < operators.length && current.length > 0; i++) {
      const c = counts[i]!;
      c.rowsIn += current.length;
      for (const r of current) {
        if (c.samples.length < SAMPLE_CAP) c.samples.push(cloneEvent(r));
        const code = r['EventCode'];
        if (typeof code !== 'string') c.codes = null;
        else if (c.codes !== null) c.codes.set(code, (c.codes.get(code) ?? 0) + 1);
      }
      current = (operators[i] as Operator).push(current);
      c.rowsOut += current.length;
    }
    return current;
  };
  const rows: Event[] = [];
  for (const r of pushFrom(0, events.map(cloneEvent))) rows.push(r);
  for (let i = 0; i < operators.length; i++) {
    const flushed = (operators[i] as Operator).finish();
    if (flushed.length === 0) continue;
    counts[i]!.rowsOut += flushed.length;
    for (const r of pushFrom(i + 1, flushed)) rows.push(r);
  }
  const traced: TraceStep[] = steps.map((step, i) => ({
    index: i,
    kind: step.kind,
    spl: stepSpl(compiled.plan.stepCommands[i], step),
    ...counts[i]!,
  }));
  return { steps: traced, rows, stoppedAt: traced.find((s) => s.rowsIn > 0 && s.rowsOut === 0) };
}

function flattenAnd(expr: SearchExpr): SearchExpr[] {
  return expr.kind === 'SearchAnd' ? expr.operands.flatMap(flattenAnd) : [expr];
}

function flattenOr(expr: SearchExpr): SearchExpr[] {
  return expr.kind === 'SearchOr' ? expr.operands.flatMap(flattenOr) : [expr];
}

export interface Rejection {
  /** Events that satisfy the filter's positive terms (all of them when the filter has only NOTs). */
  readonly candidates: number;
  /** The clauses that rejected them, most rejections first (at most 3), with counts when partial. */
  readonly clauses: readonly string[];
}

function ranked(found: { text: string; n: number }[], total: number): string[] {
  found.sort((a, b) => b.n - a.n);
  return found.slice(0, 3).map((f) => (f.n === total ? f.text : `${f.text} (${f.n} of ${total})`));
}

/**
 * Why a filter rejected events. The events that pass its positive terms (EventCode=3, a sourcetype...)
 * are the ones it was written for; when there are any, the reason is the NOT branches they matched
 * (`NOT DestinationIp="127.*"`, not the whole exclusion list). When none pass, the positive terms they
 * failed are the reason.
 */
export function rejectingClauses(expr: SearchExpr, events: readonly Event[], notes: ReadonlyMap<string, string> = new Map()): Rejection {
  const operands = flattenAnd(expr);
  const positives = operands.filter((o) => o.kind !== 'SearchNot').map((o) => ({ o, test: compileSearch(o) }));
  const candidates = events.filter((e) => positives.every((p) => p.test(e)));
  if (candidates.length === 0) {
    const found = positives.map((p) => ({ text: shorten(printSearch(p.o), 80), n: events.filter((e) => !p.test(e)).length })).filter((f) => f.n > 0);
    return { candidates: 0, clauses: ranked(found, events.length) };
  }
  const found: { text: string; n: number }[] = [];
  for (const operand of operands) {
    if (operand.kind !== 'SearchNot') continue;
    for (const branch of flattenOr(operand.operand)) {
      const test = compileSearch(branch);
      const n = candidates.filter(test).length;
      const text = printSearch(branch);
      const note = notes.get(text);
      if (n > 0) found.push({ text: `NOT ${text}${note === undefined ? '' : ` (${note})`}`, n });
    }
  }
  return { candidates: candidates.length, clauses: ranked(found, candidates.length) };
}

function fieldsOf(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) fieldsOf(n, out);
  else if (node !== null && typeof node === 'object') {
    const o = node as { kind?: string; name?: unknown };
    if (o.kind === 'FieldRef' && typeof o.name === 'string') out.add(o.name);
    for (const v of Object.values(node)) fieldsOf(v, out);
  }
  return out;
}

function valueText(v: Value | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return v.length > 3 ? `${v.slice(0, 3).join('/')}/…` : v.join('/');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return v.length > 40 ? `${v.slice(0, 39)}…` : v;
}

function whereValues(expr: Expr, rows: readonly Event[], total: number): string {
  const fields = [...fieldsOf(expr, new Set())];
  const shown: string[] = [];
  for (const r of rows) {
    const text = `(${fields.map((f) => `${f}=${valueText(r[f])}`).join(', ')})`;
    if (!shown.includes(text)) shown.push(text);
    if (shown.length === 3) break;
  }
  return shown.join(' ') + (total > 1 ? `; ${formatCount(total)} rows in all` : '');
}

/** "EID 22: 3199" for rows that are still events; empty for aggregated rows. */
function codesOf(codes: ReadonlyMap<string, number> | null): string {
  if (codes === null) return '';
  return [...codes.entries()]
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([c, n]) => `EID ${c}: ${formatCount(n)}`)
    .join(', ');
}

/** One sentence on what a step did to the rows it received; `notes` annotate known exclusion terms. */
export function describeStop(step: TraceStep, plan: readonly PlanStep[], notes: ReadonlyMap<string, string> = new Map()): string {
  const spec = plan[step.index] as PlanStep;
  const n = `${formatCount(step.rowsIn)} ${step.rowsIn === 1 ? 'row' : 'rows'}`;
  switch (spec.kind) {
    case 'Filter': {
      const r = rejectingClauses(spec.expr, step.samples, notes);
      const noun = step.index === 0 ? 'the search' : `\`search\` (step ${step.index + 1})`;
      const why = r.clauses.length === 0 ? '' : `: ${r.clauses.join('; ')}`;
      // Clauses are judged on the first SAMPLE_CAP rows a step received.
      const judged = step.rowsIn > step.samples.length ? ` (judged on the first ${step.samples.length} of its ${formatCount(step.rowsIn)} rows)` : '';
      if (r.candidates === 0) return `none of its ${n} match ${noun}${why}${judged}`;
      const selected = judged === '' ? `the ${r.candidates} ${r.candidates === 1 ? 'event' : 'events'} it selects` : 'the events it selects';
      return `${noun} excludes ${selected}${why}${judged}`;
    }
    case 'Where':
      return `\`where ${shorten(printExpr(spec.expr), 80)}\` drops them ${whereValues(spec.expr, step.samples, step.rowsIn)}`.trimEnd();
    case 'Stats': {
      const missing = spec.by.filter((f) => step.samples.every((e) => e[f] === undefined || e[f] === null || e[f] === ''));
      return missing.length > 0
        ? `\`stats ... by ${spec.by.join(', ')}\` drops events without a BY field, and its ${n} lack ${missing.join(', ')}`
        : `\`${step.spl}\` returned nothing for its ${n}`;
    }
    default: {
      const codes = codesOf(step.codes);
      return `\`${step.spl}\` kept none of its ${n}${codes === '' ? '' : ` (${codes})`}`;
    }
  }
}

export interface MissInput {
  readonly search: string;
  readonly options: SplOptions;
  /** The scenario's events (parsed), in time order. */
  readonly events: readonly Event[];
  /** The scenario's events by EventCode, from the labels (counted whether or not they were parsed). */
  readonly eventCodes: ReadonlyMap<string, number>;
  /** Exclusion terms (printed SPL) → a note on where they come from, e.g. the profile. */
  readonly notes?: ReadonlyMap<string, string> | undefined;
}

function codeList(codes: Iterable<string>): string {
  return [...codes].sort((a, b) => Number(a) - Number(b)).map((c) => `EID ${c}`).join(', ');
}

/** Reasons a detection missed a scenario, most decisive first. */
export function explainMiss(input: MissInput): string[] {
  const compiled = compileSpl(input.search, input.options);
  const needed = compiled.prefilter?.eventCodes;
  if (needed !== undefined && ![...needed].some((c) => (input.eventCodes.get(c) ?? 0) > 0)) {
    const has = input.eventCodes.size === 0 ? 'no events' : codeList(input.eventCodes.keys());
    return [`it reads ${codeList(needed)} and the scenario has none (it has ${has})`];
  }
  if (input.events.length === 0) return ['none of the scenario\'s events reached it'];
  const trace = traceQuery(compiled, input.events);
  if (trace.stoppedAt === undefined) {
    return trace.rows.length > 0
      ? [
          `on the scenario's events alone it returns ${trace.rows.length} row${trace.rows.length === 1 ? '' : 's'}, but no finding in the full run matched the scenario's host, process and destination (it compares with the rest of the estate, or its rows name another entity)`,
        ]
      : ['it returned nothing for the scenario\'s events'];
  }
  const notes = input.notes ?? new Map<string, string>();
  const reasons = [describeStop(trace.stoppedAt, compiled.plan.steps, notes)];
  if (trace.stoppedAt.kind === 'Filter') {
    const relaxed = traceQuery(compileSpl(input.search, input.options), input.events, true);
    if (relaxed.stoppedAt === undefined && relaxed.rows.length > 0) reasons.push('without its NOT clauses it would fire');
    else if (relaxed.stoppedAt !== undefined && relaxed.stoppedAt.index !== trace.stoppedAt.index) {
      reasons.push(`without its NOT clauses, ${describeStop(relaxed.stoppedAt, compiled.plan.steps, notes)}`);
    }
  }
  return reasons;
}

/**
 * The branches of a `search NOT (a OR b ...)` macro definition, printed as the diagnosis prints them,
 * each with `note`: how validate marks the profile's own exclusions.
 */
export function exclusionNotes(definition: string | undefined, note: string): Map<string, string> {
  const out = new Map<string, string>();
  if (definition === undefined) return out;
  let pipeline;
  try {
    pipeline = parseSpl(definition);
  } catch {
    return out;
  }
  for (const cmd of pipeline.commands) {
    if (cmd.kind !== 'SearchCommand' || cmd.expr === null) continue;
    for (const operand of flattenAnd(cmd.expr)) {
      if (operand.kind !== 'SearchNot') continue;
      for (const branch of flattenOr(operand.operand)) out.set(printSearch(branch), note);
    }
  }
  return out;
}
