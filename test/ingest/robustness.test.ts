/**
 * Property tests: random and garbled input never throws out of a reader and never hangs, and a valid
 * record after a bad one is still read.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/ingest/csv.js';
import { readNdjson } from '../../src/ingest/ndjson.js';
import { readXml } from '../../src/ingest/xml.js';
import { fixture, readText } from '../helpers/ingest.js';

const XML_LINE = readFileSync(fixture('splunk-xmlwineventlog.xml'), 'utf8').split('\n')[1]!;
const JSON_LINE = readFileSync(fixture('nxlog.ndjson'), 'utf8').trim();
const CSV_ROW = 'ws01.corp.example,203.0.113.10';

const readers = [
  { name: 'xml', read: readXml, good: XML_LINE, header: '', id: (e: Record<string, unknown>) => e['EventRecordID'] === '9384' },
  { name: 'ndjson', read: readNdjson, good: JSON_LINE, header: '', id: (e: Record<string, unknown>) => e['EventRecordID'] === '9383' },
  { name: 'csv', read: readCsv, good: CSV_ROW, header: 'host,DestinationIp\n', id: (e: Record<string, unknown>) => e['DestinationIp'] === '203.0.113.10' },
] as const;

/** Garbage biased towards the characters that matter to each format. */
const noise = fc.string({ unit: fc.constantFrom('<', '>', '/', '"', "'", '&', ';', '{', '}', ',', '\n', 'E', 'v', 'e', 'n', 't', ' ', '!', '[', ']', 'é', '\u0000'), maxLength: 200 });

describe.each(readers)('$name reader under garbage', ({ read, good, header, id }) => {
  it('never throws on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }), async (bytes, chunk) => {
        await readText(read, Buffer.from(bytes), { chunk, maxRecordBytes: 1024 });
      }),
      { numRuns: 60 },
    );
  });

  it('reads a good record after a garbled one', async () => {
    await fc.assert(
      fc.asyncProperty(noise, fc.integer({ min: 0, max: good.length }), async (junk, cut) => {
        // A damaged copy of the good record (cut short, junk spliced in), then the intact record.
        const damaged = good.slice(0, cut) + junk.replace(/\n/g, ' ');
        const text = `${header}${damaged}\n${good}\n`;
        const { events } = await readText(read, text, { chunk: [13, 64] });
        expect(events.some(id)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});
