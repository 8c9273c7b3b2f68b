import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, readText } from '../../test/helpers/ingest.js';
import { newReadStats } from './open.js';
import { MAX_RECORDS_AWAITING_CLOCK, readNdjson } from './ndjson.js';
import type { Prefilter } from './types.js';

const line = (o: object) => JSON.stringify(o);

describe('readNdjson: NXLog (flat) records', () => {
  it('renames the System keys, keeps the collector as orig_host and the values as strings', async () => {
    const { events, bad } = await readText(readNdjson, readFileSync(fixture('nxlog.ndjson')));
    expect(bad).toEqual([]);
    const e = events[0]!;
    expect(e['EventID']).toBe('3');
    expect(e['EventCode']).toBe('3');
    expect(e['Computer']).toBe('ws01.corp.example');
    expect(e['host']).toBe('ws01.corp.example');
    expect(e['orig_host']).toBe('collector01.corp.example');
    expect(e['ProviderName']).toBe('Microsoft-Windows-Sysmon');
    expect(e['EventRecordID']).toBe('9383');
    expect(e['Opcode']).toBe('0');
    expect(e['ProcessID']).toBe('1888');
    expect(e['Hostname']).toBeUndefined();
    expect(e['RuleName']).toBe('-');
  });

  it('names a JSON line that is not a Windows event (no channel, no event id) _json, as Splunk would', async () => {
    // Splunk's pretrained sourcetype for JSON lines is _json; XmlWinEventLog would claim a Windows event.
    const text = `${line({ app: 'proxy', url: 'http://x.example/' })}\n${line({ app: 'proxy', nested: { a: 1 } })}\n${line({ EventID: 1, Hostname: 'A' })}\n`;
    const { events } = await readText(readNdjson, text);
    expect(events.map((e) => e['sourcetype'])).toEqual(['_json', '_json', 'XmlWinEventLog']);
    expect(events[1]!['nested.a']).toBe('1');
    const forced = await readText(readNdjson, text, { meta: { sourcetype: 'proxy:json' } });
    expect(forced.events.map((e) => e['sourcetype'])).toEqual(['proxy:json', 'proxy:json', 'proxy:json']);
  });

  it('sets no orig_host when the record has no collector host', async () => {
    const { events } = await readText(readNdjson, line({ EventID: 1, Hostname: 'A', Image: 'x' }));
    expect(Object.keys(events[0]!)).not.toContain('orig_host');
    expect(events[0]!['host']).toBe('A');
  });

  it("reads the computer's clock in UTC using the offset Sysmon's UtcTime reveals", async () => {
    // TimeCreated 10:29:45.832 "Z" is local time; UtcTime 15:29:43.732 is UTC. Local − UTC = −17997.9 s,
    // rounded to 15 minutes = −18000 s (UTC−5), so _time = 10:29:45.832 + 5 h = 2023-01-11T15:29:45.832Z
    // = 1673450985.832 (19368 days × 86400 + 55785 s).
    const { events } = await readText(readNdjson, readFileSync(fixture('nxlog.ndjson')));
    expect(events[0]!['_time']).toBeCloseTo(1673450985.832, 6);
    expect(events[0]!['SystemTime']).toBe('2023-01-11T15:29:45.8320000Z');
  });

  it('holds back records seen before the offset is known, keeps input order, and keeps gaps faithful', async () => {
    const sec = (t: string, extra: object = {}) => line({ EventID: 4688, Channel: 'Security', Hostname: 'A', TimeCreated: t, ...extra });
    const sysmon = (t: string, utc: string) =>
      line({ EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Hostname: 'A', TimeCreated: t, UtcTime: utc });
    const other = line({ EventID: 4624, Channel: 'Security', Hostname: 'B', TimeCreated: '2023-01-11T08:00:00.000Z' });
    const text = [sec('2023-01-11T10:00:00.000Z'), other, sysmon('2023-01-11T10:00:10.000Z', '2023-01-11 15:00:09.000'), sec('2023-01-11T10:00:20.500Z')].join('\n');
    const { events } = await readText(readNdjson, text);
    expect(events.map((e) => e['EventCode'])).toEqual(['4688', '4624', '3', '4688']);
    // Host A: offset −5 h for all of its records, so 10:00:00 local → 15:00:00Z = 1673449200.
    expect(events[0]!['_time']).toBe(1673449200);
    expect(events[2]!['_time']).toBe(1673449210);
    expect(events[3]!['_time']).toBe(1673449220.5);
    // Host B never shows Sysmon's UtcTime: its clock is read as UTC (08:00Z = 1673424000).
    expect(events[1]!['_time']).toBe(1673424000);
  });

  it(`stops holding back after ${MAX_RECORDS_AWAITING_CLOCK} records`, async () => {
    const lines: string[] = [];
    for (let i = 0; i <= MAX_RECORDS_AWAITING_CLOCK + 1; i++) lines.push(line({ EventID: 1, Hostname: 'A', EventTime: '2023-01-11 10:00:00' }));
    lines.push(line({ EventID: 3, Hostname: 'A', EventTime: '2023-01-11 10:00:00', UtcTime: '2023-01-11 15:00:00.000' }));
    const { events } = await readText(readNdjson, lines.join('\n'));
    // The offset is fixed at 0 once the limit is hit, and stays fixed for the whole input.
    expect(new Set(events.map((e) => e['_time']))).toEqual(new Set([1673431200]));
  });
});

