/**
 * `makemv` and `mvexpand`.
 * makemv (SR-makemv): split a field's text at `delim` (default one space) or take the matches of
 * `tokenizer` (its first group when it has one); empty values are dropped unless allowempty=true.
 * Internal `_` fields are not changed. One value stays a plain string.
 * mvexpand (SR-mvexpand): one event per value of the field (at most `limit`, 0 = all), each a copy of the
 * event with that single value; events whose field is single-valued or absent pass unchanged
 * [UNCONFIRMED for absent].
 */
import { cloneEvent, type Event } from '../../events/event.js';
import { fromValues, valuesOf } from '../../events/multivalue.js';
import { compileRegex } from '../regex.js';
import type { Operator } from './types.js';

export function makemvOperator(step: { field: string; delim: string; tokenizer: string | null; allowempty: boolean }): Operator {
  const tokenizer = step.tokenizer === null ? null : compileRegex(step.tokenizer, 'makemv tokenizer', 'g');
  const split = (text: string): string[] => {
    if (tokenizer === null) return step.delim === '' ? [text] : text.split(step.delim);
    const out: string[] = [];
    tokenizer.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = tokenizer.exec(text)) !== null) {
      out.push(m.length > 1 ? (m[1] ?? '') : m[0]);
      if (m[0].length === 0) tokenizer.lastIndex++;
    }
    return out;
  };
  return {
    push(batch) {
      if (step.field.startsWith('_')) return batch;
      for (const event of batch) {
        const texts = valuesOf(event[step.field]);
        if (texts.length === 0) continue;
        const values = texts.flatMap(split).filter((v) => step.allowempty || v !== '');
        const v = fromValues(values);
        if (v === null) delete event[step.field];
        else event[step.field] = v;
      }
      return batch;
    },
    finish: () => [],
  };
}

export function mvexpandOperator(step: { field: string; limit: number }): Operator {
  return {
    push(batch) {
      const out: Event[] = [];
      for (const event of batch) {
        const v = event[step.field];
        if (!Array.isArray(v)) {
          out.push(event);
          continue;
        }
        const values = step.limit > 0 ? v.slice(0, step.limit) : v;
        for (const value of values) {
          const copy = cloneEvent(event);
          copy[step.field] = value;
          out.push(copy);
        }
      }
      return out;
    },
    finish: () => [],
  };
}
