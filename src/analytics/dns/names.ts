/**
 * Host-name helpers for DNS analytics: normalisation, registered domain (public suffix list via tldts,
 * private section included so `x.duckdns.org` and `y.duckdns.org` are different registrants), and
 * Sysmon's QueryResults format ("type:  5 cname;::ffff:192.0.2.1;2001:db8::1;" — platforms.md §5.4).
 */
import { getDomain, getDomainWithoutSuffix, getSubdomain } from 'tldts';

const OPTS = { allowPrivateDomains: true } as const;

/** Lower-case without a trailing dot; null for empty or "-". */
export function normaliseName(name: string): string | null {
  let n = name.trim().toLowerCase();
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n === '' || n === '-' ? null : n;
}

/** Registered domain (eTLD+1), or the name itself when it has none (single labels, unknown forms). */
export function registeredDomain(name: string): string {
  return getDomain(name, OPTS) ?? name;
}

/**
 * The label a DGA would generate: the one left of the ICANN public suffix. The private section is left
 * out on purpose: platforms hand their customers random IDs (`d1a2b3c4.cloudfront.net`,
 * `<md5>.clo.footprintdns.com` in real Sysmon data), which are generated but not by the adversary.
 */
export function registrableLabel(name: string): string {
  return getDomainWithoutSuffix(name) ?? name.split('.')[0] ?? name;
}

/** Everything left of the registered domain ("" when none). */
export function subdomainOf(name: string): string {
  return getSubdomain(name, OPTS) ?? '';
}

export interface QueryAnswers {
  readonly addresses: string[];
  readonly cnames: string[];
}

/** Parse Sysmon EID 22 QueryResults. IPv4 answers appear IPv4-mapped and come back as plain IPv4. */
export function parseQueryResults(results: string): QueryAnswers {
  const addresses: string[] = [];
  const cnames: string[] = [];
  for (const raw of results.split(';')) {
    const part = raw.trim();
    if (part === '' || part === '-') continue;
    if (part.startsWith('type:')) {
      const m = /^type:\s+(\d+)\s+(\S+)$/.exec(part);
      if (m && m[1] === '5') {
        const n = normaliseName(m[2] as string);
        if (n !== null) cnames.push(n);
      }
      continue;
    }
    const lower = part.toLowerCase();
    addresses.push(lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower);
  }
  return { addresses, cnames };
}
