/**
 * The multi-detection runner: one read feeds every detection, each detection gets exactly the rows it
 * gets when run alone (through the real readers with its own prefilter), and one detection's eval
 * cannot change the events another one sees. Expected counts are worked out from the dataset below.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runSpl } from '../../src/engine/run-spl.js';
import type { Event } from '../../src/events/event.js';
import { hunt, huntEvents, prepareHunt } from '../../src/hunt/hunt.js';
import { loadPack } from '../../src/hunt/pack-adapter.js';
import { newReadStats, readInputs } from '../../src/ingest/open.js';
import { connection, dnsQuery, processCreate, tempDir, writePack, writeXml, removeTempDirs, type SysmonRecord } from '../helpers/sysmon-xml.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';

// WKS-1: powershell beacons every 10 minutes for 3 hours (18 connections) and resolves the name each
// time (18 queries); chrome makes 3 connections. WKS-2: rundll32 makes 12 connections to a private
// address. Two EID 1 events start powershell and rundll32.
function dataset(): { ws1: SysmonRecord[]; ws2: SysmonRecord[] } {
  const ws1: SysmonRecord[] = [processCreate('WKS-1.corp.example', T0 - 60, PS, '{P1}', 'powershell.exe -nop -w hidden')];
  for (let i = 0; i < 18; i++) {
    ws1.push(dnsQuery('WKS-1.corp.example', T0 + i * 600, PS, '{P1}', 'c2.evil.test'));
    ws1.push(connection('WKS-1.corp.example', T0 + i * 600 + 1, PS, '{P1}', '203.0.113.10', 'c2.evil.test', 443));
  }
  for (let i = 0; i < 3; i++) ws1.push(connection('WKS-1.corp.example', T0 + i * 900, CHROME, '{C1}', '198.51.100.5', 'news.example', 443));
  const ws2: SysmonRecord[] = [processCreate('WKS-2.corp.example', T0 - 30, RUNDLL, '{R1}', 'rundll32.exe x.dll,Run')];
  for (let i = 0; i < 12; i++) ws2.push(connection('WKS-2.corp.example', T0 + i * 300, RUNDLL, '{R1}', '10.0.0.5', '-', 8080));
  return { ws1, ws2 };
}

function detection(id: string, name: string, search: string): string {
  return [`name: ${name}`, `id: ${id}`, 'mitre_attack_id: [T1071]', 'search: |-', ...search.split('\n').map((l) => `  ${l}`), ''].join('\n');
}

const SEARCHES: Record<string, string> = {
  'a-conn-count.yml': 'index=wineventlog EventCode=3 | stats count by host, Image, DestinationIp | where count >= 10',
  'b-dns.yml': 'index=wineventlog EventCode=22 QueryName="*.test" | stats count by host, Image, QueryName',
  // Overwrites Image on every connection it sees, and runs first (file name order): the others must not notice.
  '0-overwrite.yml': 'index=wineventlog EventCode=3 | eval Image="overwritten", DestinationIp="0.0.0.0" | stats count by Image, DestinationIp',
  'd-procs.yml': 'index=wineventlog EventCode=1 | table host, Image, CommandLine',
};

function setup(): { dir: string; pack: string } {
  const dir = tempDir();
  const { ws1, ws2 } = dataset();
  writeXml(dir, 'ws1.xml', ws1);
  writeXml(dir, 'ws2.xml', ws2);
  const pack = writePack(
    Object.fromEntries(Object.entries(SEARCHES).map(([file, search], i) => [file, detection(`det-${i}`, `Detection ${file.slice(0, 1).toUpperCase()}`, search)])),
  );
  return { dir, pack };
}

const plain = (rows: readonly Event[]) => rows.map((r) => ({ ...r }));

afterAll(removeTempDirs);

describe('hunt runner', () => {
  it('reads the input once for every detection and the process index', async () => {
    const { dir, pack } = setup();
    const result = await hunt([dir], { pack, profile: 'lab' });
    expect(result.passes).toBe(1);
    // Two files, each opened once.
    expect(result.read.files).toBe(2);
    expect(result.detections.map((d) => [d.id, d.status, d.rows])).toEqual([
      ['det-2', 'ran', 1], // 0-overwrite: one group, overwritten / 0.0.0.0
      ['det-0', 'ran', 2], // powershell → 203.0.113.10 (18) and rundll32 → 10.0.0.5 (12); chrome's 3 < 10
      ['det-1', 'ran', 1], // 18 queries for c2.evil.test
      ['det-3', 'ran', 2], // two EID 1
    ]);
  });

  it('an input function is called once and iterated once', async () => {
    const { dir, pack } = setup();
    let calls = 0;
    let iterations = 0;
    const stats = newReadStats();
    const result = await huntEvents(
      (prefilter) => {
        calls++;
        const inner = readInputs([dir], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: () => {}, prefilter, stats });
        return {
          [Symbol.asyncIterator]() {
            iterations++;
            return inner[Symbol.asyncIterator]();
          },
        };
      },
      { pack, profile: 'lab' },
    );
    expect([calls, iterations, result.passes]).toEqual([1, 1, 1]);
    // 1 + 18×2 + 3 = 40 events in ws1.xml, 1 + 12 = 13 in ws2.xml: every one is needed by some consumer
    // (EID 1 by d-procs and the process index, 3 by a and c, 22 by b), so nothing is pre-filtered.
    expect(stats.events).toBe(53);
    expect(stats.skippedByPrefilter).toBe(0);
  });

  it('each detection gets exactly the rows it gets alone, and an eval in one does not leak into another', async () => {
    const { dir, pack } = setup();
    const result = await hunt([dir], { pack, profile: 'lab' });
    for (const d of loadPack(pack).detections) {
      const alone = await runSpl(d.search, (prefilter) =>
        readInputs([dir], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: () => {}, prefilter }),
      );
      expect(plain(result.rows.get(d.id) ?? []), d.file).toEqual(plain(alone.rows));
    }
    const counts = plain(result.rows.get('det-0') ?? []);
    expect(counts).toEqual([
      { host: 'WKS-1.corp.example', Image: PS, DestinationIp: '203.0.113.10', count: 18 },
      { host: 'WKS-2.corp.example', Image: RUNDLL, DestinationIp: '10.0.0.5', count: 12 },
    ]);
    // 18 + 3 + 12 connections, all rewritten by det-2 in its own copies.
    expect(plain(result.rows.get('det-2') ?? [])).toEqual([{ Image: 'overwritten', DestinationIp: '0.0.0.0', count: 33 }]);
  });

  it('records no detection needs are skipped before parsing', async () => {
    const { dir, pack } = setup();
    const stats = newReadStats();
    // Only the DNS detection, and no process index: 18 EID 22 records are parsed, the other 35 skipped.
    await huntEvents(
      (prefilter) => readInputs([dir], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: () => {}, prefilter, stats }),
      { pack, select: ['b-dns'], processContext: false },
    );
    expect([stats.events, stats.skippedByPrefilter]).toEqual([18, 35]);
  });

  it('selects detections by id, file name or name glob; an unknown selector is an error with a suggestion', () => {
    const { pack } = setup();
    // In pack order (file names), whatever the order of the selectors.
    expect(prepareHunt({ pack, select: ['d-procs', 'det-1'] }).units.map((u) => u.detection.id)).toEqual(['det-1', 'det-3']);
    expect(prepareHunt({ pack, select: ['Detection A*'] }).units.map((u) => u.detection.id)).toEqual(['det-0']);
    expect(() => prepareHunt({ pack, select: ['b-dnss'] })).toThrow("no detection matches 'b-dnss' (did you mean 'b-dns'?)");
  });

  it('shared prefixes run once and give the same rows as separate chains, whoever writes after them', async () => {
    const dir = tempDir();
    const { ws1, ws2 } = dataset();
    writeXml(dir, 'ws1.xml', ws1);
    writeXml(dir, 'ws2.xml', ws2);
    // Five detections over one prefix (search | where): one ends there, one counts (stats makes new
    // rows), two write (eval) after it, one writes and then is a prefix of another.
    const prefix = 'index=wineventlog EventCode=3 | where DestinationPort > 100';
    const pack = writePack({
      'p0.yml': detection('p0', 'P0', prefix),
      'p1.yml': detection('p1', 'P1', `${prefix} | stats count by Image`),
      'p2.yml': detection('p2', 'P2', `${prefix} | eval Image="two" | stats count by Image`),
      'p3.yml': detection('p3', 'P3', `${prefix} | eval DestinationPort=1 | table Image, DestinationPort`),
      'p4.yml': detection('p4', 'P4', `${prefix} | eval DestinationPort=1 | table Image, DestinationPort | eval Image="four"`),
    });
    const shared = await hunt([dir], { pack, processContext: false });
    const separate = await hunt([dir], { pack, processContext: false, sharePrefixes: false });
    for (const id of ['p0', 'p1', 'p2', 'p3', 'p4']) expect(plain(shared.rows.get(id) ?? []), id).toEqual(plain(separate.rows.get(id) ?? []));
    // 18 + 3 + 12 = 33 connections, all on ports above 100. P0 keeps the events untouched; P3's rows
    // are its own copies, untouched by P4's eval after them.
    expect(shared.rows.get('p0')).toHaveLength(33);
    expect((shared.rows.get('p0') ?? []).every((e) => e['DestinationPort'] !== '1' && e['Image'] !== 'two')).toBe(true);
    expect(plain(shared.rows.get('p2') ?? [])).toEqual([{ Image: 'two', count: 33 }]);
    expect(new Set((shared.rows.get('p3') ?? []).map((r) => r['Image']))).toEqual(new Set([PS, CHROME, RUNDLL]));
    expect(new Set((shared.rows.get('p4') ?? []).map((r) => r['Image']))).toEqual(new Set(['four']));
  });

  it('counts the operators: a shared prefix once', async () => {
    const { PipelineTree } = await import('../../src/hunt/pipeline-tree.js');
    const { compileSpl } = await import('../../src/engine/run-spl.js');
    const a = compileSpl('EventCode=3 | where x > 1 | stats count');
    const b = compileSpl('EventCode=3 | where x > 1 | eval y=1');
    const c = compileSpl('EventCode=3 | where x > 2');
    // Shared: search, where (x > 1), stats, eval, where (x > 2) = 5; separate: 3 + 3 + 2 = 8.
    expect(new PipelineTree([a, b, c]).steps).toBe(5);
    expect(new PipelineTree([compileSpl('EventCode=3 | where x > 1 | stats count'), compileSpl('EventCode=3 | where x > 1 | eval y=1'), compileSpl('EventCode=3 | where x > 2')], false).steps).toBe(8);
  });
});
