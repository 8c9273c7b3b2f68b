/**
 * Maps a detection's SPL result row (a flat Event) to a Finding through the detection's declarative
 * `finding:` block (detections/types.ts `FindingMapping`). The block is checked once
 * (`checkFindingMapping`: unknown keys, bad field references, units, template syntax) and compiled into a
 * mapper that only looks fields up: nothing is evaluated.
 */
import { createHash } from 'node:crypto';
import type {
  Confidence,
  DetectionInfo,
  EvidenceSpec,
  EvidenceUnit,
  FieldRef,
  FindingMapping,
  Severity,
} from '../detections/types.js';
import type { Event, Value } from '../events/event.js';
import { formatCount } from '../util/format.js';
import { parseConfidence, parseSeverity, SEVERITIES, CONFIDENCES } from './levels.js';
import { parseTemplate, renderTemplate, type TemplatePart } from './template.js';
import { buildTimeline, parseIntervalEntries, TIMELINE_CAP } from './timeline.js';
import type { Evidence, EvidenceValue, Finding, ProcessContext } from './types.js';
import { isAbsent, parseDecimal, pick, toEpoch, toEpochs, toNumber, toPorts, toStrings, toText } from './values.js';

/** Where a mapping is wrong, as a key path under `finding`, e.g. `finding.evidence[2].unit`. */
export interface MappingProblem {
  readonly path: string;
  readonly message: string;
}

type RefKey = Exclude<keyof FindingMapping, 'evidence' | 'explain'>;

/** Fields read when the block does not name one (Sysmon names first, then CIM / security_content). */
export const DEFAULT_FIELDS: Readonly<Record<RefKey, readonly string[]>> = {
  host: ['host', 'Computer'],
  user: ['User', 'user'],
  process: ['Image', 'process_path'],
  process_guid: ['ProcessGuid', 'process_guid'],
  command_line: ['CommandLine', 'process'],
  parent_image: ['ParentImage', 'parent_process_path'],
  parent_command_line: ['ParentCommandLine', 'parent_process'],
  dest_ip: ['DestinationIp', 'dest_ip'],
  dest_domain: ['DestinationHostname', 'QueryName', 'query'],
  ports: ['DestinationPort', 'Ports', 'dest_port'],
  count: ['count'],
  first_seen: ['firstTime', 'FirstSeen'],
  last_seen: ['lastTime', 'LastSeen'],
  timeline: [],
  intervals: [],
  risk_score: [],
  risk_factor: [],
  severity: [],
  confidence: [],
};

const REF_KEYS = Object.keys(DEFAULT_FIELDS) as RefKey[];
const UNITS: readonly EvidenceUnit[] = ['count', 'seconds', 'epoch', 'ratio', 'score', 'bytes', 'text'];
const MAX_REFS = 8;
const MAX_EVIDENCE = 32;
/** Entity strings longer than this are cut: hostile rows must not bloat every report. */
export const MAX_ENTITY_LENGTH = 1024;
/** Multivalue entities and evidence keep at most this many values. */
export const MAX_LIST = 64;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkRef(v: unknown, path: string, problems: MappingProblem[]): void {
  const ok = (s: unknown) => typeof s === 'string' && s.trim() !== '';
  if (ok(v)) return;
  if (Array.isArray(v) && v.length > 0 && v.length <= MAX_REFS && v.every(ok)) return;
  problems.push({ path, message: `must be a field name or a list of 1–${MAX_REFS} field names` });
}

