/**
 * The `explain:` template of a detection's finding block: text with `{Field}` or `{Field:format}`
 * placeholders, parsed once per detection. Rendering only looks fields up and formats them; nothing in
 * a template or a field value is ever evaluated. A missing field renders as "-".
 *
 * Formats: count (1,440), duration (60 s), time (ISO 8601 UTC), percent (a 0–1 ratio: 12.5%),
 * decimal (three decimals at most). `{{` and `}}` are literal braces.
 */
import type { Event, Value } from '../events/event.js';
import { formatCount, formatDecimal, formatDuration, formatIsoTime } from '../util/format.js';
import { isAbsent, toEpoch, toNumber } from './values.js';

export type TemplateFormat = 'count' | 'duration' | 'time' | 'percent' | 'decimal';

const FORMATS: Record<TemplateFormat, (v: Value) => string | undefined> = {
  count: (v) => mapNumber(v, formatCount),
  duration: (v) => mapNumber(v, formatDuration),
  time: (v) => {
    const t = toEpoch(v);
    return t === undefined ? undefined : formatIsoTime(t);
  },
  percent: (v) => mapNumber(v, (n) => `${formatDecimal(n * 100, 1)}%`),
  decimal: (v) => mapNumber(v, (n) => formatDecimal(n)),
};

function mapNumber(v: Value, f: (n: number) => string): string | undefined {
  const n = toNumber(v);
  return n === undefined ? undefined : f(n);
}

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly field: string; readonly format: TemplateFormat | undefined };

export interface TemplateError {
  readonly message: string;
  /** 0-based offset in the template text. */
  readonly offset: number;
}

export const MAX_TEMPLATE_LENGTH = 2000;
/** Longest text one placeholder may put into an explanation. */
export const MAX_VALUE_LENGTH = 120;
const MAX_LIST_VALUES = 5;

function isFormat(s: string): s is TemplateFormat {
  return Object.hasOwn(FORMATS, s);
}

/** Parse a template into parts, or report the first error with its offset. */
export function parseTemplate(text: string): { parts: TemplatePart[] } | { error: TemplateError } {
  if (text.length > MAX_TEMPLATE_LENGTH) {
    return { error: { message: `longer than ${MAX_TEMPLATE_LENGTH} characters`, offset: MAX_TEMPLATE_LENGTH } };
  }
  const parts: TemplatePart[] = [];
  let buf = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '{' && text[i + 1] === '{') {
      buf += '{';
      i += 2;
    } else if (c === '}' && text[i + 1] === '}') {
      buf += '}';
      i += 2;
    } else if (c === '}') {
      return { error: { message: "unmatched '}' (write '}}' for a literal brace)", offset: i } };
    } else if (c === '{') {
      const end = text.indexOf('}', i + 1);
      if (end < 0) return { error: { message: "unclosed '{'", offset: i } };
      const inner = text.slice(i + 1, end);
      if (inner.includes('{')) return { error: { message: "'{' inside a placeholder", offset: i } };
      const colon = inner.lastIndexOf(':');
      const field = (colon >= 0 ? inner.slice(0, colon) : inner).trim();
      const format = colon >= 0 ? inner.slice(colon + 1).trim() : undefined;
      if (field === '') return { error: { message: 'empty field name', offset: i } };
      if (format !== undefined && !isFormat(format)) {
        return {
          error: { message: `unknown format '${format}' (use ${Object.keys(FORMATS).join(', ')})`, offset: i },
        };
      }
      if (buf !== '') parts.push({ kind: 'text', text: buf });
      buf = '';
      parts.push({ kind: 'field', field, format });
      i = end + 1;
    } else {
      buf += c;
      i++;
    }
  }
  if (buf !== '') parts.push({ kind: 'text', text: buf });
  return { parts };
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  // Do not split a surrogate pair.
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

function plain(v: Value): string {
  if (typeof v === 'number') return formatDecimal(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const shown = v.slice(0, MAX_LIST_VALUES).join(', ');
    return v.length > MAX_LIST_VALUES ? `${shown} … (+${v.length - MAX_LIST_VALUES} more)` : shown;
  }
  return '-';
}

/** Fill a parsed template from a row. */
export function renderTemplate(parts: readonly TemplatePart[], row: Event): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const v = row[part.field];
    if (isAbsent(v)) {
      out += '-';
      continue;
    }
    const text = part.format === undefined ? plain(v) : (FORMATS[part.format](v) ?? plain(v));
    out += clip(text, MAX_VALUE_LENGTH);
  }
  return out;
}
