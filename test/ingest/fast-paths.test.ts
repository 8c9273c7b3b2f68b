/**
 * Every fast path of the readers gives exactly what its reference gives: the same fields, in the same
 * order, with the same values. References are the plain implementations (test/reference/) or the
 * library path a fast path bails out to. Inputs: the fixtures, the shared sample data, and generated
 * records, including hostile ones.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/events/event.js';
import { isJsonObject, type JsonObject } from '../../src/events/json-fields.js';
import { normalizeNxlog, nxlogEventCode, nxlogTiming } from '../../src/events/nxlog.js';
import { DEFAULT_SOURCE_META } from '../../src/events/windows.js';
import { FIXTURES } from '../helpers/ingest.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';
import { normalizeNxlogReference } from '../reference/nxlog-reference.js';

const skipShared = skipWithoutSharedData();
const META = { ...DEFAULT_SOURCE_META, file: 'mem' };

/** Fields in order, so a difference in order fails too. */
const entries = (e: Event) => Object.entries(e);

function sameNxlog(obj: JsonObject): void {
  const fast = normalizeNxlog(obj, META);
  const ref = normalizeNxlogReference(obj, META);
  expect(entries(fast.event)).toEqual(entries(ref.event));
  expect(fast.timing).toEqual(ref.timing);
  expect(nxlogTiming(obj)).toEqual(ref.timing);
  expect(nxlogEventCode(obj)).toEqual(ref.event['EventCode']);
}

function jsonLines(text: string): JsonObject[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown)
    .filter(isJsonObject);
}

// Keys that the normalization treats specially, and ordinary ones.
const KEYS = [
  'Hostname', 'host', 'Computer', 'SourceName', 'ProviderName', 'ProviderGuid', 'Guid', 'RecordNumber', 'EventRecordID',
  'OpcodeValue', 'Opcode', 'ExecutionProcessID', 'ProcessID', 'ExecutionThreadID', 'ThreadID', 'EventID', 'EventCode',
  'EventTime', 'TimeCreated', '@timestamp', 'UtcTime', 'SystemTime', '_time', 'Channel', 'Image', 'a.b', 'a',
  '__proto__', 'constructor', 'toString', '', '1', 'host.name',
];
const TIMES = ['2024-05-01 12:00:00', '2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00.000', ' 2024-05-01T10:00:00Z', '2024-13-01 00:00:00', 'x'];
const leaf = fc.oneof(
  fc.constantFrom(...TIMES),
  fc.string({ maxLength: 8 }),
  fc.constant(''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-0),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 3 }), tie('obj')),
  obj: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('v')), { maxLength: 4 }),
}));
/** A record as JSON text (so duplicate keys and `__proto__` behave as JSON.parse makes them). */
const record = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), value.v), { maxLength: 14 })
  .map((pairs) => {
    const text = (v: unknown): string =>
      Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')
        ? `{${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}:${text(x)}`).join(',')}}`
        : Array.isArray(v)
          ? `[${v.map(text).join(',')}]`
          : JSON.stringify(v);
    return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${text(v)}`).join(',')}}`;
  });

describe('NXLog normalization: single pass = reference', () => {
  it('on the NDJSON fixtures', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.ndjson'))) {
      for (const obj of jsonLines(readFileSync(`${FIXTURES}/${name}`, 'utf8'))) sameNxlog(obj);
    }
  });

  it.skipIf(skipShared)('on every OTRF record of the shared data', () => {
    const dir = sharedData('otrf');
    let n = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json.gz'))) {
      for (const obj of jsonLines(gunzipSync(readFileSync(`${dir}/${name}`)).toString('utf8'))) {
        sameNxlog(obj);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });

  it('on generated records (special keys, nesting, duplicates, every JSON type)', () => {
    fc.assert(
      fc.property(record, (text) => {
        const obj = JSON.parse(text) as unknown;
        if (isJsonObject(obj)) sameNxlog(obj);
      }),
      { numRuns: 1500 },
    );
  });
});
