/**
 * Turn one raw indicator string into a normalised IP, CIDR, domain or URL, refanging the usual
 * defanged spellings first ("hxxp://", "evil[.]test", "198.51.100[.]7", "[:]//").
 * Returns a reason instead of throwing: feeds are full of odd lines and one must not stop the rest.
 */
import ipaddr from 'ipaddr.js';
import { getDomain } from 'tldts';
import type { IndicatorKind } from './types.js';

export interface Classified {
  readonly kind: IndicatorKind;
  readonly value: string;
  readonly host: string;
  readonly hostKind: 'ip' | 'cidr' | 'domain';
}

export type ClassifyResult = { readonly ok: true; readonly indicator: Classified } | { readonly ok: false; readonly reason: string };

const DEFANGS: ReadonlyArray<readonly [string, string]> = [
  ['[.]', '.'],
  ['(.)', '.'],
  ['{.}', '.'],
  ['[dot]', '.'],
  ['(dot)', '.'],
  ['[:]', ':'],
  ['[://]', '://'],
  ['[/]', '/'],
];

/** Undo common defanging. Only fixed strings are replaced; nothing here is a user regex. */
export function refang(s: string): string {
  let out = s.trim();
  for (const [from, to] of DEFANGS) if (out.includes(from)) out = out.split(from).join(to);
  if (out.toLowerCase().includes('[dot]')) out = out.replace(/\[dot\]/gi, '.');
  const lower = out.toLowerCase();
  for (const [from, to] of [
    ['hxxps://', 'https://'],
    ['hxxp://', 'http://'],
    ['hxxps:', 'https:'],
    ['hxxp:', 'http:'],
    ['fxp://', 'ftp://'],
  ] as const) {
    if (lower.startsWith(from)) {
      out = to + out.slice(from.length);
      break;
    }
  }
  return out;
}

/** Canonical text of an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4), or null. */
export function canonicalIp(s: string): string | null {
  let t = s.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t).toString();
  if (t.includes(':') && ipaddr.IPv6.isValid(t)) return ipaddr.process(t).toString();
  return null;
}

/** Parse `addr/prefix` into the canonical network form, or null. */
export function canonicalCidr(s: string): { network: string; address: ipaddr.IPv4 | ipaddr.IPv6; prefix: number } | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addrText = s.slice(0, slash);
  const prefixText = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(addrText)) {
    if (prefix > 32) return null;
    addr = ipaddr.IPv4.parse(addrText);
  } else if (addrText.includes(':') && ipaddr.IPv6.isValid(addrText)) {
    addr = ipaddr.IPv6.parse(addrText);
    if (prefix > 128) return null;
    if (addr.isIPv4MappedAddress() && prefix >= 96) {
      addr = addr.toIPv4Address();
      return finishCidr(addr, prefix - 96);
    }
  } else return null;
  return finishCidr(addr, prefix);
}

function finishCidr(addr: ipaddr.IPv4 | ipaddr.IPv6, prefix: number) {
  const bytes = addr.toByteArray();
  for (let bit = prefix; bit < bytes.length * 8; bit++) bytes[bit >> 3]! &= ~(0x80 >> (bit & 7));
  const network = ipaddr.fromByteArray(bytes);
  return { network: `${network.toString()}/${prefix}`, address: network, prefix };
}

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Lower-case, trailing dot removed, IDN to punycode; null when it is not a plausible host name. */
export function canonicalDomain(s: string): string | null {
  let t = s.trim().toLowerCase();
  if (t.endsWith('.')) t = t.slice(0, -1);
  if (t.startsWith('*.')) t = t.slice(2);
  if (t.length === 0 || t.length > 253) return null;
  if (/[^\x00-\x7f]/.test(t)) {
    try {
      t = new URL(`http://${t}`).hostname;
    } catch {
      return null;
    }
  }
  const labels = t.split('.');
  if (labels.length < 2) return null;
  for (const l of labels) if (!LABEL.test(l)) return null;
  if (/^\d+$/.test(labels[labels.length - 1] as string)) return null; // looks like a broken IPv4
  return t;
}

function classifyHost(host: string): Classified | null {
  const ip = canonicalIp(host);
  if (ip !== null) return { kind: 'ip', value: ip, host: ip, hostKind: 'ip' };
  const domain = canonicalDomain(host);
  if (domain !== null) return { kind: 'domain', value: domain, host: domain, hostKind: 'domain' };
  return null;
}

function classifyUrl(text: string): ClassifyResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'malformed URL' };
  }
  const host = classifyHost(url.hostname);
  if (host === null) return { ok: false, reason: 'URL has no usable host' };
  return { ok: true, indicator: { kind: 'url', value: url.href, host: host.host, hostKind: host.hostKind } };
}

/** Strip `:port` from an IPv4 or `[IPv6]:port`. */
function withoutPort(s: string): string {
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(s);
  if (v4) return v4[1] as string;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:\d{1,5}$/.exec(s);
  if (v6) return v6[1] as string;
  return s;
}

/**
 * Classify one value. `expect` narrows what the feed said it is (a CSV type column, a MISP type):
 * a value that is something else is an error rather than a silent reinterpretation.
 */
export function classifyIndicator(rawValue: string, expect?: ReadonlySet<IndicatorKind>): ClassifyResult {
  const text = refang(rawValue);
  if (text.length === 0) return { ok: false, reason: 'empty value' };
  if (text.length > 2048) return { ok: false, reason: 'value longer than 2048 characters' };
  if (/\s/.test(text)) return { ok: false, reason: 'value contains whitespace' };
  let result: ClassifyResult;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    result = classifyUrl(text);
  } else if (text.includes('/')) {
    const cidr = canonicalCidr(text);
    if (cidr !== null) {
      result = { ok: true, indicator: { kind: 'cidr', value: cidr.network, host: cidr.network, hostKind: 'cidr' } };
    } else if (canonicalIp(text.slice(0, text.indexOf('/'))) !== null && /^\d+$/.test(text.slice(text.indexOf('/') + 1))) {
      result = { ok: false, reason: 'invalid CIDR prefix length' };
    } else {
      // A scheme-less URL such as evil.test/gate.php.
      result = classifyUrl(`http://${text}`);
    }
  } else {
    const host = classifyHost(withoutPort(text));
    result = host !== null ? { ok: true, indicator: host } : { ok: false, reason: 'not an IP address, CIDR, domain or URL' };
  }
  if (result.ok && result.indicator.hostKind === 'domain' && getDomain(result.indicator.host) === null) {
    // Only ICANN suffixes (com, co.uk) are refused: a private-section suffix such as a tunnelling
    // service's shared domain is a legitimate thing to hunt for as a whole.
    return { ok: false, reason: 'is a public suffix; it would match every name under it' };
  }
  if (result.ok && expect !== undefined && !expect.has(result.indicator.kind)) {
    return { ok: false, reason: `expected ${[...expect].join(' or ')}, found ${result.indicator.kind}` };
  }
  return result;
}
