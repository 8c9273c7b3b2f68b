/**
 * Risk ranking in the manner of Splunk risk-based alerting (RBA): every finding adds its risk score to a
 * risk object, here the pair (host, destination), and objects are ranked by their total. docs/risk-ranking.md
 * has the formula and a worked example; in short:
 *
 * - Destination: the registered domain of the finding's names (public suffix list with its private
 *   section, as the beacon grouper uses), else its IP. An IP-only finding joins the one named object of
 *   the same host that contains its IP, when exactly one does, so an IOC hit on an address lands with the
 *   beacon to the name behind it without chaining through shared hosting.
 * - Diminishing repeats: within a risk group (detections of one kind), findings sorted by risk
 *   r1 ≥ r2 ≥ … contribute r1 + d·r2 + d²·r3 + …, d = `decay` (0.5), so one group adds less than
 *   r1/(1 − d) = 2·r1 however noisy it is. Splunk's RBA community caps a source at 3× its highest score
 *   for the same reason (splunk/rba, "Limit Risk Rule Score Stacking"). Groups add up without decay.
 * - Severity: the highest of the findings. Confidence: the highest, raised one level when two or more
 *   groups contribute (independent analytics agree).
 * - Notable: total ≥ `threshold` (100), the threshold Splunk ES's risk incident rules start from
 *   (help.splunk.com, "Run risk incident rules in Splunk Enterprise Security").
 * - Ties break explicitly (score, severity, confidence, groups, last seen, host, destination), so the
 *   ranking is the same bytes on every run.
 */
import { getDomain, parse as parseHost } from 'tldts';
import type { Confidence, Severity } from '../detections/types.js';
import { confidenceRank, maxConfidence, maxSeverity, raiseConfidence, severityRank } from './levels.js';
import type { Finding } from './types.js';

export interface RankOptions {
  /** Weight ratio of successive findings within a risk group, 0–1 (default 0.5). */
  readonly decay?: number;
  /** Total at which an object or host is notable (default 100). */
  readonly threshold?: number;
}

export const RANK_DEFAULTS = { decay: 0.5, threshold: 100 } as const;

/** One detection's part in a total. */
export interface Contribution {
  readonly detectionId: string;
  readonly name: string;
  readonly group: string;
  readonly techniques: readonly string[];
  readonly findings: number;
  /** The largest single finding risk. */
  readonly maxRisk: number;
  /** What it added to the total after diminishing. */
  readonly score: number;
  readonly severity: Severity;
}

interface Scored {
  readonly score: number;
  /** Plain sum of the findings' risk scores, without diminishing (for comparison). */
  readonly rawScore: number;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Risk groups that contributed more than zero. */
  readonly groups: number;
  readonly contributions: readonly Contribution[];
  readonly techniques: readonly string[];
  readonly firstSeen: number | undefined;
  readonly lastSeen: number | undefined;
  readonly notable: boolean;
}

export interface RiskObject extends Scored {
  /** 1-based position in the ranking. */
  readonly rank: number;
  readonly host: string;
  /** Registered domain or IP; null for findings without a destination. */
  readonly destination: string | null;
  readonly destinationKind: 'domain' | 'ip' | 'none';
  readonly destIps: readonly string[];
  readonly destNames: readonly string[];
  readonly ports: readonly number[];
  readonly processes: readonly string[];
  /** Sorted: risk, severity, confidence, detection id, finding id. */
  readonly findings: readonly Finding[];
}

export interface HostRisk extends Scored {
  readonly rank: number;
  readonly host: string;
  readonly objects: number;
  readonly findings: number;
  /** Destinations of the host's objects, in object rank order. */
  readonly destinations: readonly string[];
}

export interface RankedFindings {
  readonly objects: readonly RiskObject[];
  readonly hosts: readonly HostRisk[];
  readonly totalFindings: number;
  readonly options: { readonly decay: number; readonly threshold: number };
}

