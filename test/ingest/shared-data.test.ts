/**
 * The shared sample data: every XML and NDJSON file reads completely, and a garbled copy of each is read
 * with its bad records reported and every untouched record kept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPaths } from '../helpers/ingest.js';
import { sharedData, skipWithoutSharedData } from '../helpers/shared-data.js';

const skip = skipWithoutSharedData();

const OTRF = [
  'otrf/cmd_bitsadmin_download_psh_script_2020-10-2302365189.json.gz',
  'otrf/psh_cmstp_execution_bypassuac_2020-10-2201543213.json.gz',
  'otrf/schtask_create_2020-12-1907003032.json.gz',
];
const PYTHON_EVTX = 'xml/sysmon.evtx.python-evtx.xml';

function nonBlankLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

describe.skipIf(skip)('shared data', () => {
  it.each(OTRF)('%s: one event per non-blank line, host from Hostname, no bad records', async (file) => {
    const lines = nonBlankLines(gunzipSync(readFileSync(sharedData(file))).toString('utf8'));
    const { events, bad, stats } = await readPaths([sharedData(file)]);
    expect(bad).toEqual([]);
    expect(events).toHaveLength(lines.length);
    expect(stats).toMatchObject({ files: 1, events: lines.length, badRecords: 0 });
    const first = JSON.parse(lines[0]!) as { Hostname: string; EventID: number };
    expect(events[0]!['host']).toBe(first.Hostname);
    expect(events[0]!['EventCode']).toBe(String(first.EventID));
  });

  it.each(OTRF)('%s as a pretty-printed JSON array (the 2022 OTRF layout, gzip): the same events', async (file) => {
    const lines = nonBlankLines(gunzipSync(readFileSync(sharedData(file))).toString('utf8'));
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-otrf-array-'));
    const out = join(dir, 'array.json.gz');
    writeFileSync(out, gzipSync(JSON.stringify(lines.map((l) => JSON.parse(l) as unknown), null, 2)));
    const fromLines = await readPaths([sharedData(file)]);
    const fromArray = await readPaths([out]);
    expect(fromArray.bad).toEqual([]);
    const strip = (events: readonly Record<string, unknown>[]) => events.map(({ _raw, source, ...rest }) => rest);
    expect(strip(fromArray.events)).toEqual(strip(fromLines.events));
  });

  it('OTRF: Sysmon UtcTime and _time agree within seconds once the zone offset is applied', async () => {
    const { events } = await readPaths([sharedData(OTRF[1]!)]);
    for (const e of events) {
      if (typeof e['UtcTime'] !== 'string') continue;
      const utc = Date.parse(`${e['UtcTime'].replace(' ', 'T')}Z`) / 1000;
      // Sysmon stamps UtcTime before the record is written; in these files by at most about a minute.
      expect(Math.abs((e['_time'] as number) - utc)).toBeLessThan(120);
    }
  });

  it(`${PYTHON_EVTX}: all 358 records`, async () => {
    const { events, bad } = await readPaths([sharedData(PYTHON_EVTX)]);
    expect(bad).toEqual([]);
    expect(events).toHaveLength(358);
    expect(new Set(events.map((e) => e['Computer']))).toEqual(new Set(['DESKTOP-2KGM189']));
  });

  it('garbled NDJSON (gzip): the damaged lines are reported, the others read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-garbled-'));
    for (const file of OTRF) {
      const lines = gunzipSync(readFileSync(sharedData(file))).toString('utf8').split('\n');
      const damaged = new Set<number>();
      // Damage every 50th non-blank line: cut it in half (no longer JSON).
      lines.forEach((l, i) => {
        if (i % 50 === 7 && l.trim() !== '') {
          lines[i] = l.slice(0, l.length >> 1);
          damaged.add(i + 1);
        }
      });
      const out = join(dir, file.replace('otrf/', ''));
      writeFileSync(out, gzipSync(lines.join('\n')));
      const { events, bad } = await readPaths([out]);
      expect(bad.map((b) => b.line)).toEqual([...damaged]);
      expect(events).toHaveLength(nonBlankLines(lines.join('\n')).length - damaged.size);
    }
  });

  it('garbled XML: each damaged record is reported with its line, the others are read', async () => {
    const text = readFileSync(sharedData(PYTHON_EVTX), 'utf8');
    // Damage three records in three ways: a broken end tag, a stray '<', a removed </Event>.
    let n = 0;
    const garbled = text
      .replace(/<\/EventRecordID>/g, (m) => (++n === 10 ? '</EventRecordI>' : m))
      .replace('<Data Name="Image">', '<Data Name="Image"><<')
      .replace(/<\/Event>/g, (m, at: number) => (at > text.length / 2 && at < text.length / 2 + 3000 ? '' : m));
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-garbled-'));
    const out = join(dir, 'garbled.xml');
    writeFileSync(out, garbled);
    const { events, bad } = await readPaths([out]);
    expect(bad).toHaveLength(3);
    expect(events).toHaveLength(358 - 3);
    for (const b of bad) expect(b.line).toBeGreaterThan(0);
  });

  it('a truncated gzip keeps the events before the cut and reports the truncation', async () => {
    const gz = readFileSync(sharedData(OTRF[0]!));
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-trunc-'));
    const out = join(dir, 'cut.json.gz');
    writeFileSync(out, gz.subarray(0, gz.length >> 1));
    const { events, bad } = await readPaths([out]);
    expect(events.length).toBeGreaterThan(50);
    expect(events.length).toBeLessThan(424);
    expect(bad.some((b) => /truncated gzip/.test(b.reason))).toBe(true);
  });
});
