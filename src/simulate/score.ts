/**
 * The scoring core of `c2hunt validate`: compare a detection run's findings with the simulator's
 * ground-truth entities. Pure: no I/O, no engine; `validate` reads entities.json, runs the detection pack
 * and calls `score`.
 *
 * Matching a finding (detection, host, process, destination) to an entity (host, image, destination):
 * - host: case-insensitive; a short name matches its FQDN (`WKS-001` = `WKS-001.corp.example`);
 * - process: absent matches any image; with a backslash it is a full path, otherwise a file name, both
 *   case-insensitive;
 * - destination: absent matches any entity of the host and process (including process-only entities,
 *   e.g. a scheduled-task detection); otherwise it matches the entity's destination, any address or name
 *   the entity used, or a name above or below one of its names (a finding on `cloud-sync-api.test`
 *   matches the tunnel entity `ns.cloud-sync-api.test` and a finding on a single tunnel query matches it
 *   too), case-insensitive.
 * A finding that matches at least one attack entity is a true positive (for each scenario it matched);
 * one that matches only benign entities is a false positive charged to their categories; one that
 * matches nothing is a false positive of category `unlabelled`.
 * Recall is over attack entities that have a destination (host + process + destination), the unit the
 * issue asks for; process-only entities serve only to match destination-less findings.
 */

export interface Finding {
  readonly detection: string;
  readonly host: string;
  readonly process?: string | null;
  readonly destination?: string | null;
  /** The finding's severity, when known (counted per benign category for validate's acceptance check). */
  readonly severity?: string;
}

export interface TruthEntity {
  readonly label: { readonly kind: 'benign'; readonly category: string; readonly source: string } | { readonly kind: 'attack'; readonly scenario: string };
  readonly host: string;
  readonly image: string;
  readonly destination: string | null;
  readonly ips?: readonly string[];
  readonly domains?: readonly string[];
  readonly ports?: readonly number[];
  readonly connections?: number;
  readonly dnsQueries?: number;
  readonly hoursActive?: number;
}

export interface ScenarioScore {
  readonly scenario: string;
  /** Attack entities with a destination. */
  readonly entities: number;
  readonly fired: readonly { readonly detection: string; readonly entitiesFound: number; readonly findings: number }[];
  readonly missed: readonly string[];
  /** Facts a reader needs to explain a miss: per network entity, what the data held. */
  readonly facts: readonly {
    readonly host: string;
    readonly image: string;
    readonly destination: string;
    readonly connections: number;
    readonly dnsQueries: number;
    readonly hoursActive: number;
    readonly ports: readonly number[];
  }[];
}

export interface DetectionScore {
  readonly detection: string;
  readonly findings: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Findings that matched no entity at all (counted in falsePositives too). */
  readonly unmatched: number;
  /** truePositives / findings; null when the detection produced nothing. */
  readonly precision: number | null;
  readonly attackEntitiesFound: number;
  readonly attackEntities: number;
  readonly recall: number;
  readonly scenariosFired: readonly string[];
}

export interface CategoryFalsePositives {
  readonly category: string;
  readonly detection: string;
  readonly findings: number;
  readonly sources: readonly string[];
}

/** False positives of one category, detection and severity (findings without a severity: `unknown`). */
export interface CategorySeverityCount {
  readonly category: string;
  readonly detection: string;
  readonly severity: string;
  readonly findings: number;
}

export interface ScoreReport {
  readonly scenarios: readonly ScenarioScore[];
  readonly detections: readonly DetectionScore[];
  readonly falsePositivesByCategory: readonly CategoryFalsePositives[];
  /** The same false positives split by severity, sorted by category, detection, severity. */
  readonly falsePositiveSeverities: readonly CategorySeverityCount[];
}

function shortHost(h: string): string {
  const lower = h.toLowerCase();
  const dot = lower.indexOf('.');
  return dot < 0 ? lower : lower.slice(0, dot);
}