/** Code-unit order: locale-independent and total. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOptionalDesc(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}

function compareOptionalAsc(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a - b;
}

/** Order of findings inside an object and within a risk group. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    b.risk - a.risk ||
    severityRank(b.severity) - severityRank(a.severity) ||
    confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
    compareText(a.detection.id, b.detection.id) ||
    compareText(a.id, b.id) ||
    compareOptionalAsc(a.firstSeen, b.firstSeen) ||
    compareText(a.explanation, b.explanation)
  );
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The RBA total of a set of findings (module header). Findings must be sorted with compareFindings. */
export function scoreFindings(sorted: readonly Finding[], decay: number, threshold: number): Scored {
  const byGroup = new Map<string, Finding[]>();
  for (const f of sorted) {
    const list = byGroup.get(f.detection.group);
    if (list === undefined) byGroup.set(f.detection.group, [f]);
    else list.push(f);
  }
  const perDetection = new Map<string, { f: Finding; n: number; max: number; score: number; sev: Severity }>();
  let total = 0;
  let raw = 0;
  let groups = 0;
  let severity: Severity = 'informational';
  let confidence: Confidence = 'low';
  for (const list of byGroup.values()) {
    let groupScore = 0;
    list.forEach((f, i) => {
      const weighted = f.risk * decay ** i;
      groupScore += weighted;
      raw += f.risk;
      const d = perDetection.get(f.detection.id);
      if (d === undefined) {
        perDetection.set(f.detection.id, { f, n: 1, max: f.risk, score: weighted, sev: f.severity });
      } else {
        d.n++;
        d.max = Math.max(d.max, f.risk);
        d.score += weighted;
        d.sev = maxSeverity(d.sev, f.severity);
      }
      severity = maxSeverity(severity, f.severity);
      confidence = maxConfidence(confidence, f.confidence);
    });
    if (groupScore > 0) groups++;
    total += groupScore;
  }
  if (groups >= 2) confidence = raiseConfidence(confidence);
  const contributions: Contribution[] = [...perDetection.values()]
    .map(({ f, n, max, score, sev }) => ({
      detectionId: f.detection.id,
      name: f.detection.name,
      group: f.detection.group,
      techniques: f.detection.techniques,
      findings: n,
      maxRisk: max,
      score: round2(score),
      severity: sev,
    }))
    .sort((a, b) => b.score - a.score || compareText(a.detectionId, b.detectionId));
  const techniques = [...new Set(sorted.flatMap((f) => f.detection.techniques))].sort(compareText);
  let firstSeen: number | undefined;
  let lastSeen: number | undefined;
  for (const f of sorted) {
    if (f.firstSeen !== undefined && (firstSeen === undefined || f.firstSeen < firstSeen)) firstSeen = f.firstSeen;
    const last = f.lastSeen ?? f.firstSeen;
    if (last !== undefined && (lastSeen === undefined || last > lastSeen)) lastSeen = last;
  }
  const score = round2(total);
  return {
    score,
    rawScore: round2(raw),
    severity,
    confidence,
    groups,
    contributions,
    techniques,
    firstSeen,
    lastSeen,
    notable: score >= threshold,
  };
}

function normalizeName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

function normalizeIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  return s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
}

function isIpLiteral(s: string): boolean {
  return parseHost(s).isIp === true;
}

/** The registered domain (private PSL section included), or the name itself when it has none. */
export function registeredDomainOf(name: string): string {
  const n = normalizeName(name);
  return getDomain(n, { allowPrivateDomains: true }) ?? n;
}

interface Placed {
  readonly finding: Finding;
  readonly hostKey: string;
  destination: string | null;
  kind: 'domain' | 'ip' | 'none';
  readonly ips: readonly string[];
}

function place(f: Finding): Placed {
  const hostKey = f.host.toLowerCase();
  const ips = f.destIps.map(normalizeIp);
  const domains = new Map<string, number>();
  for (const name of f.destNames) {
    if (isIpLiteral(normalizeIp(name))) {
      if (!ips.includes(normalizeIp(name))) ips.push(normalizeIp(name));
      continue;
    }
    const d = registeredDomainOf(name);
    if (d !== '') domains.set(d, (domains.get(d) ?? 0) + 1);
  }
  if (domains.size > 0) {
    // The most frequent registered domain; ties to the smallest, so the choice is stable.
    const [domain] = [...domains.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0] as [string, number];
    return { finding: f, hostKey, destination: domain, kind: 'domain', ips };
  }
  if (ips.length > 0) return { finding: f, hostKey, destination: [...ips].sort(compareText)[0] as string, kind: 'ip', ips };
  return { finding: f, hostKey, destination: null, kind: 'none', ips };
}

function objectKey(hostKey: string, destination: string | null): string {
  return `${hostKey}\u0000${destination ?? ''}`;
}

