/**
 * Domain rarity: how many distinct hosts resolve each registered domain, against how many hosts the
 * dataset has. Adversary domains are usually resolved by one or two hosts; RITA's prevalence modifier
 * uses ≤ 2 % of hosts as rare (beacon-scoring.md §1.7). Hosts per domain are counted exactly up to a cap
 * and estimated beyond it.
 */
import type { Event } from '../../events/event.js';
import { DistinctCounter } from './distinct.js';
import { dnsQueryOf, type DnsQuery } from './fields.js';
import { registeredDomain } from './names.js';

export interface RarityOptions {
  /** A domain resolved by this many hosts or fewer is rare... */
  readonly maxHosts: number;
  /** ...or by at most this share of all hosts. */
  readonly maxPrevalence: number;
}

export const RARITY_DEFAULTS: RarityOptions = { maxHosts: 2, maxPrevalence: 0.02 };

export interface RarityResult {
  readonly domain: string;
  readonly hosts: number;
  readonly totalHosts: number;
  readonly prevalence: number;
  readonly queries: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly sampleHosts: readonly string[];
  readonly sampleNames: readonly string[];
  readonly rare: boolean;
}

interface DomainState {
  readonly hosts: DistinctCounter;
  readonly names: Set<string>;
  queries: number;
  first: number;
  last: number;
}

export class DomainRarity {
  private readonly domains = new Map<string, DomainState>();
  private readonly allHosts = new Set<string>();
  constructor(private readonly options: RarityOptions = RARITY_DEFAULTS) {}

  add(event: Event): void {
    const q = dnsQueryOf(event);
    if (q !== null) this.addQuery(q);
  }

  /** Hosts seen in other telemetry (EID 3, EID 1) count towards the total too. */
  addHost(host: string): void {
    this.allHosts.add(host.toLowerCase());
  }

  addQuery(q: Pick<DnsQuery, 'time' | 'host' | 'name'>): void {
    const host = q.host.toLowerCase();
    this.allHosts.add(host);
    const domain = registeredDomain(q.name);
    let s = this.domains.get(domain);
    if (s === undefined) {
      s = { hosts: new DistinctCounter(64), names: new Set(), queries: 0, first: q.time, last: q.time };
      this.domains.set(domain, s);
    }
    s.hosts.add(host);
    if (s.names.size < 8) s.names.add(q.name);
    s.queries++;
    s.first = Math.min(s.first, q.time);
    s.last = Math.max(s.last, q.time);
  }

  /** Every domain, rarest first (then by name). */
  results(): RarityResult[] {
    const total = this.allHosts.size;
    const out: RarityResult[] = [];
    for (const [domain, s] of this.domains) {
      const hosts = s.hosts.estimate;
      const prevalence = total > 0 ? hosts / total : 0;
      out.push({
        domain,
        hosts,
        totalHosts: total,
        prevalence,
        queries: s.queries,
        firstSeen: s.first,
        lastSeen: s.last,
        sampleHosts: s.hosts.sample(5),
        sampleNames: [...s.names],
        rare: hosts <= this.options.maxHosts || prevalence <= this.options.maxPrevalence,
      });
    }
    return out.sort((a, b) => a.hosts - b.hosts || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  }
}
