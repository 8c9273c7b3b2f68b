import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, readText } from '../../test/helpers/ingest.js';
import { readXml } from './xml.js';

const splunk = readFileSync(fixture('splunk-xmlwineventlog.xml'), 'utf8');
const [lineA, lineB] = splunk.trimEnd().split('\n') as [string, string];

describe('readXml', () => {
  it('reads Splunk XmlWinEventLog raw events, one per line, with line numbers and byte offsets', async () => {
    const { events, bad } = await readText(readXml, splunk);
    expect(bad).toEqual([]);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9383', '9384']);
    expect(events[0]!['_raw']).toBe(lineA);
    expect(events[0]!['EventCode']).toBe('3');
    expect(events[0]!['sourcetype']).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
  });

  it('reads pretty-printed XML in an <Events> wrapper (wevtutil) and python-evtx output', async () => {
    for (const name of ['wevtutil-events.xml', 'python-evtx.xml']) {
      const { events, bad } = await readText(readXml, readFileSync(fixture(name)));
      expect(bad, name).toEqual([]);
      expect(events, name).toHaveLength(1);
      expect(events[0]!['DestinationHostname']).toBe('beacon.c2.test');
      expect(events[0]!['SystemTime']).toBe('2023-01-11T15:29:45.8320000Z');
    }
  });

  it('gives the same events whatever the chunk boundaries (property)', async () => {
    const text = `<?xml version="1.0"?>\n<Events>\n${lineA}\n<!-- c --><Event><System><EventID>1</EventID></System><EventData><Data Name='x'><![CDATA[</Event><Event >]]></Data></EventData></Event >\n${lineB}\n</Events>\n`;
    const whole = await readText(readXml, text);
    expect(whole.bad).toEqual([]);
    expect(whole.events).toHaveLength(3);
    expect(whole.events[1]!['x']).toBe('</Event><Event >');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), async (sizes) => {
        const r = await readText(readXml, text, { chunk: sizes });
        expect(r.bad).toEqual([]);
        expect(r.events.map((e) => e['_raw'])).toEqual(whole.events.map((e) => e['_raw']));
      }),
      { numRuns: 40 },
    );
  });

  it('reports a broken record with its line and offset and reads the next one', async () => {
    const broken = lineA.replace("<Data Name='Image'>", "<Data Name='Image>");
    const text = `${broken}\n${lineB}\n`;
    const { events, bad } = await readText(readXml, text);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9384']);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ file: 'mem', line: 1, offset: 0 });
    expect(bad[0]!.reason).toMatch(/malformed event XML/);
  });

  it('ends an unterminated record where the next <Event starts', async () => {
    const cut = lineA.slice(0, lineA.indexOf('<EventData>'));
    const { events, bad } = await readText(readXml, `${cut}\n${lineB}\n`);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9384']);
    expect(bad.map((b) => b.reason)).toEqual(['unterminated record: <Event> without </Event>']);
  });

  it('reports junk between records, a DOCTYPE, and a truncated last record', async () => {
    const doctype = `<!DOCTYPE x [<!ENTITY a "b">]>`;
    const text = `${doctype}\n${lineA}\nhello\n${lineB.slice(0, 100)}`;
    const { events, bad } = await readText(readXml, text);
    expect(events).toHaveLength(1);
    expect(bad.map((b) => [b.line, b.reason.split(':')[0]])).toEqual([
      [1, 'DOCTYPE declaration (DTDs and entities are never expanded)'],
      [3, 'unexpected content outside <Event> records'],
      [4, 'truncated record'],
    ]);
    // Byte offset of "hello": after the DOCTYPE line and line A, each with its newline.
    expect(bad[1]!.offset).toBe(doctype.length + 1 + Buffer.byteLength(lineA) + 1);
  });

  it('skips a record over the size limit and keeps reading', async () => {
    const big = lineA.replace("<Data Name='RuleName'>-</Data>", `<Data Name='RuleName'>${'x'.repeat(5000)}</Data>`);
    const { events, bad } = await readText(readXml, `${big}\n${lineB}\n`, { maxRecordBytes: 4096, chunk: [1000] });
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9384']);
    expect(bad.map((b) => b.reason)).toEqual(['record exceeds 4096 bytes']);
  });

  it('rejects a billion-laughs record without expanding anything', async () => {
    const laughs = `<!DOCTYPE Event [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<Event><System><EventID>1</EventID></System><EventData><Data Name='a'>&lol2;</Data></EventData></Event>\n${lineB}\n`;
    const { events, bad } = await readText(readXml, laughs);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9384']);
    expect(bad).toHaveLength(2);
    expect(bad[0]!.reason).toBe('DOCTYPE declaration (DTDs and entities are never expanded)');
    // &lol2; ends at column 76 of the record: 70 characters of tags before the '&'.
    expect(bad[1]!.reason).toBe('malformed event XML: 1:76: undefined entity.');
  });

  it('leaves _raw out when keepRaw is false', async () => {
    const { events } = await readText(readXml, splunk, { keepRaw: false });
    expect(events[0]!['_raw']).toBeUndefined();
  });
});

describe('readXml: byte order mark', () => {
  it('accepts a UTF-8 BOM before the first record', async () => {
    const { events, bad } = await readText(readXml, `\uFEFF${splunk}`);
    expect(bad).toEqual([]);
    expect(events).toHaveLength(2);
  });
});

describe('readXml: adversarial gaps between records', () => {
  it('reports junk after long runs of whitespace and declarations without backtracking blow-up', async () => {
    // With a backtracking pattern like (\s+|<\?.*?\?>)*$ these inputs take exponential time.
    const gaps = [`${' '.repeat(50_000)}x`, `${'<??>'.repeat(10_000)}x`, `${'<!---->'.repeat(5_000)}<!--`];
    for (const gap of gaps) {
      const { events, bad } = await readText(readXml, `${gap}\n${lineB}\n`);
      expect(events).toHaveLength(1);
      expect(bad).toHaveLength(1);
    }
  });
});
