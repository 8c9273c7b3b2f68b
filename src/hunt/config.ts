/**
 * The tuning config (`--config FILE`, YAML): allowlists, thresholds and macro overrides, plus the
 * default profile. It is validated strictly, because a typo in a tuning file fails silently otherwise:
 * an allowlist that is never applied looks exactly like one that matched nothing. Every problem names
 * the file, the line and the key path (`allowlist.domains[2]`), and an unknown key says which key it
 * probably meant. docs/tuning.md describes the file.
 *
 * The config does not filter anything itself: tuning-macros.ts turns it into SPL macro definitions, so
 * the same tuning runs in c2hunt and exports to Splunk.
 */
import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import { parse as parseHost } from 'tldts';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ConfigError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';
import { PROFILE_NAMES, type ProfileName } from './profiles.js';

export interface Allowlist {
  /** Lower-case names; `*` is a wildcard; a name without a leading `*` also covers its subdomains. */
  readonly domains: readonly string[];
  /** Addresses and networks, normalised (`10.0.0.0/8`, `2001:db8::/32`, `192.0.2.1`). */
  readonly cidrs: readonly string[];
  /** Image paths (backslashes) or file names; `*` is a wildcard. */
  readonly processes: readonly string[];
  /** Host names; a name without a dot also covers its FQDN (`WKS-001` = `WKS-001.corp.example`). */
  readonly hosts: readonly string[];
}

export interface TuningConfig {
  /** The file it came from (for messages); undefined for the built-in empty config. */
  readonly file?: string | undefined;
  readonly profile?: ProfileName | undefined;
  readonly allowlist: Allowlist;
  /** Threshold name (a pack macro without the `c2hunt_` prefix) → value. */
  readonly thresholds: Readonly<Record<string, number>>;
  /** Raw macro overrides: macro key (`name` or `name(N)`) → SPL definition. */
  readonly macros: Readonly<Record<string, string>>;
}

export const EMPTY_CONFIG: TuningConfig = {
  allowlist: { domains: [], cidrs: [], processes: [], hosts: [] },
  thresholds: {},
  macros: {},
};

export interface ConfigProblem {
  readonly path: string;
  readonly line: number | undefined;
  readonly message: string;
}

export interface ConfigContext {
  /**
   * Threshold names the pack defines (without the `c2hunt_` prefix). When given, any other name under
   * `thresholds:` is an error with a suggestion; when absent, any well-formed name is accepted.
   */
  readonly thresholds?: readonly string[] | undefined;
  /** Macro keys the pack defines; when given, `macros:` may only override these. */
  readonly macros?: readonly string[] | undefined;
}

const TOP_KEYS = ['profile', 'allowlist', 'thresholds', 'macros'] as const;
const ALLOWLIST_KEYS = ['domains', 'cidrs', 'processes', 'hosts'] as const;
/** Text that could break out of an SPL quoted string or hide in a terminal. */
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
const MAX_ENTRIES = 10_000;

