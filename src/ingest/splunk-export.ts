/**
 * Splunk search results (JSON export lines `{"result": {...}}`, or CSV export rows) → events.
 *
 * When `_raw` holds Windows event XML it is parsed exactly like the XML reader does, so an exported event
 * has the same fields as the original; the export's own columns fill in what the XML does not give
 * (CIM aliases, eventtype, tag, …). `host`, `source`, `sourcetype`, `index` and `_time` are kept as Splunk
 * set them, since a query written against that Splunk expects them (`--sourcetype` and `--index` still
 * override). Without XML in `_raw`, the columns are the fields.
 */
import { createEvent, type Event } from '../events/event.js';
import { jsonFieldValue } from '../events/json-fields.js';
import { parseUtcTimestamp } from '../events/time.js';
import { finishWindowsEvent, type SourceMeta } from '../events/windows.js';
import { parseEventXml } from './xml-event.js';

const SPLUNK_META = ['host', 'source', 'sourcetype', 'index'] as const;

/** `_time` as exported: ISO 8601 with an offset (`2023-01-11T15:29:45.832+00:00`) or epoch seconds. */
export function parseSplunkTime(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  if (/^\d{1,12}(\.\d+)?$/.test(v)) return Number(v);
  return parseUtcTimestamp(v);
}

/** `__mv_X` columns (outputcsv): `$a$;$b$`, with `$$` for a literal `$`. */
function decodeMv(text: string): string[] | null {
  const values: string[] = [];
  const re = /\$((?:[^$]|\$\$)*)\$(?:;|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) values.push(m[1]!.replace(/\$\$/g, '$'));
  return re.lastIndex === text.length && values.length > 0 ? values : null;
}

/**
 * Build an event from one exported result. Returns the event, or a string saying why the record is bad
 * (the XML in `_raw` is malformed).
 */
export function normalizeSplunkResult(
  result: Record<string, unknown>,
  meta: SourceMeta,
  keepRaw: boolean,
  fallbackSourcetype: string,
): Event | string {
  const event = createEvent();
  const raw = result['_raw'];
  let windows = false;
  if (typeof raw === 'string' && /^\s*<Event[\s>]/.test(raw)) {
    const err = parseEventXml(raw, event);
    if (err !== null) return `_raw is not valid event XML: ${err}`;
    windows = true;
  }
  if (keepRaw && typeof raw === 'string' && raw !== '') event['_raw'] = raw;

  for (const key of Object.keys(result)) {
    if (key === '_raw' || key === '_time' || event[key] !== undefined) continue;
    if (key.startsWith('__mv_')) {
      // A multivalue whose plain column is empty still counts.
      const name = key.slice(5);
      const mv = result[key];
      const values = typeof mv === 'string' && event[name] === undefined && result[name] === undefined ? decodeMv(mv) : null;
      if (values !== null) event[name] = values.length === 1 ? values[0]! : values;
      continue;
    }
    const mv = result[`__mv_${key}`];
    const decoded = typeof mv === 'string' && mv !== '' ? decodeMv(mv) : null;
    const value = decoded ?? jsonFieldValue(result[key]);
    if (value !== null) event[key] = value;
  }
  const time = parseSplunkTime(result['_time']);
  if (time !== null) event['_time'] = time;

  const kept: Partial<Record<(typeof SPLUNK_META)[number], Event[string]>> = {};
  for (const k of SPLUNK_META) if (event[k] !== undefined) kept[k] = event[k];
  finishWindowsEvent(event, meta);
  for (const k of SPLUNK_META) if (kept[k] !== undefined) event[k] = kept[k];
  if (meta.sourcetype !== undefined) event['sourcetype'] = meta.sourcetype;
  if (meta.indexFromFlag === true) event['index'] = meta.index;
  if (!windows && event['Channel'] === undefined) {
    if (kept.sourcetype === undefined && meta.sourcetype === undefined) event['sourcetype'] = fallbackSourcetype;
    if (kept.source === undefined) event['source'] = meta.file;
  }
  return event;
}
