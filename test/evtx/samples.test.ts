/**
 * Conformance on the 23 shared .evtx samples (../shared/data/evtx, expected.json from the Rust crate's own
 * test suite, evtxexport and python-evtx). For every file: at least as many records as each reference tool
 * reads, and every record header present in the file is either read or reported. The header count is done
 * here independently of the reader with a plain signature scan.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';
import { fieldsOf, readBytes, readFile } from './read-helpers.js';

const skip = skipWithoutSharedData();
const dir = skip ? '' : sharedData('evtx');

interface Expected {
  readonly reference?: { ok: number; err: number };
  readonly libevtx: number;
  readonly python_evtx: [number, number];
}

const expected: Record<string, Expected> = skip
  ? {}
  : (JSON.parse(readFileSync(sharedData('evtx', 'expected.json'), 'utf8')) as { files: Record<string, Expected> }).files;
const names = skip ? [] : readdirSync(dir).filter((f) => f.endsWith('.evtx')).sort();

const u32 = (b: Uint8Array, p: number) => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;

/**
 * Record headers in the used part of every chunk that has a chunk signature: `strict` counts intact ones
 * (signature 2A 2A 00 00, size ≥ 28 inside the chunk, size copy equal to size) at 8-byte boundaries between
 * offset 512 and the chunk's free-space offset; `loose` counts every signature there.
 */
function scanRecordHeaders(file: Uint8Array): { strict: number; loose: number } {
  let strict = 0;
  let loose = 0;
  for (let at = 4096; at + 512 <= file.length; at += 65536) {
    const chunk = file.subarray(at, Math.min(file.length, at + 65536));
    if (String.fromCharCode(...chunk.subarray(0, 8)) !== 'ElfChnk\0') continue;
    const fso = u32(chunk, 48);
    const end = fso >= 512 && fso <= chunk.length ? fso : chunk.length;
    for (let p = 512; p + 24 <= end; p += 8) {
      if (u32(chunk, p) !== 0x2a2a) continue;
      loose++;
      const size = u32(chunk, p + 4);
      if (size >= 28 && p + size <= chunk.length && u32(chunk, p + size - 4) === size) strict++;
    }
  }
  return { strict, loose };
}

