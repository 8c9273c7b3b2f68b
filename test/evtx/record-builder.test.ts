/**
 * The reader builds each event in one go (fields collected as a list, the Splunk fields added to the list,
 * then one compact object per shape: src/ingest/evtx/decoder.ts, events/event-shapes.ts). These tests check
 * it against the straightforward way, which is also how the reader worked before: a fresh event, the
 * record's fields appended one by one by the reference tree walk (fields-walk.ts), `_time` from SystemTime,
 * then `finishWindowsEvent` (events/windows.ts) — same fields, same values, same order, same prototype.
 * On every record of every shared sample, and on generated records whose names collide with each other and
 * with the names the reader adds itself (host, _time, source, EventCode, _raw…), with nested BinXml values,
 * names read from values and arrays.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { finishWindowsEvent, type SourceMeta } from '../../src/events/windows.js';
import { parseWindowsTime } from '../../src/ingest/evtx/binxml/filetime.js';
import type { Fragment } from '../../src/ingest/evtx/binxml/nodes.js';
import { parseChunk } from '../../src/ingest/evtx/chunk.js';
import { CHUNK_SIZE } from '../../src/ingest/evtx/chunk-header.js';
import { extractFieldsByWalk } from '../../src/ingest/evtx/fields-walk.js';
import { renderFragment } from '../../src/ingest/evtx/render-xml.js';
import { SharedTemplates } from '../../src/ingest/evtx/template-cache.js';
import { type BElement, type BFragment, type BSubst, V, buildChunk, buildFile } from '../helpers/evtx-builder.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';
import { readBytes, readFile } from './read-helpers.js';

const META: SourceMeta = { file: 'x.evtx', index: 'wineventlog', naming: 'legacy' };

/** The reference event of one parsed record (see the header). */
function referenceEvent(f: Fragment, meta: SourceMeta, keepRaw: boolean): Event {
  const ev = createEvent();
  extractFieldsByWalk(f, ev);
  const st = ev['SystemTime'];
  if (typeof st === 'string') {
    const t = parseWindowsTime(st);
    if (t !== null) ev['_time'] = t;
  }
  finishWindowsEvent(ev, meta);
  if (keepRaw) ev['_raw'] = renderFragment(f);
  return ev;
}

/** Reference events of every record of a file, in the reader's order. */
function referenceEvents(bytes: Uint8Array, meta: SourceMeta, keepRaw: boolean): Event[] {
  const out: Event[] = [];
  const templates = new SharedTemplates();
  for (let at = 4096; at < bytes.length; at += CHUNK_SIZE) {
    const avail = Math.min(CHUNK_SIZE, bytes.length - at);
    const chunk = new Uint8Array(CHUNK_SIZE);
    chunk.set(bytes.subarray(at, at + avail));
    parseChunk(chunk, avail, { noCrc: false, templates }, { record: (f) => out.push(referenceEvent(f, meta, keepRaw)), problem: () => {} });
  }
  return out;
}

function sameEvents(ours: readonly Event[], ref: readonly Event[]): void {
  expect(ours.length).toBe(ref.length);
  for (let i = 0; i < ours.length; i++) {
    // Entries compare names, values and order (Object.entries follows property order).
    expect(Object.entries(ours[i]!)).toEqual(Object.entries(ref[i]!));
    expect(Object.getPrototypeOf(ours[i]!)).toBe(Object.getPrototypeOf(createEvent()));
  }
}

describe.skipIf(skipWithoutSharedData())('events as the straightforward way builds them, on the shared samples', () => {
  const files = skipWithoutSharedData() ? [] : readdirSync(sharedData('evtx')).filter((f) => f.endsWith('.evtx'));
  it.each(files)('%s', async (name) => {
    const path = sharedData('evtx', name);
    const bytes = readFileSync(path);
    const meta = { ...META, file: path };
    const ours = await readFile(path, { keepRaw: false });
    sameEvents(ours.events, referenceEvents(bytes, meta, false));
    expect(ours.events.length).toBeGreaterThan(0);
  });
});

