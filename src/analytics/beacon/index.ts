/** Beacon scoring: RITA v5 baseline, the c2hunt interval scorer, its streaming state and grouping. */
export * from './rita.js';
export * from './config.js';
export * from './score.js';
export * from './accumulator.js';
export * from './distribution.js';
export * from './interval-sketch.js';
export * from './synthetic.js';
export * from './cases.js';
export { formatCount, formatDuration, formatSpan } from './format.js';
export * from './group.js';
