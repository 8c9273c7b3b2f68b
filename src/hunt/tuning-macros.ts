/**
 * Tuning as SPL macros. The pack's detections call a few macros (`c2hunt_dest_exclusions`,
 * `c2hunt_domain_allowlist`, `c2hunt_process_allowlist`, `c2hunt_host_allowlist`, and one macro per
 * threshold), whose defaults ship in the pack's macros file. The profile and the config replace those
 * definitions, so exactly the same tuning runs in c2hunt and, printed as macros.conf, in Splunk.
 *
 * Precedence, lowest first: the pack's defaults, the profile, the config's allowlists and thresholds,
 * the config's raw `macros:` overrides.
 *
 * Every generated definition is a search-clause fragment that excludes (`NOT (...)`), or the empty
 * string when there is nothing to exclude, so a detection writes `` ... `c2hunt_host_allowlist` ... ``
 * in its leading search.
 */
import type { MacroDefinition, MacroTable } from '../spl/macros.js';
import type { TuningConfig } from './config.js';
import { PROFILES, type ProfileName } from './profiles.js';

export const MACRO_PREFIX = 'c2hunt_';

/** The macros the config and profile generate, by config section. */
export const TUNING_MACROS = {
  destinations: 'c2hunt_dest_exclusions',
  domains: 'c2hunt_domain_allowlist',
  processes: 'c2hunt_process_allowlist',
  hosts: 'c2hunt_host_allowlist',
} as const;

/** Fields the domain allowlist applies to: Sysmon's reverse-lookup name (EID 3) and the query (EID 22). */
export const DOMAIN_FIELDS = ['DestinationHostname', 'QueryName'] as const;

/** A quoted SPL search value: backslash and double quote escaped; `*` stays a wildcard. */
export function splQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function anyOf(terms: readonly string[]): string {
  return terms.length === 0 ? '' : `NOT (${terms.join(' OR ')})`;
}

/** `name` and its subdomains; a pattern that starts with `*` is used as it is. */
export function domainPatterns(name: string): string[] {
  return name.startsWith('*') ? [name] : [name, `*.${name}`];
}

/** A full path (with a backslash) as it is; a file name in any directory. */
export function processPattern(p: string): string {
  return p.includes('\\') ? p : `*\\${p}`;
}

/** A short name also matches its FQDN (`WKS-001` → `WKS-001.*`); a name with a dot matches itself. */
export function hostPatterns(h: string): string[] {
  return h.includes('.') ? [h] : [h, `${h}.*`];
}

export function destinationExclusions(profile: ProfileName, cidrs: readonly string[]): string {
  const ranges = [...PROFILES[profile].excludedDestinations, ...cidrs];
  return anyOf([...new Set(ranges)].map((r) => `DestinationIp=${splQuote(r)}`));
}

export function domainAllowlist(domains: readonly string[]): string {
  const patterns = domains.flatMap(domainPatterns);
  return anyOf(DOMAIN_FIELDS.flatMap((f) => patterns.map((p) => `${f}=${splQuote(p)}`)));
}

export function processAllowlist(processes: readonly string[]): string {
  return anyOf(processes.map((p) => `Image=${splQuote(processPattern(p))}`));
}

export function hostAllowlist(hosts: readonly string[]): string {
  return anyOf(hosts.flatMap(hostPatterns).map((h) => `host=${splQuote(h)}`));
}

/** Numbers as plain decimals (no exponent), so any SPL parser reads them. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

export interface TuningMacro extends MacroDefinition {
  /** Where the definition came from: the pack's default, the profile, or the config. */
  readonly origin: 'pack' | 'profile' | 'config';
  readonly description?: string | undefined;
}

/**
 * The effective macro table: `pack` (the defaults from the pack's macros file) with the profile's and
 * the config's definitions laid over it.
 */
