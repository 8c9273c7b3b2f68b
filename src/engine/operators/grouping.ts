/**
 * Shared by stats, eventstats, streamstats and top/rare: BY keys and aggregate inputs.
 *
 * - An event whose BY field is missing (absent, null, empty) is in no group [UNCONFIRMED, spl-semantics
 *   §4.1: standard observed behaviour; `fillnull` first to keep such events].
 * - A multivalue BY field puts the event in one group per value (SR-stats), and several multivalue BY
 *   fields in one group per combination; `dedup_splitvals` drops repeated values first.
 * - Group identity is the printed text of each value, so `1` (a number) and `"1"` are one group.
 */
import { PlanError } from '../../errors.js';
import type { Event, Value } from '../../events/event.js';
import { formatNumber } from '../../events/format.js';
import { getAggregate } from '../aggregates/index.js';
import type { Aggregator } from '../aggregates/types.js';
import { compileExpr } from '../expr/compile.js';
import type { CompileEnv, EvalContext } from '../expr/types.js';
import type { AggregateSpec } from '../../plan/types.js';
import { isMissing } from './context.js';

export type KeyValue = string | number;

const SEP = '\u0000';

export function keyText(values: readonly KeyValue[]): string {
  if (values.length === 1) {
    const v = values[0] as KeyValue;
    return typeof v === 'number' ? formatNumber(v) : v;
  }
  let s = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as KeyValue;
    if (i > 0) s += SEP;
    s += typeof v === 'number' ? formatNumber(v) : v;
  }
  return s;
}

/** Every BY combination an event belongs to; none when a BY field is missing. */
export function groupKeys(event: Event, by: readonly string[], dedupSplitvals = false): KeyValue[][] {
  let combos: KeyValue[][] = [[]];
  for (const field of by) {
    const v = event[field];
    if (isMissing(v)) return [];
    if (Array.isArray(v)) {
      const values = dedupSplitvals ? [...new Set(v)] : v;
      const next: KeyValue[][] = [];
      for (const combo of combos) for (const x of values) next.push([...combo, x]);
      combos = next;
    } else {
      for (const combo of combos) combo.push(v as KeyValue);
    }
  }
  return combos;
}

/** The single BY key of an event when no BY field is multivalued (the fast path), else undefined. */
export function simpleKey(event: Event, by: readonly string[]): KeyValue[] | null | undefined {
  const key: KeyValue[] = [];
  for (const field of by) {
    const v = event[field];
    if (isMissing(v)) return null;
    if (Array.isArray(v)) return undefined;
    key.push(v as KeyValue);
  }
  return key;
}

/** One stats function of a command, ready to create per-group state and read its input from an event. */
export interface BoundAggregate {
  readonly output: string;
  create(): Aggregator;
  /** The function's input for an event (undefined when it reads no field). */
  input(event: Event, ctx: EvalContext): Value | undefined;
}

export function bindAggregates(specs: readonly AggregateSpec[], env: CompileEnv): BoundAggregate[] {
  return specs.map((spec) => {
    const name = spec.param === undefined ? spec.func : `${spec.func}${spec.param}`;
    const resolved = getAggregate(name);
    if (resolved === undefined) throw new PlanError(`stats function '${spec.func}' is not supported by c2hunt`);
    const input = spec.input;
    if (input !== null && input.kind === 'field' && input.field.includes('*')) {
      throw new PlanError(`${spec.output}: wildcard field names in stats functions are not supported`);
    }
    const hasField = input !== null;
    let read: BoundAggregate['input'];
    if (input === null) read = () => undefined;
    else if (input.kind === 'field') {
      const field = input.field;
      read = (event) => event[field] ?? undefined;
    } else {
      const c = compileExpr(input.expr, env);
      // count(eval(status=404)) counts the events where the comparison holds: true counts as 1, false
      // as no value (SR-stats example "count(eval(...))").
      read = (event, ctx) => {
        const v = c(event, ctx);
        if (v === true) return 1;
        if (v === false) return undefined;
        return v ?? undefined;
      };
    }
    return { output: spec.output, create: () => resolved.create(hasField), input: read };
  });
}
