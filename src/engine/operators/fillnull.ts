/**
 * `fillnull [value=X] [fields]` (SR-fillnull): replace missing values with X (default `0`). With a field
 * list the fields are created where absent, per event as it streams. Without one it fills every field
 * present anywhere in the results, so it holds the events until the end; internal `_` fields are left
 * alone.
 */
import type { Event } from '../../events/event.js';
import { isMissing } from './context.js';
import type { Operator } from './types.js';

export function fillnullOperator(step: { value: string; fields: readonly string[] }): Operator {
  if (step.fields.length > 0) {
    return {
      push(batch) {
        for (const event of batch) for (const f of step.fields) if (isMissing(event[f])) event[f] = step.value;
        return batch;
      },
      finish: () => [],
    };
  }
  const held: Event[] = [];
  const all = new Set<string>();
  return {
    push(batch) {
      for (const event of batch) {
        for (const name in event) if (!name.startsWith('_')) all.add(name);
        held.push(event);
      }
      return [];
    },
    finish() {
      for (const event of held) for (const f of all) if (isMissing(event[f])) event[f] = step.value;
      return held;
    },
  };
}
