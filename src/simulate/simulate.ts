/**
 * `simulate(options)`: generate the estate's telemetry into a directory, host by host, with every
 * host's sources merged in write order, and write the ground truth and a manifest beside it.
 *
 * Layout (docs/simulate.md):
 *   <out>/manifest.json                       seed, estate, scenarios, sources, counts, files
 *   <out>/labels.ndjson[.gz]                  one label per event (Computer + Channel + EventRecordID)
 *   <out>/entities.json                       ground-truth entities (host, image, destination)
 *   <out>/events/<HOST>/sysmon.xml[.gz]       Microsoft-Windows-Sysmon/Operational   (--format xml)
 *   <out>/events/<HOST>/security.xml[.gz]     Security
 *   <out>/events/<HOST>/powershell.xml[.gz]   Microsoft-Windows-PowerShell/Operational
 *   <out>/events/<HOST>/ecs.ndjson[.gz]       every channel                          (--format ecs)
 *   <out>/events/<HOST>/nxlog.ndjson[.gz]     every channel                          (--format nxlog)
 * `.xml` holds one XmlWinEventLog event per line; `.ndjson` one JSON document per line. Events in a file
 * are in write order (TimeCreated; EventRecordID ascends per channel).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Rng } from './prng.js';
import { buildEstate, type Estate, type Host } from './estate.js';
import { BENIGN_SOURCES } from './benign/index.js';
import { SCENARIOS } from './scenarios/index.js';
import { OrderedSource, mergeSources } from './stream.js';
import { LineFile } from './output.js';
import { EntityCollector, labelLine, type EntityRecord } from './labels.js';
import { rendererFor, type OutputFormat } from './writers/index.js';
import { BENIGN_CATEGORIES, CHANNEL_FILES, CHANNEL_NAMES, SEED_FALSE_POSITIVE_CATEGORIES, labelOwner, type AttackLabel, type BenignLabel, type ChannelId, type SimEvent } from './model.js';
import { DEFAULT_START, isoMs } from './clock.js';
import { describeSleep } from './jitter.js';
import type { Scenario } from './source.js';

export const GENERATOR_VERSION = 1;

export interface SimulateOptions {
  readonly out: string;
  readonly seed?: number;
  readonly hosts?: number;
  readonly days?: number;
  /** Scenario names; default all. An empty list runs none. */
  readonly scenarios?: readonly string[];
  readonly benign?: boolean;
  readonly format?: OutputFormat;
  /** Start of the window, epoch ms (UTC). */
  readonly startMs?: number;
  /** The estate's fixed UTC offset for office hours and NXLog's EventTime (minutes). */
  readonly utcOffsetMinutes?: number;
  readonly gzip?: boolean;
  /** Called after each host with (hosts done, hosts total, events so far). */
  readonly onProgress?: (done: number, total: number, events: number) => void;
}

export const DEFAULTS = { seed: 1, hosts: 10, days: 7, format: 'xml' as OutputFormat, utcOffsetMinutes: 60 };

/**
 * A small estate for `c2hunt demo`: every scenario and every benign category (which needs a server and
 * four workstations), a working week's first days, generated in a few seconds.
 */
export const DEMO_OPTIONS = { seed: 1, hosts: 6, days: 3 } as const;

export interface Counts {
  events: number;
  byChannel: Record<string, number>;
  byEventId: Record<string, number>;
  byOwner: Record<string, number>;
  /** Events beyond the window's end that were not written. */
  droppedAfterEnd: number;
}

export interface Manifest {
  readonly generator: string;
  readonly generatorVersion: number;
  readonly seed: number;
  readonly start: string;
  readonly end: string;
  readonly days: number;
  readonly utcOffsetMinutes: number;
  readonly format: OutputFormat;
  readonly gzip: boolean;
  readonly benign: boolean;
  readonly layout: Record<string, string>;
  readonly hosts: readonly {
    name: string;
    computer: string;
    kind: string;
    role: string;
    ip: string;
    user: string | null;
    alwaysOn: boolean;
    sessions: number;
  }[];
  readonly scenarios: readonly { name: string; title: string; description: string; hosts: string[]; infrastructure: readonly string[]; steps: readonly string[] }[];
  readonly benignSources: readonly { name: string; category: string; description: string; hosts: string[] }[];
  readonly benignCategories: Record<string, string>;
  readonly seedFalsePositiveCategories: readonly string[];
  readonly files: readonly { path: string; events: number }[];
  readonly counts: Counts;
}