describe('readNdjson: the prefilter never changes _time', () => {
  const sysmon = (extra: object) => line({ Hostname: 'A', Channel: 'Microsoft-Windows-Sysmon/Operational', ...extra });
  const PREFILTERS: [string, Prefilter | undefined][] = [
    ['no prefilter', undefined],
    ['a raw test that skips the other records unparsed', { raw: (t: string) => t.includes('"EventID":3') }],
    ['an EventCode set (checked before normalizing)', { eventCodes: new Set(['3']) }],
  ];

  it.each(PREFILTERS)("a skipped record still reveals its computer's UTC offset (%s)", async (_name, prefilter) => {
    // The EID 1 record shows local 12:00:00 against UtcTime 10:00:00: offset +2 h. The EID 3 record at
    // local 12:00:05 is then 2024-05-01T10:00:05Z = 19844 days × 86400 + 36005 s = 1714557605.
    const text = [
      sysmon({ EventID: 1, EventTime: '2024-05-01 12:00:00', UtcTime: '2024-05-01 10:00:00.000' }),
      sysmon({ EventID: 3, EventTime: '2024-05-01 12:00:05' }),
    ].join('\n');
    const stats = newReadStats();
    const { events } = await readText(readNdjson, text, { prefilter, stats });
    const kept = events.filter((e) => e['EventCode'] === '3');
    expect(kept.map((e) => e['_time'])).toEqual([1714557605]);
    if (prefilter !== undefined) expect(events).toHaveLength(1);
  });

  it.each(PREFILTERS)('skipped records still count toward the hold-back limit (%s)', async (_name, prefilter) => {
    // MAX + 1 records of A wait for its offset, so it is fixed at 0 before the Sysmon record that would
    // reveal −5 h arrives: its local 10:00:00 reads as 2023-01-11T10:00:00Z = 1673431200.
    const lines: string[] = [];
    for (let i = 0; i <= MAX_RECORDS_AWAITING_CLOCK; i++) lines.push(line({ EventID: 1, Hostname: 'A', EventTime: '2023-01-11 10:00:00' }));
    lines.push(line({ EventID: 3, Hostname: 'A', EventTime: '2023-01-11 10:00:00', UtcTime: '2023-01-11 15:00:00.000' }));
    const { events } = await readText(readNdjson, lines.join('\n'), { prefilter });
    expect(events.filter((e) => e['EventCode'] === '3').map((e) => e['_time'])).toEqual([1673431200]);
  });
});

describe('readNdjson: ECS and Splunk exports', () => {
  it('maps Winlogbeat / Elastic Agent fields back to Sysmon names, numbers as strings', async () => {
    const { events, bad } = await readText(readNdjson, readFileSync(fixture('ecs.ndjson')));
    expect(bad).toEqual([]);
    const e = events[0]!;
    expect(e['EventCode']).toBe('3');
    expect(e['DestinationPort']).toBe('443');
    expect(e['DestinationIp']).toBe('203.0.113.10');
    expect(e['Image']).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(e['Initiated']).toBe('true');
    expect(e['Computer']).toBe('ws01.corp.example');
    // winlog.time_created wins over @timestamp (which the Sysmon pipeline sets from UtcTime).
    expect(e['_time']).toBeCloseTo(1673450985.832, 6);
    expect(e['process.pid']).toBe('532');
  });

  it('parses the XML in a Splunk export and keeps what Splunk set', async () => {
    const { events, bad } = await readText(readNdjson, readFileSync(fixture('splunk-export.json')));
    expect(bad).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]!['tag']).toEqual(['communicate', 'network']);
    expect(events[0]!['splunk_server']).toBe('idx01');
    expect(events[1]!['_time']).toBeCloseTo(1673450986.1, 6);
    expect(events[1]!['EventRecordID']).toBe('9384');
  });

  it('keeps the export index unless --index was given', async () => {
    const text = line({ result: { _raw: 'x', index: 'sysmon', sourcetype: 'XmlWinEventLog', Image: 'a.exe' } });
    const kept = await readText(readNdjson, text);
    expect(kept.events[0]!['index']).toBe('sysmon');
    const forced = await readText(readNdjson, text, { meta: { index: 'hunt', indexFromFlag: true } });
    expect(forced.events[0]!['index']).toBe('hunt');
    expect(forced.events[0]!['sourcetype']).toBe('XmlWinEventLog');
  });

  it('reports bad lines with line and offset and goes on', async () => {
    const good = line({ EventID: 1, Hostname: 'A' });
    const text = `${good}\n{"EventID": 2,\n[1,2]\n${line({ result: { _raw: '<Event><System></Event>' } })}\n\n${good}\n`;
    const { events, bad } = await readText(readNdjson, text, { chunk: [5, 17] });
    expect(events).toHaveLength(2);
    expect(bad.map((b) => b.line)).toEqual([2, 3, 4]);
    expect(bad[0]!.offset).toBe(good.length + 1);
    expect(bad[0]!.reason).toMatch(/^invalid JSON/);
    expect(bad[1]!.reason).toBe('not a JSON object');
    expect(bad[2]!.reason).toMatch(/^_raw is not valid event XML/);
  });

  it('skips a line over the size limit', async () => {
    const text = `${line({ EventID: 1, M: 'x'.repeat(3000) })}\n${line({ EventID: 2 })}\n`;
    const { events, bad } = await readText(readNdjson, text, { maxRecordBytes: 2048, chunk: [500] });
    expect(events.map((e) => e['EventID'])).toEqual(['2']);
    expect(bad).toMatchObject([{ line: 1, offset: 0, reason: 'line exceeds 2048 bytes' }]);
  });
});
