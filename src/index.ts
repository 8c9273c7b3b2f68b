/**
 * The c2hunt library API (re-exports only). Other parts of the pipeline add their exports here as they
 * land: readers, hunt, simulate, transpile.
 */
export { runSpl, runCompiledSpl, checkSpl, compileSpl, describeProblem } from './engine/run-spl.js';
export type { SplOptions, SplInput, SplResult, SplRunStats, SplCheck, CompiledSpl, ReadHints } from './engine/run-spl.js';
export { directoryLookups } from './engine/lookups.js';
export { loadMacros, parseMacros } from './engine/macros.js';
export { parseSpl, parseSplExpression, parseSearchExpression } from './spl/parser.js';
export { printSpl, printExpr, printSearch } from './spl/print.js';
export { Ast, spanOf } from './spl/ast.js';
export type * from './spl/ast.js';
export { planQuery } from './plan/plan-query.js';
export type { LogicalPlan, PlanStep, PlanProblem, ProblemKind } from './plan/types.js';
export { loadDetection, parseDetection } from './detections/load-detection.js';
export type { Detection } from './detections/load-detection.js';
export { formatRows } from './report/rows.js';
export type { RowFormat } from './report/rows.js';
export * from './errors.js';