/** Check a `finding:` block as read from YAML (any shape); an empty list means it is usable. */
export function checkFindingMapping(raw: unknown, path = 'finding'): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (raw === undefined || raw === null) return problems;
  if (!isRecord(raw)) return [{ path, message: 'must be a mapping of keys to field names' }];
  for (const [key, value] of Object.entries(raw)) {
    const at = `${path}.${key}`;
    if ((REF_KEYS as string[]).includes(key)) {
      checkRef(value, at, problems);
    } else if (key === 'explain') {
      if (typeof value !== 'string') problems.push({ path: at, message: 'must be a string' });
      else {
        const parsed = parseTemplate(value);
        if ('error' in parsed) {
          problems.push({ path: at, message: `${parsed.error.message} at offset ${parsed.error.offset}` });
        }
      }
    } else if (key === 'evidence') {
      if (!Array.isArray(value)) {
        problems.push({ path: at, message: 'must be a list of field names or {field, label, unit}' });
        continue;
      }
      if (value.length > MAX_EVIDENCE) problems.push({ path: at, message: `at most ${MAX_EVIDENCE} items` });
      value.forEach((item: unknown, i) => {
        const ip = `${at}[${i}]`;
        if (typeof item === 'string' && item.trim() !== '') return;
        if (!isRecord(item)) {
          problems.push({ path: ip, message: 'must be a field name or {field, label, unit}' });
          return;
        }
        for (const k of Object.keys(item)) {
          if (k !== 'field' && k !== 'label' && k !== 'unit') problems.push({ path: `${ip}.${k}`, message: 'unknown key' });
        }
        if (typeof item['field'] !== 'string' || item['field'].trim() === '') {
          problems.push({ path: `${ip}.field`, message: 'must be a field name' });
        }
        if (item['label'] !== undefined && typeof item['label'] !== 'string') {
          problems.push({ path: `${ip}.label`, message: 'must be a string' });
        }
        if (item['unit'] !== undefined && !(UNITS as readonly unknown[]).includes(item['unit'])) {
          problems.push({ path: `${ip}.unit`, message: `must be one of ${UNITS.join(', ')}` });
        }
      });
    } else {
      problems.push({ path: at, message: 'unknown key' });
    }
  }
  return problems;
}

/** The checks on a detection's own metadata that findings rely on. */
export function checkDetectionInfo(d: DetectionInfo): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (typeof d.id !== 'string' || d.id === '') problems.push({ path: 'id', message: 'must be a non-empty string' });
  if (!(SEVERITIES as readonly string[]).includes(d.severity)) {
    problems.push({ path: 'severity', message: `must be one of ${SEVERITIES.join(', ')}` });
  }
  if (!(CONFIDENCES as readonly string[]).includes(d.confidence)) {
    problems.push({ path: 'confidence', message: `must be one of ${CONFIDENCES.join(', ')}` });
  }
  if (typeof d.riskScore !== 'number' || !(d.riskScore >= 0 && d.riskScore <= 100)) {
    problems.push({ path: 'risk_score', message: 'must be a number from 0 to 100' });
  }
  return [...problems, ...checkFindingMapping(d.finding)];
}

export interface MapperOptions {
  /** Most connection times kept per finding (default 2,000). */
  readonly timelineCap?: number;
}

export interface FindingMapper {
  readonly detection: DetectionInfo;
  map(row: Event): Finding;
}

interface CompiledEvidence {
  readonly field: string;
  readonly label: string;
  readonly unit: EvidenceUnit | undefined;
}

function refOf(mapping: FindingMapping, key: RefKey): FieldRef {
  return mapping[key] ?? DEFAULT_FIELDS[key];
}

