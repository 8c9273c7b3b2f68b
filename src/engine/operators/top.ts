/**
 * `top` and `rare` (SR-top): count each combination of the fields (within each BY group), most common
 * first for top and least common first for rare, keep `limit` (default 10, 0 = all), and add `count` and
 * `percent` (count / events counted in the group × 100). A multivalue field counts each value.
 * Ties keep the order in which combinations first appeared [UNCONFIRMED]; percent is rounded to six
 * decimals as Splunk displays it [UNCONFIRMED]. `useother=true` adds one row for the rest.
 */
import { createEvent, type Event } from '../../events/event.js';
import { compareGroupKeys } from '../../events/compare.js';
import { groupKeys, keyText, type KeyValue } from './grouping.js';
import type { Operator } from './types.js';
import { detach, detachValue } from '../../util/detach.js';

export interface TopStep {
  readonly rare: boolean;
  readonly limit: number;
  readonly fields: readonly string[];
  readonly by: readonly string[];
  readonly countfield: string;
  readonly percentfield: string;
  readonly showcount: boolean;
  readonly showperc: boolean;
  readonly useother: boolean;
  readonly otherstr: string;
}

interface Bucket {
  readonly byKey: KeyValue[];
  total: number;
  readonly counts: Map<string, { values: KeyValue[]; count: number }>;
}

export function topOperator(step: TopStep): Operator {
  const buckets = new Map<string, Bucket>();
  const all = [...step.by, ...step.fields];
  return {
    push(batch) {
      for (const event of batch) {
        for (const combo of groupKeys(event, all)) {
          const byKey = combo.slice(0, step.by.length);
          const values = combo.slice(step.by.length);
          const bk = keyText(byKey);
          let bucket = buckets.get(bk);
          if (bucket === undefined) {
            bucket = { byKey: byKey.map((k) => detachValue(k)), total: 0, counts: new Map() };
            buckets.set(detach(bk), bucket);
          }
          bucket.total++;
          const vk = keyText(values);
          const entry = bucket.counts.get(vk);
          if (entry === undefined) bucket.counts.set(detach(vk), { values: values.map((k) => detachValue(k)), count: 1 });
          else entry.count++;
        }
      }
      return [];
    },
    finish() {
      const out: Event[] = [];
      const ordered = [...buckets.values()].sort((a, b) => compareGroupKeys(a.byKey, b.byKey));
      for (const bucket of ordered) {
        const entries = [...bucket.counts.values()];
        entries.sort((a, b) => (step.rare ? a.count - b.count : b.count - a.count));
        const kept = Number.isFinite(step.limit) ? entries.slice(0, step.limit) : entries;
        const row = (values: readonly KeyValue[], count: number): Event => {
          const r = createEvent();
          step.by.forEach((f, i) => (r[f] = bucket.byKey[i] as KeyValue));
          step.fields.forEach((f, i) => (r[f] = values[i] as KeyValue));
          if (step.showcount) r[step.countfield] = count;
          if (step.showperc) r[step.percentfield] = Math.round((count / bucket.total) * 100 * 1e6) / 1e6;
          return r;
        };
        for (const e of kept) out.push(row(e.values, e.count));
        if (step.useother && kept.length < entries.length) {
          const rest = entries.slice(kept.length).reduce((n, e) => n + e.count, 0);
          out.push(row(step.fields.map(() => step.otherstr), rest));
        }
      }
      return out;
    },
  };
}
