/**
 * The stats aggregate registry (arquero-style: aggregates are data). `getAggregate` resolves a function
 * name as written in a query, including the percentile forms `perc95`, `p95`, `exactperc99.9`,
 * `upperperc5`, and returns the definition with its parameter and a factory that picks the
 * no-field variant (`count` vs `count(X)`). Names are case-insensitive [UNCONFIRMED].
 */
import { countingAggregates } from './counting.js';
import { multivalueAggregates } from './multivalue.js';
import { numericAggregates } from './numeric.js';
import { orderAggregates } from './order.js';
import { positionAggregates } from './position.js';
import type { AggregateDef, Aggregator } from './types.js';

const REGISTRY = new Map<string, AggregateDef>();
for (const def of [
  ...countingAggregates,
  ...numericAggregates,
  ...orderAggregates,
  ...multivalueAggregates,
  ...positionAggregates,
]) {
  for (const name of [def.name, ...(def.aliases ?? [])]) {
    if (REGISTRY.has(name)) throw new Error(`aggregate ${name} is defined twice`);
    REGISTRY.set(name, def);
  }
}

/** Percentile functions take their parameter from the name: perc95, p99.9, exactperc50, upperperc1. */
const PERCENTILE_RE = /^(perc|p|exactperc|upperperc)(\d+(?:\.\d+)?)$/;
const PERCENTILE_FAMILY = new Set(['perc', 'exactperc', 'upperperc']);

export interface ResolvedAggregate {
  readonly def: AggregateDef;
  /** The percentile, for perc-family names. */
  readonly param: number | undefined;
  /** Fresh state for one group; `hasField` false selects `count`'s count-the-events form. */
  create(hasField: boolean): Aggregator;
}

/** Resolve a stats function name, or undefined when c2hunt does not implement it. */
export function getAggregate(name: string): ResolvedAggregate | undefined {
  const lower = name.toLowerCase();
  let def = REGISTRY.get(lower);
  let param: number | undefined;
  if (def === undefined || PERCENTILE_FAMILY.has(def.name)) {
    const m = PERCENTILE_RE.exec(lower);
    if (m === null) return undefined;
    param = Number(m[2]);
    if (param > 100) return undefined;
    def = REGISTRY.get(m[1] as string);
    if (def === undefined) return undefined;
  }
  const resolved = def;
  return {
    def: resolved,
    param,
    create: (hasField) =>
      !hasField && resolved.createWithoutField !== undefined
        ? resolved.createWithoutField(param)
        : resolved.create(param),
  };
}

/** Every aggregate name c2hunt implements (percentiles as their prefix), sorted. */
export const aggregateNames: readonly string[] = [...REGISTRY.keys()].sort();
