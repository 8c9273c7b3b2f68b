/** What the engine can run, as the planner sees it (plan/ does not import engine/). */
import type { Capabilities } from '../plan/types.js';
import { getAggregate } from './aggregates/index.js';
import { getEvalFunction } from './expr/functions/index.js';

export const engineCapabilities: Capabilities = {
  evalFunction(name) {
    const def = getEvalFunction(name);
    return def === undefined ? undefined : { minArgs: def.minArgs, maxArgs: def.maxArgs };
  },
  aggregate(name) {
    const resolved = getAggregate(name);
    return resolved === undefined ? undefined : { field: resolved.def.field };
  },
};
