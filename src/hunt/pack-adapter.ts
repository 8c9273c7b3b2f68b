/**
 * The one place the runner touches the detection pack (src/detections/pack.ts): which detections
 * there are, their macros for a profile, descriptions for printing, and the extension commands. The
 * rest of hunt/ works on `PackDetection`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createPackCommands } from '../detections/commands/index.js';
import type { Detection } from '../detections/load-detection.js';
import { loadPackDetections, packCommandsUsed, packDir, packMacros } from '../detections/pack.js';
import type { DetectionInfo } from '../detections/types.js';
import type { CommandRegistry } from '../engine/custom-commands.js';
import { ConfigError } from '../errors.js';
import type { IndicatorSet } from '../intel/indicator-set.js';
import type { MacroTable } from '../spl/macros.js';
import type { ProfileName } from './profiles.js';

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
}

export function defaultPackDir(): string {
  return packDir();
}

export function packDetection(d: Detection): PackDetection {
  return {
    id: d.id,
    name: d.name,
    file: d.file,
    search: d.search,
    info: d.info,
    dataSources: d.data_source ?? [],
    requires: d.requires ?? [],
    customCommands: packCommandsUsed(d.search),
    detection: d,
  };
}

/** Every detection of a pack directory, in file-name order (ids and names unique). */
export function loadPack(dir: string = defaultPackDir()): LoadedPack {
  if (!existsSync(dir)) throw new ConfigError(`detection pack ${dir}: no such directory`, { file: dir });
  return { dir, detections: loadPackDetections(dir).map(packDetection) };
}

/** The pack's macro definitions for a profile (defaults, then the profile's overrides). */
export function packMacrosFor(pack: LoadedPack, profile: ProfileName): MacroTable {
  return packMacros({ dir: pack.dir, profile });
}

/**
 * Descriptions of the pack's macros (`description:` of the macro entries), for printed macros.conf.
 * A file that is not a list of entries contributes none (loading it already validated it).
 */
export function packMacroDescriptions(pack: LoadedPack, profile: ProfileName): Map<string, string> {
  const out = new Map<string, string>();
  const files = [
    ...(existsSync(join(pack.dir, 'macros')) ? readdirSync(join(pack.dir, 'macros')).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(pack.dir, 'macros', f)) : []),
    join(pack.dir, 'profiles', `${profile}.yml`),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const doc = parseYaml(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(doc)) continue;
    for (const entry of doc as Record<string, unknown>[]) {
      if (typeof entry?.['name'] !== 'string' || typeof entry['description'] !== 'string') continue;
      const args = entry['arguments'] ?? entry['args'];
      const arity = Array.isArray(args) ? args.length : 0;
      const name = entry['name'].replace(/\(\d+\)$/, '');
      out.set(arity === 0 ? name : `${name}(${arity})`, entry['description'].replace(/\s+/g, ' ').trim());
    }
  }
  return out;
}

/** The pack's extension commands, with the run's indicators for c2intel. */
export function packCommands(options: { readonly indicators?: IndicatorSet | undefined }): CommandRegistry {
  return createPackCommands({ intel: options.indicators });
}