class Checker {
  readonly problems: ConfigProblem[] = [];
  constructor(
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  lineOf(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range === undefined ? undefined : this.lines.linePos(range[0]).line;
  }

  add(path: string, node: unknown, message: string): void {
    this.problems.push({ path, line: this.lineOf(node), message });
  }

  format(p: ConfigProblem): string {
    return `${this.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`;
  }
}

function keyText(node: unknown): string {
  return isScalar(node) ? String(node.value) : String(node);
}

/** Check a mapping's keys against `allowed`; returns the pairs with known keys. */
function mappingPairs(c: Checker, node: YamlNode | null | undefined, path: string, allowed: readonly string[]): [string, YamlNode | null][] {
  if (!isMap(node)) {
    c.add(path, node, `'${path}' must be a mapping (keys: ${allowed.join(', ')})`);
    return [];
  }
  const out: [string, YamlNode | null][] = [];
  const seen = new Set<string>();
  for (const pair of node.items) {
    const key = keyText(pair.key);
    const full = path === '' ? key : `${path}.${key}`;
    if (!allowed.includes(key)) {
      c.add(full, pair.key, `unknown key '${full}'${didYouMean(key, allowed)}`);
      continue;
    }
    if (seen.has(key)) c.add(full, pair.key, `key '${full}' is given twice`);
    seen.add(key);
    out.push([key, (pair.value ?? null) as YamlNode | null]);
  }
  return out;
}

/** A list of non-empty strings (a lone string is accepted as a list of one). */
function stringList(c: Checker, node: YamlNode | null, path: string): { value: string; node: YamlNode; path: string }[] {
  if (node === null || (isScalar(node) && node.value === null)) return [];
  const items = isSeq(node) ? node.items : isScalar(node) ? [node] : null;
  if (items === null) {
    c.add(path, node, `'${path}' must be a list of strings`);
    return [];
  }
  if (items.length > MAX_ENTRIES) {
    c.add(path, node, `'${path}' has ${items.length} entries; at most ${MAX_ENTRIES}`);
    return [];
  }
  const out: { value: string; node: YamlNode; path: string }[] = [];
  items.forEach((item, i) => {
    const at = isSeq(node) ? `${path}[${i}]` : path;
    const v = isScalar(item) ? item.value : undefined;
    if (typeof v !== 'string' && typeof v !== 'number') {
      c.add(at, item, `${at} must be a string`);
      return;
    }
    const s = String(v).trim();
    if (s === '') {
      c.add(at, item, `${at} is empty`);
      return;
    }
    if (CONTROL.test(s)) {
      c.add(at, item, `${at} contains a control character`);
      return;
    }
    out.push({ value: s, node: item as YamlNode, path: at });
  });
  return out;
}

function checkDomain(c: Checker, raw: string, node: YamlNode, at: string): string | undefined {
  let name = raw.toLowerCase().replace(/\.$/, '');
  if (/[^\x00-\x7f]/.test(name)) {
    // IDNs are matched in their punycode form, as Sysmon logs them. A label mixing the wildcard with
    // non-ASCII letters has no punycode form.
    const labels = name.split('.').map((label) => (/^[\x00-\x7f]*$/.test(label) ? label : label.includes('*') ? '' : domainToASCII(label)));
    if (labels.some((l) => l === '')) {
      c.add(at, node, `${at}: '${raw}' is not a domain name`);
      return undefined;
    }
    name = labels.join('.');
  }
  if (!/^[a-z0-9*_.-]+$/.test(name) || name.includes('..') || name.startsWith('.')) {
    c.add(at, node, `${at}: '${raw}' is not a domain name (letters, digits, '-', '_', '.' and the wildcard '*')`);
    return undefined;
  }
  if (/^[*.]*$/.test(name)) {
    c.add(at, node, `${at}: '${raw}' would allowlist every name`);
    return undefined;
  }
  const bare = name.replace(/^\*\./, '');
  if (!bare.includes('*')) {
    const parsed = parseHost(bare);
    if (parsed.isIcann === true && parsed.domain === null && parsed.isIp !== true) {
      c.add(at, node, `${at}: '${raw}' is a public suffix: it would allowlist every name under it`);
      return undefined;
    }
  }
  return name;
}

function checkCidr(c: Checker, raw: string, node: YamlNode, at: string): string | undefined {
  const text = raw.replace(/^\[|\]$/g, '');
  try {
    if (text.includes('/')) {
      const [addr, prefix] = ipaddr.parseCIDR(text);
      if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0] as string)) throw new Error('not four-part');
      const network = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
      return `${network.toString()}/${prefix}`;
    }
    if (ipaddr.IPv4.isValid(text) && !ipaddr.IPv4.isValidFourPartDecimal(text)) throw new Error('not four-part');
    return ipaddr.parse(text).toString();
  } catch {
    c.add(at, node, `${at}: '${raw}' is not an IP address or CIDR range (e.g. 192.0.2.0/24, 2001:db8::/32)`);
    return undefined;
  }
}

