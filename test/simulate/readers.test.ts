/**
 * The three formats normalize to the same events through c2hunt's own readers (src/ingest): for every
 * event, the same Computer, Channel, EventRecordID, EventCode, Splunk metadata and EventData fields, and
 * the same _time (NXLog's EventTime has whole seconds, so there to the second).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateToTempDir } from '../../src/simulate/index.js';
import { SCHEMAS } from '../../src/simulate/schema.js';
import { readInputs } from '../../src/ingest/open.js';
import type { Event } from '../../src/events/event.js';

const CHANNEL_KEY: Record<string, string> = {
  'Microsoft-Windows-Sysmon/Operational': 'sysmon',
  Security: 'security',
  'Microsoft-Windows-PowerShell/Operational': 'powershell',
};

const sets: Record<string, Map<string, Event>> = {};
const cleanups: (() => void)[] = [];

async function load(format: 'xml' | 'ecs' | 'nxlog'): Promise<Map<string, Event>> {
  const r = await simulateToTempDir({ seed: 21, hosts: 3, days: 1, format, gzip: format === 'ecs' });
  cleanups.push(r.cleanup);
  const bad: unknown[] = [];
  const out = new Map<string, Event>();
  for await (const batch of readInputs([join(r.out, 'events')], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: (b) => bad.push(b) })) {
    for (const e of batch) out.set(`${e['Computer']}|${e['Channel']}|${e['EventRecordID']}`, e);
  }
  expect(bad).toEqual([]);
  expect(out.size).toBe(r.manifest.counts.events);
  return out;
}

beforeAll(async () => {
  for (const f of ['xml', 'ecs', 'nxlog'] as const) sets[f] = await load(f);
});
afterAll(() => cleanups.forEach((c) => c()));

describe('xml, ecs and nxlog through the ingest readers', () => {
  it('hold the same events with the same fields', () => {
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
