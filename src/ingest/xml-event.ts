/**
 * One Windows event XML record (`<Event>…</Event>`) → Splunk fields, parsed with saxes.
 *
 * saxes checks well-formedness (tag nesting, attribute syntax, entity references), so broken XML becomes
 * a bad record rather than half an event. It never reads a DTD or expands a custom entity [saxes
 * README, "Regarding <!DOCTYPE and <!ENTITY"]; on top of that a `<!DOCTYPE` rejects the record, and so
 * does a reference to an undefined entity (XXE and billion-laughs input). A hand-written scanner was
 * measured against it on bench/ingest.mjs and was not twice as fast, so the library stays (see
 * docs/formats.md). One parser is reused for every record: saxes resets itself after `close()`.
 *
 * Field names (docs/field-mapping.md):
 * - `<System>` children: element text under the element name, attributes under the attribute name
 *   (`systemFieldName`); `TimeCreated/@SystemTime` → `SystemTime` in Windows' rendering.
 * - `<EventData><Data Name="X">` → `X`; unnamed `<Data>` → `Data`; a repeated name becomes a multivalue.
 * - `<UserData>` and any other section: each leaf element → its local name.
 * - `<RenderingInfo><Message>` → `Message`; the other rendered strings are left out (they would collide
 *   with the numeric System fields of the same names).
 * An empty value is no field, as in Splunk, where an extraction with an empty value yields no field.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { appendField, createEvent, type Event, type Value } from '../events/event.js';
import { shapedEvent } from '../events/event-shapes.js';
import { normalizeSystemTime } from '../events/time.js';
import { deriveWindowsFields, finishWindowsEvent, systemFieldName, type SourceMeta } from '../events/windows.js';
import { scanEventXml, type Attributes, type ElementSink } from './xml-event-fast.js';
import { detach } from '../util/detach.js';

const enum Section {
  None,
  System,
  EventData,
  UserData,
  Rendering,
  Other,
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function sectionOf(local: string): Section {
  switch (local) {
    case 'System':
      return Section.System;
    case 'EventData':
      return Section.EventData;
    case 'UserData':
      return Section.UserData;
    case 'RenderingInfo':
      return Section.Rendering;
    default:
      return Section.Other;
  }
}

/** Per-record state, reset before each record; the parser's handlers write into it. */
const enum Op {
  /** appendField: a repeated name becomes a multivalue. */
  Append,
  /** Assignment: a repeated name keeps the last value. */
  Set,
}

class RecordBuilder implements ElementSink {
  /** The record's fields in the order found, with how each is stored (replayed by `writeTo`). */
  readonly names: string[] = [];
  readonly values: string[] = [];
  readonly ops: Op[] = [];
  count = 0;
  error: string | null = null;
  depth = 0;
  section = Section.None;
  dataName: string | null = null;
  leafText = '';
  /** childSeen[d]: the open element at depth d has had a child element (so it is no leaf). */
  readonly childSeen: boolean[] = [];

  reset(): void {
    this.count = 0;
    this.error = null;
    this.depth = 0;
    this.section = Section.None;
    this.dataName = null;
    this.leafText = '';
  }

  fail(reason: string): void {
    if (this.error === null) this.error = reason;
  }

  private field(name: string, value: string, op: Op): void {
    this.names[this.count] = name;
    // A value sliced from the record text would keep the whole record alive wherever it is held after
    // its event (group keys, indexes): util/detach.ts.
    this.values[this.count] = detach(value);
    this.ops[this.count++] = op;
  }

  /** Store the fields on an event, exactly as writing them one by one in document order. */
  writeTo(event: Event, count = this.count): void {
    for (let i = 0; i < count; i++) {
      if (this.ops[i] === Op.Append) appendField(event, this.names[i]!, this.values[i]!);
      else event[this.names[i]!] = this.values[i]!;
    }
  }

  open(name: string, attrs: Attributes): void {
    const depth = ++this.depth;
    const local = localName(name);
    if (depth === 1 && local !== 'Event') this.fail(`root element is <${name}>, not <Event>`);
    if (depth > 64) this.fail('elements nested more than 64 deep');
    if (depth > 1) this.childSeen[depth - 1] = true;
    this.childSeen[depth] = false;
    this.leafText = '';
    if (depth === 2) this.section = sectionOf(local);
    if (depth !== 3) return;
    if (this.section === Section.System) {
      for (let i = 0; i < attrs.count; i++) {
        const attr = attrs.names[i]!;
        const value = attrs.values[i]!;
        if (value === '' || attr === 'xmlns' || attr.startsWith('xmlns:')) continue;
        if (local === 'TimeCreated' && attr === 'SystemTime') this.field('SystemTime', normalizeSystemTime(value), Op.Set);
        else this.field(systemFieldName(local, localName(attr)), value, Op.Append);
      }
    } else if (this.section === Section.EventData) {
      // Attribute names are unique (a repeated one is a well-formedness error), so the first is the one.
      const at = attrs.names.indexOf('Name');
      const dataName = at === -1 || at >= attrs.count ? '' : attrs.values[at]!;
      this.dataName = dataName === '' ? null : dataName;
    }
  }

