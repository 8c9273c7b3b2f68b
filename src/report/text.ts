/**
 * Display text shared by the console and HTML reports: evidence values by unit, times, destinations,
 * and truncation. Log text is made visible (util/escape.ts) before it is measured or cut.
 */
import type { Evidence, Finding, RiskObject } from '../findings/index.js';
import { formatBytes, formatCount, formatDecimal, formatDuration, formatIsoTime } from '../util/format.js';

/** Evidence value as an analyst reads it: "1,440", "60 s", "2024-01-02T03:04:05Z", "12.5%". */
export function formatEvidence(e: Evidence): string {
  const one = (v: number | string): string => {
    if (typeof v === 'string') return v;
    switch (e.unit) {
      case 'count':
        return formatCount(v);
      case 'seconds':
        return formatDuration(v);
      case 'epoch':
        return formatIsoTime(v);
      case 'ratio':
        return `${formatDecimal(v * 100, 1)}%`;
      case 'score':
        return formatDecimal(v, 3);
      case 'bytes':
        return formatBytes(v);
      default:
        return formatDecimal(v);
    }
  };
  const v = e.value;
  if (Array.isArray(v)) return (v as readonly (number | string)[]).map(one).join(', ');
  return one(v as number | string);
}

export function formatTime(t: number | undefined): string {
  return t === undefined ? '-' : formatIsoTime(t);
}

/** "evil.test (203.0.113.5, 203.0.113.6)", "203.0.113.7", or "-" for no destination. */
export function describeDestination(o: Pick<RiskObject, 'destination' | 'destIps' | 'destinationKind'>): string {
  if (o.destination === null) return '-';
  if (o.destinationKind === 'domain' && o.destIps.length > 0) {
    const ips = o.destIps.slice(0, 3).join(', ') + (o.destIps.length > 3 ? `, +${o.destIps.length - 3}` : '');
    return `${o.destination} (${ips})`;
  }
  return o.destination;
}

/** A finding's own destination: names, then IPs, then ports. */
export function findingDestination(f: Finding): string {
  const parts: string[] = [];
  if (f.destNames.length > 0) parts.push(f.destNames.slice(0, 3).join(', ') + (f.destNames.length > 3 ? ' …' : ''));
  if (f.destIps.length > 0) parts.push(f.destIps.slice(0, 3).join(', ') + (f.destIps.length > 3 ? ' …' : ''));
  let s = parts.length > 0 ? parts.join(' / ') : '-';
  if (f.ports.length > 0) s += ` :${f.ports.slice(0, 5).join(',')}${f.ports.length > 5 ? ',…' : ''}`;
  return s;
}

/** Cut to at most `width` code points, ending in an ellipsis when cut. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  const cps = Array.from(s);
  if (cps.length <= width) return s;
  if (width === 1) return '…';
  return `${cps.slice(0, width - 1).join('')}…`;
}

/** Process-context factors as text: "PowerShell with an encoded command (+10)", the raise last. */
export function factorTexts(f: Finding): string[] {
  const out = (f.factors ?? []).map((x) => `${x.label}${x.points > 0 ? ` (+${x.points})` : ''}`);
  if (f.severityRaisedFrom !== undefined) out.push(`raised from ${f.severityRaisedFrom} to ${f.severity}`);
  return out;
}

/** The label of the process-context factors among the evidence pairs. */
export const CONTEXT_SIGNS = 'context signs';

/** Evidence lines as `label value` pairs, with count, first and last seen and ports first. */
export function evidencePairs(f: Finding): [string, string][] {
  const pairs: [string, string][] = [];
  if (f.count !== undefined) pairs.push(['count', formatCount(f.count)]);
  if (f.firstSeen !== undefined) pairs.push(['first seen', formatIsoTime(f.firstSeen)]);
  if (f.lastSeen !== undefined) pairs.push(['last seen', formatIsoTime(f.lastSeen)]);
  if (f.ports.length > 0) pairs.push(['ports', f.ports.join(', ')]);
  for (const e of f.evidence) pairs.push([e.label, formatEvidence(e)]);
  const factors = factorTexts(f);
  if (factors.length > 0) pairs.push([CONTEXT_SIGNS, factors.join('; ')]);
  return pairs;
}
