import { describe, expect, it } from 'vitest';
import type { RiskObject } from '../findings/risk.js';
import type { Finding } from '../findings/types.js';
import type { ScenarioScore, ScoreReport, TruthEntity } from '../simulate/score.js';
import { acceptanceCheck, acceptanceLines, categorySeverities, loopbackOnly, rankingReport } from './validate-checks.js';

const scenario = (name: string, fired: boolean, destinations: string[]): ScenarioScore => ({
  scenario: name,
  entities: destinations.length,
  fired: fired ? [{ detection: 'd', entitiesFound: 1, findings: 1 }] : [],
  missed: fired ? [] : ['d'],
  facts: destinations.map((destination) => ({ host: 'H', image: 'x.exe', destination, connections: 1, dnsQueries: 0, hoursActive: 1, ports: [] })),
});

function report(scenarios: ScenarioScore[], severities: [string, string, string, number][]): ScoreReport {
  return {
    scenarios,
    detections: [],
    falsePositivesByCategory: [],
    falsePositiveSeverities: severities.map(([category, detection, severity, findings]) => ({ category, detection, severity, findings })),
  };
}

describe('categorySeverities', () => {
  it('sums per category and severity, and names the detections above low', () => {
    const rows = categorySeverities(
      report([], [
        ['threat-intel-update', 'by_ip', 'high', 3],
        ['threat-intel-update', 'by_domain', 'medium', 2],
        ['threat-intel-update', 'seed', 'low', 5],
        ['collaboration', 'seed', 'low', 7],
        ['unlabelled', 'x', 'unknown', 1],
      ]),
    );
    expect(rows.map((r) => [r.category, r.seedFalsePositive, r.findings, r.aboveLow])).toEqual([
      ['collaboration', false, 7, 0],
      ['threat-intel-update', true, 10, 5],
      // A finding of unknown severity counts as medium: missing data must not pass the check.
      ['unlabelled', false, 1, 1],
    ]);
    expect(rows[1]!.bySeverity).toEqual({ informational: 0, low: 5, medium: 2, high: 3, critical: 0 });
    expect(rows[1]!.detectionsAboveLow).toEqual([
      { detection: 'by_ip', findings: 3 },
      { detection: 'by_domain', findings: 2 },
    ]);
  });
});

describe('acceptanceCheck', () => {
  const scenarios = [scenario('https-beacon', true, ['updates.example']), scenario('test1', false, ['127.0.0.1']), scenario('test3', false, ['127.0.0.1', '::1']), scenario('dns-only', true, [])];

  it('excuses loopback-only scenarios outside the lab profile, and only there', () => {
    expect(scenarios.map(loopbackOnly)).toEqual([false, true, true, false]);
    const enterprise = acceptanceCheck(report(scenarios, []), [], 'enterprise');
    expect(enterprise.detected).toMatchObject({ pass: true, required: ['https-beacon', 'dns-only'], missed: [] });
    expect(enterprise.detected.excused.map((e) => e.scenario)).toEqual(['test1', 'test3']);
    const lab = acceptanceCheck(report(scenarios, []), [], 'lab');
    expect(lab.detected).toMatchObject({ pass: false, missed: ['test1', 'test3'], excused: [] });
    expect(lab.pass).toBe(false);
  });

  it('passes benign findings above low only in the seed false-positive categories', () => {
    const ok = categorySeverities(report([], [['monitoring-agent', 'd', 'high', 2], ['browser', 'd', 'low', 9]]));
    const a = acceptanceCheck(report([scenarios[0]!], []), ok, 'enterprise');
    expect([a.benign.pass, a.pass]).toEqual([true, true]);
    expect(acceptanceLines(a)).toEqual([
      'PASS every attack scenario detected: 1/1 required scenarios',
      "PASS no benign finding above low outside the seed's false-positive categories: categories with findings above low: monitoring-agent (2; a seed false-positive category)",
      'PASS acceptance criterion (issue #6)',
    ]);
    const bad = categorySeverities(report([], [['office-activity', 'd', 'medium', 1]]));
    const b = acceptanceCheck(report([scenarios[0]!], []), bad, 'enterprise');
    expect([b.benign.pass, b.pass]).toEqual([false, false]);
    expect(acceptanceLines(b)[1]).toBe(
      "FAIL no benign finding above low outside the seed's false-positive categories: categories with findings above low: office-activity (1; NOT a seed false-positive category)",
    );
  });
});

describe('rankingReport', () => {
  const entities: TruthEntity[] = [
    { label: { kind: 'attack', scenario: 'c2' }, host: 'WKS-1.corp.example', image: 'C:\\x\\implant.exe', destination: 'evil.test', domains: ['evil.test'] },
    { label: { kind: 'benign', category: 'monitoring-agent', source: 'dd' }, host: 'SRV-1.corp.example', image: 'C:\\Program Files\\dd\\agent.exe', destination: 'dd.example', domains: ['dd.example'] },
  ];
  const f = (host: string, process: string, name: string): Finding => ({
    id: name,
    detection: { id: 'd', name: 'D', techniques: [], group: 'g' },
    host,
    process,
    destIps: [],
    destNames: [name],
    ports: [],
    severity: 'high',
    confidence: 'high',
    risk: 50,
    evidence: [],
    explanation: '',
    guide: [],
    response: [],
  });
  const obj = (rank: number, finding: Finding): RiskObject =>
    ({ rank, host: finding.host, destination: finding.destNames[0]!, score: 100 - rank, severity: 'high', findings: [finding] }) as unknown as RiskObject;
  const scored = (x: Finding) => ({ detection: 'd', host: x.host, process: x.process ?? null, destination: x.destNames[0] ?? null });

  it('labels objects and counts the benign ones above each scenario', () => {
    const objects = [obj(1, f('SRV-1', 'agent.exe', 'dd.example')), obj(2, f('WKS-9', 'x.exe', 'other.example')), obj(3, f('WKS-1', 'implant.exe', 'evil.test'))];
    const { report: r, labelled } = rankingReport(objects, entities, scored, ['c2', 'never-seen']);
    expect(labelled.map((o) => [o.rank, o.kind, o.labels])).toEqual([
      [1, 'benign', ['monitoring-agent']],
      [2, 'unlabelled', []],
      [3, 'attack', ['c2']],
    ]);
    // The attack's best object is third: a benign and an unlabelled object rank above it.
    expect(r.scenarios).toEqual([
      { scenario: 'c2', bestRank: 3, objects: 1, benignAbove: 2 },
      { scenario: 'never-seen', bestRank: null, objects: 0, benignAbove: 0 },
    ]);
    expect([r.pass, r.topBenign?.rank]).toEqual([false, 1]);
    const good = rankingReport([obj(1, f('WKS-1', 'implant.exe', 'evil.test')), obj(2, f('SRV-1', 'agent.exe', 'dd.example'))], entities, scored, ['c2']);
    expect([good.report.pass, good.report.scenarios[0]!.bestRank]).toEqual([true, 1]);
  });
});
