/**
 * `lookup`, `inputlookup` and `makeresults`.
 * lookup (SR-lookup, KM-LookupRules): a row matches when every input column equals the event's field
 * exactly (case-sensitive, the CSV default; any value of a multivalue field); up to 100 matching rows
 * in file order, several giving multivalue output. Without OUTPUT every other column is written;
 * OUTPUT overwrites; OUTPUTNEW writes only fields the event does not have yet. An event with no match
 * is left unchanged [UNCONFIRMED].
 * inputlookup: the table's rows as results (`start`, `max`, `where <search>`); with `append=true` they
 * follow the incoming results instead of replacing them.
 * makeresults: `count` results (default 1) with `_time` = the search time, whole seconds.
 */
import { PlanError } from '../../errors.js';
import { createEvent, type Event } from '../../events/event.js';
import { fromValues, valuesOf } from '../../events/multivalue.js';
import type { SearchExpr } from '../../spl/ast.js';
import { compileSearch } from '../search.js';
import type { LookupTable, OperatorContext } from './context.js';
import type { Operator } from './types.js';

const MAX_MATCHES = 100;

interface Mapping {
  readonly column: string;
  readonly field: string;
}

function indexTable(table: LookupTable, inputs: readonly Mapping[]): Map<string, Readonly<Record<string, string>>[]> {
  const index = new Map<string, Readonly<Record<string, string>>[]>();
  for (const row of table.rows) {
    const key = inputs.map((m) => row[m.column] ?? '').join('\u0000');
    const list = index.get(key);
    if (list === undefined) index.set(key, [row]);
    else if (list.length < MAX_MATCHES) list.push(row);
  }
  return index;
}

export function lookupOperator(
  step: { table: string; inputs: readonly Mapping[]; outputs: readonly Mapping[] | null; outputNew: boolean },
  ctx: OperatorContext,
): Operator {
  const table = ctx.lookups.load(step.table);
  for (const m of step.inputs) {
    if (!table.columns.includes(m.column)) throw new PlanError(`lookup ${step.table}: the table has no column '${m.column}' (columns: ${table.columns.join(', ')})`);
  }
  const inputColumns = new Set(step.inputs.map((m) => m.column));
  const outputs: readonly Mapping[] =
    step.outputs ?? table.columns.filter((c) => !inputColumns.has(c)).map((c) => ({ column: c, field: c }));
  const index = indexTable(table, step.inputs);

  const matchesFor = (event: Event): Readonly<Record<string, string>>[] => {
    let keys: readonly string[] | null = null;
    for (const m of step.inputs) {
      const values = valuesOf(event[m.field]);
      if (values.length === 0) return [];
      keys = keys === null ? values : keys.flatMap((k) => values.map((v) => `${k}\u0000${v}`));
    }
    if (keys === null) return [];
    const rows: Readonly<Record<string, string>>[] = [];
    for (const k of keys) for (const r of index.get(k) ?? []) if (rows.length < MAX_MATCHES && !rows.includes(r)) rows.push(r);
    return rows;
  };

  return {
    push(batch) {
      for (const event of batch) {
        const rows = matchesFor(event);
        if (rows.length === 0) continue;
        for (const out of outputs) {
          if (step.outputNew && event[out.field] !== undefined && event[out.field] !== null) continue;
          const values = rows.map((r) => r[out.column] ?? '').filter((v) => v !== '');
          const v = fromValues(values);
          if (v === null) delete event[out.field];
          else event[out.field] = v;
        }
      }
      return batch;
    },
    finish: () => [],
  };
}

export function inputlookupOperator(
  step: { table: string; where: SearchExpr | null; append: boolean; start: number; max: number },
  ctx: OperatorContext,
): Operator {
  const rows = (): Event[] => {
    const table = ctx.lookups.load(step.table);
    const test = step.where === null ? null : compileSearch(step.where);
    const out: Event[] = [];
    for (let i = step.start; i < table.rows.length && out.length < step.max; i++) {
      const row = table.rows[i] as Readonly<Record<string, string>>;
      const event = createEvent();
      for (const c of table.columns) {
        const v = row[c];
        if (v !== undefined && v !== '') event[c] = v;
      }
      if (test === null || test(event)) out.push(event);
    }
    return out;
  };
  // Load (and fail) when the query is compiled, not after the input has been read.
  ctx.lookups.load(step.table);
  return {
    push: (batch) => (step.append ? batch : []),
    finish: () => rows(),
  };
}

export function makeresultsOperator(step: { count: number }, ctx: OperatorContext): Operator {
  return {
    push: () => [],
    finish: () =>
      Array.from({ length: step.count }, () => {
        const e = createEvent();
        e['_time'] = Math.floor(ctx.evalContext.now);
        return e;
      }),
  };
}
