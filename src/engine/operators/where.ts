/** `where`: keep events for which the expression is true; false and null drop the event (SR-where). */
import type { Expr } from '../../spl/ast.js';
import { compileExpr } from '../expr/compile.js';
import type { OperatorContext } from './context.js';
import type { Operator } from './types.js';

export function whereOperator(expr: Expr, ctx: OperatorContext): Operator {
  const test = compileExpr(expr, ctx.env);
  const c = ctx.evalContext;
  return {
    push: (batch) => batch.filter((event) => test(event, c) === true),
    finish: () => [],
  };
}
