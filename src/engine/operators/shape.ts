/**
 * Commands that choose and name fields: `table`, `fields`, `rename`.
 * - table keeps only the listed fields, in the listed order (wildcards expand to matching fields in the
 *   event's order); a listed field the event lacks is kept as null, so every row has every column
 *   (SR-table: "A listed field that is missing gives an empty cell").
 * - fields + keeps the listed fields and the internal `_` fields (`_raw`, `_time`), which only
 *   `fields - _*` removes (SR-fields); fields - removes the listed ones.
 * - rename a AS b renames in place (field order kept); with wildcards both sides need the same number of
 *   `*` and each `*` carries over what it matched (SR-rename). Renaming onto an existing field replaces
 *   it [UNCONFIRMED].
 * Field-name patterns are case-sensitive (Splexicon-Field).
 */
import { createEvent, type Event } from '../../events/event.js';
import type { Operator } from './types.js';

/** A field-name pattern: `*` matches any run; returns the runs it matched, or null. */
export function fieldPattern(pattern: string): (name: string) => string[] | null {
  if (!pattern.includes('*')) return (name) => (name === pattern ? [] : null);
  const parts = pattern.split('*');
  return (name) => {
    const first = parts[0] as string;
    const last = parts[parts.length - 1] as string;
    if (!name.startsWith(first) || !name.endsWith(last) || name.length < first.length + last.length) return null;
    const captures: string[] = [];
    let pos = first.length;
    const end = name.length - last.length;
    for (let i = 1; i < parts.length - 1; i++) {
      const seg = parts[i] as string;
      const at = name.indexOf(seg, pos);
      if (at < 0 || at + seg.length > end) return null;
      captures.push(name.slice(pos, at));
      pos = at + seg.length;
    }
    captures.push(name.slice(pos, end));
    return captures;
  };
}

export function tableOperator(fields: readonly string[]): Operator {
  const patterns = fields.map((f) => ({ name: f, wild: f.includes('*'), match: fieldPattern(f) }));
  return {
    push: (batch) =>
      batch.map((event) => {
        const row = createEvent();
        for (const p of patterns) {
          if (!p.wild) {
            if (!(p.name in row)) row[p.name] = event[p.name] ?? null;
            continue;
          }
          for (const name in event) if (!(name in row) && p.match(name) !== null) row[name] = event[name] as Event[string];
        }
        return row;
      }),
    finish: () => [],
  };
}

export function fieldsOperator(step: { remove: boolean; fields: readonly string[] }): Operator {
  const matchers = step.fields.map(fieldPattern);
  const listed = (name: string) => matchers.some((m) => m(name) !== null);
  if (step.remove) {
    return {
      push(batch) {
        for (const event of batch) for (const name of Object.keys(event)) if (listed(name)) delete event[name];
        return batch;
      },
      finish: () => [],
    };
  }
  return {
    push: (batch) =>
      batch.map((event) => {
        const row = createEvent();
        for (let i = 0; i < step.fields.length; i++) {
          const f = step.fields[i] as string;
          if (!f.includes('*')) {
            const v = event[f];
            if (v !== undefined) row[f] = v;
          } else {
            const m = matchers[i] as (n: string) => string[] | null;
            for (const name in event) if (!(name in row) && m(name) !== null) row[name] = event[name] as Event[string];
          }
        }
        for (const name in event) if (name.startsWith('_') && !(name in row)) row[name] = event[name] as Event[string];
        return row;
      }),
    finish: () => [],
  };
}

export function renameOperator(pairs: readonly { from: string; to: string }[]): Operator {
  const rules = pairs.map((p) => ({ match: fieldPattern(p.from), toParts: p.to.split('*') }));
  const target = (name: string): string | null => {
    for (const r of rules) {
      const caps = r.match(name);
      if (caps === null) continue;
      let out = r.toParts[0] as string;
      for (let i = 1; i < r.toParts.length; i++) out += (caps[i - 1] ?? '') + (r.toParts[i] as string);
      return out;
    }
    return null;
  };
  return {
    push: (batch) =>
      batch.map((event) => {
        let renamed: Map<string, string> | null = null;
        for (const name in event) {
          const to = target(name);
          if (to !== null && to !== name) (renamed ??= new Map()).set(name, to);
        }
        if (renamed === null) return event;
        const targets = new Set(renamed.values());
        const row = createEvent();
        for (const name in event) {
          const to = renamed.get(name);
          if (to !== undefined) row[to] = event[name] as Event[string];
          else if (!targets.has(name)) row[name] = event[name] as Event[string];
        }
        return row;
      }),
    finish: () => [],
  };
}
