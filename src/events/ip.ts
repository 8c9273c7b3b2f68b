/**
 * Strict IP and CIDR parsing for matching (search `ip="10.0.0.0/8"`, eval `cidrmatch`, sort `ip()`).
 *
 * Only canonical spellings count as addresses: IPv4 as four decimal octets without leading zeros
 * (`ipaddr.js` would otherwise accept `10.1`, octal `010.0.0.1` and hex parts, which telemetry never
 * means as IPs), IPv6 in any RFC 4291 form. An IPv4-mapped IPv6 value (`::ffff:192.0.2.1`) matches an
 * IPv4 range, since Windows reports dual-stack sockets that way.
 */
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type CidrRange = readonly [IpAddress, number];

function parseUncached(text: string): IpAddress | null {
  if (text.length < 2 || text.length > 64) return null;
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

/**
 * Recent answers. A search with a CIDR exclusion list parses the same DestinationIp once per range,
 * and telemetry repeats a few thousand addresses and names: in the hunt runner's profile of a
 * simulated estate, parsing took about a tenth of the run before this cache. Cleared when full, so it
 * stays small; the addresses it returns are shared and must not be changed (nothing does).
 */
const CACHE_LIMIT = 4096;
const cache = new Map<string, IpAddress | null>();

/** Parse an address, or null. */
export function parseIp(text: string): IpAddress | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const addr = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, addr);
  return addr;
}

/** Parse `addr/bits`, or a bare address as a single-host range; null when it is neither. */
export function parseCidr(text: string): CidrRange | null {
  const slash = text.indexOf('/');
  const addr = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (addr === null) return null;
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (slash === -1) return [addr, max];
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  return bits <= max ? [addr, bits] : null;
}

/** Whether `addr` lies in `range`, matching IPv4-mapped IPv6 values against IPv4 ranges. */
export function cidrContains(range: CidrRange, addr: IpAddress): boolean {
  const [net, bits] = range;
  let a = addr;
  if (a.kind() !== net.kind()) {
    if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()) a = (a as ipaddr.IPv6).toIPv4Address();
    else return false;
  }
  return (a as ipaddr.IPv4).match(net as ipaddr.IPv4, bits);
}

/** A matcher for one range over text values; non-addresses never match. */
export function cidrMatcher(range: CidrRange): (text: string) => boolean {
  return (text) => {
    const addr = parseIp(text);
    return addr !== null && cidrContains(range, addr);
  };
}
