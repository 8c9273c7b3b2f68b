/**
 * JSON eval functions: spath(X, path) extracts values from a JSON string (SR-spath, eval form), and
 * json_valid(X) tests that X parses.
 *
 * Path steps are separated by `.`; a step is a key, optionally followed by `{N}` (array element N,
 * 0-based [UNCONFIRMED]: the docs only say the index "differs between JSON and XML") or `{}` (every
 * element). Leaves render as text: strings unquoted, numbers and booleans as JSON writes them, JSON
 * null as `null`; objects and arrays as compact JSON. Several matches make a multivalue; none, or text
 * that is not JSON, gives null.
 */
import { fromValues } from '../../../events/multivalue.js';
import type { EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { argError, constantString, defineFunction, scalarText, unary } from './define.js';

type Step = { readonly key: string | null; readonly index: number | 'all' | null };

const STEP_RE = /^([^{}]*)((?:\{\d*\})*)$/;

/** Parse a path, or null when it is malformed. */
export function parseJsonPath(path: string): Step[] | null {
  const steps: Step[] = [];
  for (const part of path.split('.')) {
    const m = STEP_RE.exec(part);
    if (m === null) return null;
    const key = m[1] as string;
    const indexes = (m[2] as string).match(/\{\d*\}/g) ?? [];
    if (key === '' && indexes.length === 0) return null;
    if (key !== '') steps.push({ key, index: null });
    for (const ix of indexes) steps.push({ key: null, index: ix === '{}' ? 'all' : Number(ix.slice(1, -1)) });
  }
  return steps;
}

function render(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Every value at `steps` in a parsed JSON document, rendered as text. */
export function extractJson(doc: unknown, steps: readonly Step[]): string[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.key !== null) {
        if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, step.key)) {
          next.push((node as Record<string, unknown>)[step.key]);
        }
      } else if (Array.isArray(node)) {
        if (step.index === 'all') next.push(...node);
        else if (typeof step.index === 'number' && step.index < node.length) next.push(node[step.index]);
      }
    }
    current = next;
  }
  return current.map(render);
}

function parseJson(text: string): { ok: true; doc: unknown } | { ok: false } {
  try {
    return { ok: true, doc: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function spath(v: ExprValue | undefined, steps: readonly Step[]): ExprValue {
  const text = scalarText(v);
  if (text === null) return null;
  const parsed = parseJson(text);
  return parsed.ok ? fromValues(extractJson(parsed.doc, steps)) : null;
}

const spathFunction = defineFunction('spath', 2, 2, ([x, p]) => {
  const xc = (x as FunctionArg).compiled;
  const literal = constantString(p);
  if (literal !== undefined) {
    const steps = literal === null ? null : parseJsonPath(literal);
    if (steps === null) throw argError('spath', `${JSON.stringify(literal)} is not a path such as "a.b{0}.c"`);
    return (event, ctx) => spath(xc(event, ctx), steps);
  }
  const pc = (p as FunctionArg).compiled;
  return (event, ctx) => {
    const path = scalarText(pc(event, ctx));
    const steps = path === null ? null : parseJsonPath(path);
    return steps === null ? null : spath(xc(event, ctx), steps);
  };
});

export const jsonFunctions: readonly EvalFunctionDef[] = [
  spathFunction,
  unary('json_valid', (v) => {
    const text = scalarText(v);
    return text !== null && parseJson(text).ok;
  }),
];
