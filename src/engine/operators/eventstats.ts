/**
 * `eventstats`: the stats of each BY group, added to every event of the group; events keep their order
 * and every other field (SR-eventstats). Events without a BY field get nothing. It must see all input
 * before it can annotate, so it holds the events (like sort).
 */
import type { Event } from '../../events/event.js';
import type { Aggregator } from '../aggregates/types.js';
import type { AggregateSpec } from '../../plan/types.js';
import type { OperatorContext } from './context.js';
import { bindAggregates, groupKeys, keyText } from './grouping.js';
import type { Operator } from './types.js';
import { detach } from '../../util/detach.js';

export function eventstatsOperator(step: { aggregates: readonly AggregateSpec[]; by: readonly string[] }, ctx: OperatorContext): Operator {
  const bound = bindAggregates(step.aggregates, ctx.env);
  const held: { event: Event; keys: string[] }[] = [];
  const groups = new Map<string, Aggregator[]>();
  const c = ctx.evalContext;
  return {
    push(batch) {
      for (const event of batch) {
        const keys = step.by.length === 0 ? [''] : groupKeys(event, step.by).map(keyText);
        for (const key of keys) {
          let aggs = groups.get(key);
          if (aggs === undefined) {
            aggs = bound.map((b) => b.create());
            groups.set(detach(key), aggs);
          }
          for (let i = 0; i < bound.length; i++) (aggs[i] as Aggregator).add((bound[i] as (typeof bound)[number]).input(event, c), event);
        }
        held.push({ event, keys });
      }
      return [];
    },
    finish() {
      const results = new Map<string, ReturnType<Aggregator['result']>[]>();
      for (const [key, aggs] of groups) results.set(key, aggs.map((a) => a.result()));
      for (const { event, keys } of held) {
        // An event in several groups (multivalue BY field) takes the first group's results. [UNCONFIRMED]
        const values = keys.length === 0 ? undefined : results.get(keys[0] as string);
        if (values === undefined) continue;
        bound.forEach((b, i) => {
          const v = values[i];
          if (v === null || v === undefined) delete event[b.output];
          else event[b.output] = v;
        });
      }
      return held.map((h) => h.event);
    },
  };
}
