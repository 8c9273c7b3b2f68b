/**
 * `head` and `tail` (SR-head, SR-tail).
 * head: the first N events (default 10), or, with `(expr)`, events up to the first for which the
 * expression is not true (`null=true` treats a null result as true; `keeplast=true` keeps that event).
 * Once done it asks for no more input, so reading stops early.
 * tail: the last N (default 10), returned in reverse order, "starting at the end of the result set".
 */
import type { Event } from '../../events/event.js';
import type { Expr } from '../../spl/ast.js';
import { compileExpr } from '../expr/compile.js';
import type { OperatorContext } from './context.js';
import type { Operator } from './types.js';

export function headOperator(step: { limit: number; expr: Expr | null; keeplast: boolean; nullTrue: boolean }, ctx: OperatorContext): Operator {
  const test = step.expr === null ? null : compileExpr(step.expr, ctx.env);
  const c = ctx.evalContext;
  let taken = 0;
  let done = step.limit <= 0;
  return {
    get done() {
      return done;
    },
    push(batch) {
      const out: Event[] = [];
      for (const event of batch) {
        if (done) break;
        if (test !== null) {
          const v = test(event, c);
          const ok = v === true || (step.nullTrue && (v === null || v === undefined));
          if (!ok) {
            if (step.keeplast) out.push(event);
            done = true;
            break;
          }
        }
        out.push(event);
        taken++;
        if (taken >= step.limit) done = true;
      }
      return out;
    },
    finish: () => [],
  };
}

export function tailOperator(step: { limit: number }): Operator {
  const ring: Event[] = [];
  return {
    push(batch) {
      if (step.limit <= 0) return [];
      for (const event of batch) {
        ring.push(event);
        if (ring.length > step.limit) ring.shift();
      }
      return [];
    },
    finish: () => ring.reverse(),
  };
}
