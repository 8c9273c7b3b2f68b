/** What the engine can run, as the planner sees it (plan/ does not import engine/). */
import type { Capabilities } from '../plan/types.js';
import { getAggregate } from './aggregates/index.js';
import { getEvalFunction } from './expr/functions/index.js';

const PERCENTILE_PREFIXES: ReadonlySet<string> = new Set(['perc', 'exactperc', 'upperperc']);

export const engineCapabilities: Capabilities = {
  evalFunction(name) {
    const def = getEvalFunction(name);
    return def === undefined ? undefined : { minArgs: def.minArgs, maxArgs: def.maxArgs };
  },
  aggregate(name) {
    // The planner passes canonical names: `perc` for perc95, whose registry entry needs a parameter.
    const resolved = getAggregate(name) ?? (PERCENTILE_PREFIXES.has(name) ? getAggregate(`${name}50`) : undefined);
    return resolved === undefined ? undefined : { field: resolved.def.field };
  },
};
