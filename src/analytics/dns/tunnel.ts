/**
 * DNS tunnelling indicators per registered parent domain: very long names or labels (data encoded in
 * the query), and many distinct subdomains of one parent (each query unique so it misses caches).
 * Distinct subdomains are counted exactly up to a cap, then by HyperLogLog, so memory per parent stays
 * about 1 KB however many queries arrive.
 */
import type { Event } from '../../events/event.js';
import { DistinctCounter } from './distinct.js';
import { dnsQueryOf, type DnsQuery } from './fields.js';
import { shannonEntropy } from './label-model.js';
import { registeredDomain, subdomainOf } from './names.js';

export interface TunnelOptions {
  /** A label this long or longer is "long" (DNS allows 63). */
  readonly longLabel: number;
  /** A name this long or longer is "long" (DNS allows 253). */
  readonly longName: number;
  /** Distinct subdomains of one parent at which the subdomain factor reaches 1. */
  readonly manySubdomains: number;
  /** Long queries at which the length factor reaches 1. */
  readonly manyLongQueries: number;
  readonly exactCap: number;
}

export const TUNNEL_DEFAULTS: TunnelOptions = {
  // Base32/64-encoded payload labels are typically 50–63 characters; ordinary labels rarely exceed 30.
  longLabel: 40,
  longName: 100,
  manySubdomains: 100,
  manyLongQueries: 10,
  exactCap: 256,
};

export interface TunnelResult {
  readonly parent: string;
  readonly queries: number;
  readonly distinctSubdomains: number;
  readonly distinctIsExact: boolean;
  readonly longQueries: number;
  readonly maxNameLength: number;
  readonly maxLabelLength: number;
  readonly meanSubdomainLength: number;
  readonly meanSubdomainEntropy: number;
  readonly hosts: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly sampleNames: readonly string[];
  /** max(distinct/manySubdomains, long/manyLongQueries), capped at 1. */
  readonly score: number;
}

interface ParentState {
  queries: number;
  readonly subdomains: DistinctCounter;
  readonly hosts: Set<string>;
  longQueries: number;
  maxName: number;
  maxLabel: number;
  subLengthSum: number;
  subEntropySum: number;
  subCount: number;
  first: number;
  last: number;
  readonly samples: string[];
}

export class TunnelAccumulator {
  private readonly parents = new Map<string, ParentState>();
  constructor(private readonly options: TunnelOptions = TUNNEL_DEFAULTS) {}

  add(event: Event): void {
    const q = dnsQueryOf(event);
    if (q !== null) this.addQuery(q);
  }

  addQuery(q: Pick<DnsQuery, 'name' | 'time' | 'host'>): void {
    const parent = registeredDomain(q.name);
    let s = this.parents.get(parent);
    if (s === undefined) {
      s = {
        queries: 0, subdomains: new DistinctCounter(this.options.exactCap), hosts: new Set(), longQueries: 0,
        maxName: 0, maxLabel: 0, subLengthSum: 0, subEntropySum: 0, subCount: 0, first: q.time, last: q.time, samples: [],
      };
      this.parents.set(parent, s);
    }
    s.queries++;
    if (s.hosts.size < 1024) s.hosts.add(q.host.toLowerCase());
    s.first = Math.min(s.first, q.time);
    s.last = Math.max(s.last, q.time);
    let maxLabel = 0;
    for (const label of q.name.split('.')) maxLabel = Math.max(maxLabel, label.length);
    s.maxName = Math.max(s.maxName, q.name.length);
    s.maxLabel = Math.max(s.maxLabel, maxLabel);
    if (maxLabel >= this.options.longLabel || q.name.length >= this.options.longName) {
      s.longQueries++;
      if (s.samples.length < 5) s.samples.push(q.name);
    }
    const sub = subdomainOf(q.name);
    if (sub !== '') {
      s.subdomains.add(sub);
      s.subLengthSum += sub.length;
      s.subEntropySum += shannonEntropy(sub.replaceAll('.', ''));
      s.subCount++;
    }
  }

  /** Parents ordered by score, then name. */
  results(): TunnelResult[] {
    const o = this.options;
    const out: TunnelResult[] = [];
    for (const [parent, s] of this.parents) {
      const distinct = s.subdomains.estimate;
      const score = Math.min(1, Math.max(distinct / o.manySubdomains, s.longQueries / o.manyLongQueries));
      out.push({
        parent,
        queries: s.queries,
        distinctSubdomains: distinct,
        distinctIsExact: s.subdomains.isExact,
        longQueries: s.longQueries,
        maxNameLength: s.maxName,
        maxLabelLength: s.maxLabel,
        meanSubdomainLength: s.subCount > 0 ? s.subLengthSum / s.subCount : 0,
        meanSubdomainEntropy: s.subCount > 0 ? s.subEntropySum / s.subCount : 0,
        hosts: s.hosts.size,
        firstSeen: s.first,
        lastSeen: s.last,
        sampleNames: s.samples.length > 0 ? s.samples : s.subdomains.sample(5).map((x) => `${x}.${parent}`),
        score: Math.round(score * 1000) / 1000,
      });
    }
    return out.sort((a, b) => b.score - a.score || (a.parent < b.parent ? -1 : a.parent > b.parent ? 1 : 0));
  }
}
