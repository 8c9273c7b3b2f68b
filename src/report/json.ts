/**
 * Machine output as one JSON document: numbers stay numbers (times as epoch seconds), multivalues are
 * arrays, keys come in a fixed order, and nothing depends on the clock unless the caller passes
 * `generatedAt`, so the same findings give the same bytes.
 */
import type { Contribution, Finding, HostRisk, RankedFindings, RiskObject } from '../findings/index.js';

export const JSON_SCHEMA = 'c2hunt.findings/1';

export interface JsonOptions {
  /** Include connection timelines (times and interval histogram); default true. */
  readonly timelines?: boolean;
  /** Epoch seconds stamped into the document; omitted by default for reproducible output. */
  readonly generatedAt?: number;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Non-finite numbers (NaN, ±Infinity) have no JSON form: null. */
function num(n: number | undefined): Json {
  return n === undefined || !Number.isFinite(n) ? null : n;
}

function opt(n: number | undefined): Json | undefined {
  return n === undefined ? undefined : num(n);
}

/** Drop undefined members so optional keys are simply absent. */
function obj(entries: Record<string, Json | undefined>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

export function findingJson(f: Finding, options: JsonOptions = {}): { [k: string]: Json } {
  const ctx = f.context;
  return obj({
    id: f.id,
    detection: obj({
      id: f.detection.id,
      name: f.detection.name,
      techniques: [...f.detection.techniques],
      group: f.detection.group,
    }),
    host: f.host,
    user: f.user,
    process: f.process,
    processGuid: f.processGuid,
    destIps: [...f.destIps],
    destNames: [...f.destNames],
    ports: [...f.ports],
    severity: f.severity,
    confidence: f.confidence,
    risk: num(f.risk),
    count: opt(f.count),
    firstSeen: opt(f.firstSeen),
    lastSeen: opt(f.lastSeen),
    explanation: f.explanation,
    evidence: f.evidence.map((e) =>
      obj({
        name: e.name,
        label: e.label,
        value: Array.isArray(e.value)
          ? (e.value as readonly (number | string)[]).map((x) => (typeof x === 'number' ? num(x) : x))
          : typeof e.value === 'number'
            ? num(e.value)
            : (e.value as string),
        unit: e.unit,
      }),
    ),
    context:
      ctx === undefined
        ? undefined
        : obj({
            match: ctx.match,
            image: ctx.image,
            commandLine: ctx.commandLine,
            parentImage: ctx.parentImage,
            parentCommandLine: ctx.parentCommandLine,
            user: ctx.user,
            processGuid: ctx.processGuid,
            processId: ctx.processId,
            started: opt(ctx.started),
            truncated: ctx.truncated,
          }),
    factors: f.factors === undefined ? undefined : f.factors.map((x) => obj({ id: x.id, strength: x.strength, label: x.label, points: num(x.points) })),
    severityRaisedFrom: f.severityRaisedFrom,
    guide: [...f.guide],
    response: [...f.response],
    timeline:
      f.timeline === undefined || options.timelines === false
        ? undefined
        : obj({
            total: f.timeline.total,
            times: f.timeline.times.map((t) => num(t)),
            // Left out when the detection kept only a sample of the times (findings/timeline.ts).
            intervals:
              f.timeline.intervals === undefined
                ? undefined
                : obj({
                    kind: f.timeline.intervals.kind,
                    total: f.timeline.intervals.total,
                    median: f.timeline.intervals.median === null ? null : num(f.timeline.intervals.median),
                    zero: f.timeline.intervals.zero,
                    edges: f.timeline.intervals.edges.map((e) => num(e)),
                    counts: [...f.timeline.intervals.counts],
                  }),
          }),
  });
}

function contributionJson(c: Contribution): { [k: string]: Json } {
  return obj({
    detectionId: c.detectionId,
    name: c.name,
    group: c.group,
    techniques: [...c.techniques],
    findings: c.findings,
    maxRisk: num(c.maxRisk),
    score: num(c.score),
    severity: c.severity,
  });
}

/** The risk object's own fields, without its findings (NDJSON repeats these per finding). */
export function objectSummaryJson(o: RiskObject): { [k: string]: Json } {
  return obj({
    rank: o.rank,
    host: o.host,
    destination: o.destination,
    destinationKind: o.destinationKind,
    score: num(o.score),
    rawScore: num(o.rawScore),
    severity: o.severity,
    confidence: o.confidence,
    notable: o.notable,
  });
}

function objectJson(o: RiskObject, options: JsonOptions): { [k: string]: Json } {
  return obj({
    ...objectSummaryJson(o),
    groups: o.groups,
    techniques: [...o.techniques],
    firstSeen: opt(o.firstSeen),
    lastSeen: opt(o.lastSeen),
    destIps: [...o.destIps],
    destNames: [...o.destNames],
    ports: [...o.ports],
    processes: [...o.processes],
    contributions: o.contributions.map(contributionJson),
    findings: o.findings.map((f) => findingJson(f, options)),
  });
}

function hostJson(h: HostRisk): { [k: string]: Json } {
  return obj({
    rank: h.rank,
    host: h.host,
    score: num(h.score),
    rawScore: num(h.rawScore),
    severity: h.severity,
    confidence: h.confidence,
    notable: h.notable,
    objects: h.objects,
    findings: h.findings,
    groups: h.groups,
    techniques: [...h.techniques],
    destinations: [...h.destinations],
    firstSeen: opt(h.firstSeen),
    lastSeen: opt(h.lastSeen),
    contributions: h.contributions.map(contributionJson),
  });
}

export function reportJson(ranked: RankedFindings, options: JsonOptions = {}): { [k: string]: Json } {
  return obj({
    schema: JSON_SCHEMA,
    generatedAt: opt(options.generatedAt),
    summary: obj({
      findings: ranked.totalFindings,
      riskObjects: ranked.objects.length,
      hosts: ranked.hosts.length,
      notable: ranked.objects.filter((o) => o.notable).length,
      decay: ranked.options.decay,
      threshold: ranked.options.threshold,
    }),
    riskObjects: ranked.objects.map((o) => objectJson(o, options)),
    hosts: ranked.hosts.map(hostJson),
  });
}

/** The JSON report, pretty-printed, ending in a newline. */
export function renderJson(ranked: RankedFindings, options: JsonOptions = {}): string {
  return `${JSON.stringify(reportJson(ranked, options), null, 2)}\n`;
}
