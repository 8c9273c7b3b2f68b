/**
 * `stats`: one row per BY group (one row in all without BY, even for no input), with the BY fields and
 * the aggregates. Rows come out ascending by the BY tuple (spl-semantics §4.1, compareGroupKeys, here on keys prepared once per group). State is
 * one set of aggregators per group, so memory follows the number of groups, not of events.
 */
import { createEvent, type Event } from '../../events/event.js';
import { compareGroupSortKeys, groupSortKey } from '../../events/compare.js';
import type { Aggregator } from '../aggregates/types.js';
import type { AggregateSpec } from '../../plan/types.js';
import type { OperatorContext } from './context.js';
import { bindAggregates, groupKeys, keyText, simpleKey, type KeyValue } from './grouping.js';
import type { Operator } from './types.js';
import { detach, detachValue } from '../../util/detach.js';

interface Group {
  readonly key: KeyValue[];
  readonly aggs: Aggregator[];
}

export function statsOperator(
  step: { aggregates: readonly AggregateSpec[]; by: readonly string[]; dedupSplitvals: boolean },
  ctx: OperatorContext,
): Operator {
  const bound = bindAggregates(step.aggregates, ctx.env);
  const by = step.by;
  const groups = new Map<string, Group>();
  const c = ctx.evalContext;
  // Keys outlive their events: detached, so a group does not keep its first event's record alive.
  const newGroup = (key: KeyValue[]): Group => ({ key: key.map((k) => detachValue(k)), aggs: bound.map((b) => b.create()) });
  if (by.length === 0) groups.set('', newGroup([]));

  const feed = (group: Group, event: Event) => {
    for (let i = 0; i < bound.length; i++) {
      const b = bound[i] as (typeof bound)[number];
      (group.aggs[i] as Aggregator).add(b.input(event, c), event);
    }
  };

  const addTo = (key: KeyValue[], event: Event) => {
    const text = keyText(key);
    let group = groups.get(text);
    if (group === undefined) {
      group = newGroup(key);
      groups.set(detach(text), group);
    }
    feed(group, event);
  };

  return {
    push(batch) {
      for (const event of batch) {
        if (by.length === 0) {
          feed(groups.get('') as Group, event);
          continue;
        }
        const key = simpleKey(event, by);
        if (key === null) continue;
        if (key !== undefined) addTo(key, event);
        else for (const k of groupKeys(event, by, step.dedupSplitvals)) addTo(k, event);
      }
      return [];
    },
    finish() {
      const keyed = [...groups.values()].map((group) => ({ group, sortKey: groupSortKey(group.key) }));
      keyed.sort((a, b) => compareGroupSortKeys(a.sortKey, b.sortKey));
      const rows: Event[] = new Array<Event>(keyed.length);
      for (let g = 0; g < keyed.length; g++) {
        const group = keyed[g]!.group;
        const row = createEvent();
        for (let i = 0; i < by.length; i++) row[by[i]!] = group.key[i] as KeyValue;
        for (let i = 0; i < bound.length; i++) row[bound[i]!.output] = (group.aggs[i] as Aggregator).result();
        rows[g] = row;
      }
      return rows;
    },
  };
}
