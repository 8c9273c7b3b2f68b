/** The simulator's public API (used by the CLI, and by `demo` and `validate`). */
export { simulate, simulateToTempDir, listScenarios, selectScenarios, DEFAULTS, DEMO_OPTIONS, GENERATOR_VERSION } from './simulate.js';
export type { SimulateOptions, SimulateResult, Manifest, Counts, EntityRecord } from './simulate.js';
export { OUTPUT_FORMATS, type OutputFormat } from './writers/index.js';
export { SCENARIOS } from './scenarios/index.js';
export { BENIGN_SOURCES } from './benign/index.js';
export { BENIGN_CATEGORIES, SEED_FALSE_POSITIVE_CATEGORIES, CHANNEL_NAMES, type Label, type BenignCategory } from './model.js';
export { parseStart, parseUtcOffset, DEFAULT_START } from './clock.js';
export { score, findingMatches, hostMatches, processMatches, destinationMatches } from './score.js';
export type { Finding, TruthEntity, ScoreInput, ScoreReport, ScenarioScore, DetectionScore, CategoryFalsePositives } from './score.js';
export { readManifest, readEntities, readLabelLines, labelJoinKey, type LabelLine } from './ground-truth.js';
