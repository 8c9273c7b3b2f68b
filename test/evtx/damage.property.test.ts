/**
 * Property tests: random byte flips, truncations and chunk shuffles of real sample files. The reader must
 * never throw (except SourceError for an input that is no longer EVTX at all: both the file signature and
 * the first chunk signature gone), must finish within a time bound, and must not invent records (never
 * more events than record signatures in the input).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';
import { readBytes } from './read-helpers.js';

const skip = skipWithoutSharedData();
const CHUNK = 65536;

function load(name: string, chunks = Infinity): Uint8Array {
  const b = readFileSync(sharedData('evtx', name));
  return new Uint8Array(b.subarray(0, Math.min(b.length, 4096 + chunks * CHUNK)));
}

const samples = skip
  ? []
  : [
      load('Security_short_selected.evtx'),
      load('Microsoft-Windows-LanguagePackSetup%4Operational.evtx'),
      load('MSExchange_Management_wec.evtx'),
      load('E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx', 2),
      load('sysmon.evtx', 2),
      load('system.evtx', 2),
    ];

function signatures(b: Uint8Array): number {
  let n = 0;
  for (let p = 0; p + 4 <= b.length; p++) if (b[p] === 0x2a && b[p + 1] === 0x2a && b[p + 2] === 0 && b[p + 3] === 0) n++;
  return n;
}

function hasSignature(b: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** Reads and checks the invariants; returns the number of events. */
async function readChecked(bytes: Uint8Array, piece: number): Promise<number> {
  const started = performance.now();
  let events = 0;
  try {
    const r = await readBytes(bytes, { keepRaw: true }, piece);
    // Rendering must not throw either (it is lazy).
    for (const e of r.events) expect(typeof e['_raw']).toBe('string');
    events = r.events.length;
    for (const bad of r.bad) {
      expect(bad.offset).toBeGreaterThanOrEqual(0);
      expect(bad.offset).toBeLessThanOrEqual(bytes.length);
    }
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    expect(hasSignature(bytes, 0, 'ElfFile\0') && hasSignature(bytes, 4096, 'ElfChnk\0')).toBe(false);
  }
  expect(events).toBeLessThanOrEqual(signatures(bytes));
  // A 2-chunk file reads in milliseconds; the bound only catches runaway loops.
  expect(performance.now() - started).toBeLessThan(5000);
  return events;
}

describe.skipIf(skip)('damaged inputs', () => {
  const sample = fc.integer({ min: 0, max: Math.max(0, samples.length - 1) });

  it('random byte flips never throw, never hang, never invent records', async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 40 }), fc.boolean(), async (s, flips, nearHeaders) => {
        const bytes = samples[s]!.slice();
        for (const [pos, x] of flips) {
          // Half the runs aim at the structures (file header, chunk headers, first records).
          const chunk = Math.floor((pos % bytes.length) / CHUNK);
          const at = nearHeaders ? Math.min(bytes.length - 1, (chunk === 0 ? 0 : 4096 + (chunk - 1) * CHUNK) + (pos % 2048)) : pos % bytes.length;
          bytes[at] = bytes[at]! ^ x;
        }
        await readChecked(bytes, 65536);
      }),
      { numRuns: 60 },
    );
  });

  it('truncation at any length never throws except for a non-EVTX prefix', async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.nat(), fc.integer({ min: 1, max: 100000 }), async (s, cut, piece) => {
        const full = samples[s]!;
        await readChecked(full.subarray(0, cut % (full.length + 1)), piece);
      }),
      { numRuns: 60 },
    );
  });

  it('shuffled chunks are read independently: the same records whatever the order', async () => {
    await fc.assert(
      fc.asyncProperty(sample, fc.infiniteStream(fc.nat()), async (s, rnd) => {
        const full = samples[s]!;
        const n = Math.floor((full.length - 4096) / CHUNK);
        const order = Array.from({ length: n }, (_, i) => i);
        const it = rnd[Symbol.iterator]();
        for (let i = n - 1; i > 0; i--) {
          const j = it.next().value! % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const shuffled = new Uint8Array(full.length);
        shuffled.set(full.subarray(0, 4096));
        order.forEach((from, to) => shuffled.set(full.subarray(4096 + from * CHUNK, 4096 + (from + 1) * CHUNK), 4096 + to * CHUNK));
        const a = await readBytes(full, { keepRaw: false });
        const b = await readBytes(shuffled, { keepRaw: false });
        const ids = (r: typeof a) => r.events.map((e) => String(e['EventRecordID'])).sort();
        expect(ids(b)).toEqual(ids(a));
      }),
      { numRuns: 20 },
    );
  });

  it('a file made only of zero chunks or garbage after a valid header yields nothing and no exception', async () => {
    const header = samples[0]!.subarray(0, 4096);
    const zeros = new Uint8Array(4096 + 2 * CHUNK);
    zeros.set(header);
    expect(await readChecked(zeros, 4096)).toBe(0);
    const junk = zeros.slice();
    for (let i = 4096; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
    expect(await readChecked(junk, 65536)).toBe(0);
  });
});
