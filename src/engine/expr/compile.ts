/**
 * Expression compiler: eval/where AST → closures `(event, ctx) => value`, built once per query.
 * Queries are untrusted, so nothing here turns text into code; closures are composed from the operator
 * table (ops.ts) and the eval-function registry (functions/).
 *
 * The compiler owns the forms that need the AST or laziness:
 * - AND / OR short-circuit (only `true` is true, ops.ts);
 * - `searchmatch("<search>")` compiles its literal with the search compiler;
 * - `mvfilter(<predicate>)` and `mvmap(<field>, <expression>)` evaluate their expression once per value of
 *   a multivalue field, with that field bound to the single value (SR-EvalFns);
 * - `null` (the bare word) is the null value; a macro left in an expression is a PlanError.
 * if/case/coalesce/validate are lazy in the registry itself.
 */
import { PlanError, SplSyntaxError } from '../../errors.js';
import type { Event } from '../../events/event.js';
import { fromValues, valuesOf } from '../../events/multivalue.js';
import type { BinaryOp, Expr, ExprKind } from '../../spl/ast.js';
import { parseSearchExpression } from '../../spl/parser.js';
import { compileSearch } from '../search.js';
import { getEvalFunction } from './functions/index.js';
import { BINARY_OPERATORS, compileLike, negate, toFieldValue } from './ops.js';
import type { Compiled, CompileEnv, ExprValue, FunctionArg } from './types.js';

type Compiler<K extends ExprKind> = (e: Extract<Expr, { kind: K }>, env: CompileEnv) => Compiled;

const nullValue: Compiled = () => null;

function constant(value: ExprValue): Compiled {
  return () => value;
}

/** The literal value of an expression when it has one at compile time. */
export function constantValue(e: Expr): { value: ExprValue } | undefined {
  switch (e.kind) {
    case 'StringLiteral':
      return { value: e.value };
    case 'NumberLiteral':
      return { value: Number(e.text) };
    case 'NullLiteral':
      return { value: null };
    case 'Unary': {
      if (e.op === 'NOT') return undefined;
      const inner = constantValue(e.operand);
      if (inner === undefined) return undefined;
      const n = negate(inner.value);
      return { value: e.op === '-' ? n : negate(n) };
    }
    default:
      return undefined;
  }
}

function binary(op: BinaryOp, l: Compiled, r: Compiled, right: Expr): Compiled {
  switch (op) {
    case 'AND':
      return (e, c) => l(e, c) === true && r(e, c) === true;
    case 'OR':
      return (e, c) => l(e, c) === true || r(e, c) === true;
    case 'LIKE': {
      const pattern = constantValue(right);
      if (pattern !== undefined && typeof pattern.value === 'string') {
        const m = compileLike(pattern.value);
        return (e, c) => m(l(e, c));
      }
      const f = BINARY_OPERATORS.LIKE;
      return (e, c) => f(l(e, c), r(e, c));
    }
    default: {
      const f = BINARY_OPERATORS[op];
      return (e, c) => f(l(e, c), r(e, c));
    }
  }
}

/** The one field an mvfilter predicate refers to (SR-EvalFns: "can only reference one field"). */
function referencedFields(e: Expr, out: Set<string>): Set<string> {
  switch (e.kind) {
    case 'FieldRef':
      out.add(e.name);
      break;
    case 'Call':
      for (const a of e.args) referencedFields(a, out);
      break;
    case 'Unary':
      referencedFields(e.operand, out);
      break;
    case 'Binary':
      referencedFields(e.left, out);
      referencedFields(e.right, out);
      break;
    default:
      break;
  }
  return out;
}

/** Evaluate `body` once per value of `field`, with the field bound to that value. */
function perValue(field: string, body: Compiled, collect: (value: string, result: ExprValue, out: string[]) => void): Compiled {
  return (event, ctx) => {
    const values = valuesOf(event[field]);
    if (values.length === 0) return null;
    // A view of the event in which `field` is one value: the event stays the prototype, so other
    // fields read through unchanged and nothing is copied.
    const view = Object.create(event) as Event;
    const out: string[] = [];
    for (const value of values) {
      view[field] = value;
      collect(value, body(view, ctx), out);
    }
    return fromValues(out);
  };
}

