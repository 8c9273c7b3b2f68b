/**
 * The eval-function registry: every function c2hunt implements, by name. Lookups are case-insensitive
 * (`IF(…)` and `if(…)` are the same function) [UNCONFIRMED]. The expression compiler checks arity with
 * minArgs/maxArgs and calls `compile` once per call site; `--check` lists `evalFunctionNames`.
 */
import type { EvalFunctionDef } from '../types.js';
import { conditionalFunctions } from './conditional.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { jsonFunctions } from './json.js';
import { mathFunctions } from './math.js';
import { multivalueFunctions } from './multivalue.js';
import { netFunctions } from './net.js';
import { stringFunctions } from './string.js';
import { timeFunctions } from './time.js';

const FAMILIES: readonly (readonly EvalFunctionDef[])[] = [
  conditionalFunctions,
  stringFunctions,
  multivalueFunctions,
  mathFunctions,
  conversionFunctions,
  timeFunctions,
  netFunctions,
  cryptoFunctions,
  jsonFunctions,
];

function buildRegistry(): ReadonlyMap<string, EvalFunctionDef> {
  const registry = new Map<string, EvalFunctionDef>();
  for (const family of FAMILIES) {
    for (const def of family) {
      const key = def.name.toLowerCase();
      if (registry.has(key)) throw new Error(`eval function ${def.name} is defined twice`);
      registry.set(key, def);
    }
  }
  return registry;
}

const REGISTRY = buildRegistry();

/** The definition of an eval function, or undefined when c2hunt does not implement it. */
export function getEvalFunction(name: string): EvalFunctionDef | undefined {
  return REGISTRY.get(name.toLowerCase());
}

/** Every implemented eval function name, sorted. */
export const evalFunctionNames: readonly string[] = [...REGISTRY.keys()].sort();
