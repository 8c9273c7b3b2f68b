/**
 * One Windows event XML record (`<Event>…</Event>`) → Splunk fields.
 *
 * A small, strict scanner for the shape Windows, Splunk's XmlWinEventLog, wevtutil and python-evtx write.
 * It checks well-formedness (tag nesting, attribute syntax, entity references) so broken XML becomes a bad
 * record rather than half an event, and it never expands a DTD or a custom entity: a `<!DOCTYPE` or an
 * undefined `&name;` rejects the record (XXE and billion-laughs input). It was chosen over saxes because
 * it was more than twice as fast on the benchmark (bench/ingest.ts prints both side by side).
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
import { appendField, type Event } from '../events/event.js';
import { normalizeSystemTime } from '../events/time.js';
import { systemFieldName } from '../events/windows.js';

class XmlSyntaxError extends Error {}

function fail(reason: string): never {
  throw new XmlSyntaxError(reason);
}

const enum Section {
  None,
  System,
  EventData,
  UserData,
  Rendering,
  Other,
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7;
}

/** End of the XML name starting at `p`, or `p` when there is none. */
function nameEnd(text: string, p: number): number {
  if (p >= text.length || !isNameStart(text.charCodeAt(p))) return p;
  let i = p + 1;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon === -1 ? qname : qname.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode the five predefined entities and character references; anything else is an error. */
export function decodeXmlText(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = s.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) fail("bare '&' (not an entity reference)");
    const name = s.slice(amp + 1, semi);
    let decoded: string | undefined;
    if (name.charCodeAt(0) === 0x23 /* # */) {
      const hex = name.charCodeAt(1) === 0x78 /* x */;
      const digits = hex ? name.slice(2) : name.slice(1);
      if (!(hex ? /^[0-9A-Fa-f]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) fail(`bad character reference &${name};`);
      const cp = Number.parseInt(digits, hex ? 16 : 10);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail(`bad character reference &${name};`);
      decoded = String.fromCodePoint(cp);
    } else {
      decoded = PREDEFINED[name];
      // Custom entities would need a DTD, which is never read: an undefined entity rejects the record.
      if (decoded === undefined) fail(`undefined entity &${name}; (DTDs and custom entities are not expanded)`);
    }
    out += s.slice(from, amp) + decoded;
    from = semi + 1;
    amp = s.indexOf('&', from);
  }
  return out + s.slice(from);
}

/**
 * Parse one record into `event`. Returns null on success, or the reason the record is malformed (then
 * `event` may hold some fields and must be discarded). Never throws.
 */
export function parseEventXml(text: string, event: Event): string | null {
  try {
    scan(text, event);
    return null;
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err.message;
    if (err instanceof RangeError) return `record too deeply nested or too large (${err.message})`;
    throw err;
  }
}

