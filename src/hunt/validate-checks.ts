/**
 * The checks `c2hunt validate` prints under its tables:
 *
 * - **Benign findings by severity**: per benign category, the false positives at each severity, and
 *   which detections rated any of them above low.
 * - **Acceptance** (issue #6, verbatim in docs/validation.md): (1) every attack scenario is detected by
 *   at least one detection; with a profile other than `lab`, scenarios whose every destination is a
 *   loopback address (the seed's tests 1, 3 and 4, which the seed's own query excludes) are not
 *   required; (2) no finding on the benign background is above low severity, except in the categories
 *   the seed lists as expected false positives (SEED_FALSE_POSITIVE_CATEGORIES). A finding that matches
 *   no ground-truth entity at all (`unlabelled`) above low fails (2): nothing excuses it.
 * - **Ranking**: the risk objects of the hunt's ranked list labelled from the ground truth (an object
 *   with a finding on an attack entity is the attack's; otherwise the categories of its findings), and
 *   per scenario the rank of its best object and how many benign objects rank above it. What a hunter
 *   reading the report from the top meets first.
 */
import ipaddr from 'ipaddr.js';
import type { Severity } from '../detections/types.js';
import { SEVERITIES, severityRank } from '../findings/levels.js';
import type { RiskObject } from '../findings/risk.js';
import type { Finding as HuntFinding } from '../findings/types.js';
import { SEED_FALSE_POSITIVE_CATEGORIES } from '../simulate/model.js';
import { classifyFinding, type Finding, type ScenarioScore, type ScoreReport, type TruthEntity } from '../simulate/score.js';

export function isSeedFalsePositiveCategory(category: string): boolean {
  return Object.hasOwn(SEED_FALSE_POSITIVE_CATEGORIES, category);
}

export interface CategorySeverities {
  readonly category: string;
  /** One of the seed's five expected false-positive categories. */
  readonly seedFalsePositive: boolean;
  /** False-positive findings per severity (every level present, 0 when none). */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly findings: number;
  /** Findings rated medium or above. */
  readonly aboveLow: number;
  /** Detections with a finding above low in this category, with how many. */
  readonly detectionsAboveLow: readonly { readonly detection: string; readonly findings: number }[];
}

function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** Per benign category (plus `unlabelled`), false positives by severity; categories in name order. */
export function categorySeverities(report: ScoreReport): CategorySeverities[] {
  const byCat = new Map<string, { sev: Record<Severity, number>; above: Map<string, number> }>();
  for (const row of report.falsePositiveSeverities) {
    let c = byCat.get(row.category);
    if (c === undefined) byCat.set(row.category, (c = { sev: { informational: 0, low: 0, medium: 0, high: 0, critical: 0 }, above: new Map() }));
    // A finding without a known severity counts as medium: the check must not pass on missing data.
    const sev: Severity = isSeverity(row.severity) ? row.severity : 'medium';
    c.sev[sev] += row.findings;
    if (severityRank(sev) > severityRank('low')) c.above.set(row.detection, (c.above.get(row.detection) ?? 0) + row.findings);
  }
  return [...byCat.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([category, c]) => {
      const findings = SEVERITIES.reduce((n, s) => n + c.sev[s], 0);
      const aboveLow = c.sev.medium + c.sev.high + c.sev.critical;
      return {
        category,
        seedFalsePositive: isSeedFalsePositiveCategory(category),
        bySeverity: c.sev,
        findings,
        aboveLow,
        detectionsAboveLow: [...c.above.entries()]
          .map(([detection, n]) => ({ detection, findings: n }))
          .sort((a, b) => b.findings - a.findings || (a.detection < b.detection ? -1 : 1)),
      };
    });
}

function isLoopback(text: string): boolean {
  if (!ipaddr.isValid(text)) return false;
  const a = ipaddr.process(text);
  return a.range() === 'loopback';
}

/** A scenario whose every network entity goes to a loopback address (the seed's tests 1, 3, 4). */
export function loopbackOnly(s: ScenarioScore): boolean {
  return s.facts.length > 0 && s.facts.every((f) => isLoopback(f.destination));
}

export interface AcceptanceCheck {
  readonly detected: {
    readonly pass: boolean;
    /** Scenarios the criterion requires in this profile. */
    readonly required: readonly string[];
    readonly missed: readonly string[];
    /** Not required in this profile, with why. */
    readonly excused: readonly { readonly scenario: string; readonly reason: string; readonly detected: boolean }[];
  };
  readonly benign: {
    readonly pass: boolean;
    /** Categories with findings above low, each with whether the seed expects it. */
    readonly aboveLow: readonly { readonly category: string; readonly seedFalsePositive: boolean; readonly findings: number }[];
  };
  readonly pass: boolean;
}

