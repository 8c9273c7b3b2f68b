/**
 * Every fast path of the readers gives exactly what its reference gives: the same fields, in the same
 * order, with the same values. References are the plain implementations (test/reference/) or the
 * library path a fast path bails out to. Inputs: the fixtures, the shared sample data, and generated
 * records, including hostile ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { isJsonObject, type JsonObject } from '../../src/events/json-fields.js';
import { applyClock, normalizeNxlog, nxlogEventCode, nxlogTiming } from '../../src/events/nxlog.js';
import { DEFAULT_SOURCE_META, finishWindowsEvent } from '../../src/events/windows.js';
import { parseEventXml, parseEventXmlWithSaxes, windowsEventFromXml } from '../../src/ingest/xml-event.js';
import { scanEventXml } from '../../src/ingest/xml-event-fast.js';
import { XmlRecordSplitter } from '../../src/ingest/xml-records.js';
import { FIXTURES } from '../helpers/ingest.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';
import { normalizeNxlogReference } from '../reference/nxlog-reference.js';

const skipShared = skipWithoutSharedData();
const META = { ...DEFAULT_SOURCE_META, file: 'mem' };

/** Fields in order, so a difference in order fails too. */
const entries = (e: Event) => Object.entries(e);

function sameNxlog(obj: JsonObject): void {
  const fast = normalizeNxlog(obj, META);
  const ref = normalizeNxlogReference(obj, META);
  expect(entries(fast.event)).toEqual(entries(ref.event));
  expect(fast.timing).toEqual(ref.timing);
  expect(nxlogTiming(obj)).toEqual(ref.timing);
  expect(nxlogEventCode(obj)).toEqual(ref.event['EventCode']);
  // As the reader builds it in one go: plus `_raw`, then the clock (what the reader did before: set
  // `_raw` when absent, then applyClock).
  const whole = normalizeNxlog(obj, META, { timing: nxlogTiming(obj), raw: '{"raw":1}', clockOffset: -3600 });
  const expected = normalizeNxlogReference(obj, META).event;
  if (expected['_raw'] === undefined) expected['_raw'] = '{"raw":1}';
  applyClock(expected, ref.timing, -3600);
  expect(entries(whole.event)).toEqual(entries(expected));
}

function jsonLines(text: string): JsonObject[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown)
    .filter(isJsonObject);
}