function scan(text: string, event: Event): void {
  const n = text.length;
  const stack: string[] = [];
  // childSeen[d]: the open element at depth d has had a child element (so it is no leaf).
  const childSeen: boolean[] = [];
  let section = Section.None;
  let dataName: string | null = null;
  let leafText = '';
  let rootDone = false;
  let pos = 0;

  const onText = (raw: string, decoded: boolean): void => {
    if (stack.length === 0) {
      if (!isBlank(raw)) fail(rootDone ? 'text after </Event>' : 'text before <Event>');
      return;
    }
    leafText += decoded ? raw : decodeXmlText(raw);
  };

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      onText(text.slice(pos), false);
      break;
    }
    if (lt > pos) onText(text.slice(pos, lt), false);
    const c = text.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      const gt = text.indexOf('>', lt + 2);
      if (gt === -1) fail('unterminated end tag');
      const name = text.slice(lt + 2, gt).trimEnd();
      const open = stack.pop();
      if (open === undefined) fail(`unexpected </${name}>`);
      if (open !== name) fail(`</${name}> does not close <${open}>`);
      closeElement(open, stack.length + 1);
      pos = gt + 1;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end === -1) fail('unterminated comment');
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) fail('unterminated CDATA section');
        if (stack.length === 0) fail('CDATA outside <Event>');
        onText(text.slice(lt + 9, end), true);
        pos = end + 3;
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        fail('DOCTYPE in event XML (DTDs and entities are never expanded)');
      } else {
        fail('unexpected markup declaration');
      }
      continue;
    }
    if (c === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) fail('unterminated processing instruction');
      pos = end + 2;
      continue;
    }
    pos = startTag(lt);
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1]}>`);
  if (!rootDone) fail('no <Event> element');

  function startTag(lt: number): number {
    const nEnd = nameEnd(text, lt + 1);
    if (nEnd === lt + 1) fail("'<' not followed by a tag name");
    const qname = text.slice(lt + 1, nEnd);
    const local = localName(qname);
    if (rootDone) fail(`<${qname}> after </Event>`);
    const depth = stack.length + 1;
    if (depth === 1 && local !== 'Event') fail(`root element is <${qname}>, not <Event>`);
    if (depth > 64) fail('elements nested more than 64 deep');
    if (depth > 1) childSeen[depth - 1] = true;
    childSeen[depth] = false;
    leafText = '';

    if (depth === 2) section = sectionOf(local);
    else if (depth === 3 && section === Section.EventData) dataName = null;

    let p = nEnd;
    let selfClosing = false;
    let seen: string[] | undefined;
    for (;;) {
      const start = p;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (p >= n) fail(`unterminated <${qname}>`);
      const ch = text.charCodeAt(p);
      if (ch === 0x3e /* > */) {
        p++;
        break;
      }
      if (ch === 0x2f /* / */) {
        if (text.charCodeAt(p + 1) !== 0x3e) fail(`bad '/' in <${qname}>`);
        selfClosing = true;
        p += 2;
        break;
      }
      if (p === start) fail(`attributes of <${qname}> need whitespace between them`);
      const aEnd = nameEnd(text, p);
      if (aEnd === p) fail(`bad attribute in <${qname}>`);
      const attr = text.slice(p, aEnd);
      p = aEnd;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 0x3d /* = */) fail(`attribute ${attr} of <${qname}> has no value`);
      p++;
      while (p < n && isSpace(text.charCodeAt(p))) p++;
      const q = text.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) fail(`attribute ${attr} of <${qname}> is not quoted`);
      const close = text.indexOf(q === 0x22 ? '"' : "'", p + 1);
      if (close === -1) fail(`unterminated attribute ${attr} of <${qname}>`);
      const rawValue = text.slice(p + 1, close);
      if (rawValue.includes('<')) fail(`'<' in attribute ${attr} of <${qname}>`);
      p = close + 1;
      if (seen === undefined) seen = [attr];
      else if (seen.includes(attr)) fail(`duplicate attribute ${attr} in <${qname}>`);
      else seen.push(attr);
      onAttribute(depth, local, attr, decodeXmlText(rawValue));
    }
    if (selfClosing) closeElement(qname, depth);
    else stack.push(qname);
    return p;
  }

  function onAttribute(depth: number, element: string, attr: string, value: string): void {
    if (attr === 'xmlns' || attr.startsWith('xmlns:') || value === '') return;
    if (section === Section.System && depth === 3) {
      if (element === 'TimeCreated' && attr === 'SystemTime') event['SystemTime'] = normalizeSystemTime(value);
      else appendField(event, systemFieldName(element, localName(attr)), value);
    } else if (section === Section.EventData && depth === 3 && element === 'Data' && attr === 'Name') {
      dataName = value;
    }
  }

  function closeElement(qname: string, depth: number): void {
    if (depth === 1) {
      rootDone = true;
      return;
    }
    const leaf = childSeen[depth] !== true;
    const value = leafText;
    leafText = '';
    if (!leaf || value === '') return;
    const local = localName(qname);
    switch (section) {
      case Section.System:
        if (depth === 3) appendField(event, systemFieldName(local), value);
        break;
      case Section.EventData:
        if (depth === 3) appendField(event, local === 'Data' ? (dataName ?? 'Data') : local, value);
        break;
      case Section.Rendering:
        if (depth === 3 && local === 'Message') event['Message'] = value;
        break;
      case Section.UserData:
      case Section.Other:
        if (depth >= 3) appendField(event, local, value);
        break;
      case Section.None:
        break;
    }
  }
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
