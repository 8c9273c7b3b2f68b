/**
 * Search clause → event predicate. The value comparisons (glob, case, CIDR, ordering, multivalues) are
 * search/value-matcher.ts; this module owns the boolean structure and field lookup:
 * - `NOT field=x` keeps events without the field, `field!=x` does not (spl-semantics §1.4, SM-NOT);
 * - a bare term or quoted phrase matches `_raw` anywhere, case-insensitively (`*` alone matches every
 *   event, even one without `_raw`);
 * - a field name with `*` (`dest*=x`) matches when any field whose name fits the pattern matches
 *   (field names are case-sensitive, Splexicon-Field).
 */
import { PlanError } from '../errors.js';
import type { Event } from '../events/event.js';
import type { SearchExpr, SearchValue } from '../spl/ast.js';
import { compileGlob, compileSearchInMatcher, compileSearchMatcher, type ValueMatcher } from './search/value-matcher.js';

export type EventPredicate = (event: Event) => boolean;

function fieldReader(field: string, test: ValueMatcher): EventPredicate {
  if (!field.includes('*')) return (event) => test(event[field]);
  const nameMatches = compileGlob(field, true);
  return (event) => {
    for (const name in event) if (nameMatches(name) && test(event[name])) return true;
    return false;
  };
}

function termPredicate(value: SearchValue): EventPredicate {
  if (/^\*+$/.test(value.text)) return () => true;
  const test = compileSearchMatcher('=', `*${value.text}*`, { caseSensitive: value.modifier === 'CASE' });
  return (event) => test(event['_raw']);
}

/**
 * The operands of an OR, with the case-insensitive `=` and IN terms on one plain field merged into one
 * matcher (an OR of `field=…` terms is `field IN (…)`, SR-search): exclusion lists such as the seed
 * query's read the field and lower-case it once instead of once per term. Order does not matter: the
 * terms have no side effects.
 */
function compileOrOperands(operands: readonly SearchExpr[]): EventPredicate[] {
  const byField = new Map<string, string[]>();
  const rest: SearchExpr[] = [];
  for (const op of operands) {
    if (op.kind === 'SearchCompare' && op.op === '=' && op.value.modifier !== 'CASE' && !op.field.includes('*')) {
      const list = byField.get(op.field) ?? [];
      list.push(op.value.text);
      byField.set(op.field, list);
    } else if (op.kind === 'SearchIn' && !op.field.includes('*') && op.values.every((v) => v.modifier !== 'CASE')) {
      const list = byField.get(op.field) ?? [];
      for (const v of op.values) list.push(v.text);
      byField.set(op.field, list);
    } else {
      rest.push(op);
    }
  }
  const merged = [...byField].map(([field, literals]) => fieldReader(field, compileSearchInMatcher(literals)));
  return [...merged, ...rest.map(compileSearch)];
}

export function compileSearch(expr: SearchExpr): EventPredicate {
  switch (expr.kind) {
    case 'SearchAnd': {
      const parts = expr.operands.map(compileSearch);
      return (event) => {
        for (const p of parts) if (!p(event)) return false;
        return true;
      };
    }
    case 'SearchOr': {
      const parts = compileOrOperands(expr.operands);
      return (event) => {
        for (const p of parts) if (p(event)) return true;
        return false;
      };
    }
    case 'SearchNot': {
      const inner = compileSearch(expr.operand);
      return (event) => !inner(event);
    }
    case 'SearchCompare':
      return fieldReader(expr.field, compileSearchMatcher(expr.op, expr.value.text, { caseSensitive: expr.value.modifier === 'CASE' }));
    case 'SearchIn': {
      const sensitive = expr.values.filter((v) => v.modifier === 'CASE').map((v) => v.text);
      const folded = expr.values.filter((v) => v.modifier !== 'CASE').map((v) => v.text);
      const a = compileSearchInMatcher(folded);
      const b = compileSearchInMatcher(sensitive, { caseSensitive: true });
      return fieldReader(expr.field, sensitive.length === 0 ? a : (v) => a(v) || b(v));
    }
    case 'SearchTerm':
      return termPredicate(expr.value);
    case 'SearchSubsearch':
      throw new PlanError('subsearches ([...]) are not supported');
    case 'SearchMacro':
      throw new PlanError(`macro \`${expr.macro.name}\` is not defined`);
  }
}
