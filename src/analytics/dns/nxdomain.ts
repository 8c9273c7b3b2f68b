/**
 * NXDOMAIN bursts per host + process: the most distinct non-existent names looked up within any sliding
 * window (default 60 s). DGA malware walks its candidate list and most candidates are unregistered, so
 * it produces bursts of distinct NXDOMAINs; a mistyped or stale name produces repeats of one name, which
 * is why distinct names are counted. QueryStatus 9003 is DNS_ERROR_RCODE_NAME_ERROR (NXDOMAIN); other
 * non-zero statuses (9501 no records, 9701 no record of that type, 9002 server failure, 1460 timeout,
 * 123 invalid name; telemetry-realism.md §3.2, platforms.md §5.4) are counted as failures but are not
 * NXDOMAINs.
 *
 * Events may arrive out of order within a window; one older than the window behind the newest event
 * of its group is counted in the totals and `lateEvents` but cannot join a burst.
 */
import type { Event } from '../../events/event.js';
import { dnsQueryOf, type DnsQuery } from './fields.js';

export const NXDOMAIN_STATUS = '9003';

export interface NxdomainOptions {
  readonly windowSeconds: number;
  /** Distinct NXDOMAIN names in one window that make a burst. */
  readonly threshold: number;
  /** Most entries kept per window (a flood beyond this saturates the count). */
  readonly maxWindowEntries: number;
}

export const NXDOMAIN_DEFAULTS: NxdomainOptions = { windowSeconds: 60, threshold: 10, maxWindowEntries: 4096 };

export interface NxdomainResult {
  readonly host: string;
  readonly image: string;
  readonly queries: number;
  readonly nxdomains: number;
  readonly failures: number;
  readonly distinctNxNames: number;
  /** The largest number of distinct NXDOMAIN names inside one window, and where that window was. */
  readonly maxBurst: number;
  readonly burstStart: number;
  readonly burstEnd: number;
  readonly burstSample: readonly string[];
  readonly isBurst: boolean;
  readonly lateEvents: number;
  /** maxBurst / (2 · threshold), capped at 1: 0.5 at the threshold. */
  readonly score: number;
}

interface GroupState {
  readonly host: string;
  readonly image: string;
  queries: number;
  nx: number;
  failures: number;
  late: number;
  readonly nxNames: Set<string>;
  /** Window entries sorted by time. */
  readonly times: number[];
  readonly names: string[];
  readonly inWindow: Map<string, number>;
  newest: number;
  best: number;
  bestStart: number;
  bestEnd: number;
  bestSample: string[];
}

export class NxdomainBurstAccumulator {
  private readonly groups = new Map<string, GroupState>();
  constructor(private readonly options: NxdomainOptions = NXDOMAIN_DEFAULTS) {}

  add(event: Event): void {
    const q = dnsQueryOf(event);
    if (q !== null) this.addQuery(q);
  }

  addQuery(q: Pick<DnsQuery, 'time' | 'host' | 'image' | 'name' | 'status'>): void {
    const key = `${q.host.toLowerCase()}\u0000${q.image.toLowerCase()}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      g = {
        host: q.host, image: q.image, queries: 0, nx: 0, failures: 0, late: 0, nxNames: new Set(),
        times: [], names: [], inWindow: new Map(), newest: -Infinity, best: 0, bestStart: Number.NaN, bestEnd: Number.NaN, bestSample: [],
      };
      this.groups.set(key, g);
    }
    g.queries++;
    if (q.status !== '' && q.status !== '0') g.failures++;
    if (q.status !== NXDOMAIN_STATUS) return;
    g.nx++;
    if (g.nxNames.size < 65_536) g.nxNames.add(q.name);
    const w = this.options.windowSeconds;
    if (q.time < g.newest - w) {
      g.late++;
      return;
    }
    // Insert in time order.
    let i = g.times.length;
    while (i > 0 && (g.times[i - 1] as number) > q.time) i--;
    g.times.splice(i, 0, q.time);
    g.names.splice(i, 0, q.name);
    g.inWindow.set(q.name, (g.inWindow.get(q.name) ?? 0) + 1);
    g.newest = Math.max(g.newest, q.time);
    while (g.times.length > 0 && ((g.times[0] as number) < g.newest - w || g.times.length > this.options.maxWindowEntries)) {
      g.times.shift();
      const old = g.names.shift() as string;
      const c = (g.inWindow.get(old) ?? 1) - 1;
      if (c === 0) g.inWindow.delete(old);
      else g.inWindow.set(old, c);
    }
    if (g.inWindow.size > g.best) {
      g.best = g.inWindow.size;
      g.bestStart = g.times[0] as number;
      g.bestEnd = g.times[g.times.length - 1] as number;
      g.bestSample = [...g.inWindow.keys()].slice(0, 5);
    }
  }

  /** Groups with at least one NXDOMAIN, largest burst first. */
  results(): NxdomainResult[] {
    const out: NxdomainResult[] = [];
    for (const g of this.groups.values()) {
      if (g.nx === 0) continue;
      out.push({
        host: g.host,
        image: g.image,
        queries: g.queries,
        nxdomains: g.nx,
        failures: g.failures,
        distinctNxNames: g.nxNames.size,
        maxBurst: g.best,
        burstStart: g.bestStart,
        burstEnd: g.bestEnd,
        burstSample: g.bestSample,
        isBurst: g.best >= this.options.threshold,
        lateEvents: g.late,
        score: Math.round(Math.min(1, g.best / (2 * this.options.threshold)) * 1000) / 1000,
      });
    }
    return out.sort((a, b) => b.maxBurst - a.maxBurst || cmp(a.host, b.host) || cmp(a.image, b.image));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