export interface SimulateResult {
  readonly out: string;
  readonly manifest: Manifest;
}

export function selectScenarios(names: readonly string[] | undefined): Scenario[] {
  if (names === undefined) return [...SCENARIOS];
  return names.map((n) => {
    const s = SCENARIOS.find((x) => x.name === n);
    if (s === undefined) throw new Error(`unknown scenario '${n}' (known: ${SCENARIOS.map((x) => x.name).join(', ')})`);
    return s;
  });
}

interface HostPlan {
  readonly host: Host;
  readonly sources: OrderedSource[];
  readonly scenarioNames: string[];
  readonly benignNames: string[];
}

function planHost(estate: Estate, host: Host, scenarios: readonly Scenario[], scenarioHosts: Map<string, Host[]>, benign: boolean): HostPlan {
  const sources: OrderedSource[] = [];
  const benignNames: string[] = [];
  const scenarioNames: string[] = [];
  if (benign) {
    for (const src of BENIGN_SOURCES) {
      if (!src.applies(host, estate)) continue;
      const label: BenignLabel = { kind: 'benign', category: src.category, source: src.name };
      sources.push(new OrderedSource(src.episodes({ estate, host, rng: Rng.of(estate.seed, host.name, 'benign', src.name), label }), src.name));
      benignNames.push(src.name);
    }
  }
  for (const sc of scenarios) {
    if (!(scenarioHosts.get(sc.name) ?? []).includes(host)) continue;
    const labels = new Map<string, AttackLabel>();
    const step = (s: string): AttackLabel => {
      let l = labels.get(s);
      if (l === undefined) labels.set(s, (l = { kind: 'attack', scenario: sc.name, step: s }));
      return l;
    };
    sources.push(new OrderedSource(sc.episodes({ estate, host, rng: Rng.of(estate.seed, host.name, 'scenario', sc.name), step }), sc.name));
    scenarioNames.push(sc.name);
  }
  return { host, sources, scenarioNames, benignNames };
}

