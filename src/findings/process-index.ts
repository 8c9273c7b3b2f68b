/**
 * Process context for findings, from Sysmon EID 1 (process creation) seen while events stream.
 *
 * The index is bounded three ways (defaults in PROCESS_INDEX_DEFAULTS, docs/risk-ranking.md):
 * - at most `maxEntries` processes in all, least recently used evicted first (linked recency lists);
 * - at most `maxPerHost` per host, so one busy server cannot push every other host out;
 * - at most `maxChars` characters of stored strings in all, each string cut at `maxFieldLength`
 *   (a 32 KB command line keeps its first 2,048 characters and says so).
 * A finding gets context by host + ProcessGuid (exact), or failing that by host + image: the latest
 * process of that image started at or before the finding's first sighting, else the latest one (a best
 * guess, marked `host-image`). Each host + image keeps its `maxPerImage` latest starts for that lookup.
 */
import type { Event, Value } from '../events/event.js';
import { parseUtcTimestamp } from '../events/time.js';
import type { Finding, ProcessContext } from './types.js';

export interface ProcessIndexOptions {
  readonly maxEntries: number;
  readonly maxPerHost: number;
  readonly maxChars: number;
  readonly maxFieldLength: number;
  readonly maxPerImage: number;
}

export const PROCESS_INDEX_DEFAULTS: ProcessIndexOptions = {
  maxEntries: 100_000,
  maxPerHost: 25_000,
  // ~32 MB of UTF-16 text at worst; real command lines average a few hundred characters.
  maxChars: 16_000_000,
  maxFieldLength: 2048,
  maxPerImage: 8,
};

/** A process as EID 1 recorded it. */
export interface ProcessRecord {
  readonly host: string;
  readonly processGuid: string;
  readonly processId?: string | undefined;
  readonly image: string;
  readonly commandLine?: string | undefined;
  readonly parentImage?: string | undefined;
  readonly parentCommandLine?: string | undefined;
  readonly user?: string | undefined;
  readonly started?: number | undefined;
  readonly truncated: boolean;
}

interface Entry {
  readonly key: string;
  readonly hostKey: string;
  readonly imageKeys: readonly string[];
  readonly record: ProcessRecord;
  readonly size: number;
  // Two intrusive recency lists, oldest first: all processes, and this host's. (A Map's insertion order
  // would do, but V8 skips deleted slots when iterating from the front, which made eviction quadratic.)
  prev: Entry | null;
  next: Entry | null;
  hostPrev: Entry | null;
  hostNext: Entry | null;
}

interface Recency {
  head: Entry | null;
  tail: Entry | null;
  size: number;
}

function append(list: Recency, e: Entry, host: boolean): void {
  if (host) {
    e.hostPrev = list.tail;
    e.hostNext = null;
    if (list.tail !== null) list.tail.hostNext = e;
  } else {
    e.prev = list.tail;
    e.next = null;
    if (list.tail !== null) list.tail.next = e;
  }
  list.tail = e;
  if (list.head === null) list.head = e;
  list.size++;
}

function unlink(list: Recency, e: Entry, host: boolean): void {
  const prev = host ? e.hostPrev : e.prev;
  const next = host ? e.hostNext : e.next;
  if (prev !== null) {
    if (host) prev.hostNext = next;
    else prev.next = next;
  } else list.head = next;
  if (next !== null) {
    if (host) next.hostPrev = prev;
    else next.prev = prev;
  } else list.tail = prev;
  if (host) e.hostPrev = e.hostNext = null;
  else e.prev = e.next = null;
  list.size--;
}

function str(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v === '' || v === '-' ? undefined : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  return undefined;
}

function mentionsSysmon(v: Value | undefined): boolean | undefined {
  const s = str(v);
  return s === undefined ? undefined : s.toLowerCase().includes('sysmon');
}

