/**
 * `c2hunt demo` end to end with a small estate (5 hosts, 1 day): it prints the ranked findings table,
 * writes the HTML report, keeps the data with --keep (and removes its temporary folder otherwise).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoFeed } from '../../src/cli/demo.js';
import { readEntities } from '../../src/simulate/ground-truth.js';
import { cli } from '../helpers/cli.js';
import { tempDir, removeTempDirs } from '../helpers/sysmon-xml.js';

afterAll(removeTempDirs);

describe('c2hunt demo', () => {
  it('simulates, hunts and prints ranked findings; --keep keeps the data, --html writes the report', async () => {
    const keep = join(tempDir(), 'demo');
    const html = join(tempDir(), 'demo.html');
    const r = await cli('demo', '--hosts', '5', '--days', '1', '--keep', keep, '--html', html);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^c2hunt: \d+ findings? in \d+ risk objects? on \d+ hosts?/);
    expect(r.out).toContain('Risk objects (host → destination)');
    // A first look: 25 table rows and 3 detail sections by default (the estate has more risk objects).
    const objects = Number(/in (\d+) risk objects/.exec(r.out)![1]);
    expect(objects).toBeGreaterThan(25);
    const objectTable = r.out.slice(r.out.indexOf('Risk objects'), r.out.indexOf('\nHosts\n'));
    expect(objectTable.split('\n').filter((l) => /^│ \d+ /.test(l))).toHaveLength(25);
    expect(objectTable).toContain(`(${objects - 25} more risk objects: --top shows more;`);
    expect(r.out.split('\n').filter((l) => /^#\d+ /.test(l)).map((l) => /^#(\d+)/.exec(l)![1])).toEqual(['1', '2', '3']);
    expect(r.err).toContain(`into ${keep}\n`);
    expect(r.err).toMatch(/c2hunt demo: simulated in [\d.]+ s, hunted in [\d.]+ s, [\d.]+ s in all\./);
    expect(existsSync(join(keep, 'manifest.json'))).toBe(true);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // The demo feed names two servers of the ground truth, one per listed scenario.
    const feed = readFileSync(join(keep, 'demo-intel.txt'), 'utf8');
    expect(feed).toBe(demoFeed(readEntities(keep)));
    expect(feed.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['updates.cdn-edge-sync.example  # https-beacon', '192.0.2.77  # raw-ip']);
    // Refuses to simulate into a folder that already holds data.
    const again = await cli('demo', '--hosts', '5', '--days', '1', '--keep', keep);
    expect([again.code, again.err]).toEqual([2, `c2hunt: --keep ${keep}: the folder is not empty\n`]);
  });

  it('without --keep the temporary folder is removed', async () => {
    const r = await cli('demo', '--hosts', '5', '--days', '0.5', '--top', '2', '--details', '0');
    expect(r.code).toBe(0);
    // --top 2 --details 0: two rows per table, no detail sections.
    expect(r.out.split('\n').filter((l) => /^│ \d+ /.test(l)).map((l) => /^│ (\d+)/.exec(l)![1])).toEqual(['1', '2', '1', '2']);
    expect(r.out).not.toMatch(/^#\d+ /m);
    const m = /into (\S+) \(removed afterwards\)/.exec(r.err);
    expect(m).not.toBeNull();
    expect(existsSync(m![1]!)).toBe(false);
  });
});
