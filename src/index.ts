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
export { hunt, huntEvents, prepareHunt, runHunt, selectDetections, effectiveMacros, resolveConfig } from './hunt/hunt.js';
export type { HuntOptions, HuntResult, HuntInput, DetectionOutcome, PreparedHunt } from './hunt/hunt.js';
export { loadTuningConfig, parseTuningConfig, checkTuningConfig, EMPTY_CONFIG } from './hunt/config.js';
export type { TuningConfig, Allowlist, ConfigProblem } from './hunt/config.js';
export { PROFILE_NAMES, DEFAULT_PROFILE } from './hunt/profiles.js';
export type { ProfileName } from './hunt/profiles.js';
export { formatMacrosConf, formatMacrosYaml } from './hunt/tuning-macros.js';
export { loadPack } from './hunt/pack-adapter.js';
export type { LoadedPack, PackDetection } from './hunt/pack-adapter.js';
export { validateDataset } from './hunt/validate.js';
export type { ValidateResult, ValidateOptions } from './hunt/validate.js';
export { renderReport, renderReportText, REPORT_FORMATS } from './report/index.js';
export type { ReportFormat } from './report/index.js';
export * from './errors.js';

// Readers: every input format, sniffed from content, streamed in batches.
export { readInputs, newReadStats } from './ingest/open.js';
export type { ReadInputsOptions } from './ingest/open.js';
export { readEvtx, readEvtxFile } from './ingest/evtx/index.js';
export type { BadRecord, Prefilter, ReadOptions, ReadStats, InputFormat } from './ingest/types.js';
export type { Event, Value } from './events/event.js';
export type { SourceMeta, SourcetypeNaming } from './events/windows.js';

// Analytics, intel, findings and reports.
export * as beacon from './analytics/beacon/index.js';
export * as dns from './analytics/dns/index.js';
export * as intel from './intel/index.js';
export * as findings from './findings/index.js';
export * as report from './report/index.js';

// The simulator and its ground truth (its scoring `Finding` is the simulator's own, under this namespace).
export * as simulator from './simulate/index.js';

// The detection pack: its detections, macros per profile, lint, and the engine extension commands.
export {
  checkPackDetection,
  loadPackDetections,
  macrosUsed,
  mergeMacros,
  packCommandsUsed,
  packDir,
  packMacros,
  PROFILES,
} from './detections/pack.js';
export type { PackProblem, Profile } from './detections/pack.js';
export { createPackCommands, packCommandList } from './detections/commands/index.js';
export type { PackContext } from './detections/commands/index.js';
export { commandRegistry } from './engine/custom-commands.js';
export type { CommandRegistry, CustomCommand, CustomCommandArgs } from './engine/custom-commands.js';
