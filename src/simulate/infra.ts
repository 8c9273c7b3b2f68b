/**
 * Address plan and name resolution for every destination in the simulated world.
 *
 * Nothing here points at a real host:
 * - adversary infrastructure uses only the documentation ranges 192.0.2.0/24, 198.51.100.0/24,
 *   203.0.113.0/24 (RFC 5737) and 2001:db8::/32 (RFC 3849), and names under .test, .example and .invalid
 *   (RFC 2606);
 * - benign Internet services keep their real names (microsoft.com, slack.com, ...) so that name-based
 *   exclusions behave as they would, but resolve to 198.18.0.0/15 (RFC 2544 benchmarking, not routed on the
 *   Internet) and, for IPv6, fd5e:11e5:7e57::/48 (a unique-local prefix);
 * - the corporate network is 10.20.0.0/16 under corp.example.
 * The adversary and benign ranges do not overlap, so an address alone tells which side it is on.
 */
import { hash32 } from './prng.js';

export const ADVERSARY_V4_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const;
export const ADVERSARY_V6_PREFIX = '2001:db8:';
export const ADVERSARY_NAME_SUFFIXES = ['.test', '.example', '.invalid'] as const;

export function isAdversaryAddress(ip: string): boolean {
  return ADVERSARY_V4_PREFIXES.some((p) => ip.startsWith(p)) || ip.toLowerCase().startsWith(ADVERSARY_V6_PREFIX);
}

/** 198.18.0.0/15: 198.18.x.y and 198.19.x.y. */
export function isBenignInternetAddress(ip: string): boolean {
  return ip.startsWith('198.18.') || ip.startsWith('198.19.') || ip.toLowerCase().startsWith('fd5e:11e5:7e57:');
}

/** How a benign service is fronted: decides CNAME chains and reverse (PTR) names. */
export type Provider = 'akamai' | 'azure' | 'azurefd' | 'cloudfront' | 'fastly' | 'google' | 'cloudflare' | 'aws' | 'direct';

export interface DomainSpec {
  readonly name: string;
  readonly provider: Provider;
  /** Record TTL in seconds: how long a process reuses its answer before it queries again. */
  readonly ttl: number;
  /** How many addresses the name rotates through. */
  readonly pool?: number;
  /** Also answer AAAA-style addresses (ULA for benign names). */
  readonly v6?: boolean;
}

export interface Resolution {
  /** Windows DNS status: 0 success, 9003 NXDOMAIN, 9501 no records, 1460 timeout. */
  readonly status: number;
  readonly cnames: readonly string[];
  readonly addresses: readonly string[];
}

function benignV4(key: string, i: number): string {
  // 8,192 blocks of 16 addresses across 198.18.0.0/15; the block comes from the service's name.
  const block = hash32(`block:${key}`) % 8192;
  const n = block * 16 + (i % 16);
  const third = Math.floor(n / 256);
  return `198.${18 + Math.floor(third / 256)}.${third % 256}.${n % 256}`;
}

const blockKeys = new Map<string, string>();
/** The stable part of a name that decides its address block (so www.x.com and x.com share a provider pool). */
function blockKey(spec: DomainSpec): string {
  const id = `${spec.provider}:${spec.name}`;
  let k = blockKeys.get(id);
  if (k === undefined) {
    k = `${spec.provider}:${spec.name.split('.').slice(-2).join('.')}`;
    blockKeys.set(id, k);
  }
  return k;
}

function slug(name: string): string {
  return name.replace(/\./g, '-');
}

const chains = new Map<string, string[]>();
function cnameChain(spec: DomainSpec): string[] {
  const id = `${spec.provider}:${spec.name}`;
  let c = chains.get(id);
  if (c === undefined) chains.set(id, (c = buildChain(spec)));
  return c;
}

function buildChain(spec: DomainSpec): string[] {
  const h = hash32(`cname:${spec.name}`);
  switch (spec.provider) {
    case 'akamai':
      return [`${spec.name}.edgekey.net`, `e${1000 + (h % 20000)}.dsc${'abgx'[h % 4]}.akamaiedge.net`];
    case 'azure':
      return [`${slug(spec.name).slice(0, 40)}.trafficmanager.net`, `${slug(spec.name).slice(0, 30)}-weu.westeurope.cloudapp.azure.com`];
    case 'azurefd':
      return [`${slug(spec.name).slice(0, 40)}.azureedge.net`, `${slug(spec.name).slice(0, 40)}.afd.azureedge.net`];
    case 'cloudfront':
      return [`d${(h >>> 0).toString(36)}${(hash32(spec.name) >>> 0).toString(36)}.cloudfront.net`.slice(0, 30)];
    case 'fastly':
      return [`dualstack.${slug(spec.name).slice(0, 30)}.map.fastly.net`];
    case 'aws':
      return [`${slug(spec.name).slice(0, 24)}-${h % 100000}.eu-central-1.elb.amazonaws.com`];
    case 'google':
    case 'cloudflare':
    case 'direct':
      return [];
  }
}