/** Generate a dataset. Throws on bad options (the CLI turns them into usage errors). */
export async function simulate(options: SimulateOptions): Promise<SimulateResult> {
  const seed = options.seed ?? DEFAULTS.seed;
  const hosts = options.hosts ?? DEFAULTS.hosts;
  const days = options.days ?? DEFAULTS.days;
  const format = options.format ?? DEFAULTS.format;
  const gzip = options.gzip ?? false;
  const benign = options.benign ?? true;
  const utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULTS.utcOffsetMinutes;
  const startMs = options.startMs ?? DEFAULT_START;
  if (!Number.isInteger(hosts) || hosts < 1) throw new Error('hosts must be a positive integer');
  if (!(days > 0) || !Number.isFinite(days)) throw new Error('days must be a positive number');
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  const scenarios = selectScenarios(options.scenarios);
  const estate = buildEstate({ seed, hosts, days, startMs, utcOffsetMinutes });
  const renderer = rendererFor(format, utcOffsetMinutes);
  const gz = gzip ? '.gz' : '';

  const out = options.out;
  mkdirSync(out, { recursive: true });
  if (existsSync(join(out, 'events')) && readdirSync(join(out, 'events')).length > 0) {
    throw new Error(`${join(out, 'events')} already holds a dataset; choose an empty --out directory`);
  }

  const scenarioHosts = new Map<string, Host[]>();
  for (const sc of scenarios) scenarioHosts.set(sc.name, sc.pickHosts(estate, Rng.of(seed, 'pick', sc.name)));

  const labels = new LineFile(join(out, `labels.ndjson${gz}`), gzip);
  const entities = new LineFile(join(out, 'entities.json'), false);
  entities.push('[');
  let firstEntity = true;
  const counts: Counts = { events: 0, byChannel: {}, byEventId: {}, byOwner: {}, droppedAfterEnd: 0 };
  const files: { path: string; events: number }[] = [];
  const sourceHosts = new Map<string, string[]>();

  for (const host of estate.hostList) {
    const plan = planHost(estate, host, scenarios, scenarioHosts, benign);
    for (const n of plan.benignNames) sourceHosts.set(n, [...(sourceHosts.get(n) ?? []), host.name]);
    // XML: one file per channel, as Splunk's XmlWinEventLog inputs are per channel. ECS and NXLog: one
    // file per host with every channel, as Winlogbeat and NXLog ship them.
    const sinks = new Map<string, LineFile>();
    const rng = Rng.of(seed, host.name, 'record-ids');
    const nextRecord: Record<ChannelId, number> = { sysmon: rng.int(1000, 90000), security: rng.int(10000, 900000), powershell: rng.int(100, 20000) };
    const collector = new EntityCollector();
    for (const e of mergeSources(plan.sources)) {
      if (e.utcMs >= estate.endMs) {
        counts.droppedAfterEnd++;
        continue;
      }
      const stem = format === 'xml' ? CHANNEL_FILES[e.channel] : format;
      let sink = sinks.get(stem);
      if (sink === undefined) {
        sink = new LineFile(join(out, 'events', host.name, `${stem}.${renderer.extension}${gz}`), gzip);
        sinks.set(stem, sink);
      }
      const recordId = nextRecord[e.channel]++;
      count(counts, e);
      collector.add(e);
      sink.push(renderer.render(e, recordId));
      labels.push(labelLine(e, recordId));
    }
    for (const [stem, sink] of [...sinks.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      sink.close();
      files.push({ path: `events/${host.name}/${stem}.${renderer.extension}${gz}`, events: sink.lines });
    }
    for (const rec of collector.drain()) {
      entities.push(`${firstEntity ? '' : ','}${JSON.stringify(rec)}`);
      firstEntity = false;
    }
    options.onProgress?.(host.index + 1, estate.hostList.length, counts.events);
  }
  entities.push(']');
  labels.close();
  entities.close();

  const manifest: Manifest = {
    generator: 'c2hunt simulate',
    generatorVersion: GENERATOR_VERSION,
    seed,
    start: isoMs(startMs),
    end: isoMs(estate.endMs),
    days,
    utcOffsetMinutes,
    format,
    gzip,
    benign,
    layout: {
      events: format === 'xml' ? `events/<HOST>/<sysmon|security|powershell>.xml${gz}` : `events/<HOST>/${format}.ndjson${gz} (all channels)`,
      labels: `labels.ndjson${gz}`,
      entities: 'entities.json',
      channels: Object.entries(CHANNEL_FILES)
        .map(([id, stem]) => `${stem} = ${CHANNEL_NAMES[id as ChannelId]}`)
        .join('; '),
    },
    hosts: estate.hostList.map((h) => ({
      name: h.name,
      computer: h.fqdn,
      kind: h.kind,
      role: h.role,
      ip: h.ip,
      user: h.user?.name ?? null,
      alwaysOn: h.alwaysOn,
      sessions: h.sessions.length,
    })),
    scenarios: scenarios.map((s) => ({
      name: s.name,
      title: s.title,
      description: s.description,
      hosts: (scenarioHosts.get(s.name) ?? []).map((h) => h.fqdn),
      infrastructure: s.infrastructure,
      steps: s.steps,
    })),
    benignSources: benign
      ? BENIGN_SOURCES.map((b) => ({ name: b.name, category: b.category, description: b.description, hosts: sourceHosts.get(b.name) ?? [] }))
      : [],
    benignCategories: { ...BENIGN_CATEGORIES },
    seedFalsePositiveCategories: Object.keys(SEED_FALSE_POSITIVE_CATEGORIES),
    files,
    counts,
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { out, manifest };
}

const ownerOf = new WeakMap<object, string>();

function count(c: Counts, e: SimEvent): void {
  c.events++;
  const ch = CHANNEL_NAMES[e.channel];
  c.byChannel[ch] = (c.byChannel[ch] ?? 0) + 1;
  const id = `${e.channel}:${e.eventId}`;
  c.byEventId[id] = (c.byEventId[id] ?? 0) + 1;
  let owner = ownerOf.get(e.label);
  if (owner === undefined) ownerOf.set(e.label, (owner = labelOwner(e.label)));
  c.byOwner[owner] = (c.byOwner[owner] ?? 0) + 1;
}

/** Generate into a fresh temporary directory (demo, validate); `cleanup()` removes it. */
export async function simulateToTempDir(options: Omit<SimulateOptions, 'out'>): Promise<SimulateResult & { cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'c2hunt-sim-'));
  try {
    const result = await simulate({ ...options, out: dir });
    return { ...result, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Scenario descriptions for --list. */
export function listScenarios(): { name: string; title: string; description: string; infrastructure: readonly string[] }[] {
  return SCENARIOS.map((s) => ({ name: s.name, title: s.title, description: s.description, infrastructure: s.infrastructure }));
}

export type { EntityRecord };
export { describeSleep };
