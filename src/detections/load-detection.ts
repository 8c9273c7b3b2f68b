/**
 * Detection files: Splunk security_content-style YAML (name, id, version, description, mitre_attack_id,
 * data_source, search, how_to_implement, known_false_positives, tags, ...) plus c2hunt's keys
 * (c2hunt-keys.ts: severity, confidence, risk_score, risk_group, guide, finding, vanilla_search,
 * vanilla_notes, requires). Loading validates the keys and their types; an unknown key is an error
 * that names it (and the key it probably meant), so a typo such as `serach:` cannot silently drop a
 * detection's query. docs/detections.md documents the schema.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { detectionInfo, readC2huntKeys, type C2huntKeys } from './c2hunt-keys.js';
import type { DetectionInfo } from './types.js';

export interface Detection extends C2huntKeys {
  readonly name: string;
  readonly id: string;
  readonly version?: number | undefined;
  readonly date?: string | undefined;
  readonly author?: string | undefined;
  readonly status?: string | undefined;
  readonly type?: string | undefined;
  readonly description?: string | undefined;
  readonly mitre_attack_id?: readonly string[] | undefined;
  readonly data_source?: readonly string[] | undefined;
  /** The SPL query, exactly as written in the file. */
  readonly search: string;
  readonly how_to_implement?: string | undefined;
  readonly known_false_positives?: string | undefined;
  readonly references?: readonly string[] | undefined;
  readonly tags?: Readonly<Record<string, unknown>> | undefined;
  /** Where it was loaded from. */
  readonly file: string;
  /** What findings need (levels and risk with their defaults, guide, `finding:` block). */
  readonly info: DetectionInfo;
}

type Kind = 'string' | 'number' | 'string-list' | 'mapping' | 'any';

/** Keys of security_content detections (and c2hunt's additions), with the type each must have. */
const KEYS: Readonly<Record<string, Kind>> = {
  name: 'string',
  id: 'string',
  version: 'number',
  date: 'string',
  author: 'string',
  status: 'string',
  type: 'string',
  description: 'string',
  mitre_attack_id: 'string-list',
  data_source: 'string-list',
  search: 'string',
  how_to_implement: 'string',
  known_false_positives: 'string',
  references: 'string-list',
  drilldown_searches: 'any',
  rba: 'any',
  tags: 'mapping',
  tests: 'any',
  // later security_content schema (2025+): metadata moved out of `tags`
  creation_date: 'string',
  modification_date: 'string',
  analytic_story: 'string-list',
  asset_type: 'string',
  product: 'string-list',
  category: 'string',
  security_domain: 'string',
  intermediate_findings: 'any',
  threat_objects: 'any',
  datamodel: 'any',
  deployment: 'any',
  baselines: 'any',
  // c2hunt additions (c2hunt-keys.ts checks their contents)
  tuning: 'any',
  guide: 'any',
  severity: 'any',
  confidence: 'any',
  risk_score: 'any',
  risk_group: 'any',
  finding: 'any',
  vanilla_search: 'any',
  vanilla_notes: 'any',
  requires: 'any',
};

const REQUIRED = ['name', 'id', 'search'] as const;

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

function suggestion(key: string): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of Object.keys(KEYS)) {
    const dd = distance(key.toLowerCase(), k);
    if (dd < bestD) {
      bestD = dd;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

function checkType(file: string, key: string, value: unknown, kind: Kind): void {
  const bad = (what: string) => new ConfigError(`${file}: '${key}' must be ${what}`, { file });
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw bad('a string');
      if (value.trim() === '') throw bad('a non-empty string');
      return;
    case 'number':
      if (typeof value !== 'number') throw bad('a number');
      return;
    case 'string-list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw bad('a list of strings');
      return;
    case 'mapping':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad('a mapping');
      return;
    case 'any':
      return;
  }
}

/** Parse detection YAML; `file` names it in errors. */
export function parseDetection(text: string, file: string): Detection {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${file}: ${e?.message.split('\n')[0] ?? 'invalid YAML'}`, { file });
  }
  if (!isMap(doc.contents)) throw new ConfigError(`${file}: a detection must be a YAML mapping`, { file });
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(key in KEYS)) throw new ConfigError(`${file}: unknown key '${key}'${suggestion(key)}`, { file });
  }
  const data = doc.toJS() as Record<string, unknown>;
  for (const key of REQUIRED) {
    if (!(key in data)) throw new ConfigError(`${file}: missing required key '${key}'`, { file });
  }
  for (const [key, value] of Object.entries(data)) checkType(file, key, value, KEYS[key] as Kind);
  const keys = readC2huntKeys(file, data);
  const base = data as unknown as Omit<Detection, 'file' | 'info' | keyof C2huntKeys>;
  return { ...base, ...keys, file, info: detectionInfo(base, keys) };
}

export function loadDetection(path: string): Detection {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path });
  }
  return parseDetection(text, path);
}
