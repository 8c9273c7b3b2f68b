/**
 * Groups Sysmon EID 3 connections for beacon scoring at two levels, each scored on its own:
 * - `ip`: host + process image + DestinationIp;
 * - `domain`: host + process image + registered domain (public suffix list via tldts, private section
 *   included so customers of shared platforms such as `*.azurewebsites.net` stay apart) across all the
 *   domain's IPs, which is how rotating CDN or fast-flux addresses come back together.
 * The name behind an IP comes from a resolver (the process's own DNS answers, Sysmon EID 22; see
 * ../dns/resolution.ts), else DestinationHostname; a destination with neither ("-") is kept under its IP.
 */
import { getDomain } from 'tldts';
import type { Event } from '../../events/event.js';
import { BeaconAccumulator } from './accumulator.js';
import { beaconConfig, type BeaconConfig } from './config.js';
import type { BeaconScore } from './score.js';

export interface Connection {
  /** Epoch seconds. */
  readonly time: number;
  readonly host: string;
  readonly image: string;
  readonly destIp: string;
  readonly destHostname?: string | undefined;
  readonly destPort?: string | undefined;
}

/** Name (FQDN) that `host`'s `image` resolved `ip` from, if known. */
export type NameResolver = (host: string, image: string, ip: string, time: number) => string | undefined;

export type GroupLevel = 'ip' | 'domain';

export interface BeaconGroupResult {
  readonly level: GroupLevel;
  readonly host: string;
  readonly image: string;
  /** The IP (level ip, or an unresolved destination at level domain) or the registered domain. */
  readonly destination: string;
  /** A name was known for the destination when the group was created. */
  readonly resolved: boolean;
  /** Up to `sampleCap` distinct values each, in first-seen order; the counts say how many in total. */
  readonly destIps: readonly string[];
  readonly destIpCount: number;
  readonly ports: readonly string[];
  readonly names: readonly string[];
  readonly score: BeaconScore;
}

export interface GrouperOptions {
  readonly config?: BeaconConfig;
  readonly resolveName?: NameResolver;
  /** Use the private section of the public suffix list too (default true). */
  readonly privateDomains?: boolean;
  /** Distinct IPs, ports and names kept as evidence per group (default 16). */
  readonly sampleCap?: number;
}

/** Distinct values up to a cap, with an exact count while under it and a lower bound after. */
class CappedSet {
  readonly values: string[] = [];
  private readonly seen = new Set<string>();
  count = 0;
  constructor(private readonly cap: number) {}
  add(v: string): void {
    if (this.seen.has(v)) return;
    if (this.seen.size < this.cap * 4) {
      this.seen.add(v);
      this.count++;
      if (this.values.length < this.cap) this.values.push(v);
    }
  }
}

interface Group {
  readonly level: GroupLevel;
  readonly host: string;
  readonly image: string;
  readonly destination: string;
  readonly resolved: boolean;
  readonly acc: BeaconAccumulator;
  readonly ips: CappedSet;
  readonly ports: CappedSet;
  readonly names: CappedSet;
}

export class BeaconGrouper {
  private readonly groups = new Map<string, Group>();
  private readonly config: BeaconConfig;
  private readonly cap: number;
  private readonly privateDomains: boolean;
  private windowStart = Infinity;
  private windowEnd = -Infinity;
  skipped = 0;

  constructor(private readonly options: GrouperOptions = {}) {
    this.config = options.config ?? beaconConfig();
    this.cap = options.sampleCap ?? 16;
    this.privateDomains = options.privateDomains ?? true;
  }

  /**
   * Add a Sysmon EID 3 event. Uses `_time`, `host`, `Image`, `DestinationIp`, `DestinationHostname`,
   * `DestinationPort`; skips events with `Initiated` other than "true" (inbound) or without the fields.
   */
  addEvent(event: Event): boolean {
    const initiated = event['Initiated'];
    const time = event['_time'];
    const host = event['host'];
    const image = event['Image'];
    const ip = event['DestinationIp'];
    if ((typeof initiated === 'string' && initiated.toLowerCase() !== 'true') || typeof time !== 'number') {
      this.skipped++;
      return false;
    }
    if (typeof host !== 'string' || typeof image !== 'string' || typeof ip !== 'string' || ip === '' || ip === '-') {
      this.skipped++;
      return false;
    }
    const hostname = event['DestinationHostname'];
    const port = event['DestinationPort'];
    this.addConnection({
      time,
      host,
      image,
      destIp: ip,
      destHostname: typeof hostname === 'string' ? hostname : undefined,
      destPort: typeof port === 'string' ? port : typeof port === 'number' ? String(port) : undefined,
    });
    return true;
  }

  addConnection(c: Connection): void {
    if (!Number.isFinite(c.time)) {
      this.skipped++;
      return;
    }
    if (c.time < this.windowStart) this.windowStart = c.time;
    if (c.time > this.windowEnd) this.windowEnd = c.time;
    const ip = c.destIp.toLowerCase();
    const name = this.nameFor(c, ip);
    const registered =
      name === undefined ? undefined : (getDomain(name, { allowPrivateDomains: this.privateDomains }) ?? name);
    this.feed('ip', c, ip, ip, name, name !== undefined);
    if (registered !== undefined) this.feed('domain', c, registered, ip, name, true);
    else this.feed('domain', c, ip, ip, undefined, false);
  }

  /** Every group's score, best first (ties by level, host, image, destination for stable output). */
  results(): BeaconGroupResult[] {
    const window = { windowStart: this.windowStart, windowEnd: this.windowEnd };
    const out: BeaconGroupResult[] = [];
    for (const g of this.groups.values()) {
      out.push({
        level: g.level,
        host: g.host,
        image: g.image,
        destination: g.destination,
        resolved: g.resolved,
        destIps: g.ips.values,
        destIpCount: g.ips.count,
        ports: g.ports.values,
        names: g.names.values,
        score: g.acc.result(window),
      });
    }
    return out.sort(
      (a, b) =>
        b.score.score - a.score.score ||
        cmp(a.level, b.level) ||
        cmp(a.host, b.host) ||
        cmp(a.image, b.image) ||
        cmp(a.destination, b.destination),
    );
  }

  get size(): number {
    return this.groups.size;
  }

  private nameFor(c: Connection, ip: string): string | undefined {
    const resolved = this.options.resolveName?.(c.host, c.image, ip, c.time);
    const raw = resolved ?? (c.destHostname !== undefined && c.destHostname !== '-' ? c.destHostname : undefined);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    const name = lower.endsWith('.') ? lower.slice(0, -1) : lower;
    return name === '' ? undefined : name;
  }

  private feed(level: GroupLevel, c: Connection, dest: string, ip: string, name: string | undefined, resolved: boolean) {
    const key = `${level}\u0000${c.host.toLowerCase()}\u0000${c.image.toLowerCase()}\u0000${dest}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      g = {
        level,
        host: c.host,
        image: c.image,
        destination: dest,
        resolved,
        acc: new BeaconAccumulator(this.config),
        ips: new CappedSet(this.cap),
        ports: new CappedSet(this.cap),
        names: new CappedSet(this.cap),
      };
      this.groups.set(key, g);
    }
    g.acc.add(c.time);
    g.ips.add(ip);
    if (c.destPort !== undefined) g.ports.add(c.destPort);
    if (name !== undefined) g.names.add(name);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
