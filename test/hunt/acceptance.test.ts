/**
 * Issue #6's acceptance criterion, run the way `c2hunt validate` runs it, on a small estate of the
 * default shape: 5 hosts (one server, four workstations: the smallest estate with every benign category
 * and every attack scenario, docs/simulate.md), 1 day, seed 3, the whole pack with the default config.
 *
 * Why this estate is a meaningful test and not a vacuous one: with 5 hosts, software installed on one or
 * two of them (the SOC server's Datadog agent and threat-intel jobs, ScreenConnect, TeamViewer, Dropbox,
 * Citrix) goes to destinations only one or two hosts reach, so the beacon detections rate it medium:
 * the benign half of the check sees findings above low and must find them all in the seed's expected
 * false-positive categories. The other categories (Teams, Windows Update, Office, the admin's
 * PowerShell...) do produce findings, all of which must stay at low or below. Seed tests 1, 3 and 4 call
 * 127.0.0.1, which the default (enterprise) profile leaves out as the seed does, so they are required only
 * with --profile lab, where every scenario must be found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import { SEED_FALSE_POSITIVE_CATEGORIES } from '../../src/simulate/model.js';
import { validateDataset, type ValidateResult } from '../../src/hunt/validate.js';
import { validateMarkdown, validateText } from '../../src/hunt/validate-report.js';
import { removeTempDirs, tempDir } from '../helpers/sysmon-xml.js';

const SCENARIOS = ['dns-tunnel', 'https-beacon', 'long-sleep', 'low-and-slow', 'raw-ip', 'rotating-ip', 'test1-powershell-beacon', 'test2-dns-nxdomain', 'test3-lolbin-ports', 'test4-scheduled-task'];
const LOOPBACK = ['test1-powershell-beacon', 'test3-lolbin-ports', 'test4-scheduled-task'];

let enterprise: ValidateResult;
let lab: ValidateResult;

beforeAll(async () => {
  const dir = tempDir('c2hunt-acceptance-');
  await simulate({ out: dir, hosts: 5, days: 1, seed: 3 });
  // The misses are not replayed (explainMisses: false): the criterion needs the scores, not the reasons.
  enterprise = await validateDataset(dir, { explainMisses: false });
  lab = await validateDataset(dir, { profile: 'lab', explainMisses: false });
}, 60_000);

afterAll(removeTempDirs);

describe('acceptance criterion (issue #6) on a default-shaped estate', () => {
  it('default config: every scenario but the loopback tests is detected', () => {
    const d = enterprise.acceptance.detected;
    expect(enterprise.score.scenarios.map((s) => s.scenario)).toEqual(SCENARIOS);
    expect(d.excused.map((e) => e.scenario)).toEqual(LOOPBACK);
    expect(d.required).toEqual(SCENARIOS.filter((s) => !LOOPBACK.includes(s)));
    expect(d.missed).toEqual([]);
    expect(d.pass).toBe(true);
  });

  it('default config: benign findings above low only in the seed false-positive categories, and there are some', () => {
    const rows = enterprise.severities;
    const above = rows.filter((r) => r.aboveLow > 0);
    // Not vacuous: the small estate makes single-host agents rare, so some seed categories exceed low...
    expect(above.length).toBeGreaterThan(0);
    for (const r of above) expect(Object.keys(SEED_FALSE_POSITIVE_CATEGORIES), r.category).toContain(r.category);
    // ...and categories outside the seed's list do produce findings, which all stay at low or below.
    const others = rows.filter((r) => !r.seedFalsePositive);
    expect(others.reduce((n, r) => n + r.findings, 0)).toBeGreaterThan(0);
    for (const r of others) expect([r.category, r.bySeverity.medium + r.bySeverity.high + r.bySeverity.critical]).toEqual([r.category, 0]);
    expect(enterprise.acceptance.benign.pass).toBe(true);
    expect(enterprise.acceptance.pass).toBe(true);
  });

  it('lab profile: every scenario, the seed tests included, and the benign side still holds', () => {
    expect(lab.acceptance.detected).toMatchObject({ pass: true, missed: [], excused: [] });
    expect(lab.acceptance.detected.required).toEqual(SCENARIOS);
    expect(lab.acceptance.benign.pass).toBe(true);
  });

  it('every scenario the pack finds ranks above every benign risk object', () => {
    for (const r of [enterprise, lab]) {
      const found = r.ranking.scenarios.filter((s) => s.bestRank !== null);
      expect(found.length).toBe(r.profile === 'lab' ? SCENARIOS.length : SCENARIOS.length - LOOPBACK.length);
      for (const s of found) expect([s.scenario, s.benignAbove]).toEqual([s.scenario, 0]);
      expect(r.ranking.pass).toBe(true);
    }
  });

  it('validate prints the check lines and the severity breakdown in text and Markdown', () => {
    const text = validateText(enterprise);
    expect(text).toContain('Acceptance check (issue #6)\n  PASS every attack scenario detected: 7/7 required scenarios; not required in this profile: test1-powershell-beacon, test3-lolbin-ports, test4-scheduled-task');
    expect(text).toContain('  PASS acceptance criterion (issue #6)\n');
    expect(text).toMatch(/Benign findings by severity[^\n]*\n  benign category +seed FP category +informational +low +medium +high +critical +above low by detection\n/);
    const md = validateMarkdown(enterprise);
    expect(md).toContain('- **PASS** acceptance criterion (issue #6)');
    expect(md).toContain('| benign category | seed FP category | informational | low | medium | high | critical | above low by detection |');
  });
});
