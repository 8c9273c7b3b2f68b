import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers/ingest.js';
import { JsonValueSplitter, jsonLayout } from './json-values.js';
import { readNdjson } from './ndjson.js';

interface Split {
  records: { text: string; offset: number; line: number }[];
  bad: { offset: number; line: number; reason: string }[];
}

/** Run the splitter over `text` cut into chunks of the given sizes (cycled). */
function split(text: string | Buffer, chunks: readonly number[] = [1 << 20], maxRecordBytes = 1 << 20): Split {
  const out: Split = { records: [], bad: [] };
  const s = new JsonValueSplitter(maxRecordBytes, {
    line: (buf, start, end, offset, line) => out.records.push({ text: buf.toString('utf8', start, end), offset, line }),
    bad: (offset, line, reason) => out.bad.push({ offset, line, reason }),
  });
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = Math.max(1, chunks[k % chunks.length]!);
    s.push(bytes.subarray(at, at + n));
    at += n;
  }
  s.finish();
  return out;
}

describe('jsonLayout', () => {
  it('tells a document (array, pretty-printed object) from NDJSON, and waits when it cannot tell yet', () => {
    expect(jsonLayout(Buffer.from('[{"a":1}]'))).toBe('document');
    expect(jsonLayout(Buffer.from('\ufeff  [\n'))).toBe('document');
    expect(jsonLayout(Buffer.from('{\n  "a": 1\n}\n'))).toBe('document');
    expect(jsonLayout(Buffer.from('{ \r\n'))).toBe('document');
    expect(jsonLayout(Buffer.from('{"a":1}\n{"a":2}\n'))).toBe('lines');
    expect(jsonLayout(Buffer.from('<Event/>'))).toBe('lines');
    expect(jsonLayout(Buffer.from('   \n  '))).toBeUndefined();
    expect(jsonLayout(Buffer.from('{   '))).toBeUndefined();
  });
});

