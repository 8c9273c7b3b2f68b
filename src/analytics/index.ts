/** Pure analytic cores called by the detection pack's custom commands. */
export * as beacon from './beacon/index.js';
export * as dns from './dns/index.js';
