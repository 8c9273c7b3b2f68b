/**
 * The two Windows-structured readers agree: sysmon.evtx read by the binary EVTX reader and the same 358
 * records rendered by python-evtx (an independent implementation) read by the event-XML reader give the
 * same fields, except python-evtx's own rendering conventions, each named below (docs/evtx.md lists them).
 */
import { describe, expect, it } from 'vitest';
import type { Event, Value } from '../../src/events/event.js';
import { parseUtcTimestamp } from '../../src/events/time.js';
import { readPaths } from '../helpers/ingest.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';

/** Map a python-evtx value to how Windows (and so c2hunt's EVTX reader) renders it. */
function windowsForm(value: Value | undefined): Value | undefined {
  if (typeof value !== 'string') return value;
  // python-evtx prints Python booleans (True/False); Windows writes true/false.
  if (value === 'True' || value === 'False') return value.toLowerCase();
  // python-evtx zero-pads hex values to their width (python-evtx#38); Windows writes 0x3e7.
  if (/^0x0[0-9a-f]+$/.test(value)) return `0x${BigInt(value).toString(16)}`;
  return value;
}

describe.skipIf(skipWithoutSharedData())('EVTX reader vs event-XML reader on the same records', () => {
  it('gives the same fields for all 358 sysmon.evtx records, up to python-evtx conventions', async () => {
    const evtx = await readPaths([sharedData('evtx', 'sysmon.evtx')]);
    const xml = await readPaths([sharedData('xml', 'sysmon.evtx.python-evtx.xml')]);
    expect(evtx.events).toHaveLength(358);
    expect(xml.events).toHaveLength(358);
    const byId = new Map<Value, Event>(xml.events.map((e) => [e['EventRecordID'] ?? null, e]));
    let fields = 0;
    for (const ours of evtx.events) {
      const ref = byId.get(ours['EventRecordID'] ?? null);
      expect(ref, `record ${String(ours['EventRecordID'])}`).toBeDefined();
      const names = new Set([...Object.keys(ours), ...Object.keys(ref!)]);
      for (const name of names) {
        if (name === '_raw') continue;
        const where = `${name} of record ${String(ours['EventRecordID'])}`;
        if (name === '_time' || name === 'SystemTime') {
          // python-evtx computes microseconds through a float, so its last digit can be off by a few µs.
          const t = (e: Event) => (name === '_time' ? (e['_time'] as number) : parseUtcTimestamp(String(e[name])));
          expect(Math.abs(t(ours)! - t(ref!)!), where).toBeLessThan(5e-6);
        } else {
          expect(ours[name], where).toEqual(windowsForm(ref![name]));
        }
        fields++;
      }
    }
    // Sysmon records carry 20-30 fields each; a comparison that silently covered nothing must fail.
    expect(fields).toBeGreaterThan(358 * 20);
  });
});

describe.skipIf(skipWithoutSharedData())('EventCode prefilter, counted alike by both readers', () => {
  it('keeps the same events and counts every other record as pre-filtered (sysmon.evtx: 2 of 358 are EID 3)', async () => {
    const prefilter = { eventCodes: new Set(['3']) };
    const evtx = await readPaths([sharedData('evtx', 'sysmon.evtx')], { prefilter });
    const xml = await readPaths([sharedData('xml', 'sysmon.evtx.python-evtx.xml')], { prefilter });
    expect(evtx.events.map((e) => e['EventRecordID'])).toEqual(xml.events.map((e) => e['EventRecordID']));
    expect(evtx.events).toHaveLength(2);
    expect(evtx.stats.events + evtx.stats.skippedByPrefilter).toBe(358);
    expect(xml.stats.events + xml.stats.skippedByPrefilter).toBe(358);
  });
});
