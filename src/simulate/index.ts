/** The simulator's public API (used by the CLI, and by `demo` and `validate`). */
export { simulate, simulateToTempDir, listScenarios, selectScenarios, DEFAULTS, GENERATOR_VERSION } from './simulate.js';
export type { SimulateOptions, SimulateResult, Manifest, Counts, EntityRecord } from './simulate.js';
export { OUTPUT_FORMATS, type OutputFormat } from './writers/index.js';
export { SCENARIOS } from './scenarios/index.js';
export { BENIGN_SOURCES } from './benign/index.js';
export { BENIGN_CATEGORIES, SEED_FALSE_POSITIVE_CATEGORIES, CHANNEL_NAMES, type Label, type BenignCategory } from './model.js';
export { parseStart, parseUtcOffset, DEFAULT_START } from './clock.js';