describe.skipIf(skip)('shared EVTX samples', () => {
  it('has the 23 files listed in expected.json', () => {
    expect(names).toHaveLength(23);
    expect(new Set(names)).toEqual(new Set(Object.keys(expected)));
  });

  it.each(names)('%s: reads at least the reference counts and accounts for every record header', async (name) => {
    const path = `${dir}/${name}`;
    const { events, bad } = await readFile(path, { keepRaw: false });
    const e = expected[name]!;
    expect(events.length).toBeGreaterThanOrEqual(e.reference?.ok ?? 0);
    expect(events.length).toBeGreaterThanOrEqual(e.libevtx);
    expect(events.length).toBeGreaterThanOrEqual(e.python_evtx[0]);
    const recordErrors = bad.filter((b) => b.recordId !== undefined).length;
    const headers = scanRecordHeaders(readFileSync(path));
    expect(events.length + recordErrors).toBeGreaterThanOrEqual(headers.strict);
    expect(events.length + recordErrors).toBeLessThanOrEqual(headers.loose);
    for (const b of bad) {
      expect(b.file).toBe(path);
      expect(b.offset).toBeGreaterThanOrEqual(0);
      expect(b.offset).toBeLessThan(readFileSync(path).length);
      expect(typeof b.chunk).toBe('number');
    }
    // Files the Rust crate reads without errors give no record errors here either.
    if (e.reference?.err === 0) expect(recordErrors).toBe(0);
  });

  it('reports the zero-size record of sample-with-zero-data-size-event.evtx and reads the records after it', async () => {
    const { events, bad } = await readFile(`${dir}/sample-with-zero-data-size-event.evtx`, { keepRaw: false });
    // Record 3 sits at chunk offset 2080 (evtx-format.md §8 row 7): file offset 4096 + 2080.
    expect(bad.filter((b) => b.recordId !== undefined)).toEqual([
      expect.objectContaining({ chunk: 0, recordId: 3, offset: 6176, reason: expect.stringMatching(/size 0/) }),
    ]);
    const ids = new Set(events.map((ev) => ev['EventRecordID']));
    expect(ids.has('2')).toBe(true);
    expect(ids.has('4')).toBe(true);
    expect(ids.has('117')).toBe(true);
  });

  it('reports the two chunks without a chunk signature in sample_with_a_bad_chunk_magic.evtx', async () => {
    const { bad } = await readFile(`${dir}/sample_with_a_bad_chunk_magic.evtx`, { keepRaw: false });
    const badChunks = bad.filter((b) => /bad chunk signature/.test(b.reason)).map((b) => [b.chunk, b.offset]);
    expect(badChunks).toEqual([
      [6, 4096 + 6 * 65536],
      [10, 4096 + 10 * 65536],
    ]);
  });

  it('reads dirty sysmon.evtx past its stale header (1 chunk claimed, 9 used) and reports the garbage blocks', async () => {
    const { events, bad } = await readFile(`${dir}/sysmon.evtx`, { keepRaw: false });
    expect(events).toHaveLength(358);
    expect(bad.map((b) => b.chunk)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('reads security_bad_string_cache.evtx exactly like security.evtx despite the damaged string table', async () => {
    const a = await readFile(`${dir}/security.evtx`);
    const b = await readFile(`${dir}/security_bad_string_cache.evtx`);
    expect(b.bad).toEqual([expect.objectContaining({ chunk: 0, reason: expect.stringMatching(/header CRC mismatch/) })]);
    expect(b.events.map(fieldsOf)).toEqual(a.events.map(fieldsOf));
    expect(b.events.map((e) => e['_raw'])).toEqual(a.events.map((e) => e['_raw']));
  });

  it('gives the same events and reports when streamed in odd-sized pieces', async () => {
    for (const name of ['sample-with-zero-data-size-event.evtx', 'E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx']) {
      const path = `${dir}/${name}`;
      const file = await readFile(path);
      const streamed = await readBytes(readFileSync(path), {}, 7777);
      expect(streamed.events.map(fieldsOf)).toEqual(file.events.map(fieldsOf));
      expect(streamed.events.map((e) => e['_raw'])).toEqual(file.events.map((e) => e['_raw']));
      expect(streamed.bad.map((b) => ({ ...b, file: '' }))).toEqual(file.bad.map((b) => ({ ...b, file: '' })));
    }
  });
});

describe.skipIf(skip)('reader options and unusable inputs', () => {
  it('the EventCode prefilter keeps exactly the records a full read would keep', async () => {
    const path = `${dir}/sysmon.evtx`;
    const all = await readFile(path, { keepRaw: false });
    const some = await readFile(path, { keepRaw: false, prefilter: { eventCodes: new Set(['3', '22']) } });
    const expectedIds = all.events.filter((e) => e['EventCode'] === '3' || e['EventCode'] === '22').map((e) => e['EventRecordID']);
    expect(expectedIds.length).toBeGreaterThan(0);
    expect(some.events.map((e) => e['EventRecordID'])).toEqual(expectedIds);
  });

  it('yields batches of at most batchSize events', async () => {
    const sizes: number[] = [];
    const { readEvtxFile } = await import('../../src/ingest/evtx/index.js');
    const path = `${dir}/security.evtx`;
    for await (const batch of readEvtxFile(path, { meta: { file: path, index: 'x', naming: 'legacy' }, onBadRecord: () => {}, batchSize: 500 })) sizes.push(batch.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2261);
    // A batch is yielded once 500 are pending, after a whole chunk (at most a few hundred records) is added.
    expect(Math.max(...sizes)).toBeLessThan(500 + 300);
    expect(sizes.length).toBeGreaterThan(3);
  });

  it('a consumer may stop after the first batch (the file is closed, no read left behind)', async () => {
    const { readEvtxFile } = await import('../../src/ingest/evtx/index.js');
    const path = `${dir}/sample-with-irregular-bool-values.evtx`;
    let batches = 0;
    for await (const batch of readEvtxFile(path, { meta: { file: path, index: 'x', naming: 'legacy' }, onBadRecord: () => {}, batchSize: 10 })) {
      expect(batch.length).toBeGreaterThan(0);
      batches++;
      break;
    }
    expect(batches).toBe(1);
  });

  it('a missing path, an empty file and a non-EVTX file are SourceErrors; a truncated file is read', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { SourceError } = await import('../../src/errors.js');
    const tmp = mkdtempSync(join(tmpdir(), 'c2hunt-evtx-'));
    writeFileSync(join(tmp, 'empty.evtx'), new Uint8Array(0));
    writeFileSync(join(tmp, 'text.evtx'), 'not an event log\n'.repeat(400));
    const full = readFileSync(`${dir}/security.evtx`);
    writeFileSync(join(tmp, 'cut.evtx'), full.subarray(0, 4096 + 3 * 65536 + 20000));
    await expect(readFile(join(tmp, 'missing.evtx'))).rejects.toBeInstanceOf(SourceError);
    await expect(readFile(join(tmp, 'empty.evtx'))).rejects.toBeInstanceOf(SourceError);
    await expect(readFile(join(tmp, 'text.evtx'))).rejects.toThrow(/not an EVTX file/);
    const cut = await readFile(join(tmp, 'cut.evtx'), { keepRaw: false });
    const whole = await readFile(`${dir}/security.evtx`, { keepRaw: false });
    // Three full chunks plus the records of the fourth that end before the cut.
    expect(cut.events.length).toBeGreaterThan(0);
    expect(cut.events.map(fieldsOf)).toEqual(whole.events.slice(0, cut.events.length).map(fieldsOf));
    expect(cut.bad.some((b) => b.chunk === 3 && /truncated/.test(b.reason))).toBe(true);
  });
});
