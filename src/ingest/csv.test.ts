import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, readText } from '../../test/helpers/ingest.js';
import { parseCsvRecord, readCsv } from './csv.js';

describe('parseCsvRecord (RFC 4180)', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b","c""d",', ['a,b', 'c"d', '']],
    ['"multi\nline",x', ['multi\nline', 'x']],
  ])('%j', (text, fields) => {
    expect(parseCsvRecord(text)).toEqual(fields);
  });
  it('knows an open quote needs more lines, and a stray character after a closing quote is an error', () => {
    expect(parseCsvRecord('"open')).toBe('incomplete');
    expect(parseCsvRecord('"a"b,c')).toHaveProperty('error');
  });
});

describe('readCsv', () => {
  it('parses _raw event XML in a Splunk CSV export', async () => {
    const { events, bad } = await readText(readCsv, readFileSync(fixture('splunk-export.csv')));
    expect(bad).toEqual([]);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9383', '9384']);
    expect(events[0]!['dest_ip']).toBe('203.0.113.10');
    expect(events[0]!['DestinationPort']).toBe('443');
  });

  it('uses the columns as fields without _raw: epoch _time, multiline cells, __mv_ columns, empty cells absent', async () => {
    const { events, bad } = await readText(readCsv, readFileSync(fixture('splunk-table.csv')));
    expect(bad).toEqual([]);
    expect(events[0]!['_time']).toBe(1673450985.832);
    expect(events[0]!['Message']).toBe('line one\nline "two"');
    expect(events[1]!['DestinationPort']).toEqual(['80', '443']);
    expect(events[1]!['Message']).toBeUndefined();
    expect(events[0]!['sourcetype']).toBe('csv');
  });

  it('resumes after an unbalanced quote at the line after the bad record', async () => {
    const text = 'a,b\n1,2\n3,"oops\n5,6\n7,8\n';
    const { events, bad } = await readText(readCsv, text, { chunk: [3] });
    // Line 3 opens a quote that never closes: reported, and lines 4 and 5 are read again as records.
    expect(events.map((e) => e['a'])).toEqual(['1', '5', '7']);
    expect(bad).toMatchObject([{ line: 3, offset: 8 }]);
  });

  it('reports a record with the wrong number of fields', async () => {
    const { events, bad } = await readText(readCsv, 'a,b\n1\n2,3\n');
    expect(events.map((e) => e['a'])).toEqual(['2']);
    expect(bad[0]!.reason).toBe('record has 1 fields, the header has 2');
  });
});