// Names that collide with the ones the reader derives or looks up, with each other, and odd property keys.
const NAMES = ['host', '_time', 'source', 'sourcetype', 'index', 'EventCode', 'EventID', 'SystemTime', 'Computer', 'Channel', '_raw', 'Data', 'Image', 'x', '__proto__', '0', '10', 'a"b\\', 'constructor'];

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** The outer template: System with the usual substitutions, then the EventData (sub 4) as a BinXml value. */
const outer: BElement = {
  el: 'Event',
  attrs: [['xmlns', [{ text: NS }]]],
  children: [
    {
      el: 'System',
      children: [
        { el: 'EventID', children: [{ sub: 0, type: 0x06 }] },
        { el: 'TimeCreated', attrs: [['SystemTime', [{ sub: 1, opt: true, type: 0x11 }]]], empty: true },
        { el: 'Channel', children: [{ sub: 2 }] },
        { el: 'Computer', children: [{ sub: 3 }] },
      ],
    },
    { sub: 4, opt: true, type: 0x21 },
  ],
};

interface DataSpec {
  /** Static name, or null: the name is the substitution value after the data value. */
  readonly name: string | null;
  readonly value: string | readonly string[];
  readonly dynamicName: string;
}

const dataSpec: fc.Arbitrary<DataSpec> = fc.record({
  name: fc.option(fc.constantFrom(...NAMES), { nil: null, freq: 5 }),
  value: fc.oneof(fc.constantFrom('', 'v', 'WS01', '2024-05-01T00:00:00.0000000Z', '4624'), fc.array(fc.constantFrom('', 'a', 'b'), { maxLength: 3 })),
  dynamicName: fc.constantFrom(...NAMES, ''),
});

/** EventData with one `<Data>` per spec; `tag` makes templates of different records distinct or equal. */
function eventData(specs: readonly DataSpec[], tag: number): BFragment {
  const children: BElement[] = [];
  const values: BSubst[] = [];
  for (const s of specs) {
    const valueSub = values.length;
    values.push(typeof s.value === 'string' ? V.string(s.value) : V.stringArray(s.value));
    const name = s.name === null ? [{ sub: values.length }] : [{ text: s.name }];
    if (s.name === null) values.push(V.string(s.dynamicName));
    children.push({ el: 'Data', attrs: [['Name', name]], children: [{ sub: valueSub, type: typeof s.value === 'string' ? 0x01 : 0x81 }] });
  }
  const guid = `{cccccccc-0000-4000-8000-${String(tag).padStart(12, '0')}}`;
  return { kind: 'template', guid, root: { el: 'EventData', children }, values };
}

const recordSpec = fc.record({
  eventId: fc.constantFrom(1, 3, 4624),
  time: fc.constantFrom(131_000_000_000_000_000n, 0n, 2_650_467_743_999_999_999n, 3_000_000_000_000_000_000n),
  channel: fc.constantFrom('Security', 'Microsoft-Windows-Sysmon/Operational', ''),
  computer: fc.constantFrom('WS01.corp.example', ''),
  data: fc.array(dataSpec, { maxLength: 6 }),
  tag: fc.integer({ min: 0, max: 3 }),
});

function record(r: RecordSpec, id: number): { id: number; fragment: BFragment } {
  return {
    id,
    fragment: {
      kind: 'template',
      guid: '{aaaaaaaa-0000-4000-8000-000000000001}',
      root: outer,
      values: [V.le(0x06, BigInt(r.eventId), 2), V.le(0x11, r.time, 8), V.string(r.channel), V.string(r.computer), V.nested(eventData(r.data, r.tag))],
    },
  };
}

type RecordSpec = {
  readonly eventId: number;
  readonly time: bigint;
  readonly channel: string;
  readonly computer: string;
  readonly data: readonly DataSpec[];
  readonly tag: number;
};

describe('events as the straightforward way builds them, on generated records', () => {
  it('same names, values and order, _raw included, whatever the names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordSpec, { minLength: 1, maxLength: 6 }), fc.boolean(), async (specs, keepRaw) => {
        // Templates are keyed by GUID: records with the same tag must share the EventData layout.
        const byTag = new Map<number, readonly DataSpec[]>();
        const fixed = specs.map((s) => {
          const layout = byTag.get(s.tag) ?? s.data;
          byTag.set(s.tag, layout);
          return { ...s, data: layout.map((d, i) => ({ ...d, value: s.data[i]?.value ?? d.value })) };
        });
        const file = buildFile([buildChunk(fixed.map((s, i) => record(s, i + 1)))]);
        const ours = await readBytes(file, { keepRaw });
        expect(ours.bad).toEqual([]);
        sameEvents(ours.events, referenceEvents(file, { ...META, file: 'test.evtx' }, keepRaw));
      }),
      { numRuns: 150 },
    );
  });
});
