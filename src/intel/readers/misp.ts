/**
 * MISP event JSON: `{"Event": {...}}`, a `{"response": [{"Event": ...}]}` search result, an array of
 * those, or a bare event. Attributes come from `Event.Attribute[]` and `Event.Object[].Attribute[]`.
 * Network types are loaded (ip-dst, ip-src, their `|port` forms, domain, hostname, hostname|port,
 * domain|ip, url); other types (hashes, filenames, e-mail) are summarised as unsupported, one line per
 * type, so a feed of 10,000 hashes does not bury the real problems.
 */
import type { FeedResult, IndicatorKind } from '../types.js';
import { FeedCollector } from './common.js';

const IP: ReadonlySet<IndicatorKind> = new Set(['ip', 'cidr']);
const DOMAIN: ReadonlySet<IndicatorKind> = new Set(['domain']);
const URL_KIND: ReadonlySet<IndicatorKind> = new Set(['url']);

/** MISP type → how to split the value and what each part must be. */
const TYPES: Readonly<Record<string, ReadonlyArray<ReadonlySet<IndicatorKind> | null>>> = {
  'ip-dst': [IP],
  'ip-src': [IP],
  'ip-dst|port': [IP, null],
  'ip-src|port': [IP, null],
  domain: [DOMAIN],
  hostname: [DOMAIN],
  'hostname|port': [DOMAIN, null],
  'domain|ip': [DOMAIN, IP],
  url: [URL_KIND],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readMispFeed(doc: unknown, feed: string): FeedResult {
  const out = new FeedCollector(feed);
  const unsupported = new Map<string, number>();
  const events: Array<[Record<string, unknown>, string]> = [];
  const addEvent = (e: unknown, path: string) => {
    if (isRecord(e) && isRecord(e['Event'])) events.push([e['Event'], `${path}Event`]);
    else if (isRecord(e) && (Array.isArray(e['Attribute']) || Array.isArray(e['Object']))) events.push([e, path]);
    else out.problem({ index: path || '$' }, 'error', 'not a MISP event');
  };
  if (isRecord(doc) && Array.isArray(doc['response'])) doc['response'].forEach((e, i) => addEvent(e, `response[${i}].`));
  else if (Array.isArray(doc)) doc.forEach((e, i) => addEvent(e, `[${i}].`));
  else addEvent(doc, '');

  const attribute = (a: unknown, index: string, eventInfo: string | undefined) => {
    if (!isRecord(a)) {
      out.problem({ index }, 'error', 'attribute is not an object');
      return;
    }
    if (a['deleted'] === true) return;
    const type = typeof a['type'] === 'string' ? a['type'] : '';
    const value = a['value'];
    const parts = TYPES[type];
    if (parts === undefined) {
      unsupported.set(type, (unsupported.get(type) ?? 0) + 1);
      return;
    }
    if (typeof value !== 'string' || value === '') {
      out.problem({ index }, 'error', `${type} attribute has no value`);
      return;
    }
    const values = parts.length > 1 ? value.split('|') : [value];
    if (values.length !== parts.length) {
      out.problem({ index }, 'error', `${type} value should have ${parts.length} parts separated by |`, value);
      return;
    }
    const comment = typeof a['comment'] === 'string' && a['comment'] !== '' ? a['comment'] : eventInfo;
    const ref = typeof a['uuid'] === 'string' ? a['uuid'] : undefined;
    parts.forEach((kinds, i) => {
      if (kinds !== null) out.value(values[i] as string, { index }, { source: type, description: comment, ref }, kinds);
    });
  };

  for (const [event, path] of events) {
    const info = typeof event['info'] === 'string' ? event['info'] : undefined;
    const attrs = event['Attribute'];
    if (Array.isArray(attrs)) attrs.forEach((a, i) => attribute(a, `${path}.Attribute[${i}]`.replace(/^\./, ''), info));
    const objects = event['Object'];
    if (Array.isArray(objects)) {
      objects.forEach((o, j) => {
        const objectAttrs = isRecord(o) ? o['Attribute'] : undefined;
        if (!Array.isArray(objectAttrs)) return;
        objectAttrs.forEach((a, i) => attribute(a, `${path}.Object[${j}].Attribute[${i}]`.replace(/^\./, ''), info));
      });
    }
  }
  for (const [type, n] of [...unsupported.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out.problem({}, 'unsupported', `${n} attribute${n === 1 ? '' : 's'} of type ${JSON.stringify(type)} not matched`);
  }
  return { feed, format: 'misp', indicators: out.indicators, problems: out.problems };
}
