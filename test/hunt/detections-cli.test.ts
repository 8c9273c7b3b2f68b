/** `c2hunt detections`: the shipped pack as a table and as JSON, checked against the loader. */
import { describe, expect, it } from 'vitest';
import { loadPackDetections } from '../../src/detections/pack.js';
import { cli } from '../helpers/cli.js';

describe('c2hunt detections', () => {
  it('JSON lists every detection of the pack with its metadata; the seed uses no extension command', async () => {
    const r = await cli('detections', '--format', 'json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { id: string; file: string; techniques: string[]; custom_commands: string[]; data_sources: string[]; severity: string }[];
    const pack = loadPackDetections();
    expect(list.map((d) => d.id)).toEqual(pack.map((d) => d.id));
    const seed = list.find((d) => d.file === 'c2_beaconing_to_acquired_server')!;
    expect(seed).toMatchObject({ id: '9389a3aa-0788-4369-89e4-fca958717bc6', techniques: ['T1583.004'], custom_commands: [], data_sources: ['Sysmon EventID 3'] });
    // Whatever uses c2beacon says so.
    for (const d of list) {
      const search = pack.find((p) => p.id === d.id)!.search;
      expect(d.custom_commands.includes('c2beacon'), d.file).toBe(/\|\s*c2beacon\b/.test(search));
    }
  });

  it('the table has a header, one line per detection and a count', async () => {
    const r = await cli('detections');
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^detection\s+id\s+name\s+severity\s+ATT&CK\s+data sources\s+custom commands$/);
    const n = loadPackDetections().length;
    expect(lines).toHaveLength(n + 2);
    expect(lines[n + 1]).toBe(`${n} detections`);
    expect(r.out).toMatch(/\nc2_beaconing_to_acquired_server\s+9389a3aa…\s+C2 Beaconing To Acquired Server\s+\w+\s+T1583\.004\s+Sysmon EventID 3\s+no\n/);
  });
});
