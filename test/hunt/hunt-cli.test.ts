/**
 * `c2hunt hunt` end to end on a small hand-made dataset and a two-detection test pack: every report
 * format, --fail-on-findings, --min-severity, --detections, --intel with a bad entry, and errors.
 *
 * Dataset (times from 2026-01-05 09:00 UTC):
 * - WKS-1: powershell.exe → 203.0.113.10 (c2.evil.test):443 every 10 min, 18 times, each after a DNS
 *   query for c2.evil.test; chrome.exe → 198.51.100.5 (news.example) 3 times.
 * - WKS-2: rundll32.exe → 10.0.0.5:8080 every 5 min, 12 times.
 * Pack:
 * - t-beacon (high, risk 60): EID 3 grouped by host, Image, DestinationIp, DestinationHostname, count ≥ 10
 *   → powershell (18) and rundll32 (12); chrome's 3 stays under.
 * - t-dns (low, risk 20): EID 22 for *.test by host, Image, QueryName → powershell's c2.evil.test (18).
 * Process context (findings/context-factors.ts): WKS-1's powershell was started with `-nop -w hidden
 * -enc AAAA`: a hidden window is a moderate factor (+4 on findings of medium or above), and `AAAA` is
 * too short to count as an encoded command (16 base64 characters at least), so t-beacon's finding is
 * 60 + 4 = 64 and t-dns's (low) stays 20. WKS-2's rundll32 has no EID 1: no context, no factor.
 * Ranking (docs/risk-ranking.md): WKS-1's beacon finding (c2.evil.test) and DNS finding (c2.evil.test)
 * share the risk object (WKS-1, evil.test): two groups, 64 + 20 = 84, severity high, confidence medium
 * raised to high (two groups agree). (WKS-2, 10.0.0.5) has 60, high, medium. Neither reaches 100.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { connection, dnsQuery, processCreate, tempDir, writePack, writeXml, removeTempDirs, type SysmonRecord } from '../helpers/sysmon-xml.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';

const BEACON = `name: Test Beacon Count
id: t-beacon
mitre_attack_id: [T1071.001]
data_source: [Sysmon EventID 3]
severity: high
confidence: medium
risk_score: 60
risk_group: beacon
guide:
  investigate: [Look at the process tree.]
  respond: [Block the destination.]
finding:
  count: count
  first_seen: first
  last_seen: last
  explain: "{count} connections to {DestinationIp}"
search: |-
  index=wineventlog EventCode=3
  | stats count, min(_time) as first, max(_time) as last by host, Image, DestinationIp, DestinationHostname
  | where count >= 10
`;

const DNS = `name: Test Suspicious Query
id: t-dns
mitre_attack_id: [T1071.004]
severity: low
confidence: medium
risk_score: 20
search: index=wineventlog EventCode=22 QueryName="*.test" | stats count by host, Image, QueryName
`;

const INTEL = `name: Test Intel Match
id: t-intel
severity: high
risk_score: 50
requires: [intel]
search: index=wineventlog EventCode=3 | c2intel | stats count by host, Image, DestinationIp, DestinationHostname, intel_indicator
vanilla_search: index=wineventlog EventCode=3 | lookup c2_intel ip AS DestinationIp OUTPUT ip AS intel_indicator | search intel_indicator=* | stats count by host, Image, DestinationIp, DestinationHostname, intel_indicator
`;

let data: string;
let pack: string;

beforeAll(() => {
  data = tempDir();
  const ws1: SysmonRecord[] = [processCreate('WKS-1.corp.example', T0 - 60, PS, '{P1}', 'powershell.exe -nop -w hidden -enc AAAA')];
  for (let i = 0; i < 18; i++) {
    ws1.push(dnsQuery('WKS-1.corp.example', T0 + i * 600, PS, '{P1}', 'c2.evil.test'));
    ws1.push(connection('WKS-1.corp.example', T0 + i * 600 + 1, PS, '{P1}', '203.0.113.10', 'c2.evil.test', 443));
  }
  for (let i = 0; i < 3; i++) ws1.push(connection('WKS-1.corp.example', T0 + i * 900, CHROME, '{C1}', '198.51.100.5', 'news.example', 443));
  const ws2: SysmonRecord[] = [];
  for (let i = 0; i < 12; i++) ws2.push(connection('WKS-2.corp.example', T0 + i * 300, RUNDLL, '{R1}', '10.0.0.5', '-', 8080));
  writeXml(data, 'ws1.xml', ws1);
  writeXml(data, 'ws2.xml', ws2);
  pack = writePack({ 'beacon.yml': BEACON, 'dns.yml': DNS, 'intel.yml': INTEL });
});

function hunt(...args: string[]) {
  return cli('hunt', data, '--pack', pack, '--quiet', ...args);
}

afterAll(removeTempDirs);

describe('c2hunt hunt', () => {
  it('json: objects, scores and findings as worked out in the header', async () => {
    const r = await hunt('--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      riskObjects: { rank: number; host: string; destination: string; score: number; severity: string; confidence: string; notable: boolean; findings: { detection: { id: string }; count: number; risk: number }[] }[];
    };
    expect(doc.riskObjects.map((o) => [o.rank, o.host, o.destination, o.score, o.severity, o.confidence, o.notable])).toEqual([
      [1, 'WKS-1.corp.example', 'evil.test', 84, 'high', 'high', false],
      [2, 'WKS-2.corp.example', '10.0.0.5', 60, 'high', 'medium', false],
    ]);
    expect(doc.riskObjects[0]!.findings.map((f) => [f.detection.id, f.count, f.risk])).toEqual([
      ['t-beacon', 18, 64],
      ['t-dns', 18, 20],
    ]);
    // The intel detection needs a feed: skipped, and said so.
    expect(r.err).toContain('c2hunt: skipped Test Intel Match: needs an intel feed (give --intel FILE)');
  });

  it('the beacon finding carries its explanation, times and the EID 1 process context', async () => {
    const r = await hunt('--format', 'json', '--detections', 't-beacon');
    const doc = JSON.parse(r.out) as { riskObjects: { findings: Record<string, unknown>[] }[] };
    const f = doc.riskObjects[0]!.findings[0] as { explanation: string; firstSeen: number; lastSeen: number; context: { match: string; commandLine: string } };
    expect(f.explanation).toBe('18 connections to 203.0.113.10');
    // First connection at T0 + 1, last at T0 + 17 × 600 + 1 (the reader's _time is TimeCreated).
    expect([f.firstSeen, f.lastSeen]).toEqual([T0 + 1, T0 + 17 * 600 + 1]);
    // The rows are grouped without ProcessGuid, so the context is the latest powershell.exe of WKS-1
    // started before the first connection: a host + image match.
    expect(f.context).toMatchObject({ match: 'host-image', commandLine: 'powershell.exe -nop -w hidden -enc AAAA' });
  });

  it('csv and ndjson: one row or line per finding in rank order', async () => {
    const csv = parseCsv((await hunt('--format', 'csv')).out, { columns: true }) as Record<string, string>[];
    expect(csv.map((row) => [row['rank'], row['detection_id'], row['host'], row['count']])).toEqual([
      ['1', 't-beacon', 'WKS-1.corp.example', '18'],
      ['1', 't-dns', 'WKS-1.corp.example', '18'],
      ['2', 't-beacon', 'WKS-2.corp.example', '12'],
    ]);
    const lines = (await hunt('--format', 'ndjson')).out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => (JSON.parse(l) as { detection: { id: string } }).detection.id)).toEqual(['t-beacon', 't-dns', 't-beacon']);
  });

  it('table (the default) and html; --out writes a file', async () => {
    const table = await hunt();
    expect(table.out).toContain('2 risk objects');
    // Piped, the table is 160 columns wide and compact; hosts show without their shared domain.
    expect(table.out).toContain('Host names without their domain (corp.example).');
    expect(table.out).toMatch(/│ 1 +│ 84 +│ high +│ high +│ WKS-1 +│ evil\.test \(203\.0\.113\.10\) +│ 2: Test Beacon Count, Test Suspicious Query +│/);
    const file = join(tempDir(), 'report.html');
    const html = await hunt('--format', 'html', '--out', file);
    expect(html.out).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('evil.test');
  });

  it('--fail-on-findings exits 1 with findings and 0 without', async () => {
    expect((await hunt('--fail-on-findings', '--format', 'json')).code).toBe(1);
    // Nothing is critical: no findings, exit 0.
    const none = await hunt('--fail-on-findings', '--min-severity', 'critical', '--format', 'json');
    expect(none.code).toBe(0);
    expect((JSON.parse(none.out) as { riskObjects: unknown[] }).riskObjects).toEqual([]);
    expect((await hunt('--format', 'json')).code).toBe(0);
  });

  it('--min-severity high leaves the low DNS finding out: WKS-1 drops to 64', async () => {
    const r = await hunt('--format', 'json', '--min-severity', 'high');
    const doc = JSON.parse(r.out) as { riskObjects: { host: string; score: number }[] };
    expect(doc.riskObjects.map((o) => [o.host, o.score])).toEqual([
      ['WKS-1.corp.example', 64],
      ['WKS-2.corp.example', 60],
    ]);
  });

  it('--intel: bad entries are reported with their line, the rest are used', async () => {
    const feed = join(tempDir(), 'feed.txt');
    writeFileSync(feed, '# test feed\n203.0.113.10\nnot an indicator!!\n10.0.0.0/8\n');
    const r = await cli('hunt', data, '--pack', pack, '--detections', 't-intel', '--intel', feed, '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`c2hunt: ${feed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: error: `));
    expect(r.err).toContain(`c2hunt: intel ${feed}: 2 indicators loaded (plain), 1 entries not loaded`);
    const rows = parseCsv(r.out, { columns: true }) as Record<string, string>[];
    // 203.0.113.10 matches powershell's 18 connections; 10.0.0.0/8 matches rundll32's 12.
    expect(rows.map((row) => [row['host'], row['dest_ips'], row['detection_id']]).sort()).toEqual([
      ['WKS-1.corp.example', '203.0.113.10', 't-intel'],
      ['WKS-2.corp.example', '10.0.0.5', 't-intel'],
    ]);
  });

  it('errors are one line with exit code 2, before any reading', async () => {
    const bad = join(tempDir(), 'bad.yml');
    writeFileSync(bad, 'allowlist:\n  domian: [a.example]\n');
    const r = await hunt('--config', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`c2hunt: ${bad}:2: unknown key 'allowlist.domian' (did you mean 'domains'?)\n`);
    const sel = await hunt('--detections', 't-beacn');
    expect([sel.code, sel.err]).toEqual([2, "c2hunt: no detection matches 't-beacn' (did you mean 't-beacon'?) (c2hunt detections lists them)\n"]);
    const missing = await cli('hunt', join(data, 'nope'), '--pack', pack);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope: no such file or directory\n$/);
    expect((await hunt('--profile', 'labz')).code).toBe(2);
  });
});