/**
 * Sysmon EID 1: EventCode (or EventID) 1 with a ProcessGuid and an Image. When the event names its
 * channel, source, sourcetype or provider, one of them must mention Sysmon (other providers have an
 * event 1 too).
 */
export function isSysmonProcessCreate(e: Event): boolean {
  const code = str(e['EventCode'] ?? e['EventID']);
  if (code !== '1') return false;
  if (str(e['ProcessGuid']) === undefined || str(e['Image']) === undefined) return false;
  let named = false;
  for (const field of ['Channel', 'source', 'sourcetype', 'ProviderName']) {
    const m = mentionsSysmon(e[field]);
    if (m === true) return true;
    if (m === false) named = true;
  }
  return !named;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export class ProcessIndex {
  private readonly options: ProcessIndexOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly recency: Recency = { head: null, tail: null, size: 0 };
  private readonly perHost = new Map<string, Recency>();
  private readonly byImageKey = new Map<string, Entry[]>();
  private chars = 0;
  /** Processes dropped to stay within the caps. */
  evicted = 0;
  /** Strings cut at maxFieldLength. */
  truncatedFields = 0;

  constructor(options: Partial<ProcessIndexOptions> = {}) {
    this.options = { ...PROCESS_INDEX_DEFAULTS, ...options };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters of stored strings (the memory bound, before per-entry overhead). */
  get storedChars(): number {
    return this.chars;
  }

  /** Add an event if it is a Sysmon EID 1; true when it was added. */
  add(event: Event): boolean {
    if (!isSysmonProcessCreate(event)) return false;
    const host = str(event['host']) ?? str(event['Computer']) ?? '-';
    const utc = str(event['UtcTime']);
    const time = event['_time'];
    const started = (utc !== undefined ? parseUtcTimestamp(utc) : null) ?? (typeof time === 'number' ? time : undefined);
    let truncated = false;
    const cut = (v: Value | undefined): string | undefined => {
      const s = str(v);
      if (s === undefined || s.length <= this.options.maxFieldLength) return s;
      truncated = true;
      this.truncatedFields++;
      return `${s.slice(0, this.options.maxFieldLength - 1)}…`;
    };
    const record: ProcessRecord = {
      host,
      processGuid: cut(event['ProcessGuid']) as string,
      processId: cut(event['ProcessId']),
      image: cut(event['Image']) as string,
      commandLine: cut(event['CommandLine']),
      parentImage: cut(event['ParentImage']),
      parentCommandLine: cut(event['ParentCommandLine']),
      user: cut(event['User']),
      started,
      truncated,
    };
    this.insert(record);
    return true;
  }

  /** Add every EID 1 of a batch. */
  addBatch(events: readonly Event[]): void {
    for (const e of events) this.add(e);
  }

  private insert(record: ProcessRecord): void {
    const hostKey = record.host.toLowerCase();
    const key = `${hostKey}\u0000${record.processGuid.toLowerCase()}`;
    const old = this.entries.get(key);
    if (old !== undefined) this.remove(old);
    const image = record.image.toLowerCase();
    const imageKeys = [`${hostKey}\u0000${image}`, `${hostKey}\u0000#${basename(image)}`];
    let size = 64;
    for (const v of Object.values(record)) if (typeof v === 'string') size += v.length;
    const entry: Entry = { key, hostKey, imageKeys, record, size, prev: null, next: null, hostPrev: null, hostNext: null };
    this.entries.set(key, entry);
    append(this.recency, entry, false);
    let hostList = this.perHost.get(hostKey);
    if (hostList === undefined) this.perHost.set(hostKey, (hostList = { head: null, tail: null, size: 0 }));
    append(hostList, entry, true);
    for (const ik of imageKeys) this.addToImage(ik, entry);
    this.chars += size;

    while (hostList.size > this.options.maxPerHost && hostList.head !== null) this.evict(hostList.head);
    while ((this.entries.size > this.options.maxEntries || this.chars > this.options.maxChars) && this.recency.head !== null) {
      this.evict(this.recency.head);
    }
  }

  private addToImage(imageKey: string, entry: Entry): void {
    let list = this.byImageKey.get(imageKey);
    if (list === undefined) this.byImageKey.set(imageKey, (list = []));
    // Kept ascending by start time (unknown starts first); at most maxPerImage, the earliest dropped.
    const t = entry.record.started ?? -Infinity;
    let i = list.length;
    while (i > 0 && ((list[i - 1] as Entry).record.started ?? -Infinity) > t) i--;
    list.splice(i, 0, entry);
    if (list.length > this.options.maxPerImage) list.shift();
  }

  private evict(entry: Entry): void {
    this.remove(entry);
    this.evicted++;
  }

  private remove(entry: Entry): void {
    this.entries.delete(entry.key);
    unlink(this.recency, entry, false);
    const hostList = this.perHost.get(entry.hostKey);
    if (hostList !== undefined) {
      unlink(hostList, entry, true);
      if (hostList.size === 0) this.perHost.delete(entry.hostKey);
    }
    for (const ik of entry.imageKeys) {
      const list = this.byImageKey.get(ik);
      if (list === undefined) continue;
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.byImageKey.delete(ik);
    }
    this.chars -= entry.size;
  }

  private touch(entry: Entry): void {
    unlink(this.recency, entry, false);
    append(this.recency, entry, false);
    const hostList = this.perHost.get(entry.hostKey);
    if (hostList !== undefined) {
      unlink(hostList, entry, true);
      append(hostList, entry, true);
    }
  }

  /** The process with this ProcessGuid on this host. */
  byGuid(host: string, processGuid: string): ProcessRecord | undefined {
    const entry = this.entries.get(`${host.toLowerCase()}\u0000${processGuid.toLowerCase()}`);
    if (entry === undefined) return undefined;
    this.touch(entry);
    return entry.record;
  }

  /**
   * The latest process of this image on this host started at or before `at`, else the latest one.
   * An image without a directory matches on the file name.
   */
  byImage(host: string, image: string, at?: number): ProcessRecord | undefined {
    const lower = image.toLowerCase();
    const hasDir = lower.includes('\\') || lower.includes('/');
    const list = this.byImageKey.get(`${host.toLowerCase()}\u0000${hasDir ? lower : `#${lower}`}`);
    if (list === undefined || list.length === 0) return undefined;
    let chosen: Entry | undefined;
    if (at !== undefined) {
      for (const e of list) if (e.record.started !== undefined && e.record.started <= at) chosen = e;
    }
    chosen ??= list[list.length - 1] as Entry;
    this.touch(chosen);
    return chosen.record;
  }

  /** Context for one finding, or undefined when no EID 1 matches. */
  contextFor(f: Finding): ProcessContext | undefined {
    let record: ProcessRecord | undefined;
    let match: ProcessContext['match'] = 'process-guid';
    if (f.processGuid !== undefined) record = this.byGuid(f.host, f.processGuid);
    if (record === undefined && f.process !== undefined) {
      record = this.byImage(f.host, f.process, f.firstSeen);
      match = 'host-image';
    }
    if (record === undefined) return undefined;
    return {
      match,
      image: record.image,
      commandLine: record.commandLine,
      parentImage: record.parentImage,
      parentCommandLine: record.parentCommandLine,
      user: record.user,
      processGuid: record.processGuid,
      processId: record.processId,
      started: record.started,
      truncated: record.truncated || undefined,
    };
  }
}

/**
 * Attach process context to findings that have none from their own row. A finding without a user takes
 * the process's. Returns new findings; the input is not changed.
 */
export function enrichFindings(findings: readonly Finding[], index: ProcessIndex): Finding[] {
  return findings.map((f) => {
    if (f.context !== undefined) return f;
    const context = index.contextFor(f);
    if (context === undefined) return f;
    return { ...f, context, user: f.user ?? context.user };
  });
}