function checkProcess(c: Checker, raw: string, node: YamlNode, at: string): string | undefined {
  const path = raw.replace(/\//g, '\\');
  if (/^\**$/.test(path) || /^\*?\\?\*$/.test(path)) {
    c.add(at, node, `${at}: '${raw}' would allowlist every process`);
    return undefined;
  }
  return path;
}

function checkHost(c: Checker, raw: string, node: YamlNode, at: string): string | undefined {
  if (!/^[A-Za-z0-9*_.-]+$/.test(raw)) {
    c.add(at, node, `${at}: '${raw}' is not a host name (letters, digits, '-', '_', '.' and the wildcard '*')`);
    return undefined;
  }
  if (/^[*.]*$/.test(raw)) {
    c.add(at, node, `${at}: '${raw}' would allowlist every host`);
    return undefined;
  }
  return raw;
}

const ENTRY_CHECKS: Record<(typeof ALLOWLIST_KEYS)[number], (c: Checker, raw: string, node: YamlNode, at: string) => string | undefined> = {
  domains: checkDomain,
  cidrs: checkCidr,
  processes: checkProcess,
  hosts: checkHost,
};

const NAME = /^[a-z][a-z0-9_]*$/;
const MACRO_KEY = /^[A-Za-z_][A-Za-z0-9_]*(\(\d+\))?$/;

/** Validate config text; throws ConfigError with the first problem (and how many more there are). */
export function parseTuningConfig(text: string, file: string, context: ConfigContext = {}): TuningConfig {
  const { config, problems, format } = checkTuningConfig(text, file, context);
  if (problems.length > 0) {
    const first = problems[0] as ConfigProblem;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new ConfigError(`${format(first)}${more}`, { file, line: first.line });
  }
  return config;
}

/** Validate config text and return every problem (empty when the config is usable). */
export function checkTuningConfig(
  text: string,
  file: string,
  context: ConfigContext = {},
): { config: TuningConfig; problems: ConfigProblem[]; format: (p: ConfigProblem) => string } {
  const lines = new LineCounter();
  const c = new Checker(lines, file);
  const format = (p: ConfigProblem) => c.format(p);
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const domains: string[] = [];
  const cidrs: string[] = [];
  const processes: string[] = [];
  const hosts: string[] = [];
  const lists: Record<(typeof ALLOWLIST_KEYS)[number], string[]> = { domains, cidrs, processes, hosts };
  const thresholds: Record<string, number> = {};
  const macros: Record<string, string> = {};
  let profile: ProfileName | undefined;
  const done = () => ({ config: { file, profile, allowlist: { domains, cidrs, processes, hosts }, thresholds, macros }, problems: c.problems, format });

  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lines.linePos(e.pos[0]).line;
    c.problems.push({ path: '', line, message: `not valid YAML: ${e.message.split('\n')[0]}` });
    return done();
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return done(); // an empty file: no tuning
  if (!isMap(root)) {
    c.add('', root, 'the config must be a YAML mapping (keys: profile, allowlist, thresholds, macros)');
    return done();
  }
  for (const [key, value] of mappingPairs(c, root, '', TOP_KEYS)) {
    switch (key) {
      case 'profile': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v !== 'string' || !(PROFILE_NAMES as readonly string[]).includes(v)) {
          const got = typeof v === 'string' ? `'${v}'` : 'a non-string';
          c.add('profile', value, `'profile' must be one of ${PROFILE_NAMES.join(', ')}, got ${got}${typeof v === 'string' ? didYouMean(v, PROFILE_NAMES) : ''}`);
        } else profile = v as ProfileName;
        break;
      }
      case 'allowlist':
        for (const [list, node] of mappingPairs(c, value, 'allowlist', ALLOWLIST_KEYS)) {
          const name = list as (typeof ALLOWLIST_KEYS)[number];
          const seen = new Set<string>();
          for (const item of stringList(c, node, `allowlist.${name}`)) {
            const v = ENTRY_CHECKS[name](c, item.value, item.node, item.path);
            if (v === undefined || seen.has(v.toLowerCase())) continue;
            seen.add(v.toLowerCase());
            lists[name].push(v);
          }
        }
        break;
      case 'thresholds': {
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          c.add('thresholds', value, `'thresholds' must be a mapping of threshold names to numbers`);
          break;
        }
        for (const pair of value.items) {
          const name = keyText(pair.key);
          const at = `thresholds.${name}`;
          const known = context.thresholds;
          if (known !== undefined ? !known.includes(name) : !NAME.test(name)) {
            c.add(at, pair.key, `unknown key '${at}'${known === undefined ? '' : didYouMean(name, known)}`);
            continue;
          }
          const v = isScalar(pair.value) ? pair.value.value : undefined;
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
            c.add(at, pair.value ?? pair.key, `'${at}' must be a number of 0 or more`);
            continue;
          }
          thresholds[name] = v;
        }
        break;
      }
      case 'macros': {
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          c.add('macros', value, `'macros' must be a mapping of macro names to SPL definitions`);
          break;
        }
        for (const pair of value.items) {
          const name = keyText(pair.key);
          const at = `macros.${name}`;
          const known = context.macros;
          if (!MACRO_KEY.test(name) || (known !== undefined && !known.includes(name))) {
            c.add(at, pair.key, `unknown key '${at}'${known === undefined ? '' : didYouMean(name, known)}`);
            continue;
          }
          const v = isScalar(pair.value) ? pair.value.value : undefined;
          if (typeof v !== 'string') {
            c.add(at, pair.value ?? pair.key, `'${at}' must be an SPL string`);
            continue;
          }
          macros[name] = v;
        }
        break;
      }
    }
  }
  return done();
}

/** Read and validate a config file; an unreadable file is a ConfigError naming it. */
export function loadTuningConfig(path: string, context: ConfigContext = {}): TuningConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: path });
  }
  return parseTuningConfig(text, path, context);
}
