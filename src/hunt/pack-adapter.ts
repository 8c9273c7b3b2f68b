/**
 * The one place the runner touches the detection pack's loader: which detections there are, their
 * macros, and the extension commands they need. Everything else in hunt/ works on `PackDetection`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { loadDetection, type Detection } from '../detections/load-detection.js';
import type { DetectionInfo, Severity } from '../detections/types.js';
import { loadMacros } from '../engine/macros.js';
import type { IndicatorSet } from '../intel/indicator-set.js';
import type { MacroTable } from '../spl/macros.js';

export interface PackDetection {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly search: string;
  readonly info: DetectionInfo;
  readonly dataSources: readonly string[];
  /** Needs besides telemetry (`intel`): without them the runner skips the detection and says why. */
  readonly requires: readonly string[];
  /** Extension commands (c2beacon, c2intel...) its search calls. */
  readonly customCommands: readonly string[];
  readonly detection: Detection;
}

export interface LoadedPack {
  readonly dir: string;
  readonly detections: readonly PackDetection[];
  /** The pack's default macros (thresholds, allowlist stand-ins). */
  readonly macros: MacroTable;
  readonly macroDescriptions: ReadonlyMap<string, string>;
}

/** `detections/` at the package root (next to dist/ and src/). */
export function defaultPackDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'detections');
}

function levelFromTags(d: Detection, key: 'severity' | 'confidence'): string | undefined {
  const v = d.tags?.[key];
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

function infoOf(d: Detection): DetectionInfo {
  const severity = (levelFromTags(d, 'severity') ?? 'medium') as Severity;
  const confidence = (levelFromTags(d, 'confidence') ?? 'medium') as DetectionInfo['confidence'];
  return { id: d.id, name: d.name, techniques: d.mitre_attack_id ?? [], severity, confidence, riskScore: 40 };
}

export function packDetection(d: Detection): PackDetection {
  return {
    id: d.id,
    name: d.name,
    file: d.file,
    search: d.search,
    info: infoOf(d),
    dataSources: d.data_source ?? [],
    requires: [],
    customCommands: [],
    detection: d,
  };
}

/** Load every `*.yml` detection of a pack directory, in file name order, and its `macros.yml`. */
export function loadPack(dir: string = defaultPackDir()): LoadedPack {
  if (!existsSync(dir)) throw new ConfigError(`detection pack ${dir}: no such directory`, { file: dir });
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && !/^macros\.ya?ml$/i.test(f))
    .sort();
  const detections = files.map((f) => packDetection(loadDetection(join(dir, f))));
  const macroFile = ['macros.yml', 'macros.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f));
  const macros = macroFile === undefined ? new Map() : loadMacros(macroFile);
  return { dir, detections, macros, macroDescriptions: new Map() };
}

/** The pack's extension commands, with the run's intel; undefined when the pack has none. */
export function packCommands(_options: { readonly indicators?: IndicatorSet | undefined }): undefined {
  return undefined;
}