/** Group findings into risk objects and hosts, score them and rank them (module header). */
export function rankFindings(findings: readonly Finding[], options: RankOptions = {}): RankedFindings {
  const decay = options.decay ?? RANK_DEFAULTS.decay;
  const threshold = options.threshold ?? RANK_DEFAULTS.threshold;
  if (!(decay >= 0 && decay <= 1)) throw new RangeError(`decay must be within 0–1, got ${decay}`);
  if (!(threshold >= 0)) throw new RangeError(`threshold must be 0 or more, got ${threshold}`);

  const placed = findings.map(place);
  // IP → named objects of the host that contain it, for IP-only findings to join.
  const namedByIp = new Map<string, Set<string>>();
  for (const p of placed) {
    if (p.kind !== 'domain') continue;
    for (const ip of p.ips) {
      const k = `${p.hostKey}\u0000${ip}`;
      let set = namedByIp.get(k);
      if (set === undefined) namedByIp.set(k, (set = new Set()));
      set.add(p.destination as string);
    }
  }
  for (const p of placed) {
    if (p.kind !== 'ip') continue;
    const candidates = new Set<string>();
    for (const ip of p.ips) for (const d of namedByIp.get(`${p.hostKey}\u0000${ip}`) ?? []) candidates.add(d);
    if (candidates.size === 1) {
      p.destination = [...candidates][0] as string;
      p.kind = 'domain';
    }
  }

  const groups = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = objectKey(p.hostKey, p.destination);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [p]);
    else list.push(p);
  }

  const unranked: Omit<RiskObject, 'rank'>[] = [];
  for (const [, list] of groups) {
    const sorted = list.map((p) => p.finding).sort(compareFindings);
    const first = list[0] as Placed;
    const scored = scoreFindings(sorted, decay, threshold);
    unranked.push({
      ...scored,
      host: [...new Set(sorted.map((f) => f.host))].sort(compareText)[0] as string,
      destination: first.destination,
      destinationKind: first.kind,
      destIps: uniqueSorted(sorted.flatMap((f) => f.destIps)),
      destNames: uniqueSorted(sorted.flatMap((f) => f.destNames)),
      ports: [...new Set(sorted.flatMap((f) => f.ports))].sort((a, b) => a - b),
      processes: uniqueSorted(sorted.flatMap((f) => (f.process === undefined ? [] : [f.process]))),
      findings: sorted,
    });
  }
  const objects = unranked.sort(compareObjects).map((o, i) => ({ ...o, rank: i + 1 }));

  const byHost = new Map<string, RiskObject[]>();
  for (const o of objects) {
    const k = o.host.toLowerCase();
    const list = byHost.get(k);
    if (list === undefined) byHost.set(k, [o]);
    else list.push(o);
  }
  const hostsUnranked: Omit<HostRisk, 'rank'>[] = [];
  for (const [, objs] of byHost) {
    const sorted = objs.flatMap((o) => o.findings).sort(compareFindings);
    hostsUnranked.push({
      ...scoreFindings(sorted, decay, threshold),
      host: (objs[0] as RiskObject).host,
      objects: objs.length,
      findings: sorted.length,
      destinations: objs.map((o) => o.destination ?? '-'),
    });
  }
  const hosts = hostsUnranked.sort(compareHosts).map((h, i) => ({ ...h, rank: i + 1 }));
  return { objects, hosts, totalFindings: findings.length, options: { decay, threshold } };
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

function compareScored(a: Scored, b: Scored): number {
  return (
    b.score - a.score ||
    severityRank(b.severity) - severityRank(a.severity) ||
    confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
    b.groups - a.groups ||
    compareOptionalDesc(a.lastSeen, b.lastSeen)
  );
}

function compareObjects(a: Omit<RiskObject, 'rank'>, b: Omit<RiskObject, 'rank'>): number {
  return (
    compareScored(a, b) ||
    compareText(a.host.toLowerCase(), b.host.toLowerCase()) ||
    // Objects without a destination after those with one.
    (a.destination === null ? 1 : 0) - (b.destination === null ? 1 : 0) ||
    compareText(a.destination ?? '', b.destination ?? '')
  );
}

function compareHosts(a: Omit<HostRisk, 'rank'>, b: Omit<HostRisk, 'rank'>): number {
  return compareScored(a, b) || compareText(a.host.toLowerCase(), b.host.toLowerCase()) || compareText(a.host, b.host);
}
