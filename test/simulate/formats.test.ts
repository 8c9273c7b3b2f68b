/**
 * The three output formats carry the same events: on the raw documents by their documented layout
 * (platforms.md §5: XML by the small parser in test/helpers/simulated.ts, ECS from winlog.*, NXLog from
 * its flat fields), and through c2hunt's own readers (src/ingest), which must normalize all three to the
 * same Computer, Channel, EventRecordID, EventCode, Splunk metadata, EventData fields and _time (NXLog's
 * EventTime has whole seconds, so there to the second).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateToTempDir, type Manifest } from '../../src/simulate/index.js';
import { SCHEMAS } from '../../src/simulate/schema.js';
import { readLines, readXmlDataset } from '../helpers/simulated.js';
import { readInputs } from '../../src/ingest/open.js';
import type { Event } from '../../src/events/event.js';

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

const OPTS = { seed: 11, hosts: 3, days: 1 } as const;
const runs: Record<string, { out: string; manifest: Manifest; cleanup(): void }> = {};

beforeAll(async () => {
  for (const format of ['xml', 'ecs', 'nxlog'] as const) runs[format] = await simulateToTempDir({ ...OPTS, format, gzip: format === 'ecs' });
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

async function readBack(format: string): Promise<Map<string, Event>> {
  const r = runs[format]!;
  const bad: unknown[] = [];
  const out = new Map<string, Event>();
  for await (const batch of readInputs([join(r.out, 'events')], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: (b) => bad.push(b) })) {
    for (const e of batch) out.set(`${e['Computer']}|${e['Channel']}|${e['EventRecordID']}`, e);
  }
  expect(bad).toEqual([]);
  expect(out.size).toBe(r.manifest.counts.events);
  return out;
}

describe('xml, ecs and nxlog through the ingest readers', () => {
  it('hold the same events with the same fields', async () => {
    const sets: Record<string, Map<string, Event>> = {};
    for (const fmt of ['xml', 'ecs', 'nxlog']) sets[fmt] = await readBack(fmt);
    const xml = sets['xml']!;
    expect(xml.size).toBeGreaterThan(5000);
    const problems: string[] = [];
    for (const [key, x] of xml) {
      const schema = SCHEMAS[`${CHANNEL_KEY[x['Channel'] as string]}:${x['EventCode']}`]!;
      for (const fmt of ['ecs', 'nxlog']) {
        const o = sets[fmt]!.get(key);
        if (o === undefined) {
          problems.push(`${fmt}: missing ${key}`);
          continue;
        }
        for (const name of ['EventCode', 'host', 'source', 'sourcetype', 'index', 'Computer', 'Channel', ...schema.fields]) {
          if (String(o[name]) !== String(x[name])) problems.push(`${fmt} ${key} ${name}: ${String(o[name]).slice(0, 80)} ≠ ${String(x[name]).slice(0, 80)}`);
        }
        const tx = x['_time'] as number;
        const to = o['_time'] as number;
        const ok = fmt === 'nxlog' ? Math.floor(tx) === to : Math.abs(to - tx) < 1e-6;
        if (!ok) problems.push(`${fmt} ${key} _time ${to} ≠ ${tx}`);
        if (problems.length > 10) break;
      }
      if (problems.length > 10) break;
    }
    expect(problems).toEqual([]);
  });
});
