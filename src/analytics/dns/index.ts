/** DNS analytics over Sysmon EID 22: DGA-like names, tunnelling, NXDOMAIN bursts, rarity, LOLBin queries, resolution joins. */
export * from './names.js';
export * from './fields.js';
export * from './distinct.js';
export * from './label-model.js';
export * from './tunnel.js';
export * from './nxdomain.js';
export * from './rarity.js';
export * from './lolbin.js';
export * from './resolution.js';