export function tuningMacros(
  pack: MacroTable,
  config: TuningConfig,
  profile: ProfileName,
  descriptions: ReadonlyMap<string, string> = new Map(),
): Map<string, TuningMacro> {
  const out = new Map<string, TuningMacro>();
  for (const [key, def] of pack) out.set(key, { ...def, origin: 'pack', description: descriptions.get(key) });
  const set = (name: string, definition: string, origin: 'profile' | 'config', description: string): void => {
    out.set(name, { name, args: [], definition, origin, description: descriptions.get(name) ?? description });
  };
  const a = config.allowlist;
  set(
    TUNING_MACROS.destinations,
    destinationExclusions(profile, a.cidrs),
    a.cidrs.length > 0 ? 'config' : 'profile',
    `destinations left out: the ${profile} profile's ranges and allowlist.cidrs`,
  );
  set(TUNING_MACROS.domains, domainAllowlist(a.domains), 'config', 'allowlist.domains: names and their subdomains left out');
  set(TUNING_MACROS.processes, processAllowlist(a.processes), 'config', 'allowlist.processes: process images left out');
  set(TUNING_MACROS.hosts, hostAllowlist(a.hosts), 'config', 'allowlist.hosts: hosts left out');
  for (const [name, value] of Object.entries(config.thresholds)) {
    const key = `${MACRO_PREFIX}${name}`;
    out.set(key, { name: key, args: [], definition: numberText(value), origin: 'config', description: descriptions.get(key) });
  }
  for (const [key, definition] of Object.entries(config.macros)) {
    const m = /^(.*)\((\d+)\)$/.exec(key);
    const base = out.get(key);
    const args = base?.args ?? (m === null ? [] : Array.from({ length: Number(m[2]) }, (_, i) => `arg${i + 1}`));
    out.set(key, { name: m === null ? key : (m[1] as string), args, definition, origin: 'config', description: base?.description });
  }
  return out;
}

/** Threshold names a pack defines: its `c2hunt_` macros without arguments whose definition is a number. */
export function thresholdNames(pack: MacroTable): string[] {
  const names: string[] = [];
  for (const [key, def] of pack) {
    if (def.args.length === 0 && key.startsWith(MACRO_PREFIX) && /^\s*-?\d+(\.\d+)?\s*$/.test(def.definition)) {
      names.push(key.slice(MACRO_PREFIX.length));
    }
  }
  return names.sort();
}

function sortedEntries(macros: ReadonlyMap<string, TuningMacro>): [string, TuningMacro][] {
  return [...macros.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Splunk's macros.conf: one stanza per macro, `args` for macros with arguments. A definition's line
 * breaks are continued with a backslash, as .conf files allow.
 */
export function formatMacrosConf(macros: ReadonlyMap<string, TuningMacro>, header: readonly string[] = []): string {
  let out = header.map((l) => `# ${l}\n`).join('');
  for (const [key, m] of sortedEntries(macros)) {
    if (out !== '') out += '\n';
    if (m.description !== undefined) out += `# ${m.description.replace(/\s+/g, ' ')}\n`;
    out += `[${key}]\n`;
    if (m.args.length > 0) out += `args = ${m.args.join(', ')}\n`;
    out += `definition = ${m.definition.replace(/\r?\n/g, ' \\\n')}\n`;
    out += 'iseval = 0\n';
  }
  return out;
}

/** The YAML list form `c2hunt spl --macros FILE` reads (security_content's macro entries). */
export function formatMacrosYaml(macros: ReadonlyMap<string, TuningMacro>, header: readonly string[] = []): string {
  let out = header.map((l) => `# ${l}\n`).join('');
  for (const [, m] of sortedEntries(macros)) {
    out += `- name: ${JSON.stringify(m.name)}\n`;
    if (m.args.length > 0) out += `  arguments: [${m.args.map((a) => JSON.stringify(a)).join(', ')}]\n`;
    out += `  definition: ${JSON.stringify(m.definition)}\n`;
    if (m.description !== undefined) out += `  description: ${JSON.stringify(m.description)}\n`;
  }
  return out;
}

/** As a MacroTable for the engine. */
export function asMacroTable(macros: ReadonlyMap<string, TuningMacro>): MacroTable {
  const table = new Map<string, MacroDefinition>();
  for (const [key, m] of macros) table.set(key, { name: m.name, args: m.args, definition: m.definition });
  return table;
}