const SPECIAL_FORMS: Readonly<Record<string, (args: readonly Expr[], env: CompileEnv, name: string) => Compiled>> = {
  searchmatch: (args, _env, name) => {
    const arg = args[0];
    if (args.length !== 1 || arg === undefined || arg.kind !== 'StringLiteral') {
      throw new PlanError(`${name}(): takes one literal search string`);
    }
    let search;
    try {
      search = parseSearchExpression(arg.value);
    } catch (err) {
      if (err instanceof SplSyntaxError) throw new PlanError(`${name}(): ${err.message.split('\n')[0]}`);
      throw err;
    }
    if (search === null) return () => true;
    const test = compileSearch(search);
    return (event) => test(event);
  },
  mvfilter: (args, env, name) => {
    const arg = args[0];
    if (args.length !== 1 || arg === undefined) throw new PlanError(`${name}(): takes one predicate`);
    const fields = [...referencedFields(arg, new Set())];
    if (fields.length !== 1) {
      throw new PlanError(`${name}(): the predicate must refer to exactly one field, found ${fields.length === 0 ? 'none' : fields.join(', ')}`);
    }
    const predicate = compileExpr(arg, env);
    return perValue(fields[0] as string, predicate, (value, result, out) => {
      if (result === true) out.push(value);
    });
  },
  mvmap: (args, env, name) => {
    const [target, body] = args;
    if (args.length !== 2 || target === undefined || body === undefined || target.kind !== 'FieldRef') {
      throw new PlanError(`${name}(): takes a field and an expression`);
    }
    const compiled = compileExpr(body, env);
    return perValue(target.name, compiled, (_value, result, out) => {
      const v = toFieldValue(result);
      if (v === undefined || v === null) return;
      for (const s of valuesOf(v)) out.push(s);
    });
  },
};

const COMPILERS: { readonly [K in ExprKind]: Compiler<K> } = {
  StringLiteral: (e) => constant(e.value),
  NumberLiteral: (e) => constant(Number(e.text)),
  NullLiteral: () => nullValue,
  FieldRef: (e) => {
    const name = e.name;
    return (event) => event[name] ?? null;
  },
  Unary: (e, env) => {
    const folded = constantValue(e);
    if (folded !== undefined) return constant(folded.value);
    const inner = compileExpr(e.operand, env);
    if (e.op === 'NOT') return (ev, c) => inner(ev, c) !== true;
    if (e.op === '-') return (ev, c) => negate(inner(ev, c));
    return (ev, c) => negate(negate(inner(ev, c)));
  },
  Binary: (e, env) => binary(e.op, compileExpr(e.left, env), compileExpr(e.right, env), e.right),
  Call: (e, env) => {
    const lower = e.name.toLowerCase();
    const special = SPECIAL_FORMS[lower];
    if (special !== undefined) return special(e.args, env, e.name);
    const def = getEvalFunction(lower);
    if (def === undefined) throw new PlanError(`eval function '${e.name}' is not supported by c2hunt`);
    if (e.args.length < def.minArgs || e.args.length > def.maxArgs) {
      throw new PlanError(`${e.name}() takes ${def.minArgs === def.maxArgs ? def.minArgs : `${def.minArgs} to ${def.maxArgs}`} arguments, got ${e.args.length}`);
    }
    const args: FunctionArg[] = e.args.map((a) => ({ compiled: compileExpr(a, env), constant: constantValue(a) }));
    return def.compile(args, env);
  },
  MacroExpr: (e) => {
    throw new PlanError(`macro \`${e.macro.name}\` is not defined`);
  },
};

/** Compile an expression once; the closure is called per event. Throws PlanError for bad arguments. */
export function compileExpr(e: Expr, env: CompileEnv): Compiled {
  return (COMPILERS[e.kind] as Compiler<ExprKind>)(e as never, env);
}

/**
 * Expressions whose value is always a boolean: eval cannot store them ("The result of an eval expression
 * cannot be a Boolean", SR-eval), so `eval x=a>1` is refused when the query is compiled.
 */
const BOOLEAN_FUNCTIONS = new Set([
  'cidrmatch', 'in', 'isbool', 'isint', 'isnotnull', 'isnull', 'isnum', 'isstr', 'like', 'match', 'searchmatch', 'true', 'false',
]);

export function isBooleanExpr(e: Expr): boolean {
  if (e.kind === 'Unary') return e.op === 'NOT';
  if (e.kind === 'Binary') return !['.', '+', '-', '*', '/', '%'].includes(e.op);
  if (e.kind === 'Call') return BOOLEAN_FUNCTIONS.has(e.name.toLowerCase());
  return false;
}
