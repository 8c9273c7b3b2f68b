/**
 * The three output formats carry the same events, checked on the raw documents by their documented
 * layout (platforms.md §5): XML by the small parser in test/helpers/simulated.ts, ECS from winlog.*,
 * NXLog from its flat fields. readers.test.ts checks the same through c2hunt's own readers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateToTempDir, type Manifest } from '../../src/simulate/index.js';
import { SCHEMAS } from '../../src/simulate/schema.js';
import { readLines, readXmlDataset } from '../helpers/simulated.js';

interface Norm {
  computer: string;
  channel: string;
  recordId: number;
  eventId: number;
  /** TimeCreated to the millisecond. */
  created: string;
  data: Record<string, string>;
}

const CHANNEL_KEY: Record<string, string> = {
  'Microsoft-Windows-Sysmon/Operational': 'sysmon',
  Security: 'security',
  'Microsoft-Windows-PowerShell/Operational': 'powershell',
};

const OPTS = { seed: 11, hosts: 4, days: 1 } as const;
const runs: Record<string, { out: string; manifest: Manifest; cleanup(): void }> = {};

beforeAll(async () => {
  for (const format of ['xml', 'ecs', 'nxlog'] as const) runs[format] = await simulateToTempDir({ ...OPTS, format, gzip: format === 'nxlog' });
});
afterAll(() => Object.values(runs).forEach((r) => r.cleanup()));

function fromXml(): Norm[] {
  return readXmlDataset(runs['xml']!.out).map((e) => ({
    computer: e.computer,
    channel: e.channel,
    recordId: e.recordId,
    eventId: e.eventId,
    created: `${e.systemTime.slice(0, 23)}Z`,
    data: e.data,
  }));
}

function jsonDocs(format: string): Record<string, unknown>[] {
  const r = runs[format]!;
  return r.manifest.files.flatMap((f) => readLines(join(r.out, f.path)).map((l) => JSON.parse(l) as Record<string, unknown>));
}

function fromEcs(): Norm[] {
  return jsonDocs('ecs').map((d) => {
    const w = d['winlog'] as Record<string, unknown>;
    const ev = d['event'] as Record<string, string>;
    return {
      computer: w['computer_name'] as string,
      channel: w['channel'] as string,
      recordId: Number(w['record_id']),
      eventId: Number(w['event_id']),
      created: ev['created'] as string,
      data: w['event_data'] as Record<string, string>,
    };
  });
}

function fromNxlog(): Norm[] {
  return jsonDocs('nxlog').map((d) => {
    const channel = d['Channel'] as string;
    const eventId = d['EventID'] as number;
    const data: Record<string, string> = {};
    for (const f of SCHEMAS[`${CHANNEL_KEY[channel]}:${eventId}`]!.fields) data[f] = d[f] as string;
    return { computer: d['Hostname'] as string, channel, recordId: d['RecordNumber'] as number, eventId, created: d['@timestamp'] as string, data };
  });
}

describe('xml, ecs and nxlog carry the same events', () => {
  it('event for event, field for field', () => {
    // NDJSON files hold every channel of a host; XML one file per channel: compare in one order.
    const order = (a: Norm, b: Norm) => (a.computer < b.computer ? -1 : a.computer > b.computer ? 1 : a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.recordId - b.recordId);
    const xml = fromXml().sort(order);
    const ecs = fromEcs().sort(order);
    const nx = fromNxlog().sort(order);
    expect(xml.length).toBeGreaterThan(5000);
    expect(ecs).toEqual(xml);
    expect(nx).toEqual(xml);
  });

  it('ECS adds the fields the Elastic pipeline derives', () => {
    const docs = jsonDocs('ecs');
    const conn = docs.find((d) => (d['event'] as Record<string, string>)['code'] === '3' && (d['winlog'] as { event_data: Record<string, string> }).event_data['Initiated'] === 'true')!;
    const ed = (conn['winlog'] as { event_data: Record<string, string> }).event_data;
    expect(conn['destination']).toMatchObject({ ip: ed['DestinationIp'], port: Number(ed['DestinationPort']) });
    expect(conn['process']).toMatchObject({ executable: ed['Image'], entity_id: ed['ProcessGuid'], pid: Number(ed['ProcessId']) });
    expect((conn['network'] as Record<string, string>)['direction']).toBe('egress');
    // Sysmon documents take @timestamp from UtcTime (2026-01-05 08:17:32.663 → 2026-01-05T08:17:32.663Z).
    expect(conn['@timestamp']).toBe(`${ed['UtcTime']!.replace(' ', 'T')}Z`);
    expect((conn['host'] as Record<string, string>)['name']).toBe((conn['winlog'] as Record<string, string>)['computer_name']);
    const dns = docs.find((d) => (d['event'] as Record<string, string>)['code'] === '22' && (d['winlog'] as { event_data: Record<string, string> }).event_data['QueryResults']!.includes('type:  5'))!;
    const answers = (dns['dns'] as { answers: { type: string; data: string }[]; resolved_ip: string[] });
    expect(answers.answers.some((a) => a.type === 'CNAME')).toBe(true);
    expect(answers.resolved_ip.every((ip) => !ip.startsWith('::ffff:'))).toBe(true);
  });

  it("NXLog's EventID is a number, every EventData value a string, EventTime local without a zone", () => {
    const docs = jsonDocs('nxlog');
    for (const d of docs.slice(0, 2000)) {
      expect(typeof d['EventID']).toBe('number');
      expect(typeof d['RecordNumber']).toBe('number');
      const schema = SCHEMAS[`${CHANNEL_KEY[d['Channel'] as string]}:${d['EventID']}`]!;
      for (const f of schema.fields) expect(typeof d[f]).toBe('string');
      // The estate is at UTC+01:00: EventTime is @timestamp plus one hour, to the second, no zone.
      const local = new Date(Date.parse(d['@timestamp'] as string) + 3600_000).toISOString();
      expect(d['EventTime']).toBe(`${local.slice(0, 10)} ${local.slice(11, 19)}`);
    }
  });
});
