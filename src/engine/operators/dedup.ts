/**
 * `dedup [N] fields [keepempty] [consecutive] [keepevents] [sortby ...]` (SR-dedup):
 * keeps the first N events (in current order) per combination of values; a multivalue must match in all
 * its values. Events missing any listed field are dropped unless keepempty=true (then always kept).
 * consecutive=true removes only duplicates that follow each other. keepevents=true keeps every event but
 * removes the listed fields from the duplicates. sortby sorts the survivors.
 * Memory follows the number of distinct combinations (plus the survivors when sortby is given).
 */
import type { Event } from '../../events/event.js';
import { formatNumber } from '../../events/format.js';
import type { SortSpec } from '../../plan/types.js';
import { isMissing } from './context.js';
import { sortComparator } from './sort.js';
import type { Operator } from './types.js';
import { detach } from '../../util/detach.js';

function valueKey(v: Event[string]): string {
  if (Array.isArray(v)) return `[${v.join('\u0001')}]`;
  return typeof v === 'number' ? formatNumber(v) : String(v);
}

export function dedupOperator(step: {
  count: number;
  fields: readonly string[];
  keepempty: boolean;
  consecutive: boolean;
  keepevents: boolean;
  sortby: readonly SortSpec[];
}): Operator {
  const seen = new Map<string, number>();
  let previous: string | undefined;
  let run = 0;
  const held: Event[] = [];
  const sorting = step.sortby.length > 0;

  const admit = (event: Event): boolean | 'strip' => {
    let key = '';
    for (const f of step.fields) {
      const v = event[f];
      if (isMissing(v)) return step.keepempty;
      key += `${valueKey(v as Event[string])}\u0000`;
    }
    let count: number;
    if (step.consecutive) {
      run = key === previous ? run + 1 : 1;
      previous = key;
      count = run;
    } else {
      count = (seen.get(key) ?? 0) + 1;
      seen.set(count === 1 ? detach(key) : key, count);
    }
    if (count <= step.count) return true;
    return step.keepevents ? 'strip' : false;
  };

  return {
    push(batch) {
      const out: Event[] = [];
      for (const event of batch) {
        const verdict = admit(event);
        if (verdict === false) continue;
        if (verdict === 'strip') for (const f of step.fields) delete event[f];
        if (sorting) held.push(event);
        else out.push(event);
      }
      return out;
    },
    finish() {
      if (!sorting) return [];
      return held.sort(sortComparator(step.sortby));
    },
  };
}
