/**
 * A loaded set of indicators and its matcher.
 * - IPs: a map from canonical address to indicators (IPv4-mapped IPv6 is folded to IPv4 on both sides).
 * - Networks: one binary trie per family over the address bits; a lookup walks at most 32 or 128 nodes
 *   and collects every network on the path, so many overlapping CIDRs from many feeds cost nothing extra.
 * - Domains: a map from name to indicators; a lookup tries the name and each parent (a.b.evil.test →
 *   b.evil.test → evil.test), case-insensitively, trailing dot ignored.
 * A URL indicator matches through its host, like a domain or IP indicator of that host.
 */
import ipaddr from 'ipaddr.js';
import type { Event } from '../events/event.js';
import { canonicalDomain, canonicalIp } from './classify.js';
import type { Indicator } from './types.js';

export type MatchHow = 'exact' | 'cidr' | 'parent-domain';

export interface IntelMatch {
  /** The event field that matched, e.g. DestinationIp. */
  readonly field: string;
  /** The field's value as seen in the event. */
  readonly value: string;
  readonly how: MatchHow;
  readonly indicator: Indicator;
}

interface TrieNode {
  zero?: TrieNode;
  one?: TrieNode;
  entries?: Indicator[];
}

/** The fields `matchEvent` looks at by default (Sysmon EID 3 and EID 22). */
export const DEFAULT_MATCH_FIELDS: readonly string[] = ['DestinationIp', 'DestinationHostname', 'QueryName'];

export class IndicatorSet {
  private readonly ips = new Map<string, Indicator[]>();
  private readonly domains = new Map<string, Indicator[]>();
  private readonly v4: TrieNode = {};
  private readonly v6: TrieNode = {};
  private count = 0;

  constructor(indicators: Iterable<Indicator> = []) {
    for (const i of indicators) this.add(i);
  }

  get size(): number {
    return this.count;
  }

  add(indicator: Indicator): void {
    this.count++;
    switch (indicator.hostKind) {
      case 'ip':
        push(this.ips, indicator.host, indicator);
        return;
      case 'domain':
        push(this.domains, indicator.host, indicator);
        return;
      case 'cidr': {
        const [addr, prefix] = ipaddr.parseCIDR(indicator.host);
        const root = addr.kind() === 'ipv4' ? this.v4 : this.v6;
        const bytes = addr.toByteArray();
        let node = root;
        for (let bit = 0; bit < prefix; bit++) {
          const one = ((bytes[bit >> 3] as number) >> (7 - (bit & 7))) & 1;
          node = one ? (node.one ??= {}) : (node.zero ??= {});
        }
        (node.entries ??= []).push(indicator);
      }
    }
  }

  /** Indicators matching an address (exact and every containing network). Non-addresses match nothing. */
  matchIp(value: string, field = 'ip'): IntelMatch[] {
    const ip = canonicalIp(value);
    if (ip === null) return [];
    const out: IntelMatch[] = [];
    for (const indicator of this.ips.get(ip) ?? []) out.push({ field, value, how: 'exact', indicator });
    const addr = ipaddr.parse(ip);
    const bytes = addr.toByteArray();
    let node: TrieNode | undefined = addr.kind() === 'ipv4' ? this.v4 : this.v6;
    for (let bit = 0; node !== undefined; bit++) {
      if (node.entries) for (const indicator of node.entries) out.push({ field, value, how: 'cidr', indicator });
      if (bit >= bytes.length * 8) break;
      const one = ((bytes[bit >> 3] as number) >> (7 - (bit & 7))) & 1;
      node = one ? node.one : node.zero;
    }
    return out;
  }

  /** Indicators matching a host name or one of its parent domains; an IP literal is matched as an IP. */
  matchName(value: string, field = 'name'): IntelMatch[] {
    if (canonicalIp(value) !== null) return this.matchIp(value, field);
    const name = canonicalDomain(value);
    if (name === null) return [];
    const out: IntelMatch[] = [];
    let suffix = name;
    for (;;) {
      for (const indicator of this.domains.get(suffix) ?? []) {
        out.push({ field, value, how: suffix === name ? 'exact' : 'parent-domain', indicator });
      }
      const dot = suffix.indexOf('.');
      if (dot < 0) break;
      suffix = suffix.slice(dot + 1);
    }
    return out;
  }

  /** Match an event's destination and query fields. Multivalue fields match per value. */
  matchEvent(event: Event, fields: readonly string[] = DEFAULT_MATCH_FIELDS): IntelMatch[] {
    const out: IntelMatch[] = [];
    for (const field of fields) {
      const v = event[field];
      if (v === undefined || v === null) continue;
      const values = Array.isArray(v) ? v : [String(v)];
      for (const value of values) {
        if (value === '' || value === '-') continue;
        out.push(...(field.endsWith('Ip') ? this.matchIp(value, field) : this.matchName(value, field)));
      }
    }
    return out;
  }
}

function push(map: Map<string, Indicator[]>, key: string, indicator: Indicator): void {
  const list = map.get(key);
  if (list) list.push(indicator);
  else map.set(key, [indicator]);
}
