/**
 * JSON values → field values. Every format normalizes to strings as Windows rendered them, so a JSON
 * number 3 becomes "3" and `true` becomes "true" (Sysmon writes lowercase booleans); an empty string or
 * null is no field (Splunk yields no field for an empty value); arrays become multivalues.
 */
import type { Event } from './event.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A scalar as field text; objects inside arrays are kept as compact JSON. */
function scalarText(v: Json): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return null;
  return JSON.stringify(v);
}

/** A JSON value as a field value: string, multivalue, or null for nothing. */
export function jsonFieldValue(v: unknown): string | string[] | null {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v as Json[]) {
      const t = scalarText(item);
      if (t !== null) out.push(t);
    }
    if (out.length === 0) return null;
    return out.length === 1 ? out[0]! : out;
  }
  return scalarText(v as Json);
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Copy every leaf of `obj` onto `event`, nested keys joined with dots (`process.executable`), the way
 * Splunk's JSON extraction names them. `skip` decides keys (full dotted path) not to copy.
 */
export function flattenInto(event: Event, obj: JsonObject, prefix = '', skip?: (path: string) => boolean): void {
  for (const key of Object.keys(obj)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (skip?.(path) === true) continue;
    const v = obj[key];
    if (isJsonObject(v)) {
      flattenInto(event, v, path, skip);
      continue;
    }
    const value = jsonFieldValue(v);
    if (value !== null) event[path] = value;
  }
}

/** The value at a dotted path, whether the JSON nests it (`{"a":{"b":1}}`) or flattens it (`{"a.b":1}`). */
export function pick(obj: JsonObject, path: string): unknown {
  if (Object.hasOwn(obj, path)) return obj[path];
  let cur: unknown = obj;
  let rest = path;
  while (isJsonObject(cur)) {
    if (Object.hasOwn(cur, rest)) return cur[rest];
    const dot = rest.indexOf('.');
    if (dot === -1) return undefined;
    cur = cur[rest.slice(0, dot)];
    rest = rest.slice(dot + 1);
  }
  return undefined;
}
