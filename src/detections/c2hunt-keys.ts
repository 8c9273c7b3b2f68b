/**
 * c2hunt's keys in a detection file, beside security_content's: severity, confidence, risk, the
 * analyst's guide, the `finding:` block, the vanilla-SPL form for export and what a detection needs to
 * run. Each is checked with an error that names its key path (`guide.respond[2]`), because a typo in
 * a rule pack must fail loudly rather than drop a guide or a threshold.
 *
 * Levels come from c2hunt's own keys first, then from where security_content keeps them (`tags`
 * in the older schema, `rba` in the current one), so a plain security_content file still gets sensible
 * findings.
 */
import { ConfigError } from '../errors.js';
import type { Confidence, DetectionInfo, FindingMapping, Severity } from './types.js';

const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];
const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

/** What a detection needs besides telemetry; the hunt runner skips it (and says why) when absent. */
export type Requirement = 'intel';
export const REQUIREMENTS: readonly Requirement[] = ['intel'];

export interface DetectionGuide {
  /** Investigation steps, in order. */
  readonly investigate: readonly string[];
  /** Response steps, in order. */
  readonly respond: readonly string[];
}

export interface RbaObject {
  readonly field: string;
  readonly type: string;
  readonly score?: number | undefined;
}

export interface Rba {
  readonly message?: string | undefined;
  readonly risk_objects: readonly RbaObject[];
  readonly threat_objects: readonly RbaObject[];
}

/** c2hunt's keys once checked (all optional in a file). */
export interface C2huntKeys {
  readonly severity?: Severity | undefined;
  readonly confidence?: Confidence | undefined;
  /** Risk of one finding, 0–100 (security_content: impact × confidence / 100). */
  readonly risk_score?: number | undefined;
  /** Detections of one kind share a group so their repeated findings diminish (docs/risk-ranking.md). */
  readonly risk_group?: string | undefined;
  readonly rba?: Rba | undefined;
  readonly guide?: DetectionGuide | undefined;
  /** Maps result rows to findings; checked in full by findings/mapping.ts (see pack.ts). */
  readonly finding?: FindingMapping | undefined;
  /** The same analytic in plain SPL that Splunk runs (required when `search` uses a c2hunt command). */
  readonly vanilla_search?: string | undefined;
  /** What the vanilla form needs in Splunk besides the macros (an app, a lookup definition). */
  readonly vanilla_notes?: string | undefined;
  readonly requires?: readonly Requirement[] | undefined;
}

function fail(file: string, path: string, what: string): never {
  throw new ConfigError(`${file}: '${path}' ${what}`, { file });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(file: string, path: string, v: unknown): string[] {
  if (!Array.isArray(v)) fail(file, path, 'must be a list of strings');
  v.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(file, `${path}[${i}]`, 'must be a non-empty string');
  });
  return v as string[];
}

function onlyKeys(file: string, path: string, obj: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!keys.includes(k)) fail(file, `${path}.${k}`, `is not a known key (keys: ${keys.join(', ')})`);
  }
}

function level<T extends string>(file: string, path: string, v: unknown, allowed: readonly T[]): T {
  const text = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (text === undefined || !(allowed as readonly string[]).includes(text)) fail(file, path, `must be one of ${allowed.join(', ')}`);
  return text as T;
}

function score(file: string, path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) fail(file, path, 'must be a number from 0 to 100');
  return v;
}

function rbaObjects(file: string, path: string, v: unknown, scored: boolean): RbaObject[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(file, path, 'must be a list of {field, type, score}');
  return v.map((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(item)) fail(file, at, 'must be a mapping {field, type' + (scored ? ', score}' : '}'));
    onlyKeys(file, at, item, scored ? ['field', 'type', 'score'] : ['field', 'type']);
    if (typeof item['field'] !== 'string' || item['field'] === '') fail(file, `${at}.field`, 'must be a field name');
    if (typeof item['type'] !== 'string' || item['type'] === '') fail(file, `${at}.type`, 'must be a string');
    const s = item['score'] === undefined ? undefined : score(file, `${at}.score`, item['score']);
    return { field: item['field'], type: item['type'], score: s };
  });
}

