/** `search` (and the leading search clause): keep events the compiled search matches. */
import type { SearchExpr } from '../../spl/ast.js';
import { compileSearch } from '../search.js';
import type { Operator } from './types.js';

export function filterOperator(expr: SearchExpr): Operator {
  const test = compileSearch(expr);
  return {
    push: (batch) => batch.filter(test),
    finish: () => [],
  };
}