/**
 * Resolve a benign name at a time: the answer rotates through the name's pool every TTL, as DNS load
 * balancing does, and carries the provider's CNAME chain.
 */
export function resolveBenign(spec: DomainSpec, atMs: number): Resolution {
  const pool = Math.max(1, spec.pool ?? 4);
  const epoch = Math.floor(atMs / (Math.max(spec.ttl, 20) * 1000));
  const first = hash32(`${spec.name}:${epoch}`) % pool;
  const key = blockKey(spec);
  const base = hash32(spec.name);
  const addresses = [benignV4(key, base + first)];
  if (pool > 1) addresses.push(benignV4(key, base + ((first + 1) % pool)));
  if (spec.v6 === true) addresses.push(`fd5e:11e5:7e57:${(hash32(key) % 0xffff).toString(16)}::${(first + 1).toString(16)}`);
  return { status: 0, cnames: cnameChain(spec), addresses };
}

/** Every address a benign name can resolve to (for the ground truth). */
export function benignAddresses(spec: DomainSpec): string[] {
  const pool = Math.max(1, spec.pool ?? 4);
  const key = blockKey(spec);
  const out: string[] = [];
  for (let i = 0; i < pool; i++) out.push(benignV4(key, hash32(spec.name) + i));
  return out;
}

/**
 * What Sysmon puts in DestinationHostname: its own reverse lookup of the address, not the name the
 * process used (telemetry-realism §3.1). CDNs with published PTRs get them; the rest get `-`.
 */
const ptrs = new Map<string, string>();
export function benignPtr(provider: Provider, ip: string): string {
  const id = `${provider}|${ip}`;
  let p = ptrs.get(id);
  if (p === undefined) ptrs.set(id, (p = buildPtr(provider, ip)));
  return p;
}

function buildPtr(provider: Provider, ip: string): string {
  const dashed = ip.replace(/\./g, '-');
  const last = Number(ip.split('.')[3] ?? 0);
  switch (provider) {
    case 'akamai':
      return `a${dashed}.deploy.static.akamaitechnologies.com`;
    case 'cloudfront':
      return `server-${dashed}.fra56.r.cloudfront.net`;
    case 'google':
      return `fra${10 + (last % 20)}s${10 + (last % 40)}-in-f${last % 16}.1e100.net`;
    case 'aws':
      return `ec2-${dashed}.eu-central-1.compute.amazonaws.com`;
    default:
      return '-';
  }
}

/** Sysmon's QueryResults: `type:  5 <cname>;` per CNAME, `::ffff:a.b.c.d;` per IPv4 answer, `-` when empty. */
export function formatQueryResults(r: Resolution): string {
  if (r.cnames.length === 0 && r.addresses.length === 0) return '-';
  let s = '';
  for (const c of r.cnames) s += `type:  5 ${c};`;
  for (const a of r.addresses) s += a.includes(':') ? `${a};` : `::ffff:${a};`;
  return s;
}

/** Parse QueryResults back (the ECS writer needs dns.answers; tests use it too). */
export function parseQueryResults(text: string): { type: string; data: string }[] {
  if (text === '-' || text === '') return [];
  const out: { type: string; data: string }[] = [];
  for (const part of text.split(';')) {
    if (part === '') continue;
    const m = /^type:\s+(\d+)\s+(.*)$/.exec(part);
    if (m !== null) out.push({ type: m[1] === '5' ? 'CNAME' : m[1] === '16' ? 'TXT' : `TYPE${m[1]}`, data: m[2] as string });
    else if (part.startsWith('::ffff:')) out.push({ type: 'A', data: part.slice(7) });
    else out.push({ type: 'AAAA', data: part });
  }
  return out;
}

/** Service names Windows' services file gives to ports (Sysmon's DestinationPortName); others are `-`. */
const PORT_NAMES: Readonly<Record<number, string>> = {
  53: 'domain',
  80: 'http',
  88: 'kerberos',
  123: 'ntp',
  135: 'epmap',
  389: 'ldap',
  443: 'https',
  445: 'microsoft-ds',
};

export function portName(port: number): string {
  return PORT_NAMES[port] ?? '-';
}

/** Internal services (corp.example, 10.20.0.0/16). */
export const INTERNAL = {
  dc: { name: 'ad01.corp.example', ip: '10.20.0.10' },
  deploy: { name: 'splunk-ds.corp.example', ip: '10.20.0.21' },
  intranet: { name: 'intranet.corp.example', ip: '10.20.0.30' },
  files: { name: 'files.corp.example', ip: '10.20.0.31' },
  sql: { name: 'sql01.corp.example', ip: '10.20.0.32' },
  jump: { name: 'jump01.corp.example', ip: '10.20.0.33' },
} as const;