function clipText(s: string, max = MAX_ENTITY_LENGTH): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…`;
}

function texts(v: Value | undefined): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of toStrings(v)) {
    const c = clipText(s);
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
    if (out.length >= MAX_LIST) break;
  }
  return out;
}

function optionalText(v: Value | undefined): string | undefined {
  const s = toText(v);
  return s === undefined ? undefined : clipText(s);
}

function evidenceValue(v: Value, unit: EvidenceUnit | undefined): EvidenceValue | undefined {
  if (unit === 'text') {
    const list = texts(v);
    if (list.length === 0) return undefined;
    return Array.isArray(v) ? list : (list[0] as string);
  }
  if (unit === 'epoch') {
    if (Array.isArray(v)) {
      const times = toEpochs(v, MAX_LIST);
      return times.length > 0 ? times : undefined;
    }
    return toEpoch(v);
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return parseDecimal(v.trim()) ?? clipText(v);
  const list = texts(v);
  if (list.length === 0) return undefined;
  const nums = list.map((s) => parseDecimal(s.trim()));
  return nums.every((n) => n !== undefined) ? (nums as number[]) : list;
}

function stableId(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function clampRisk(n: number): number {
  return Math.round(Math.min(100, Math.max(0, n)) * 100) / 100;
}

/**
 * Compile a detection's `finding:` block. Returns the problems instead when the block (or the metadata
 * it relies on) is unusable; the caller reports them against the detection file.
 */
export function compileFindingMapper(
  detection: DetectionInfo,
  options: MapperOptions = {},
): { ok: true; mapper: FindingMapper } | { ok: false; problems: MappingProblem[] } {
  const problems = checkDetectionInfo(detection);
  if (problems.length > 0) return { ok: false, problems };
  const mapping: FindingMapping = detection.finding ?? {};
  const template: TemplatePart[] | undefined =
    mapping.explain === undefined ? undefined : (parseTemplate(mapping.explain) as { parts: TemplatePart[] }).parts;
  const evidence: CompiledEvidence[] = (mapping.evidence ?? []).map((e: string | EvidenceSpec) =>
    typeof e === 'string' ? { field: e, label: e, unit: undefined } : { field: e.field, label: e.label ?? e.field, unit: e.unit },
  );
  const refs = Object.fromEntries(REF_KEYS.map((k) => [k, refOf(mapping, k)])) as Record<RefKey, FieldRef>;
  const cap = options.timelineCap ?? TIMELINE_CAP;
  const group = detection.riskGroup ?? detection.id;
  const det = { id: detection.id, name: detection.name, techniques: [...detection.techniques], group };

  const map = (row: Event): Finding => {
    const host = optionalText(pick(row, refs.host)) ?? '-';
    const process = optionalText(pick(row, refs.process));
    const processGuid = optionalText(pick(row, refs.process_guid));
    const user = optionalText(pick(row, refs.user));
    const destIps = texts(pick(row, refs.dest_ip));
    const destNames = texts(pick(row, refs.dest_domain));
    const ports = toPorts(pick(row, refs.ports)).slice(0, MAX_LIST);

    let risk = detection.riskScore;
    const absolute = toNumber(pick(row, refs.risk_score));
    const factor = toNumber(pick(row, refs.risk_factor));
    if (absolute !== undefined) risk = absolute;
    else if (factor !== undefined) risk = detection.riskScore * Math.min(1, Math.max(0, factor));

    const sevText = toText(pick(row, refs.severity));
    const severity: Severity = (sevText !== undefined ? parseSeverity(sevText) : undefined) ?? detection.severity;
    const confText = toText(pick(row, refs.confidence));
    const confidence: Confidence =
      (confText !== undefined ? parseConfidence(confText) : undefined) ?? detection.confidence;

    const times = toEpochs(pick(row, refs.timeline));
    const countValue = toNumber(pick(row, refs.count));
    const timeline = buildTimeline(times, cap, countValue, parseIntervalEntries(pick(row, refs.intervals)));
    const count = countValue ?? timeline?.total;
    let firstSeen = toEpoch(pick(row, refs.first_seen));
    let lastSeen = toEpoch(pick(row, refs.last_seen));
    if (timeline !== undefined) {
      firstSeen ??= timeline.times[0];
      lastSeen ??= timeline.times[timeline.times.length - 1];
    }

    const ev: Evidence[] = [];
    for (const e of evidence) {
      const v = row[e.field];
      if (isAbsent(v)) continue;
      const value = evidenceValue(v, e.unit);
      if (value !== undefined) ev.push({ name: e.field, label: e.label, value, unit: e.unit });
    }

    const commandLine = optionalText(pick(row, refs.command_line));
    const parentImage = optionalText(pick(row, refs.parent_image));
    const parentCommandLine = optionalText(pick(row, refs.parent_command_line));
    const context: ProcessContext | undefined =
      commandLine !== undefined || parentImage !== undefined || parentCommandLine !== undefined
        ? { match: 'row', image: process, commandLine, parentImage, parentCommandLine, user, processGuid }
        : undefined;

    const explanation = template !== undefined ? renderTemplate(template, row) : defaultExplanation(detection.name, count);
    const id = stableId([
      detection.id,
      host.toLowerCase(),
      (process ?? '').toLowerCase(),
      (processGuid ?? '').toLowerCase(),
      [...destIps].sort(),
      destNames.map((n) => n.toLowerCase()).sort(),
      ports,
    ]);
    return {
      id,
      detection: det,
      host,
      user,
      process,
      processGuid,
      destIps,
      destNames,
      ports,
      severity,
      confidence,
      risk: clampRisk(risk),
      count,
      firstSeen,
      lastSeen,
      evidence: ev,
      explanation,
      context,
      guide: [...(detection.guide ?? [])],
      response: [...(detection.response ?? [])],
      timeline,
    };
  };
  return { ok: true, mapper: { detection, map } };
}

function defaultExplanation(name: string, count: number | undefined): string {
  return count === undefined ? name : `${name} (${formatCount(count)} events)`;
}

/** Map every row of one detection's results; throws a plain Error listing the problems if the block is bad. */
export function mapRows(detection: DetectionInfo, rows: Iterable<Event>, options: MapperOptions = {}): Finding[] {
  const compiled = compileFindingMapper(detection, options);
  if (!compiled.ok) {
    const list = compiled.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new Error(`detection ${detection.id}: ${list}`);
  }
  const out: Finding[] = [];
  for (const row of rows) out.push(compiled.mapper.map(row));
  return out;
}