// Keys that the normalization treats specially, and ordinary ones.
const KEYS = [
  'Hostname', 'host', 'Computer', 'SourceName', 'ProviderName', 'ProviderGuid', 'Guid', 'RecordNumber', 'EventRecordID',
  'OpcodeValue', 'Opcode', 'ExecutionProcessID', 'ProcessID', 'ExecutionThreadID', 'ThreadID', 'EventID', 'EventCode',
  'EventTime', 'TimeCreated', '@timestamp', 'UtcTime', 'SystemTime', '_time', 'Channel', 'Image', 'a.b', 'a',
  '__proto__', 'constructor', 'toString', '', '1', 'host.name', 'source', 'sourcetype', 'index', '_raw', 'orig_host', '2',
];
const TIMES = ['2024-05-01 12:00:00', '2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00.000', ' 2024-05-01T10:00:00Z', '2024-13-01 00:00:00', 'x'];
const leaf = fc.oneof(
  fc.constantFrom(...TIMES),
  fc.string({ maxLength: 8 }),
  fc.constant(''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-0),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }), tie('obj')),
  obj: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 4 }),
}));
/** A record as JSON text (so duplicate keys and `__proto__` behave as JSON.parse makes them). */
const record = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), value.v), { maxLength: 14 })
  .map((pairs) => {
    const text = (v: unknown): string =>
      Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')
        ? `{${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`
        : Array.isArray(v)
          ? `[${v.map(text).join(',')}]`
          : JSON.stringify(v);
    return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`;
  });

describe('NXLog normalization: single pass = reference', () => {
  it('on the NDJSON fixtures', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.ndjson'))) {
      for (const obj of jsonLines(readFileSync(`${FIXTURES}/${name}`, 'utf8'))) sameNxlog(obj);
    }
  });

  it.skipIf(skipShared)('on every OTRF record of the shared data', () => {
    const dir = sharedData('otrf');
    let n = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json.gz'))) {
      for (const obj of jsonLines(gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8'))) {
        sameNxlog(obj);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('on generated records (special keys, nesting, duplicates, every JSON type)', () => {
    fc.assert(
      fc.property(record, (text) => {
        const obj = JSON.parse(text) as unknown;
        if (isJsonObject(obj)) sameNxlog(obj);
      }),
      { numRuns: 1500 },
    );
  });
});

// ---- Windows event XML: scanner fast path = saxes ------------------------------------------------------

/** Every record of an XML input, as the reader splits it. */
function xmlRecords(input: Buffer): string[] {
  const out: string[] = [];
  const splitter = new XmlRecordSplitter(1 << 24, {
    record: (buf, start, end) => void out.push(buf.toString('utf8', start, end)),
    bad: () => undefined,
  });
  splitter.push(input);
  splitter.finish();
  return out;
}

function sameXml(text: string): string | null {
  const fast = createEvent();
  const ref = createEvent();
  const fastErr = parseEventXml(text, fast);
  const refErr = parseEventXmlWithSaxes(text, ref);
  expect(fastErr).toBe(refErr);
  // As the reader builds it in one go, against what it did before: saxes, `_raw`, finishWindowsEvent.
  const whole = windowsEventFromXml(text, META, 'RAW');
  if (refErr === null) {
    expect(entries(fast)).toEqual(entries(ref));
    ref['_raw'] = 'RAW';
    expect(entries(whole as Event)).toEqual(entries(finishWindowsEvent(ref, META)));
  } else {
    expect(whole).toBe(refErr);
  }
  return refErr;
}

/** Whether the scanner itself takes the record (so the equality above is not saxes against saxes). */
function scannerTakes(text: string): boolean {
  const sink = { open: () => undefined, text: () => undefined, close: () => undefined };
  return scanEventXml(text, sink);
}

describe('event XML: fast scanner = saxes', () => {
  it('on the XML fixtures, where the scanner takes every record', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'))) {
      const records = xmlRecords(readFileSync(`${FIXTURES}/${name}`));
      expect(records.length, name).toBeGreaterThan(0);
      for (const r of records) {
        expect(sameXml(r), name).toBeNull();
        expect(scannerTakes(r), name).toBe(true);
      }
    }
  });

  it.skipIf(skipShared)('on all 358 records of the python-evtx file', () => {
    const records = xmlRecords(readFileSync(sharedData('xml/sysmon.evtx.python-evtx.xml')));
    expect(records).toHaveLength(358);
    let taken = 0;
    for (const r of records) {
      expect(sameXml(r)).toBeNull();
      if (scannerTakes(r)) taken++;
    }
    // The scanner leaves a record to saxes only for what it does not handle; here that is none.
    expect(taken).toBe(358);
  });

  it('builds the same event when record fields share names with derived ones or repeat', () => {
    const data = (pairs: [string, string][]) =>
      `<Event><System><EventID>3</EventID><TimeCreated SystemTime='2024-05-01T10:00:00.5000000Z'/><Channel>Security</Channel><Computer>WS1</Computer></System><EventData>${pairs
        .map(([n, v]) => `<Data Name='${n}'>${v}</Data>`)
        .join('')}</EventData></Event>`;
    for (const name of ['host', 'source', 'sourcetype', 'index', '_raw', '_time', 'EventCode', 'SystemTime', 'Computer', 'x']) {
      expect(sameXml(data([[name, 'v1']]))).toBeNull();
      expect(sameXml(data([[name, 'v1'], [name, 'v2']]))).toBeNull();
    }
    expect(sameXml(data([['a', '1'], ['b', '2'], ['a', '3']]))).toBeNull();
  });

  it('still rejects DTDs and undefined entities (XXE, billion laughs), with saxes\' messages', () => {
    const doctype = `<Event><!DOCTYPE x [<!ENTITY a "b">]><System><EventID>1</EventID></System></Event>`;
    const entity = `<Event><System><EventID>&a;</EventID></System></Event>`;
    for (const r of [doctype, entity]) {
      expect(scannerTakes(r)).toBe(false);
      expect(sameXml(r)).not.toBeNull();
    }
    expect(sameXml(doctype)).toMatch(/doctype/i);
  });

  it('on each odd piece placed in element text, in an attribute value and between elements', () => {
    const inText = (piece: string) => `<Event><System><EventID>1</EventID><Computer>a${piece}b</Computer></System><EventData><Data Name='X'>${piece}</Data></EventData></Event>`;
    const inAttr = (piece: string) => `<Event><System><Provider Name='a${piece}b'/></System><EventData><Data Name="${piece.replaceAll('"', '')}">v</Data></EventData></Event>`;
    const between = (piece: string) => `<Event><System>${piece}<EventID>1</EventID>${piece}<Computer>c</Computer></System></Event>`;
    const outcomes = new Set<string>();
    for (const piece of CHAR_PIECES) {
      for (const r of [inText(piece), inAttr(piece), between(piece)]) outcomes.add(`${sameXml(r) === null}/${scannerTakes(r)}`);
    }
    // Accepted by both paths, left to saxes and accepted there (CR, CDATA, ...), and rejected.
    expect([...outcomes].sort()).toEqual(['false/false', 'true/false', 'true/true']);
  });

  // Generated records: mostly well-formed Windows-shaped XML, with hostile pieces mixed in.
  const CHAR_PIECES = [
    '&#X41;', '&#xD800;', '&#1114112;', '&#x10FFFF;', '&#xFFFE;', '&#9;', '&#10;', '\r', 'a\rb', '\r\n', '\t', '\n',
    'a', 'Z', '0', ' ', '-', '\\', '/', ':', '.', '"', "'", '>', ']', ']]>', '&lt;', '&gt;', '&amp;', '&quot;', '&apos;',
    '&LT;', '&foo;', '&#65;', '&#x42;', '&#X42;', '&#0;', '&#13;', '&#xD800;', '&#1114112;', '&#x;', '&#;', '&#00000000065;', '&', '&lt', 'é', '\u0085', '\u00a0', '\u{1F600}', '\ud800', '\ufffe',
    '\t', '\n', '\r', '\r\n', '\u0001', '\u007f', '<![CDATA[x<y]]>', '<!-- c -->', '<?pi x?>', '<',
  ];
  const plainChars = fc.array(fc.constantFrom('a', 'Z', '0', ' ', '-', '\\', '.', '&lt;', '&amp;', 'é', '>'), { maxLength: 8 }).map((a) => a.join(''));
  /** Mostly the clean choice; now and then one odd one, so that most records carry at most one oddity. */
  const mostly = <T,>(clean: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: clean, weight: 24 }, { arbitrary: odd, weight: 1 });
  const text = mostly(
    plainChars,
    fc.tuple(plainChars, fc.constantFrom(...CHAR_PIECES), plainChars).map(([a, piece, b]) => a + piece + b),
  );
  const name = mostly(fc.constantFrom('Data', 'EventID', 'Provider', 'TimeCreated', 'Execution', 'Computer', 'x:Item', '_a.b-c'), fc.constantFrom('Dätä', 'Event', 'EventData', '1a', 'a·b'));
  const attrName = fc.constantFrom('Name', 'SystemTime', 'Guid', 'xmlns', 'xmlns:x', 'ProcessID', 'Qualifiers');
  const sp = mostly(fc.constantFrom('', ' ', '\n'), fc.constantFrom('  ', '\t', '\n  ', '\r\n'));
  const quote = fc.constantFrom("'", '"');
  const wsChars = fc.array(fc.constantFrom('a', ' ', '\t', '\n', '-'), { maxLength: 5 }).map((a) => a.join(''));
  const attrSep = mostly(fc.constantFrom(' ', ' ', '\n'), fc.constantFrom('\t', ''));
  const attrValue = mostly(plainChars, fc.oneof(text, wsChars));
  const attr = fc
    .tuple(attrSep, attrName, sp, sp, quote, attrValue)
    .map(([lead, n, s1, s2, q, v]) => `${lead}${n}${s1}=${s2}${q}${v.replaceAll(q, '')}${q}`);
  const element = fc.tuple(name, fc.array(attr, { maxLength: 3 }), sp, text, fc.boolean()).map(([n, as, s, body, empty]) =>
    empty ? `<${n}${as.join('')}${s}/>` : `<${n}${as.join('')}${s}>${body}</${n}${s}>`,
  );
  const section = fc.tuple(fc.constantFrom('System', 'EventData', 'UserData', 'RenderingInfo', 'Other'), fc.array(element, { maxLength: 5 }), sp).map(
    ([n, els, s]) => `<${n}>${s}${els.join(s)}</${n}>`,
  );
  const wellFormed = fc.tuple(fc.array(section, { maxLength: 3 }), sp, fc.constantFrom("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>", '<Event>', '<Event >', '<Events>')).map(
    ([ss, s, root]) => `${root}${s}${ss.join(s)}${s}</${root.slice(1, 6) === 'Event' && root[6] === 's' ? 'Events' : 'Event'}>`,
  );
  const HOSTILE = ['<Event/>', '<!DOCTYPE x>', '&xxe;', '<a b="1"c="2">', "<a b='1' b='2'/>", '</Data>', '<Data', '>', '<', '\r', '\ud83d', ']]>', '<Event>', 'x'.repeat(5000)];
  const mutation = fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.nat()), weight: 1 });
  const record = fc.tuple(wellFormed, mutation).map(([r, mut]) => {
    if (mut === null) return r;
    const [piece, at] = mut;
    const p = at % 4 === 0 ? r.length : at % (r.length + 1);
    return r.slice(0, p) + piece + r.slice(p);
  });

  it('on generated records, hostile ones included (entities, CDATA, odd quoting, unicode, huge fields, DTDs)', () => {
    let ok = 0;
    let taken = 0;
    fc.assert(
      fc.property(record, (r) => {
        if (sameXml(r) === null) ok++;
        if (scannerTakes(r)) taken++;
      }),
      { numRuns: 2500 },
    );
    // Both outcomes are exercised: well-formed records the scanner takes, and others it leaves to saxes.
    expect(ok).toBeGreaterThan(200);
    expect(taken).toBeGreaterThan(200);
    expect(taken).toBeLessThan(2500);
  });
});
