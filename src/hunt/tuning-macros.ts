/**
 * Tuning as SPL macros. The pack's detections call a few macros (docs/detections.md § Tuning macros):
 * pipeline filters `c2hunt_dest_exclusions`, `c2hunt_ip_allowlist`, `c2hunt_host_allowlist`,
 * `c2hunt_process_allowlist`, `c2hunt_domain_allowlist(field)`, and one number macro per threshold.
 * Their defaults ship in the pack's macro files (the enterprise profile) with per-profile overrides.
 * The config's definitions are laid over those, so exactly the same tuning runs in c2hunt and, printed
 * as macros.conf, in Splunk.
 *
 * Precedence, lowest first: the pack's defaults, the profile's overrides, the config's allowlists and
 * thresholds, the config's raw `macros:` overrides.
 *
 * Allowlists add to the pack's defaults (the seed's browser list stays when a config allowlists an
 * agent): the default filter runs, then `search NOT (...)` with the config's entries. A default that
 * filters nothing (`search *`) is simply replaced. To drop a default, override the macro under `macros:`.
 */
import type { MacroDefinition, MacroTable } from '../spl/macros.js';
import type { TuningConfig } from './config.js';

export const MACRO_PREFIX = 'c2hunt_';

/** The macros the config's allowlists extend, by config list. */
export const ALLOWLIST_MACROS = {
  cidrs: 'c2hunt_ip_allowlist',
  domains: 'c2hunt_domain_allowlist(1)',
  processes: 'c2hunt_process_allowlist',
  hosts: 'c2hunt_host_allowlist',
} as const;

/** A quoted SPL search value: backslash and double quote escaped; `*` stays a wildcard. */
export function splQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
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

export function ipTerms(cidrs: readonly string[]): string[] {
  return cidrs.map((c) => `DestinationIp=${splQuote(c)}`);
}

/** Terms on the macro's field argument (`$field$`), so one macro serves DestinationHostname and QueryName. */
export function domainTerms(domains: readonly string[], arg = 'field'): string[] {
  return domains.flatMap(domainPatterns).map((p) => `$${arg}$=${splQuote(p)}`);
}

export function processTerms(processes: readonly string[]): string[] {
  return processes.map((p) => `Image=${splQuote(processPattern(p))}`);
}

export function hostTerms(hosts: readonly string[]): string[] {
  return hosts.flatMap(hostPatterns).map((h) => `host=${splQuote(h)}`);
}

const PASS_ALL = /^\s*search\s+\*\s*$/;

/** The pipeline filter: the default's filter, then one that drops events matching any term. */
export function extendFilter(base: string | undefined, terms: readonly string[]): string {
  if (terms.length === 0) return base ?? 'search *';
  const filter = `search NOT (${terms.join(' OR ')})`;
  return base === undefined || PASS_ALL.test(base) ? filter : `${base.trimEnd()}\n| ${filter}`;
}

/** Numbers as plain decimals (no exponent), so any SPL parser reads them. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

export interface TuningMacro extends MacroDefinition {
  /** Where the definition came from: the pack (defaults and the profile's overrides) or the config. */
  readonly origin: 'pack' | 'config';
  readonly description?: string | undefined;
}

/**
 * The effective macro table: `pack` (the pack's definitions for the chosen profile) with the config's
 * definitions laid over it.
 */
export function tuningMacros(pack: MacroTable, config: TuningConfig, descriptions: ReadonlyMap<string, string> = new Map()): Map<string, TuningMacro> {
  const out = new Map<string, TuningMacro>();
  for (const [key, def] of pack) out.set(key, { ...def, origin: 'pack', description: descriptions.get(key) });
  const extend = (key: string, terms: string[], args: readonly string[] = []): void => {
    if (terms.length === 0) return;
    const base = out.get(key);
    const name = key.replace(/\(\d+\)$/, '');
    out.set(key, { name, args: base?.args ?? args, definition: extendFilter(base?.definition, terms), origin: 'config', description: base?.description });
  };
  const a = config.allowlist;
  extend(ALLOWLIST_MACROS.cidrs, ipTerms(a.cidrs));
  extend(ALLOWLIST_MACROS.hosts, hostTerms(a.hosts));
  extend(ALLOWLIST_MACROS.processes, processTerms(a.processes));
  const domainArg = out.get(ALLOWLIST_MACROS.domains)?.args[0] ?? 'field';
  extend(ALLOWLIST_MACROS.domains, domainTerms(a.domains, domainArg), [domainArg]);
  for (const [name, value] of Object.entries(config.thresholds)) {
    const key = `${MACRO_PREFIX}${name}`;
    out.set(key, { name: key, args: out.get(key)?.args ?? [], definition: numberText(value), origin: 'config', description: descriptions.get(key) });
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

