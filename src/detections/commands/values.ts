/** Reading event values the way the pack's commands need them: one string, or every string of a multivalue. */
import type { Event, Value } from '../../events/event.js';
import { formatNumber } from '../../events/format.js';

/** The first value as text; undefined when absent, null, empty or "-" (Sysmon's empty). */
export function text(v: Value | undefined): string | undefined {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? v[0] : undefined;
  return s === undefined || s === '' || s === '-' ? undefined : s;
}

/** Every value as text (multivalues flattened), without empties and "-". */
export function texts(v: Value | undefined): string[] {
  if (Array.isArray(v)) return v.filter((s) => s !== '' && s !== '-');
  const s = text(v);
  return s === undefined ? [] : [s];
}

/** A number from a number or numeric text; undefined otherwise. */
export function num(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const s = text(v);
  if (s === undefined) return undefined;
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/** The BY values of an event as one key (exact text, like stats), or null when one is missing. */
export function byKey(event: Event, by: readonly string[]): { key: string; values: string[] } | null {
  const values: string[] = [];
  for (const f of by) {
    const s = text(event[f]);
    if (s === undefined) return null;
    values.push(s);
  }
  return { key: values.join('\u0000'), values };
}

/** Set a field, or remove it for null/undefined/empty lists (Splunk has no empty fields). */
export function setField(event: Event, name: string, value: Value | undefined): void {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) delete event[name];
  else event[name] = Array.isArray(value) && value.length === 1 ? (value[0] as string) : value;
}
