/**
 * Destinations and the DNS-then-connect sequence every process goes through.
 *
 * A process that reaches a name queries it (Sysmon EID 22, with the answer in QueryResults) unless it
 * still holds an answer younger than the record's TTL, then connects (EID 3) to an address from that
 * answer a few milliseconds later. Raw-IP destinations skip DNS. Sysmon logs queries made through the
 * Windows resolver "whether successful or not, cached or not" [R40]; the per-process TTL cache models the
 * application's own reuse of an answer.
 */
import type { Rng } from './prng.js';
import type { Label, SimEvent } from './model.js';
import type { Proc, Session } from './estate.js';
import { dnsQuery, networkConnect } from './build.js';
import { benignPtr, formatQueryResults, resolveBenign, type DomainSpec, type Resolution } from './infra.js';

export interface Destination {
  /** The name the process asks for, or null for a raw address. */
  readonly name: string | null;
  /** For raw addresses. */
  readonly ip?: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** TTL in seconds of the name's answer. */
  readonly ttl: number;
  resolve(atMs: number): Resolution;
  /** Sysmon's DestinationHostname for an address of this destination. */
  ptr(ip: string): string;
  /** The ground-truth destination name (e.g. a tunnel's zone), when not the query name itself. */
  readonly entityDomain?: string;
}

export function benignDest(spec: DomainSpec, port = 443, protocol: 'tcp' | 'udp' = 'tcp'): Destination {
  return {
    name: spec.name,
    port,
    protocol,
    ttl: spec.ttl,
    resolve: (t) => resolveBenign(spec, t),
    ptr: (ip) => benignPtr(spec.provider, ip),
  };
}

/** A corp.example service: answered by the DC, reverse-resolvable (Sysmon shows its FQDN). */
export function internalDest(name: string, ip: string, port: number, protocol: 'tcp' | 'udp' = 'tcp', ttl = 1200): Destination {
  return {
    name,
    port,
    protocol,
    ttl,
    resolve: () => ({ status: 0, cnames: [], addresses: [ip] }),
    ptr: () => name,
  };
}

export function rawIpDest(ip: string, port: number, ptr = '-', protocol: 'tcp' | 'udp' = 'tcp'): Destination {
  return {
    name: null,
    ip,
    port,
    protocol,
    ttl: 0,
    resolve: () => ({ status: 0, cnames: [], addresses: [ip] }),
    ptr: () => ptr,
  };
}

/**
 * A process's remembered answers: name → (answer, when it was obtained, expiry ms). Sources interleave
 * lazily, so an entry may have been made for a later time than the one asking; it only counts when it was
 * obtained at or before the asking time.
 */
export type DnsCache = Map<string, { r: Resolution; from: number; until: number }>;

export interface ContactResult {
  readonly events: SimEvent[];
  /** Time (ms) after the last event of the contact. */
  readonly endMs: number;
  /** The address connected to, or null when resolution failed. */
  readonly ip: string | null;
}

/**
 * One contact: DNS when needed, then `connections` connections (a check-in that opens several, or a page
 * that opens parallel sockets), each a few milliseconds apart.
 */
export function contact(
  rng: Rng,
  session: Session,
  proc: Proc,
  atMs: number,
  dest: Destination,
  cache: DnsCache | null,
  label: Label,
  connections = 1,
  dnsLabel: Label = label,
): ContactResult {
  const events: SimEvent[] = [];
  let t = atMs;
  let ip: string | null = dest.ip ?? null;
  if (dest.name !== null) {
    const held = cache?.get(dest.name);
    let r: Resolution;
    if (held !== undefined && held.from <= t && t < held.until) {
      r = held.r;
    } else {
      r = dest.resolve(t);
      events.push(dnsQuery(rng, session, proc, t, dest.name, r.status, formatQueryResults(r), dnsLabel, dest.entityDomain ?? dest.name));
      cache?.set(dest.name, { r, from: t, until: t + dest.ttl * 1000 });
      t += rng.int(2, 45);
    }
    ip = r.status === 0 ? (r.addresses.find((a) => !a.includes(':')) ?? r.addresses[0] ?? null) : null;
  }
  if (ip === null) return { events, endMs: t, ip: null };
  for (let i = 0; i < connections; i++) {
    if (i > 0) t += rng.int(3, 400);
    events.push(
      networkConnect(
        rng,
        session,
        proc,
        t,
        {
          protocol: dest.protocol,
          destinationIp: ip,
          destinationPort: dest.port,
          destinationHostname: dest.ptr(ip),
          ...(dest.name !== null ? { viaDomain: dest.entityDomain ?? dest.name } : {}),
        },
        label,
      ),
    );
  }
  return { events, endMs: t + 1, ip };
}
