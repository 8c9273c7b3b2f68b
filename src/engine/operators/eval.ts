/**
 * `eval a=..., b=...`: assignments run left to right on each event, so later ones see earlier results
 * (SR-eval). A null result removes the field ("Setting a field value to NULL clears the field value").
 * A boolean cannot be stored: an expression that is always boolean is refused when compiled, and a
 * boolean that appears at run time (from coalesce() or case(), say) leaves the field unset.
 */
import { PlanError } from '../../errors.js';
import type { Expr } from '../../spl/ast.js';
import { compileExpr, isBooleanExpr } from '../expr/compile.js';
import { toFieldValue } from '../expr/ops.js';
import type { OperatorContext } from './context.js';
import type { Operator } from './types.js';

export function evalOperator(assignments: readonly { field: string; expr: Expr }[], ctx: OperatorContext): Operator {
  const compiled = assignments.map((a) => {
    if (isBooleanExpr(a.expr)) {
      throw new PlanError(`eval ${a.field}=...: an eval expression cannot be a boolean; wrap it in if(...) or tostring(...)`);
    }
    return { field: a.field, value: compileExpr(a.expr, ctx.env) };
  });
  const c = ctx.evalContext;
  return {
    push: (batch) => {
      for (const event of batch) {
        for (const { field, value } of compiled) {
          const v = toFieldValue(value(event, c));
          if (v === undefined || v === null) delete event[field];
          else event[field] = v;
        }
      }
      return batch;
    },
    finish: () => [],
  };
}