/** Check c2hunt's keys (and the shape of `rba`) in a parsed detection. */
export function readC2huntKeys(file: string, data: Record<string, unknown>): C2huntKeys {
  const out: { -readonly [K in keyof C2huntKeys]: C2huntKeys[K] } = {};
  if (data['severity'] !== undefined) out.severity = level(file, 'severity', data['severity'], SEVERITIES);
  if (data['confidence'] !== undefined) out.confidence = level(file, 'confidence', data['confidence'], CONFIDENCES);
  if (data['risk_score'] !== undefined) out.risk_score = score(file, 'risk_score', data['risk_score']);
  if (data['risk_group'] !== undefined) {
    if (typeof data['risk_group'] !== 'string' || data['risk_group'].trim() === '') fail(file, 'risk_group', 'must be a non-empty string');
    out.risk_group = data['risk_group'];
  }
  const rba = data['rba'];
  if (rba !== undefined && rba !== null) {
    if (!isRecord(rba)) fail(file, 'rba', 'must be a mapping (message, risk_objects, threat_objects)');
    onlyKeys(file, 'rba', rba, ['message', 'risk_objects', 'threat_objects']);
    if (rba['message'] !== undefined && typeof rba['message'] !== 'string') fail(file, 'rba.message', 'must be a string');
    out.rba = {
      message: rba['message'] as string | undefined,
      risk_objects: rbaObjects(file, 'rba.risk_objects', rba['risk_objects'], true),
      threat_objects: rbaObjects(file, 'rba.threat_objects', rba['threat_objects'], false),
    };
  }
  const guide = data['guide'];
  if (guide !== undefined) {
    if (!isRecord(guide)) fail(file, 'guide', 'must be a mapping {investigate: [...], respond: [...]}');
    onlyKeys(file, 'guide', guide, ['investigate', 'respond']);
    out.guide = {
      investigate: guide['investigate'] === undefined ? [] : stringList(file, 'guide.investigate', guide['investigate']),
      respond: guide['respond'] === undefined ? [] : stringList(file, 'guide.respond', guide['respond']),
    };
  }
  if (data['finding'] !== undefined) {
    // The block's own keys are checked by findings/mapping.ts (checkFindingMapping) in pack.ts, which
    // knows every key and unit; here only its shape, so a plain loader stays independent of findings/.
    if (!isRecord(data['finding'])) fail(file, 'finding', 'must be a mapping (see docs/risk-ranking.md)');
    out.finding = data['finding'] as FindingMapping;
  }
  if (data['vanilla_search'] !== undefined) {
    if (typeof data['vanilla_search'] !== 'string' || data['vanilla_search'].trim() === '') fail(file, 'vanilla_search', 'must be a non-empty string');
    out.vanilla_search = data['vanilla_search'];
  }
  if (data['vanilla_notes'] !== undefined) {
    if (typeof data['vanilla_notes'] !== 'string') fail(file, 'vanilla_notes', 'must be a string');
    out.vanilla_notes = data['vanilla_notes'];
  }
  if (data['requires'] !== undefined) {
    const list = stringList(file, 'requires', data['requires']);
    list.forEach((r, i) => {
      if (!(REQUIREMENTS as readonly string[]).includes(r)) fail(file, `requires[${i}]`, `must be one of ${REQUIREMENTS.join(', ')}`);
    });
    out.requires = list as Requirement[];
  }
  return out;
}

const SEVERITY_RISK: Record<Severity, number> = { informational: 5, low: 20, medium: 40, high: 60, critical: 80 };

/** security_content's older numeric confidence (0–100) as a level. */
function confidenceOf(v: unknown): Confidence | undefined {
  if (typeof v === 'number') return v >= 70 ? 'high' : v >= 40 ? 'medium' : 'low';
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if ((CONFIDENCES as readonly string[]).includes(t)) return t as Confidence;
  }
  return undefined;
}

function severityOf(v: unknown): Severity | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(t) ? (t as Severity) : undefined;
}

/**
 * The metadata findings need, with defaults: severity from `severity`, else `tags.severity`, else
 * medium; confidence likewise (numeric security_content confidence read as ≥ 70 high, ≥ 40 medium);
 * risk from `risk_score`, else the largest `rba.risk_objects[].score`, else `tags.risk_score`, else by
 * severity (informational 5, low 20, medium 40, high 60, critical 80).
 */
export function detectionInfo(
  d: { readonly id: string; readonly name: string; readonly mitre_attack_id?: readonly string[] | undefined; readonly tags?: Readonly<Record<string, unknown>> | undefined },
  keys: C2huntKeys,
): DetectionInfo {
  const tags = d.tags ?? {};
  const severity = keys.severity ?? severityOf(tags['severity']) ?? 'medium';
  const confidence = keys.confidence ?? confidenceOf(tags['confidence']) ?? 'medium';
  const rbaScores = (keys.rba?.risk_objects ?? []).map((o) => o.score).filter((s): s is number => s !== undefined);
  const tagRisk = typeof tags['risk_score'] === 'number' && tags['risk_score'] >= 0 && tags['risk_score'] <= 100 ? tags['risk_score'] : undefined;
  const riskScore = keys.risk_score ?? (rbaScores.length > 0 ? Math.max(...rbaScores) : undefined) ?? tagRisk ?? SEVERITY_RISK[severity];
  return {
    id: d.id,
    name: d.name,
    techniques: d.mitre_attack_id ?? [],
    severity,
    confidence,
    riskScore,
    riskGroup: keys.risk_group,
    guide: keys.guide?.investigate,
    response: keys.guide?.respond,
    finding: keys.finding,
  };
}
