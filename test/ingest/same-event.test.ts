/**
 * One Sysmon EID 3 event written in every format c2hunt reads must normalize to the same fields.
 * The fixtures (test/fixtures/ingest) were written by hand from one event; the expected values below are
 * that event's, not the reader's output.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/events/event.js';
import { fixture, readPaths } from '../helpers/ingest.js';

const EVENT_DATA: Record<string, string> = {
  RuleName: '-',
  UtcTime: '2023-01-11 15:29:43.732',
  ProcessGuid: '{5770385f-aaaa-bbbb-cccc-000000000532}',
  ProcessId: '532',
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  User: 'CORP\\alice',
  Protocol: 'tcp',
  Initiated: 'true',
  SourceIsIpv6: 'false',
  SourceIp: '10.1.2.3',
  SourceHostname: 'ws01.corp.example',
  SourcePort: '50123',
  SourcePortName: '-',
  DestinationIsIpv6: 'false',
  DestinationIp: '203.0.113.10',
  DestinationHostname: 'beacon.c2.test',
  DestinationPort: '443',
  DestinationPortName: 'https',
};

const SYSTEM: Record<string, string | number> = {
  // 2023-01-11T15:29:45.832Z = 19368 days × 86400 + 55785.832 s.
  _time: 1673450985.832,
  host: 'ws01.corp.example',
  source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
  sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
  index: 'wineventlog',
  EventCode: '3',
  EventID: '3',
  SystemTime: '2023-01-11T15:29:45.8320000Z',
  EventRecordID: '9383',
  Computer: 'ws01.corp.example',
  Channel: 'Microsoft-Windows-Sysmon/Operational',
  ProviderName: 'Microsoft-Windows-Sysmon',
  Guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}',
  Version: '5',
  ProcessID: '1888',
  ThreadID: '2956',
  UserID: 'S-1-5-18',
};

/** Rendered numeric System fields; ECS only carries them as text (winlog.opcode "Info", log.level). */
const NUMERIC_RENDERED: Record<string, string> = { Level: '4', Task: '3', Opcode: '0', Keywords: '0x8000000000000000' };

const EXPECTED = { ...SYSTEM, ...EVENT_DATA };

function pickExpected(e: Event, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, e[k]]));
}

describe('one event, every format', () => {
  it.each([
    ['Splunk XmlWinEventLog', 'splunk-xmlwineventlog.xml', true],
    ['python-evtx XML', 'python-evtx.xml', true],
    ['wevtutil XML', 'wevtutil-events.xml', true],
    ['NXLog JSON', 'nxlog.ndjson', true],
    ['Splunk JSON export', 'splunk-export.json', true],
    ['Splunk CSV export', 'splunk-export.csv', true],
    ['ECS JSON', 'ecs.ndjson', false],
  ])('%s', async (_name, file, hasNumericRendering) => {
    const { events, bad } = await readPaths([fixture(file)]);
    expect(bad).toEqual([]);
    const e = events[0]!;
    const keys = Object.keys(EXPECTED);
    const got = pickExpected(e, keys);
    expect({ ...got, _time: undefined }).toEqual({ ...EXPECTED, _time: undefined });
    expect(e['_time']).toBeCloseTo(1673450985.832, 6);
    if (hasNumericRendering) expect(pickExpected(e, Object.keys(NUMERIC_RENDERED))).toEqual(NUMERIC_RENDERED);
  });
});
