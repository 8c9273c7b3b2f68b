/** `c2hunt events` run in-process with captured stdout and stderr. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { fixture } from '../helpers/ingest.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8');
    cb();
  }
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['node', 'c2hunt', ...args], { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

describe('c2hunt events', () => {
  it('prints NDJSON with numbers as numbers and text as text, and a summary on stderr', async () => {
    const r = await run('events', fixture('splunk-xmlwineventlog.xml'));
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]!['EventCode']).toBe(3);
    expect(lines[0]!['Keywords']).toBe('0x8000000000000000');
    expect(lines[0]!['RuleName']).toBe('-');
    expect(Object.keys(lines[0]!).slice(0, 5)).toEqual(['_time', 'index', 'host', 'source', 'sourcetype']);
    expect(r.err).toBe('c2hunt: read 1 file, 2 events, 0 bad records (0.0 MiB)\n');
  });

  it('--fields picks and orders fields; --quiet drops the summary', async () => {
    const r = await run('events', '--quiet', '--fields', 'DestinationPort,host,nope', fixture('nxlog.ndjson'));
    expect(r.out).toBe('{"DestinationPort":443,"host":"ws01.corp.example"}\n');
    expect(r.err).toBe('');
  });

  it('--count tabulates by sourcetype and EventCode; --naming modern and --index apply', async () => {
    const r = await run('events', '-q', '--count', '--naming', 'modern', fixture('splunk-xmlwineventlog.xml'), fixture('nxlog.ndjson'));
    expect(r.out.split('\n').map((l) => l.split(/\s{2,}/))).toEqual([
      ['sourcetype', 'EventCode', 'count'],
      ['XmlWinEventLog', '3', '3'],
      ['total', '3'],
      [''],
    ]);
    const idx = await run('events', '-q', '--index', 'hunt', '--fields', 'index,sourcetype', fixture('nxlog.ndjson'));
    expect(idx.out).toBe('{"index":"hunt","sourcetype":"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"}\n');
  });

  it('--xml prints the original records', async () => {
    const r = await run('events', '-q', '--xml', fixture('splunk-xmlwineventlog.xml'));
    expect(r.out).toBe(readFileSync(fixture('splunk-xmlwineventlog.xml'), 'utf8'));
  });

  it('reports bad records as file:line and keeps going; --strict stops at the first with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-cli-'));
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, `{"EventID":1}\n{oops\n{"EventID":2}\n`);
    const r = await run('events', '--fields', 'EventID', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"EventID":1}\n{"EventID":2}\n');
    expect(r.err).toMatch(new RegExp(`^${file}:2: invalid JSON: .* \\(byte 14\\)\\nc2hunt: read 1 file, 2 events, 1 bad record `));
    const strict = await run('events', '--strict', file);
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(new RegExp(`^c2hunt: bad record: ${file}:2: invalid JSON`));
    expect(strict.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line for a missing path, an unknown format and a bad flag value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    for (const args of [['events', join(dir, 'missing.xml')], ['events', join(dir, 'notes.txt')], ['events', '--naming', 'odd', join(dir, 'notes.txt')], ['events', '--max-record-bytes', 'lots', 'x']]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trimEnd().split('\n')[0]).toMatch(/^(c2hunt: |error: )/);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('--help works on the command', async () => {
    const r = await run('events', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: c2hunt events \[options\] <paths\.\.\.>/);
  });
});
