/** Plan step → operator, one factory per step kind (a new kind fails to compile until it is handled). */
import { PlanError } from '../../errors.js';
import type { PlanStep, StepKind } from '../../plan/types.js';
import { binOperator } from './bin.js';
import { convertOperator } from './convert.js';
import type { OperatorContext } from './context.js';
import { dedupOperator } from './dedup.js';
import { evalOperator } from './eval.js';
import { eventstatsOperator } from './eventstats.js';
import { fillnullOperator } from './fillnull.js';
import { filterOperator } from './filter.js';
import { headOperator, tailOperator } from './head-tail.js';
import { inputlookupOperator, lookupOperator, makeresultsOperator } from './lookup.js';
import { makemvOperator, mvexpandOperator } from './multivalue.js';
import { regexOperator, rexOperator } from './rex.js';
import { fieldsOperator, renameOperator, tableOperator } from './shape.js';
import { sortOperator } from './sort.js';
import { statsOperator } from './stats.js';
import { streamstatsOperator } from './streamstats.js';
import { topOperator } from './top.js';
import type { Operator } from './types.js';
import { whereOperator } from './where.js';

const FACTORIES: { readonly [K in StepKind]: (step: Extract<PlanStep, { kind: K }>, ctx: OperatorContext) => Operator } = {
  Filter: (s) => filterOperator(s.expr),
  Where: (s, ctx) => whereOperator(s.expr, ctx),
  Eval: (s, ctx) => evalOperator(s.assignments, ctx),
  Stats: (s, ctx) => statsOperator(s, ctx),
  Eventstats: (s, ctx) => eventstatsOperator(s, ctx),
  Streamstats: (s, ctx) => streamstatsOperator(s, ctx),
  Bin: (s, ctx) => binOperator(s, ctx),
  Sort: (s) => sortOperator(s),
  Head: (s, ctx) => headOperator(s, ctx),
  Tail: (s) => tailOperator(s),
  Table: (s) => tableOperator(s.fields),
  Fields: (s) => fieldsOperator(s),
  Rename: (s) => renameOperator(s.pairs),
  Dedup: (s) => dedupOperator(s),
  Fillnull: (s) => fillnullOperator(s),
  Rex: (s) => rexOperator(s),
  Regex: (s) => regexOperator(s),
  Makemv: (s) => makemvOperator(s),
  Mvexpand: (s) => mvexpandOperator(s),
  Top: (s) => topOperator(s),
  Lookup: (s, ctx) => lookupOperator(s, ctx),
  Inputlookup: (s, ctx) => inputlookupOperator(s, ctx),
  Makeresults: (s, ctx) => makeresultsOperator(s, ctx),
  Convert: (s, ctx) => convertOperator(s, ctx),
  Custom: (s, ctx) => {
    const command = ctx.commands?.get(s.name);
    if (command === undefined) throw new PlanError(`extension command '${s.name}' is not registered in this run`);
    return command.create(s.config, ctx);
  },
};

export function createOperator(step: PlanStep, ctx: OperatorContext): Operator {
  return (FACTORIES[step.kind] as (s: PlanStep, c: OperatorContext) => Operator)(step, ctx);
}

/** Steps that produce results without reading input (so a query starting with one needs no files). */
export function isGenerating(step: PlanStep): boolean {
  return (step.kind === 'Inputlookup' && !step.append) || step.kind === 'Makeresults';
}
