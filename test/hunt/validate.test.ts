/**
 * `c2hunt validate` on a tiny simulated estate (5 hosts, 1 day: every benign category, every scenario),
 * with the seed detection, whose behaviour the seed page fixes: its test 1 (5 connections about 30 s
 * apart to 127.0.0.1:8888) cannot fire, because loopback is in its exclusion list and 5 connections in
 * one hour are under its 10-connection, 2-hour thresholds; the DNS tunnel makes no EID 3 at all.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import { validateDataset, type ValidateResult } from '../../src/hunt/validate.js';
import { validateMarkdown, validateText } from '../../src/hunt/validate-report.js';
import { cli } from '../helpers/cli.js';
import { tempDir, removeTempDirs } from '../helpers/sysmon-xml.js';

const SEED = 'c2_beaconing_to_acquired_server';
let dir: string;
let result: ValidateResult;

beforeAll(async () => {
  dir = tempDir('c2hunt-validate-');
  await simulate({ out: dir, hosts: 5, days: 1, seed: 3 });
  result = await validateDataset(dir, { select: [SEED] });
});

afterAll(removeTempDirs);

describe('validate', () => {
  it('explains the seed test 1 miss from the data: loopback excluded, and under both thresholds', () => {
    const s = result.score.scenarios.find((x) => x.scenario === 'test1-powershell-beacon')!;
    expect(s.fired).toEqual([]);
    // The ground truth says what the reason must quote.
    expect(s.facts).toHaveLength(1);
    const f = s.facts[0]!;
    expect([f.destination, f.connections, f.hoursActive]).toEqual(['127.0.0.1', 5, 1]);
    const miss = result.misses.get('test1-powershell-beacon')!.find((m) => m.detection === SEED)!;
    expect(miss.reasons).toEqual([
      'the search excludes the 5 events it selects: NOT DestinationIp="127.*"',
      'without its NOT clauses, `where TotalConnections >= 10 AND HoursActive >= 2` drops them (TotalConnections=5, HoursActive=1)',
    ]);
  });

  it('the DNS tunnel has no connection events for the seed to read', () => {
    const miss = result.misses.get('dns-tunnel')!.find((m) => m.detection === SEED)!;
    expect(miss.reasons[0]).toMatch(/^it reads EID 3 and the scenario has none \(it has EID 1, EID 22/);
  });

  it('scores every finding of the run once: true + false positives = findings, recall over attack entities', () => {
    const d = result.score.detections.find((x) => x.detection === SEED)!;
    expect(d.findings).toBe(result.hunt.findings.length);
    expect(d.truePositives + d.falsePositives).toBe(d.findings);
    const attackEntities = result.score.scenarios.reduce((n, s) => n + s.entities, 0);
    expect(d.attackEntities).toBe(attackEntities);
    expect(d.recall).toBeCloseTo(d.attackEntitiesFound / attackEntities, 10);
    // rundll32's 60 s beacon is over the thresholds with a steady hourly count: the seed finds it.
    expect(d.scenariosFired).toContain('https-beacon');
    // Every false positive is charged to at least one category (a finding matching entities of two
    // categories counts in both). The Datadog agent's 300 s check-ins from agent.exe (not a browser, not
    // an excluded domain) are exactly the seed's first false-positive class.
    const cats = result.score.falsePositivesByCategory.filter((c) => c.detection === SEED);
    expect(cats.reduce((n, c) => n + c.findings, 0)).toBeGreaterThanOrEqual(d.falsePositives);
    expect(cats.map((c) => c.category)).toContain('monitoring-agent');
  });

  it('the medium-and-above score counts exactly the findings rated medium or higher', () => {
    const m = result.scoreMedium.detections.find((x) => x.detection === SEED)!;
    const rank = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
    expect(m.findings).toBe(result.hunt.findings.filter((f) => rank[f.severity] >= 2).length);
  });

  it('text and Markdown name the dataset and hold the four parts', () => {
    const text = validateText(result);
    expect(text).toMatch(/^c2hunt validate: 5 hosts, 1 day, [\d,]+ events, 10 scenarios \(seed 3\); profile enterprise; 1 detection\n/);
    for (const part of ['Scenarios:', 'Detections:', 'False positives by benign category', 'Why detections missed']) expect(text).toContain(part);
    const md = validateMarkdown(result);
    expect(md).toContain('| scenario | entities | fired (entities found) | missed |');
    expect(md).toContain(`  - \`${SEED}\`: the search excludes the 5 events it selects`);
  });

  it('the CLI: --data DIR --json, and a missing dataset is a one-line error', async () => {
    const r = await cli('validate', '--data', dir, '--detections', SEED, '--json', '--quiet');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { schema: string; scenarios: { scenario: string; misses: { detection: string }[] }[] };
    expect(doc.schema).toBe('c2hunt.validate/1');
    expect(doc.scenarios.map((s) => s.scenario)).toContain('test1-powershell-beacon');
    const missing = await cli('validate', '--data', `${dir}/nope`);
    expect([missing.code, missing.err]).toEqual([2, `c2hunt: --data ${dir}/nope: no such directory\n`]);
  });
});
