/**
 * Ground truth written beside the events:
 * - labels.ndjson: one line per event, keyed by Computer + Channel + EventRecordID (what a reader gets
 *   back from any of the three formats), saying `benign` with category and source, or `attack` with
 *   scenario and step;
 * - entities.json: per label owner (a benign source or a scenario), the (host, process image,
 *   destination) entities its events produced, with the addresses, names and ports seen, connection
 *   counts and active hours; validate measures precision and recall over these. Destination is the
 *   resolved name when the process reached the address through DNS (or the zone of a DNS tunnel),
 *   otherwise the address; events without a destination (process creation, 4104, 4698) give the
 *   process entity (destination null).
 */
import type { Label, SimEvent } from './model.js';
import { CHANNEL_NAMES, labelOwner } from './model.js';
import { isoFromUs } from './clock.js';

const labelJson = new WeakMap<Label, string>();

function labelFragment(label: Label): string {
  let s = labelJson.get(label);
  if (s === undefined) {
    s =
      label.kind === 'benign'
        ? `"label":"benign","category":${JSON.stringify(label.category)},"source":${JSON.stringify(label.source)}`
        : `"label":"attack","scenario":${JSON.stringify(label.scenario)},"step":${JSON.stringify(label.step)}`;
    labelJson.set(label, s);
  }
  return s;
}

export function labelLine(e: SimEvent, recordId: number): string {
  return `{"computer":${JSON.stringify(e.computer)},"channel":${JSON.stringify(CHANNEL_NAMES[e.channel])},"recordId":${recordId},"eventId":${e.eventId},${labelFragment(e.label)}}`;
}

export interface EntityRecord {
  readonly owner: string;
  readonly label: { kind: 'benign'; category: string; source: string } | { kind: 'attack'; scenario: string };
  readonly host: string;
  readonly image: string;
  /** Domain (lower case) or IP; null for a process entity. */
  readonly destination: string | null;
  readonly destinationKind: 'domain' | 'ip' | null;
  ips: string[];
  domains: string[];
  ports: number[];
  /** Outbound connections (EID 3, Initiated=true), DNS queries, other events. */
  connections: number;
  inbound: number;
  dnsQueries: number;
  events: number;
  /** Distinct hour buckets (of the write time, as Splunk's _time) with at least one outbound connection. */
  hoursActive: number;
  firstSeen: string;
  lastSeen: string;
}

const MAX_LIST = 64;

function addCapped<T>(list: T[], v: T): void {
  if (list.length < MAX_LIST && !list.includes(v)) list.push(v);
}

/** Aggregates entities for one host at a time (flushed after each host, so memory stays bounded). */
type Acc = EntityRecord & { hours: Set<number>; first: number; last: number };

export class EntityCollector {
  /** owner → image → destination ('' for none) → record; nested maps avoid building a key per event. */
  private readonly map = new Map<string, Map<string, Map<string, Acc>>>();
  private readonly owners = new WeakMap<Label, string>();

  add(e: SimEvent): void {
    const image = e.data['Image'] ?? e.actorImage;
    if (image === undefined) return;
    let destination: string | null = null;
    let kind: 'domain' | 'ip' | null = null;
    let ip: string | undefined;
    let inbound = false;
    if (e.channel === 'sysmon' && e.eventId === 3) {
      ip = e.data['DestinationIp'];
      inbound = e.data['Initiated'] === 'false';
      if (e.entity?.domain !== undefined) {
        destination = e.entity.domain.toLowerCase();
        kind = 'domain';
      } else if (ip !== undefined) {
        destination = ip;
        kind = 'ip';
      }
    } else if (e.channel === 'sysmon' && e.eventId === 22) {
      destination = (e.entity?.domain ?? e.data['QueryName'] ?? '').toLowerCase();
      kind = 'domain';
    }
    let owner = this.owners.get(e.label);
    if (owner === undefined) this.owners.set(e.label, (owner = labelOwner(e.label)));
    let byImage = this.map.get(owner);
    if (byImage === undefined) this.map.set(owner, (byImage = new Map()));
    let byDest = byImage.get(image);
    if (byDest === undefined) byImage.set(image, (byDest = new Map()));
    let rec = byDest.get(destination ?? '');
    if (rec === undefined) {
      const label = e.label.kind === 'benign' ? { kind: 'benign' as const, category: e.label.category, source: e.label.source } : { kind: 'attack' as const, scenario: e.label.scenario };
      rec = {
        owner,
        label,
        host: e.computer,
        image,
        destination,
        destinationKind: kind,
        ips: [],
        domains: [],
        ports: [],
        connections: 0,
        inbound: 0,
        dnsQueries: 0,
        events: 0,
        hoursActive: 0,
        firstSeen: '',
        lastSeen: '',
        hours: new Set(),
        first: e.createdUs,
        last: e.createdUs,
      };
      byDest.set(destination ?? '', rec);
    }
    rec.events++;
    rec.first = Math.min(rec.first, e.createdUs);
    rec.last = Math.max(rec.last, e.createdUs);
    if (e.eventId === 3 && e.channel === 'sysmon') {
      if (ip !== undefined) addCapped(rec.ips, ip);
      addCapped(rec.ports, Number(e.data['DestinationPort']));
      if (inbound) rec.inbound++;
      else {
        rec.connections++;
        rec.hours.add(Math.floor(e.createdUs / 3_600_000_000));
      }
      if (e.entity?.domain !== undefined) addCapped(rec.domains, e.entity.domain.toLowerCase());
    } else if (e.eventId === 22 && e.channel === 'sysmon') {
      rec.dnsQueries++;
      addCapped(rec.domains, destination as string);
      for (const part of (e.data['QueryResults'] ?? '').split(';')) {
        if (part.startsWith('::ffff:')) addCapped(rec.ips, part.slice(7));
        else if (part !== '' && part !== '-' && !part.startsWith('type:')) addCapped(rec.ips, part);
      }
    }
  }

  /** The host's entities, sorted, then forgotten. */
  drain(): EntityRecord[] {
    const out: EntityRecord[] = [];
    for (const byImage of this.map.values()) {
      for (const byDest of byImage.values()) {
        for (const r of byDest.values()) {
          const { hours, first, last, ...rest } = r;
          out.push({ ...rest, hoursActive: hours.size, firstSeen: isoFromUs(first), lastSeen: isoFromUs(last) });
        }
      }
    }
    this.map.clear();
    out.sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : a.image < b.image ? -1 : a.image > b.image ? 1 : (a.destination ?? '') < (b.destination ?? '') ? -1 : 1));
    return out;
  }
}
