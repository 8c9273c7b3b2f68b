/**
 * Which name did a process resolve an address from? Built from Sysmon EID 22 answers (QueryResults),
 * it gives the beacon grouper the FQDN behind an EID 3 DestinationIp (beacon-scoring.md §5: destKey =
 * the process's QueryName whose results held the IP) and joins "resolved, then beaconed to" findings.
 *
 * Per host, each answered address keeps its last few (name, image, time) resolutions; hosts keep at
 * most `maxAddressesPerHost` addresses, the oldest dropped first, so memory is bounded. A lookup
 * prefers the same image, then the latest resolution at or before the connection, then any.
 */
import type { Event } from '../../events/event.js';
import type { BeaconGroupResult, NameResolver } from '../beacon/group.js';
import { dnsQueryOf, type DnsQuery } from './fields.js';
import { parseQueryResults, registeredDomain } from './names.js';

interface Resolution {
  readonly name: string;
  readonly image: string;
  readonly time: number;
}

export interface ResolutionOptions {
  readonly maxAddressesPerHost: number;
  readonly maxNamesPerAddress: number;
}

export const RESOLUTION_DEFAULTS: ResolutionOptions = { maxAddressesPerHost: 65_536, maxNamesPerAddress: 8 };

export class ResolutionIndex {
  private readonly hosts = new Map<string, Map<string, Resolution[]>>();
  constructor(private readonly options: ResolutionOptions = RESOLUTION_DEFAULTS) {}

  add(event: Event): void {
    const q = dnsQueryOf(event);
    if (q !== null) this.addQuery(q);
  }

  addQuery(q: Pick<DnsQuery, 'time' | 'host' | 'image' | 'name' | 'results'>): void {
    const { addresses } = parseQueryResults(q.results);
    if (addresses.length === 0) return;
    const hostKey = q.host.toLowerCase();
    let byIp = this.hosts.get(hostKey);
    if (byIp === undefined) {
      byIp = new Map();
      this.hosts.set(hostKey, byIp);
    }
    for (const ip of addresses) {
      let list = byIp.get(ip);
      if (list === undefined) {
        if (byIp.size >= this.options.maxAddressesPerHost) {
          const oldest = byIp.keys().next().value as string;
          byIp.delete(oldest);
        }
        list = [];
        byIp.set(ip, list);
      }
      list.push({ name: q.name, image: q.image.toLowerCase(), time: q.time });
      if (list.length > this.options.maxNamesPerAddress) list.shift();
    }
  }

  /** Every distinct name `host` resolved `ip` from (most recent last). */
  namesFor(host: string, ip: string): string[] {
    const list = this.hosts.get(host.toLowerCase())?.get(ip.toLowerCase()) ?? [];
    return [...new Set(list.map((r) => r.name))];
  }

  /** The best name for a connection from `host`/`image` to `ip` at `time`. */
  lookup(host: string, image: string, ip: string, time?: number): string | undefined {
    const list = this.hosts.get(host.toLowerCase())?.get(ip.toLowerCase());
    if (list === undefined || list.length === 0) return undefined;
    const img = image.toLowerCase();
    const pick = (candidates: Resolution[]) => {
      const before = time === undefined ? candidates : candidates.filter((r) => r.time <= time);
      const pool = before.length > 0 ? before : candidates;
      let best: Resolution | undefined;
      for (const r of pool) if (best === undefined || r.time >= best.time) best = r;
      return best?.name;
    };
    const same = list.filter((r) => r.image === img);
    return pick(same.length > 0 ? same : list);
  }

  /** A NameResolver for BeaconGrouper. */
  resolver(): NameResolver {
    return (host, image, ip, time) => this.lookup(host, image, ip, time);
  }
}

export interface ResolvedBeacon {
  readonly host: string;
  readonly image: string;
  readonly ip: string;
  /** Names the host resolved the address from, and their registered domains. */
  readonly names: readonly string[];
  readonly domains: readonly string[];
  readonly beacon: BeaconGroupResult;
}

/**
 * "Resolved, then beaconed to": IP-level beacon groups scoring at least `minScore` whose address the
 * same host had resolved, with the names it resolved it from.
 */
export function joinResolvedBeacons(
  beacons: readonly BeaconGroupResult[],
  index: ResolutionIndex,
  minScore = 0.5,
): ResolvedBeacon[] {
  const out: ResolvedBeacon[] = [];
  for (const b of beacons) {
    if (b.level !== 'ip' || b.score.score < minScore) continue;
    const names = index.namesFor(b.host, b.destination);
    if (names.length === 0) continue;
    out.push({
      host: b.host,
      image: b.image,
      ip: b.destination,
      names,
      domains: [...new Set(names.map(registeredDomain))],
      beacon: b,
    });
  }
  return out;
}
