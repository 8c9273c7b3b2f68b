/** Threat-intel feeds (plain, CSV, STIX 2.1, MISP) and the indicator matcher. */
export * from './types.js';
export * from './classify.js';
export * from './indicator-set.js';
export * from './load.js';
export { readPlainFeed } from './readers/plain.js';
export { readCsvFeed } from './readers/csv.js';
export { readStixFeed } from './readers/stix.js';
export { readMispFeed } from './readers/misp.js';
export { evaluateStixPattern, StixPatternError } from './readers/stix-pattern.js';
