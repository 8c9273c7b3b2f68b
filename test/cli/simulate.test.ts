import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { SCENARIOS } from '../../src/simulate/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function sink(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = sink();
  const err = sink();
  const code = await runCli(['node', 'c2hunt', ...args], { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('c2hunt simulate', () => {
  it('--list names every scenario and the seed false-positive categories', async () => {
    const r = await run('simulate', '--list');
    expect(r.code).toBe(0);
    for (const s of SCENARIOS) expect(r.out).toContain(s.name);
    expect(r.out).toContain('threat-intel-update (seed false positive)');
  });

  it('writes a dataset with the requested format and scenarios', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-cli-'));
    dirs.push(dir);
    const r = await run('simulate', '--out', dir, '--hosts', '2', '--days', '1', '--format', 'ecs', '--scenarios', 'raw-ip,test2-dns-nxdomain', '--gzip', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^wrote [\d,]+ events \(ecs, gzip\) for 2 hosts over 1 day to /);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { scenarios: { name: string }[]; format: string; files: { path: string }[] };
    expect(m.format).toBe('ecs');
    expect(m.scenarios.map((s) => s.name)).toEqual(['raw-ip', 'test2-dns-nxdomain']);
    expect(m.files.every((f) => f.path.endsWith('.ndjson.gz') && existsSync(join(dir, f.path)))).toBe(true);
    expect(existsSync(join(dir, 'labels.ndjson.gz'))).toBe(true);
  });

  it.each([
    [['simulate'], /needs --out/],
    [['simulate', '--out', '/tmp/x', '--format', 'csv'], /--format must be one of xml, ecs, nxlog/],
    [['simulate', '--out', '/tmp/x', '--hosts', '0'], /--hosts must be at least 1/],
    [['simulate', '--out', '/tmp/x', '--days', 'two'], /--days must be a positive number/],
    [['simulate', '--out', '/tmp/x', '--start', 'tomorrow'], /--start must be an ISO date/],
    [['simulate', '--out', '/tmp/x', '--scenarios', 'nope'], /unknown scenario 'nope'/],
    [['simulate', '--out', '/tmp/x', '--utc-offset', '+99:00'], /--utc-offset/],
  ])('rejects bad usage with one line and exit 2: %j', async (args, message) => {
    const r = await run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('refuses to overwrite a dataset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c2hunt-cli-'));
    dirs.push(dir);
    expect((await run('simulate', '--out', dir, '--hosts', '1', '--days', '1', '--no-benign', '--quiet')).code).toBe(0);
    const again = await run('simulate', '--out', dir, '--hosts', '1', '--days', '1', '--no-benign', '--quiet');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a dataset/);
  });
});
