import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors.js';
import { sniffFormat } from '../../src/ingest/sniff.js';
import { fixture, readPaths } from '../helpers/ingest.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'c2hunt-open-'));

describe('sniffFormat', () => {
  it.each([
    ['ElfFile\0rest', 'evtx'],
    ['\uFEFF  <Event/>', 'xml'],
    ['{"a":1}\n', 'ndjson'],
    ['{"a":\n', 'ndjson'],
    ['{\n  "a": 1\n}\n', 'ndjson'],
    ['[{"a":1}]', 'ndjson'],
    ['_time,host,_raw\n', 'csv'],
    ['"_time","host"\r\n', 'csv'],
  ])('%j → %s', (text, format) => {
    expect(sniffFormat(Buffer.from(text, 'utf8'), true).format).toBe(format);
  });
  it.each(['# README\n', 'hello world\n'])('%j is not recognised', (text) => {
    expect(sniffFormat(Buffer.from(text), true).format).toBeNull();
  });
});

describe('readInputs', () => {
  it('recognises formats by content whatever the file is called, and gzip by its magic bytes', async () => {
    const dir = tmp();
    copyFileSync(fixture('nxlog.ndjson'), join(dir, 'events.xml'));
    writeFileSync(join(dir, 'plain.txt'), gzipSync(readFileSync(fixture('splunk-xmlwineventlog.xml'))));
    const { events, bad } = await readPaths([join(dir, 'events.xml'), join(dir, 'plain.txt')]);
    expect(bad).toEqual([]);
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9383', '9383', '9384']);
  });

  it('reads UTF-16LE exports (PowerShell Out-File) with a BOM', async () => {
    const dir = tmp();
    const text = readFileSync(fixture('wevtutil-events.xml'), 'utf8');
    writeFileSync(join(dir, 'ps.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { events, bad } = await readPaths([join(dir, 'ps.xml')]);
    expect(bad).toEqual([]);
    expect(events[0]!['DestinationIp']).toBe('203.0.113.10');
  });

  it('walks directories recursively in name order and skips unknown files there, reporting them', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'b'));
    copyFileSync(fixture('splunk-xmlwineventlog.xml'), join(dir, 'b', 'x.xml'));
    copyFileSync(fixture('nxlog.ndjson'), join(dir, 'a.json'));
    writeFileSync(join(dir, 'README.md'), '# notes\n');
    writeFileSync(join(dir, 'empty.json'), '');
    const skipped: string[] = [];
    const { events, stats } = await readPaths([dir], { onSkippedFile: (p) => skipped.push(p) });
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9383', '9383', '9384']);
    expect(skipped).toEqual([join(dir, 'README.md')]);
    expect(stats).toMatchObject({ files: 3, skippedFiles: 1, events: 3 });
  });

  it('refuses a missing path and an explicitly named file of unknown format with a SourceError', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    await expect(readPaths([join(dir, 'nope.xml')])).rejects.toThrow(SourceError);
    await expect(readPaths([join(dir, 'notes.txt')])).rejects.toThrow(/unrecognised format/);
  });

  it('reads only the events/ folder of a c2hunt simulate output, reporting its ground truth as skipped', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'events', 'WKS-1'), { recursive: true });
    copyFileSync(fixture('splunk-xmlwineventlog.xml'), join(dir, 'events', 'WKS-1', 'sysmon.xml'));
    writeFileSync(join(dir, 'labels.ndjson'), '{"computer":"WKS-1","recordId":1,"label":"benign"}\n');
    writeFileSync(join(dir, 'entities.json'), '[]');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ generator: 'c2hunt simulate', seed: 1 }));
    const skipped: string[] = [];
    const truth = await readPaths([dir], { onSkippedFile: (file) => skipped.push(file) });
    const alone = await readPaths([join(dir, 'events')]);
    // Exactly the events of the one telemetry file: no label line became an event.
    expect(truth.events.length).toBe(alone.events.length);
    expect(truth.events.length).toBeGreaterThan(0);
    expect(skipped.map((f) => f.slice(dir.length + 1)).sort()).toEqual(['entities.json', 'labels.ndjson', 'manifest.json']);
    expect(truth.stats.skippedFiles).toBe(3);

    // Any other manifest.json is just a file: the NDJSON beside it is read as usual (the label line, and
    // the one-line manifest itself, each become an event; `[]` is not NDJSON and is skipped).
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ generator: 'something else' }));
    const plain = await readPaths([dir], { onSkippedFile: () => {} });
    expect(plain.events.length).toBe(alone.events.length + 2);
  });

  it('sniffs EVTX by its magic and reads it through the binary reader, reporting a bad header as a bad record', async () => {
    const dir = tmp();
    // A 4 KiB file header with the magic and nothing else valid: no chunks, so no events, and the header's
    // CRC (zero here) does not match, which the EVTX reader reports as a bad record and carries on.
    writeFileSync(join(dir, 'x.log'), Buffer.concat([Buffer.from('ElfFile\0'), Buffer.alloc(4096)]));
    const { events, bad, stats } = await readPaths([join(dir, 'x.log')]);
    expect(events).toEqual([]);
    expect(stats.files).toBe(1);
    expect(bad.map((b) => b.reason)).toEqual([expect.stringMatching(/CRC/)]);
  });

  it('counts bytes after decompression and applies the raw pre-filter', async () => {
    const { events, stats } = await readPaths([fixture('splunk-xmlwineventlog.xml')], {
      prefilter: { raw: (t) => t.includes('9384') },
    });
    expect(events.map((e) => e['EventRecordID'])).toEqual(['9384']);
    expect(stats.skippedByPrefilter).toBe(1);
    expect(stats.bytes).toBe(readFileSync(fixture('splunk-xmlwineventlog.xml')).length);
  });

  it('applies the EventCode pre-filter', async () => {
    const { events, stats } = await readPaths([fixture('splunk-xmlwineventlog.xml'), fixture('nxlog.ndjson')], {
      prefilter: { eventCodes: new Set(['22']) },
    });
    expect(events).toEqual([]);
    expect(stats.skippedByPrefilter).toBe(3);
  });
});
