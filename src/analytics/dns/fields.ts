/** Reading the Sysmon EID 22 fields the DNS accumulators need from an event. */
import type { Event, Value } from '../../events/event.js';
import { normaliseName } from './names.js';

export interface DnsQuery {
  readonly time: number;
  readonly host: string;
  readonly image: string;
  /** Normalised QueryName. */
  readonly name: string;
  /** QueryStatus as written ("0", "9003", ...); "" when absent. */
  readonly status: string;
  readonly results: string;
}

function str(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v[0];
  return undefined;
}

/** The query in a Sysmon EID 22 event, or null when it lacks a time, host or QueryName. */
export function dnsQueryOf(event: Event): DnsQuery | null {
  const time = event['_time'];
  const host = str(event['host']);
  const rawName = str(event['QueryName']);
  if (typeof time !== 'number' || host === undefined || rawName === undefined) return null;
  const name = normaliseName(rawName);
  if (name === null) return null;
  return {
    time,
    host,
    image: str(event['Image']) ?? '',
    name,
    status: (str(event['QueryStatus']) ?? '').trim(),
    results: str(event['QueryResults']) ?? '',
  };
}