export function acceptanceCheck(report: ScoreReport, severities: readonly CategorySeverities[], profile: string): AcceptanceCheck {
  const required: string[] = [];
  const excused: { scenario: string; reason: string; detected: boolean }[] = [];
  const missed: string[] = [];
  for (const s of report.scenarios) {
    const detected = s.fired.length > 0;
    if (profile !== 'lab' && loopbackOnly(s)) {
      excused.push({ scenario: s.scenario, reason: 'loopback only, left out by this profile as by the seed; --profile lab requires it', detected });
      continue;
    }
    required.push(s.scenario);
    if (!detected) missed.push(s.scenario);
  }
  const aboveLow = severities.filter((c) => c.aboveLow > 0).map((c) => ({ category: c.category, seedFalsePositive: c.seedFalsePositive, findings: c.aboveLow }));
  const benignPass = aboveLow.every((c) => c.seedFalsePositive);
  const detectedPass = missed.length === 0;
  return {
    detected: { pass: detectedPass, required, missed, excused },
    benign: { pass: benignPass, aboveLow },
    pass: detectedPass && benignPass,
  };
}

/** The check as lines of plain text (also used, with Markdown emphasis, in docs). */
export function acceptanceLines(a: AcceptanceCheck): string[] {
  const lines: string[] = [];
  const d = a.detected;
  const excused = d.excused.length > 0 ? `; not required in this profile: ${d.excused.map((e) => `${e.scenario}${e.detected ? ' (detected anyway)' : ''}`).join(', ')} (loopback only; --profile lab)` : '';
  lines.push(
    `${d.pass ? 'PASS' : 'FAIL'} every attack scenario detected: ${d.required.length - d.missed.length}/${d.required.length} required scenarios` +
      (d.missed.length > 0 ? `; missed: ${d.missed.join(', ')}` : '') +
      excused,
  );
  const b = a.benign;
  const list = b.aboveLow.map((c) => `${c.category} (${c.findings}; ${c.seedFalsePositive ? 'a seed false-positive category' : 'NOT a seed false-positive category'})`);
  lines.push(
    `${b.pass ? 'PASS' : 'FAIL'} no benign finding above low outside the seed's false-positive categories: ` +
      (list.length === 0 ? 'no benign finding above low' : `categories with findings above low: ${list.join(', ')}`),
  );
  lines.push(`${a.pass ? 'PASS' : 'FAIL'} acceptance criterion (issue #6)`);
  return lines;
}

export interface LabelledObject {
  readonly rank: number;
  readonly host: string;
  readonly destination: string | null;
  readonly score: number;
  readonly severity: Severity;
  readonly kind: 'attack' | 'benign' | 'unlabelled';
  /** Scenarios (attack) or benign categories (benign) its findings matched. */
  readonly labels: readonly string[];
}

export interface RankingReport {
  readonly objects: number;
  readonly scenarios: readonly {
    readonly scenario: string;
    /** Rank of the scenario's best object; null when no object holds it. */
    readonly bestRank: number | null;
    readonly objects: number;
    /** Benign or unlabelled objects ranked above its best object. */
    readonly benignAbove: number;
  }[];
  /** The best-ranked object that is not an attack's. */
  readonly topBenign: LabelledObject | null;
  /** Every scenario with an object ranks its best object above every non-attack object. */
  readonly pass: boolean;
}

/** Label the ranked objects from the ground truth and measure where the attacks land. */
export function rankingReport(
  objects: readonly RiskObject[],
  entities: readonly TruthEntity[],
  scored: (f: HuntFinding) => Finding,
  scenarios: readonly string[],
): { report: RankingReport; labelled: LabelledObject[] } {
  const byHost = new Map<string, TruthEntity[]>();
  const short = (h: string) => h.toLowerCase().split('.')[0] as string;
  for (const e of entities) {
    const k = short(e.host);
    let list = byHost.get(k);
    if (list === undefined) byHost.set(k, (list = []));
    list.push(e);
  }
  const labelled: LabelledObject[] = objects.map((o) => {
    const attack = new Set<string>();
    const benign = new Set<string>();
    for (const f of o.findings) {
      const t = classifyFinding(scored(f), byHost.get(short(f.host)) ?? []);
      for (const s of t.scenarios) attack.add(s);
      for (const c of t.categories) benign.add(c);
    }
    const kind = attack.size > 0 ? 'attack' : benign.size > 0 ? 'benign' : 'unlabelled';
    const labels = [...(attack.size > 0 ? attack : benign)].sort();
    return { rank: o.rank, host: o.host, destination: o.destination, score: o.score, severity: o.severity, kind, labels };
  });
  const others = labelled.filter((o) => o.kind !== 'attack');
  const topBenign = others[0] ?? null;
  const perScenario = scenarios.map((scenario) => {
    const mine = labelled.filter((o) => o.kind === 'attack' && o.labels.includes(scenario));
    const bestRank = mine.length > 0 ? Math.min(...mine.map((o) => o.rank)) : null;
    return {
      scenario,
      bestRank,
      objects: mine.length,
      benignAbove: bestRank === null ? 0 : others.filter((o) => o.rank < bestRank).length,
    };
  });
  const pass = perScenario.every((s) => s.bestRank === null || s.benignAbove === 0);
  return { report: { objects: objects.length, scenarios: perScenario, topBenign, pass }, labelled };
}
