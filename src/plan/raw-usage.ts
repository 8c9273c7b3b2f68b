/**
 * Whether a query's results can depend on `_raw`, so that readers may leave it out otherwise: it is the
 * largest field of every event, and most detections never look at it.
 *
 * Conservative by construction: anything that could see `_raw` counts as a use (a bare search term, a
 * field or wildcard pattern that matches `_raw`, rex/regex on their default field, `searchmatch`, a
 * string literal naming it, lookup). A step that replaces the events with rows that cannot carry `_raw`
 * (stats, top/rare, table without it, `fields - _raw`) ends the question: later steps cannot see it.
 * Without such a step `_raw` would reach the result rows, so it is kept.
 */
import type { Expr, SearchExpr } from '../spl/ast.js';
import type { AggregateSpec, PlanStep, SortSpec, StepKind } from './types.js';

type Use = 'read' | 'drop' | 'none';

const RAW = '_raw';

/** `*` globs over field names (case-sensitive), matched against `_raw` only. */
function matchesRaw(pattern: string): boolean {
  if (!pattern.includes('*')) return pattern === RAW;
  const parts = pattern.split('*');
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!RAW.startsWith(first) || !RAW.endsWith(last) || first.length + last.length > RAW.length) return false;
  let pos = first.length;
  const end = RAW.length - last.length;
  for (const seg of parts.slice(1, -1)) {
    const at = RAW.indexOf(seg, pos);
    if (at === -1 || at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

const anyField = (fields: readonly string[]): boolean => fields.some(matchesRaw);

function exprUses(e: Expr): boolean {
  switch (e.kind) {
    case 'FieldRef':
      return matchesRaw(e.name);
    case 'StringLiteral':
      return e.value.includes(RAW);
    case 'NumberLiteral':
    case 'NullLiteral':
      return false;
    case 'Call':
      return e.name.toLowerCase() === 'searchmatch' || e.args.some(exprUses);
    case 'Unary':
      return exprUses(e.operand);
    case 'Binary':
      return exprUses(e.left) || exprUses(e.right);
    case 'MacroExpr':
      return true;
  }
}

function searchUses(e: SearchExpr): boolean {
  switch (e.kind) {
    case 'SearchAnd':
    case 'SearchOr':
      return e.operands.some(searchUses);
    case 'SearchNot':
      return searchUses(e.operand);
    case 'SearchCompare':
    case 'SearchIn':
      return matchesRaw(e.field);
    case 'SearchTerm':
      // `*` alone matches every event without looking at it (engine/search.ts).
      return !/^\*+$/.test(e.value.text);
    case 'SearchSubsearch':
    case 'SearchMacro':
      return true;
  }
}

const aggregatesUse = (aggs: readonly AggregateSpec[]): boolean =>
  aggs.some((a) => a.input !== null && (a.input.kind === 'field' ? matchesRaw(a.input.field) : exprUses(a.input.expr)));
const sortUses = (keys: readonly SortSpec[]): boolean => keys.some((k) => matchesRaw(k.field));
const readIf = (uses: boolean): Use => (uses ? 'read' : 'none');

const USE: { readonly [K in StepKind]: (step: Extract<PlanStep, { kind: K }>) => Use } = {
  Filter: (s) => readIf(searchUses(s.expr)),
  Where: (s) => readIf(exprUses(s.expr)),
  Eval: (s) => readIf(s.assignments.some((a) => matchesRaw(a.field) || exprUses(a.expr))),
  Stats: (s) => (anyField(s.by) || aggregatesUse(s.aggregates) ? 'read' : 'drop'),
  Eventstats: (s) => readIf(anyField(s.by) || aggregatesUse(s.aggregates)),
  Streamstats: (s) =>
    readIf(
      anyField(s.by) ||
        aggregatesUse(s.aggregates) ||
        (s.resetBefore !== null && exprUses(s.resetBefore)) ||
        (s.resetAfter !== null && exprUses(s.resetAfter)),
    ),
  Bin: (s) => readIf(matchesRaw(s.field) || matchesRaw(s.as)),
  Sort: (s) => readIf(sortUses(s.keys)),
  Head: (s) => readIf(s.expr !== null && exprUses(s.expr)),
  Tail: () => 'none',
  Table: (s) => (anyField(s.fields) ? 'read' : 'drop'),
  // `fields a b` keeps the internal fields, `_raw` among them; `fields - _raw` removes it.
  Fields: (s) => (s.remove ? (anyField(s.fields) ? 'drop' : 'none') : readIf(anyField(s.fields))),
  Rename: (s) => readIf(s.pairs.some((p) => matchesRaw(p.from) || matchesRaw(p.to))),
  Dedup: (s) => readIf(anyField(s.fields) || sortUses(s.sortby)),
  Fillnull: (s) => readIf(anyField(s.fields)),
  Rex: (s) => readIf(matchesRaw(s.field) || s.pattern.includes(RAW)),
  Regex: (s) => readIf(matchesRaw(s.field)),
  Makemv: (s) => readIf(matchesRaw(s.field)),
  Mvexpand: (s) => readIf(matchesRaw(s.field)),
  Top: (s) => (anyField(s.fields) || anyField(s.by) ? 'read' : 'drop'),
  Lookup: () => 'read',
  Inputlookup: () => 'read',
  Makeresults: () => 'read',
  Custom: (s) => s.rawUse,
  Convert: (s) => readIf(s.conversions.some((c) => matchesRaw(c.field) || (c.as !== null && matchesRaw(c.as)))),
};

/** True when the results can depend on `_raw` (see the module header). */
export function needsRaw(steps: readonly PlanStep[]): boolean {
  for (const step of steps) {
    const use = (USE[step.kind] as (s: PlanStep) => Use)(step);
    if (use === 'read') return true;
    if (use === 'drop') return false;
  }
  return true;
}