export function hostMatches(finding: string, entity: string): boolean {
  const a = finding.toLowerCase();
  const b = entity.toLowerCase();
  return a === b || shortHost(a) === shortHost(b);
}

export function processMatches(finding: string | null | undefined, image: string): boolean {
  if (finding === undefined || finding === null || finding === '') return true;
  const f = finding.toLowerCase();
  const img = image.toLowerCase();
  if (f.includes('\\')) return f === img;
  return img.slice(img.lastIndexOf('\\') + 1) === f;
}

function nameRelated(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

export function destinationMatches(finding: string | null | undefined, e: TruthEntity): boolean {
  if (finding === undefined || finding === null || finding === '') return true;
  if (e.destination === null) return false;
  const f = finding.toLowerCase();
  if (f === e.destination.toLowerCase()) return true;
  if ((e.ips ?? []).some((ip) => ip.toLowerCase() === f)) return true;
  const looksLikeName = /[a-z]/.test(f) && !f.includes(':');
  if (!looksLikeName) return false;
  const names = [e.destination.toLowerCase(), ...(e.domains ?? []).map((d) => d.toLowerCase())];
  return names.some((n) => /[a-z]/.test(n) && !n.includes(':') && nameRelated(f, n));
}

export function findingMatches(f: Finding, e: TruthEntity): boolean {
  return hostMatches(f.host, e.host) && processMatches(f.process, e.image) && destinationMatches(f.destination, e);
}

/** What a finding is in the ground truth: the scenarios of the attack entities it matches, else the benign categories. */
export interface FindingTruth {
  readonly scenarios: readonly string[];
  readonly categories: readonly string[];
}

/** Classify one finding against entities (the same matching as `score`); sorted, unique. */
export function classifyFinding(f: Finding, entities: readonly TruthEntity[]): FindingTruth {
  const scenarios = new Set<string>();
  const categories = new Set<string>();
  for (const e of entities) {
    if (!findingMatches(f, e)) continue;
    if (e.label.kind === 'attack') scenarios.add(e.label.scenario);
    else categories.add(e.label.category);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { scenarios: sorted(scenarios), categories: scenarios.size > 0 ? [] : sorted(categories) };
}

export interface ScoreInput {
  readonly entities: readonly TruthEntity[];
  readonly findings: readonly Finding[];
  /** Every detection that ran, so one with no findings still gets a row. */
  readonly detections: readonly string[];
  /** Every scenario in the dataset, so one without network entities still gets a row. */
  readonly scenarios: readonly string[];
}

export function score(input: ScoreInput): ScoreReport {
  const { entities, findings } = input;
  const detections = [...new Set([...input.detections, ...findings.map((f) => f.detection)])].sort();
  const scenarios = [...new Set([...input.scenarios, ...entities.flatMap((e) => (e.label.kind === 'attack' ? [e.label.scenario] : []))])].sort();
  const attackNet = entities.filter((e) => e.label.kind === 'attack' && e.destination !== null);

  // Entities by short host name, so matching stays linear in practice.
  const byHost = new Map<string, TruthEntity[]>();
  for (const e of entities) {
    const k = shortHost(e.host);
    let list = byHost.get(k);
    if (list === undefined) byHost.set(k, (list = []));
    list.push(e);
  }

  const found = new Map<string, Set<TruthEntity>>(); // detection → attack entities found
  const perDet = new Map<string, { findings: number; tp: number; fp: number; unmatched: number; scenarios: Set<string> }>();
  const perScenario = new Map<string, Map<string, number>>(); // scenario → detection → findings
  const fpCat = new Map<string, { findings: number; sources: Set<string> }>(); // `${category}\0${detection}`
  const fpSev = new Map<string, number>(); // `${category}\0${detection}\0${severity}`
  for (const d of detections) {
    found.set(d, new Set());
    perDet.set(d, { findings: 0, tp: 0, fp: 0, unmatched: 0, scenarios: new Set() });
  }

  for (const f of findings) {
    const det = perDet.get(f.detection)!;
    det.findings++;
    const matched = (byHost.get(shortHost(f.host)) ?? []).filter((e) => findingMatches(f, e));
    const attack = matched.filter((e) => e.label.kind === 'attack');
    if (attack.length > 0) {
      det.tp++;
      for (const e of attack) {
        const scenario = (e.label as { scenario: string }).scenario;
        det.scenarios.add(scenario);
        if (e.destination !== null) found.get(f.detection)!.add(e);
        let m = perScenario.get(scenario);
        if (m === undefined) perScenario.set(scenario, (m = new Map()));
        m.set(f.detection, (m.get(f.detection) ?? 0) + 1);
      }
      continue;
    }
    det.fp++;
    const cats = new Map<string, Set<string>>();
    for (const e of matched) {
      if (e.label.kind !== 'benign') continue;
      let s = cats.get(e.label.category);
      if (s === undefined) cats.set(e.label.category, (s = new Set()));
      s.add(e.label.source);
    }
    if (cats.size === 0) {
      det.unmatched++;
      cats.set('unlabelled', new Set());
    }
    for (const [cat, sources] of cats) {
      const k = `${cat}\u0000${f.detection}`;
      let c = fpCat.get(k);
      if (c === undefined) fpCat.set(k, (c = { findings: 0, sources: new Set() }));
      c.findings++;
      for (const s of sources) c.sources.add(s);
      const ks = `${k}\u0000${f.severity ?? 'unknown'}`;
      fpSev.set(ks, (fpSev.get(ks) ?? 0) + 1);
    }
  }

  const scenarioScores: ScenarioScore[] = scenarios.map((scenario) => {
    const mine = attackNet.filter((e) => (e.label as { scenario: string }).scenario === scenario);
    const fired = detections
      .filter((d) => (perScenario.get(scenario)?.get(d) ?? 0) > 0)
      .map((d) => ({ detection: d, findings: perScenario.get(scenario)!.get(d)!, entitiesFound: mine.filter((e) => found.get(d)!.has(e)).length }));
    return {
      scenario,
      entities: mine.length,
      fired,
      missed: detections.filter((d) => !fired.some((x) => x.detection === d)),
      facts: mine.map((e) => ({
        host: e.host,
        image: e.image,
        destination: e.destination as string,
        connections: e.connections ?? 0,
        dnsQueries: e.dnsQueries ?? 0,
        hoursActive: e.hoursActive ?? 0,
        ports: e.ports ?? [],
      })),
    };
  });

  const detectionScores: DetectionScore[] = detections.map((d) => {
    const s = perDet.get(d)!;
    const hit = found.get(d)!.size;
    return {
      detection: d,
      findings: s.findings,
      truePositives: s.tp,
      falsePositives: s.fp,
      unmatched: s.unmatched,
      precision: s.findings === 0 ? null : s.tp / s.findings,
      attackEntitiesFound: hit,
      attackEntities: attackNet.length,
      recall: attackNet.length === 0 ? 0 : hit / attackNet.length,
      scenariosFired: [...s.scenarios].sort(),
    };
  });

  const falsePositivesByCategory: CategoryFalsePositives[] = [...fpCat.entries()]
    .map(([k, v]) => {
      const [category, detection] = k.split('\u0000') as [string, string];
      return { category, detection, findings: v.findings, sources: [...v.sources].sort() };
    })
    .sort((a, b) => b.findings - a.findings || (a.category < b.category ? -1 : a.category > b.category ? 1 : a.detection < b.detection ? -1 : 1));

  const falsePositiveSeverities: CategorySeverityCount[] = [...fpSev.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, findings]) => {
      const [category, detection, severity] = k.split('\u0000') as [string, string, string];
      return { category, detection, severity, findings };
    });

  return { scenarios: scenarioScores, detections: detectionScores, falsePositivesByCategory, falsePositiveSeverities };
}
