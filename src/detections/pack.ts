/**
 * The detection pack shipped with c2hunt: `detections/*.yml` (one detection each), the default macro
 * definitions they call (`detections/macros/*.yml`, the enterprise profile) and per-profile overrides
 * (`detections/profiles/<profile>.yml`). The hunt runner layers a tuning config's macros over these.
 *
 * `checkPackDetection` is the pack's own lint: the `finding:` block (findings/mapping.ts), that a
 * `search` using a c2hunt command has a `vanilla_search` (the form real Splunk runs) which itself uses
 * none, and that both parse and plan with the pack's macros and commands.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { checkSpl, describeProblem } from '../engine/run-spl.js';
import type { CommandRegistry } from '../engine/custom-commands.js';
import { loadMacros } from '../engine/macros.js';
import { checkDetectionInfo } from '../findings/mapping.js';
import { parseSpl } from '../spl/parser.js';
import type { MacroDefinition, MacroTable } from '../spl/macros.js';
import { createPackCommands, PACK_COMMAND_NAMES } from './commands/index.js';
import { loadDetection, type Detection } from './load-detection.js';

export type Profile = 'enterprise' | 'lab';
export const PROFILES: readonly Profile[] = ['enterprise', 'lab'];
export const DEFAULT_PROFILE: Profile = 'enterprise';

/** `detections/` of this installation (beside `dist/` or `src/`). */
export function packDir(): string {
  return resolve(fileURLToPath(new URL('../../detections', import.meta.url)));
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every detection of the pack, in file-name order; ids and names must be unique. */
export function loadPackDetections(dir: string = packDir()): Detection[] {
  const detections = yamlFiles(dir).map(loadDetection);
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  for (const d of detections) {
    const otherId = ids.get(d.id);
    if (otherId !== undefined) throw new ConfigError(`${d.file}: id ${d.id} is also used by ${otherId}`, { file: d.file });
    ids.set(d.id, d.file);
    const otherName = names.get(d.name.toLowerCase());
    if (otherName !== undefined) throw new ConfigError(`${d.file}: name '${d.name}' is also used by ${otherName}`, { file: d.file });
    names.set(d.name.toLowerCase(), d.file);
  }
  return detections;
}

/** Layer macro tables: later tables replace earlier definitions of the same key. */
export function mergeMacros(...tables: readonly MacroTable[]): MacroTable {
  const out = new Map<string, MacroDefinition>();
  for (const t of tables) for (const [k, v] of t) out.set(k, v);
  return out;
}

/** The pack's macro definitions for a profile (defaults, then the profile's overrides). */
export function packMacros(options: { profile?: Profile; dir?: string } = {}): MacroTable {
  const dir = options.dir ?? packDir();
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (!PROFILES.includes(profile)) throw new ConfigError(`unknown profile '${String(profile)}' (profiles: ${PROFILES.join(', ')})`);
  const tables = yamlFiles(join(dir, 'macros')).map(loadMacros);
  const override = join(dir, 'profiles', `${profile}.yml`);
  if (existsSync(override)) tables.push(loadMacros(override));
  return mergeMacros(...tables);
}

/** Names of the macros a query calls (`name` or `name(N)` keys), in order of first use. */
export function macrosUsed(query: string): string[] {
  const out: string[] = [];
  const noStrings = query.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/```[\s\S]*?```/g, '');
  for (const m of noStrings.matchAll(/`([A-Za-z_][\w-]*)(?:\(([^`]*)\))?`/g)) {
    const args = m[2] === undefined ? 0 : m[2].trim() === '' ? 0 : m[2].split(',').length;
    const key = args === 0 ? (m[1] as string) : `${m[1]}(${args})`;
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

/** c2hunt extension commands a query uses (by the parsed command names). */
export function packCommandsUsed(query: string): string[] {
  try {
    return [...new Set(parseSpl(query).commands.map((c) => (c.kind === 'GenericCommand' ? c.name : '')).filter((n) => PACK_COMMAND_NAMES.has(n)))];
  } catch {
    return [];
  }
}

export interface PackProblem {
  readonly file: string;
  /** The key concerned: `search`, `vanilla_search`, `finding.evidence[2].unit`... */
  readonly key: string;
  readonly message: string;
}

/** Lint one detection against the pack's rules (see the header). */
export function checkPackDetection(
  d: Detection,
  options: { macros?: MacroTable; commands?: CommandRegistry } = {},
): PackProblem[] {
  const problems: PackProblem[] = [];
  const at = (key: string, message: string) => problems.push({ file: d.file, key, message });
  for (const p of checkDetectionInfo(d.info)) at(p.path, p.message);
  const macros = options.macros ?? packMacros();
  const commands = options.commands ?? createPackCommands();
  const custom = packCommandsUsed(d.search);
  if (custom.length > 0 && d.vanilla_search === undefined) {
    at('vanilla_search', `required: search uses c2hunt command${custom.length > 1 ? 's' : ''} ${custom.join(', ')}, which Splunk does not have`);
  }
  if (d.vanilla_search !== undefined) {
    const inVanilla = packCommandsUsed(d.vanilla_search);
    if (inVanilla.length > 0) at('vanilla_search', `uses c2hunt command${inVanilla.length > 1 ? 's' : ''} ${inVanilla.join(', ')}: it must be plain SPL`);
  }
  const lint = (key: 'search' | 'vanilla_search', text: string, withCommands: boolean) => {
    const check = checkSpl(text, { macros, commands: withCommands ? commands : undefined });
    if (check.syntaxError !== null) at(key, `syntax error: ${check.syntaxError.message.split('\n')[0]}`);
    for (const p of check.problems) at(key, describeProblem(p));
  };
  lint('search', d.search, true);
  if (d.vanilla_search !== undefined) lint('vanilla_search', d.vanilla_search, false);
  return problems;
}
