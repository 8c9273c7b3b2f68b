import { describe, expect, it } from 'vitest';
import type { DetectionInfo } from '../detections/types.js';
import { BEACON, INTEL, SEED_HOURLY, row } from '../../test/helpers/findings.js';
import { checkFindingMapping, compileFindingMapper, mapRows, MAX_ENTITY_LENGTH, MAX_LIST } from './mapping.js';

const T0 = 1_704_067_200; // 2024-01-01T00:00:00Z

describe('mapping a seed-query row (its `table` columns) to a finding', () => {
  // The columns the seed SPL ends with: host, Image, DestinationIp, DestinationHostname, TotalConnections,
  // HoursActive, AvgPerHour, ConsistencyRatio, Ports, FirstSeen, LastSeen, ..., RiskScore.
  const seedRow = row({
    host: 'WS01',
    Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    DestinationIp: '203.0.113.10',
    DestinationHostname: 'c2.evil.test',
    TotalConnections: 48, // stats results are numbers
    HoursActive: 2,
    AvgPerHour: 24,
    ConsistencyRatio: 0,
    Ports: ['443', '8443', '443', 'x'],
    FirstSeen: '2024-01-01 00:00:00',
    LastSeen: '2024-01-01 01:00:00',
    RiskScore: 3,
  });
  const [f] = mapRows(SEED_HOURLY, [seedRow]);

  it('reads the entity through the default field names', () => {
    expect(f!.host).toBe('WS01');
    expect(f!.process).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(f!.destIps).toEqual(['203.0.113.10']);
    expect(f!.destNames).toEqual(['c2.evil.test']);
    // Ports: unique, numeric, ascending; the non-numeric value is dropped.
    expect(f!.ports).toEqual([443, 8443]);
  });

  it('types the evidence: numbers as numbers, times as epoch seconds', () => {
    expect(f!.count).toBe(48);
    // "2024-01-01 00:00:00" is zoneless, read as UTC: 1704067200.
    expect(f!.firstSeen).toBe(T0);
    expect(f!.lastSeen).toBe(T0 + 3600);
    expect(f!.evidence.map((e) => [e.name, e.value])).toEqual([
      ['HoursActive', 2],
      ['AvgPerHour', 24],
      ['ConsistencyRatio', 0],
    ]);
  });

  it('carries the detection metadata and renders the explanation', () => {
    expect(f!.detection).toEqual({
      id: 'c2h-seed-hourly',
      name: 'Hourly connection consistency',
      techniques: ['T1583.004'],
      group: 'beacon',
    });
    expect([f!.severity, f!.confidence, f!.risk]).toEqual(['medium', 'low', 40]);
    expect(f!.explanation).toBe('48 connections over 2 hours (ratio 0)');
    expect(f!.guide).toEqual(['Compare the hourly counts with the host baseline.']);
    expect(f!.response).toEqual(['Block the destination at the proxy if unexplained.']);
  });

  it('gives the same id to the same entity and a different one to another destination', () => {
    const [again] = mapRows(SEED_HOURLY, [row({ ...seedRow, TotalConnections: 99 })]);
    const [other] = mapRows(SEED_HOURLY, [row({ ...seedRow, DestinationIp: '203.0.113.11' })]);
    expect(again!.id).toBe(f!.id);
    expect(other!.id).not.toBe(f!.id);
    expect(f!.id).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('mapping: absent values, overrides and bounds', () => {
  it('treats "-", "" and null as absent and renders missing template fields as "-"', () => {
    const [f] = mapRows(SEED_HOURLY, [
      row({ host: 'H', Image: '-', DestinationIp: '', DestinationHostname: null, TotalConnections: '7' }),
    ]);
    expect(f!.process).toBeUndefined();
    expect(f!.destIps).toEqual([]);
    expect(f!.destNames).toEqual([]);
    expect(f!.explanation).toBe('7 connections over - hours (ratio -)');
  });

  it('falls back to later fields of a list reference', () => {
    const det: DetectionInfo = { ...INTEL, finding: { dest_domain: ['domain', 'DestinationHostname'] } };
    const [a, b] = mapRows(det, [
      row({ host: 'H', domain: 'a.example', DestinationHostname: 'b.example' }),
      row({ host: 'H', domain: '-', DestinationHostname: 'b.example' }),
    ]);
    expect([a!.destNames, b!.destNames]).toEqual([['a.example'], ['b.example']]);
  });

  it('scales the detection risk by risk_factor (clamped to 0–1) and takes risk_score as is (clamped to 0–100)', () => {
    const fs = mapRows(BEACON, [row({ host: 'H', score: '0.25' }), row({ host: 'H', score: 7 }), row({ host: 'H' })]);
    // 60 × 0.25 = 15; a factor of 7 clamps to 1 → 60; no factor → the detection's 60.
    expect(fs.map((f) => f.risk)).toEqual([15, 60, 60]);
    const abs: DetectionInfo = { ...INTEL, finding: { risk_score: 'r' } };
    expect(mapRows(abs, [row({ r: '72.5' }), row({ r: 250 }), row({ r: 'high' })]).map((f) => f.risk)).toEqual([72.5, 100, 50]);
  });

  it('takes severity and confidence from row fields only when they name a level', () => {
    const det: DetectionInfo = { ...INTEL, finding: { severity: 'sev', confidence: 'conf' } };
    const fs = mapRows(det, [row({ sev: 'Critical', conf: 'none' }), row({ sev: 'urgent', conf: 'medium' })]);
    expect(fs.map((f) => [f.severity, f.confidence])).toEqual([
      ['critical', 'low'], // the beacon scorer's "none" reads as low
      ['high', 'medium'], // "urgent" is no level: the detection's high stays
    ]);
  });

  it('derives count and first/last seen from the timeline when the row has none', () => {
    const [f] = mapRows(BEACON, [row({ host: 'H', times: ['1704067320', '1704067200', 'bad', '2024-01-01T00:01:00Z'] })]);
    // Readable times: 1704067320, 1704067200, 1704067260 (the ISO one) → 3, sorted.
    expect(f!.count).toBe(3);
    expect(f!.firstSeen).toBe(T0);
    expect(f!.lastSeen).toBe(T0 + 120);
    expect(f!.timeline!.times).toEqual([T0, T0 + 60, T0 + 120]);
  });

  it('keeps multivalue evidence as arrays, numeric when every value is a number', () => {
    const det: DetectionInfo = { ...INTEL, finding: { evidence: ['nums', 'mixed', { field: 'seen', unit: 'epoch' }] } };
    const [f] = mapRows(det, [row({ nums: ['1', '2.5'], mixed: ['1', 'a'], seen: ['2024-01-01 00:00:00', '1704067260'] })]);
    expect(f!.evidence.map((e) => e.value)).toEqual([[1, 2.5], ['1', 'a'], [T0, T0 + 60]]);
  });

  it('cuts hostile entity strings and lists to their bounds', () => {
    const huge = 'A'.repeat(100_000);
    const many = Array.from({ length: 1000 }, (_, i) => `198.51.100.${i % 250}-${i}`);
    const [f] = mapRows(INTEL, [row({ host: huge, DestinationIp: many })]);
    expect(f!.host.length).toBe(MAX_ENTITY_LENGTH);
    expect(f!.host.endsWith('…')).toBe(true);
    expect(f!.destIps.length).toBe(MAX_LIST);
  });

  it('never reads inherited properties: a field named like an Object method is just absent', () => {
    const det: DetectionInfo = { ...INTEL, finding: { host: 'constructor', explain: '{toString} {__proto__} {constructor}' } };
    const [f] = mapRows(det, [row({})]);
    expect(f!.host).toBe('-');
    expect(f!.explanation).toBe('- - -');
  });
});

describe('checking a finding block', () => {
  it('accepts the helper detections', () => {
    for (const d of [BEACON, SEED_HOURLY, INTEL]) expect(checkFindingMapping(d.finding)).toEqual([]);
  });

  it('reports each problem with its key path', () => {
    const problems = checkFindingMapping({
      host: 42,
      dest_ip: [],
      desc_ip: 'typo',
      evidence: ['ok', { field: '' }, { field: 'x', unit: 'furlongs', colour: 'red' }, 7],
      explain: 'bad {Field:upper}',
    });
    expect(problems.map((p) => p.path)).toEqual([
      'finding.host',
      'finding.dest_ip',
      'finding.desc_ip',
      'finding.evidence[1].field',
      'finding.evidence[2].colour',
      'finding.evidence[2].unit',
      'finding.evidence[3]',
      'finding.explain',
    ]);
    expect(problems.at(-1)!.message).toContain("unknown format 'upper'");
  });

  it('refuses to compile a detection with a bad risk score or block', () => {
    const bad = compileFindingMapper({ ...INTEL, riskScore: 140, finding: { explain: '{unclosed' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path)).toEqual(['risk_score', 'finding.explain']);
    expect(() => mapRows({ ...INTEL, severity: 'severe' as never }, [])).toThrow(/severity/);
  });
});