describe('JsonValueSplitter', () => {
  it('splits an array into its objects, with offsets and start lines, at any chunking', () => {
    // Brackets, commas and escaped quotes inside strings must not count.
    const text = '[\n  {"a": "x]}", "b": [1, {"c": 2}]},\n  {"d": "q\\"}\\\\"},\n  {}\n]\n';
    const expected = [
      { text: '{"a": "x]}", "b": [1, {"c": 2}]}', offset: 4, line: 2 },
      { text: '{"d": "q\\"}\\\\"}', offset: 40, line: 3 },
      { text: '{}', offset: 59, line: 4 },
    ];
    for (const chunks of [[1 << 20], [1], [2, 3], [7]]) expect(split(text, chunks)).toEqual({ records: expected, bad: [] });
    expect(expected.map((r) => text.slice(r.offset, r.offset + r.text.length))).toEqual(expected.map((r) => r.text));
  });

  it('splits pretty-printed objects one after another, and arrays one after another', () => {
    const objects = [{ EventID: 3, Image: 'C:\\a.exe' }, { EventID: 22, QueryName: 'x.test' }];
    const pretty = objects.map((o) => JSON.stringify(o, null, 2)).join('\n');
    expect(split(pretty).records.map((r) => JSON.parse(r.text))).toEqual(objects);
    expect(split('[{"a":1}]\n[{"a":2},{"a":3}]').records.map((r) => r.text)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
  });

  it('reports what is not an object between records and goes on at the next object', () => {
    const r = split('[{"a":1}, 42, "s", {"b":2}]');
    expect(r.records.map((x) => x.text)).toEqual(['{"a":1}', '{"b":2}']);
    // One report for the run of junk (from the 4 to the next `{`), at the byte where it starts.
    expect(r.bad).toEqual([{ offset: 10, line: 1, reason: "expected a JSON object, found '4'" }]);
  });

  it('reports a record cut short at the end, keeping every record before it', () => {
    const r = split('[\n{"a":1},\n{"b":2},\n{"c": [1, 2');
    expect(r.records.map((x) => x.text)).toEqual(['{"a":1}', '{"b":2}']);
    expect(r.bad).toEqual([{ offset: 20, line: 4, reason: 'the record does not close (truncated, or its brackets do not balance)' }]);
  });

  it('reads the lines after a record whose brackets do not balance (NDJSON with a broken first line)', () => {
    // `{` alone makes the input look pretty-printed; the first record never closes and takes the rest.
    const r = split('{\n{"a":1}\n  {"b":2},\n"x": 1\n');
    expect(r.records.map((x) => [x.text, x.line])).toEqual([
      ['{"a":1}', 2],
      ['{"b":2}', 3],
    ]);
    expect(r.bad).toHaveLength(1);
  });

  it('skips a record over the size limit, reported once, and reads the next', () => {
    const big = `{"a":"${'x'.repeat(100)}"}`;
    const r = split(`[${big},{"b":2}]`, [16], 64);
    expect(r.records.map((x) => x.text)).toEqual(['{"b":2}']);
    expect(r.bad).toEqual([{ offset: 1, line: 1, reason: 'record exceeds 64 bytes' }]);
  });

  it('property: any array of objects, pretty or compact, at any chunking, gives back exactly its elements', () => {
    const object = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(object, { maxLength: 8 }), fc.constantFrom(undefined, 0, 2, '\t'), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }), (arr, indent, chunks) => {
        const text = JSON.stringify(arr, null, indent);
        const r = split(text, chunks);
        expect(r.bad).toEqual([]);
        expect(r.records.map((x) => JSON.parse(x.text))).toEqual(JSON.parse(text));
        for (const x of r.records) expect(Buffer.from(text).toString('utf8', x.offset, x.offset + Buffer.byteLength(x.text))).toBe(x.text);
      }),
      { numRuns: 200 },
    );
  });

  it('property: an array cut anywhere keeps every element that ended before the cut', () => {
    const object = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 6 }), fc.nat(), (arr, at) => {
        const text = JSON.stringify(arr, null, 1);
        const cut = text.slice(0, at % (text.length + 1));
        // Elements whose text ends inside the cut: serialise each and find it in order.
        let from = 0;
        let complete = 0;
        for (const e of arr) {
          const s = JSON.stringify(e, null, 1).replace(/\n/g, '\n ');
          const i = text.indexOf(s, from);
          if (i + s.length > cut.length) break;
          complete++;
          from = i + s.length;
        }
        const r = split(cut);
        expect(r.records.slice(0, complete).map((x) => JSON.parse(x.text))).toEqual(arr.slice(0, complete));
      }),
      { numRuns: 200 },
    );
  });
});

describe('readNdjson on JSON documents', () => {
  it('reads an array of NXLog records as the same events as their NDJSON lines (but _raw)', async () => {
    const records = [
      { EventID: 3, Hostname: 'ws01.corp.example', Channel: 'Microsoft-Windows-Sysmon/Operational', UtcTime: '2026-01-05 09:00:00.000', EventTime: '2026-01-05 10:00:00', Image: 'C:\\x.exe', DestinationIp: '203.0.113.10' },
      { EventID: 22, Hostname: 'ws01.corp.example', Channel: 'Microsoft-Windows-Sysmon/Operational', EventTime: '2026-01-05 10:00:05', QueryName: 'c2.test' },
    ];
    const strip = (events: Record<string, unknown>[]) => events.map(({ _raw, ...rest }) => rest);
    const lines = await readText(readNdjson, records.map((r) => JSON.stringify(r)).join('\n'));
    const array = await readText(readNdjson, JSON.stringify(records, null, 4), { chunk: [5, 11] });
    expect(array.bad).toEqual([]);
    expect(strip(array.events)).toEqual(strip(lines.events));
    expect(array.events).toHaveLength(2);
    // `_raw` is the record's own text, as it stands in the file.
    expect(JSON.parse(array.events[1]!['_raw'] as string)).toEqual(records[1]);
  });

  it('reads NDJSON whose first line is a lone `{` (damage) without losing the records after it', async () => {
    const good = JSON.stringify({ EventID: 1, Hostname: 'A', EventRecordID: '7' });
    const r = await readText(readNdjson, `{\n${good}\n`);
    expect(r.events.map((e) => e['EventRecordID'])).toEqual(['7']);
    expect(r.bad).toHaveLength(1);
  });
});