  text(text: string): void {
    if (this.depth > 0) this.leafText += text;
  }

  close(name: string): void {
    const depth = this.depth--;
    if (depth <= 1) return;
    const value = this.leafText;
    this.leafText = '';
    if (this.childSeen[depth] === true || value === '') return;
    const local = localName(name);
    switch (this.section) {
      case Section.System:
        if (depth === 3) this.field(systemFieldName(local), value, Op.Append);
        break;
      case Section.EventData:
        if (depth === 3) this.field(local === 'Data' ? (this.dataName ?? 'Data') : local, value, Op.Append);
        break;
      case Section.Rendering:
        if (depth === 3 && local === 'Message') this.field('Message', value, Op.Set);
        break;
      case Section.UserData:
      case Section.Other:
        if (depth >= 3) this.field(local, value, Op.Append);
        break;
      case Section.None:
        break;
    }
  }
}

const builder = new RecordBuilder();
const parser = new SaxesParser();
/** saxes gives attributes as an object in document order; the builder reads them as a list. */
const saxesAttributes: Attributes = { names: [], values: [], count: 0 };
parser.on('opentag', (tag) => {
  const attrs = (tag as SaxesTagPlain).attributes;
  let n = 0;
  for (const name in attrs) {
    saxesAttributes.names[n] = name;
    saxesAttributes.values[n++] = attrs[name]!;
  }
  saxesAttributes.count = n;
  builder.open(tag.name, saxesAttributes);
});
parser.on('closetag', (tag) => builder.close(tag.name));
parser.on('text', (text) => builder.text(text));
parser.on('cdata', (text) => builder.text(text));
parser.on('doctype', () => builder.fail('DOCTYPE in event XML (DTDs and entities are never expanded)'));
parser.on('error', (err) => builder.fail(err.message));

/** Parse a record into the builder: the scanner when it can, else saxes. Null, or why it is malformed. */
function parseRecord(text: string): string | null {
  builder.reset();
  if (scanEventXml(text, builder) && builder.error === null) return null;
  return parseWithSaxes(text);
}

function parseWithSaxes(text: string): string | null {
  builder.reset();
  try {
    parser.write(text).close();
  } catch (err) {
    // saxes reports through the error handler; anything thrown is a limit (stack, string size) hit by input.
    builder.fail(err instanceof Error ? err.message : String(err));
    try {
      parser.close();
    } catch {
      // The parser resets itself in close(); a second failure leaves nothing to do.
    }
  }
  return builder.error;
}

/**
 * Parse one record into `event`. Returns null on success, or the reason the record is malformed (then
 * `event` must be discarded). Never throws.
 */
export function parseEventXml(text: string, event: Event): string | null {
  const err = parseRecord(text);
  if (err === null) builder.writeTo(event);
  return err;
}

/** The reference path: saxes only (the readers' fast path falls back to it; tests compare the two). */
export function parseEventXmlWithSaxes(text: string, event: Event): string | null {
  const err = parseWithSaxes(text);
  if (err === null) builder.writeTo(event);
  return err;
}

/**
 * A record as the XML reader makes it: the parsed fields, `_raw` when given, then the fields
 * finishWindowsEvent derives, built in one go as a compact object (events/event-shapes.ts) when no name
 * repeats, else field by field. Returns the reason instead when the record is malformed.
 */
export function windowsEventFromXml(text: string, meta: SourceMeta, raw: string | undefined): Event | string {
  const err = parseRecord(text);
  if (err !== null) return err;
  const parsed = builder.count;
  const { names, values } = builder;
  const fields = values as Value[];
  let n = parsed;
  const get = (name: string): Value | undefined => {
    for (let i = n - 1; i >= 0; i--) if (names[i] === name) return fields[i];
    return undefined;
  };
  const put = (name: string, value: Value): void => {
    names[n] = name;
    fields[n++] = value;
  };
  // finishWindowsEvent, on the list (valid when no name repeats, which shapedEvent checks).
  if (raw !== undefined) put('_raw', raw);
  deriveWindowsFields(get, put, meta);
  const shaped = shapedEvent(names, fields, n);
  if (shaped !== null) return shaped;
  const event = createEvent();
  builder.writeTo(event, parsed);
  if (raw !== undefined) event['_raw'] = raw;
  return finishWindowsEvent(event, meta);
}
