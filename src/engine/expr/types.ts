/**
 * The contract between the expression compiler (which walks the SPL AST) and the eval-function registry.
 *
 * Expressions compile once per query into closures. A function definition sees its arguments already
 * compiled, plus their value when an argument is a literal, so it can do per-query work once (compile a
 * regex, parse a format string, validate a literal) and return a closure that does only per-event work.
 * Queries are untrusted input: nothing here builds code from text.
 */
import type { Event, Value } from '../../events/event.js';

/** What an expression yields. Booleans exist only inside expressions: eval cannot store them. */
export type ExprValue = Value | boolean;

/** Per-run settings visible to every expression. */
export interface EvalContext {
  /** Search start time, epoch seconds (`now()`). */
  readonly now: number;
  /** IANA time zone for strftime/strptime/relative_time/bin; default UTC. */
  readonly tz: string;
  /** Source of randomness for `random()`; injectable so tests are deterministic. */
  readonly random: () => number;
}

export type Compiled = (event: Event, ctx: EvalContext) => ExprValue;

export interface FunctionArg {
  readonly compiled: Compiled;
  /** Present when the argument is a literal (or folds to one): its value, known at compile time. */
  readonly constant?: { readonly value: ExprValue } | undefined;
}

/** Settings known when the query is compiled. */
export interface CompileEnv {
  readonly tz: string;
}

export interface EvalFunctionDef {
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
  /**
   * Build the per-event closure. Throws PlanError (with a message naming the function and argument)
   * for arguments that are wrong at compile time, such as an invalid regex literal.
   */
  compile(args: readonly FunctionArg[], env: CompileEnv): Compiled;
}
