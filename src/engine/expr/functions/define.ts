/**
 * Small builders shared by the eval-function families, so each definition reads as one line of intent:
 * its name, its arity, and what it does per event. Definitions do their per-query work (regex and
 * format compilation, literal validation) in `compile` and return a closure over compiled arguments.
 */
import { PlanError } from '../../../errors.js';
import { valueToString } from '../../../events/format.js';
import type { Compiled, CompileEnv, EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';

export function defineFunction(
  name: string,
  minArgs: number,
  maxArgs: number,
  compile: (args: readonly FunctionArg[], env: CompileEnv) => Compiled,
): EvalFunctionDef {
  return { name, minArgs, maxArgs, compile };
}

/** A function of one argument that maps its value (and ignores the context). */
export function unary(name: string, f: (v: ExprValue | undefined) => ExprValue): EvalFunctionDef {
  return defineFunction(name, 1, 1, ([a]) => {
    const ac = (a as FunctionArg).compiled;
    return (event, ctx) => f(ac(event, ctx));
  });
}

/** A function of a fixed list of arguments, evaluated eagerly. */
export function eager(
  name: string,
  minArgs: number,
  maxArgs: number,
  f: (values: readonly (ExprValue | undefined)[]) => ExprValue,
): EvalFunctionDef {
  return defineFunction(name, minArgs, maxArgs, (args) => {
    const cs = args.map((a) => a.compiled);
    return (event, ctx) => f(cs.map((c) => c(event, ctx)));
  });
}

/** The argument's value when it is a literal; `undefined` when it is only known per event. */
export function constantOf(arg: FunctionArg | undefined): ExprValue | undefined {
  return arg?.constant?.value;
}

/** A literal string argument (numbers in printed form), or undefined when not a literal. */
export function constantString(arg: FunctionArg | undefined): string | null | undefined {
  if (arg?.constant === undefined) return undefined;
  const v = arg.constant.value;
  return typeof v === 'boolean' ? null : valueToString(v);
}

/** The PlanError for a bad argument, worded the same way everywhere. */
export function argError(fn: string, message: string): PlanError {
  return new PlanError(`${fn}(): ${message}`);
}

/** A scalar as text for string functions: numbers printed, booleans and multivalues excluded. */
export function scalarText(v: ExprValue | undefined): string | null {
  if (typeof v === 'boolean' || Array.isArray(v)) return null;
  return valueToString(v);
}

/** Apply `f` to a scalar, or to each value of a multivalue (functions the docs say work on multivalue). */
export function mapValues(v: ExprValue | undefined, f: (s: string) => string): ExprValue {
  if (Array.isArray(v)) return v.map(f);
  const s = scalarText(v);
  return s === null ? null : f(s);
}
