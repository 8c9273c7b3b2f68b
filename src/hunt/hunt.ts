/**
 * `hunt`: run the whole detection pack over telemetry in one read, and return ranked findings.
 *
 * 1. The pack's detections are selected (`select`), their searches compiled with the effective macros
 *    (pack defaults < profile < config; tuning-macros.ts) and the pack's extension commands (with the
 *    run's intel). A detection that needs intel when none was given is skipped, with the reason.
 * 2. The input is read once; every batch goes to every detection's pipeline and to the EID 1 process
 *    index (run-pipelines.ts). The reader's prefilter is the union of all of theirs.
 * 3. Each detection's rows become findings through its `finding:` block, get process context from
 *    the index and the risk of what that context shows (findings/context-factors.ts), are filtered by
 *    `minSeverity`, and all findings are ranked together (findings/risk.ts).
 */
import type { Severity } from '../detections/types.js';
import { compileSpl, type CompiledSpl, type SplOptions } from '../engine/run-spl.js';
import { C2huntError, ConfigError, UsageError } from '../errors.js';
import type { Event } from '../events/event.js';
import { applyContextFactors, compileFindingMapper, enrichFindings, ProcessIndex, rankFindings, severityRank } from '../findings/index.js';
import type { Finding, RankedFindings, RankOptions } from '../findings/index.js';
import { newReadStats, readInputs, type ReadInputsOptions } from '../ingest/open.js';
import type { Prefilter, ReadStats } from '../ingest/types.js';
import type { IndicatorSet } from '../intel/indicator-set.js';
import { loadIntel } from '../intel/load.js';
import type { FeedResult } from '../intel/types.js';
import { didYouMean } from '../util/suggest.js';
import { EMPTY_CONFIG, loadTuningConfig, type TuningConfig } from './config.js';
import { loadPack, packCommands, packMacroDescriptions, packMacrosFor, type LoadedPack, type PackDetection } from './pack-adapter.js';
import { DEFAULT_PROFILE, type ProfileName } from './profiles.js';
import { processCreatePrefilter } from './prefilter-union.js';
import { runPipelines, type EventObserver, type PipelineUnit } from './run-pipelines.js';
import { asMacroTable, thresholdNames, tuningMacros, type TuningMacro } from './tuning-macros.js';

export interface HuntOptions {
  /** The pack: a loaded one, or its directory (default: the bundled `detections/`). */
  readonly pack?: LoadedPack | string | undefined;
  /** Detection ids, names or file names, `*` wildcards allowed; default every detection. */
  readonly select?: readonly string[] | undefined;
  /** A tuning config, or the path of one. */
  readonly config?: TuningConfig | string | undefined;
  /** Default: the config's `profile`, else enterprise. */
  readonly profile?: ProfileName | undefined;
  /** Intel feed files (plain, CSV, STIX 2.1, MISP), or indicators already loaded. */
  readonly intel?: readonly string[] | undefined;
  readonly indicators?: IndicatorSet | undefined;
  /** Findings below this severity are left out. */
  readonly minSeverity?: Severity | undefined;
  /** Build the EID 1 process index and attach process context (default true). */
  readonly processContext?: boolean | undefined;
  readonly tz?: string | undefined;
  /** Search time for `now()` (epoch seconds); default the current time. */
  readonly now?: number | undefined;
  readonly rank?: RankOptions | undefined;
  /** Reader settings for `hunt(paths)` (metadata, bad-record and skipped-file callbacks, limits). */
  readonly read?: Partial<Omit<ReadInputsOptions, 'prefilter' | 'stats'>> | undefined;
  /** Called after every batch with the bytes and events read so far (a progress line). */
  readonly onProgress?: ((bytes: number, events: number) => void) | undefined;
  /** Run a step prefix shared by several detections once (default true; false is for comparison). */
  readonly sharePrefixes?: boolean | undefined;
  /** More consumers of the same single read (validate collects labelled events this way). */
  readonly observers?: readonly EventObserver[] | undefined;
}

export interface DetectionOutcome {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly status: 'ran' | 'skipped' | 'failed';
  /** Why it was skipped or how it failed. */
  readonly reason?: string | undefined;
  readonly rows: number;
  readonly findings: number;
  /** Events that reached its pipeline (after the shared prefilter). */
  readonly eventsIn: number;
  readonly elapsedMs: number;
}

export interface HuntResult {
  readonly ranked: RankedFindings;
  /** Every finding after the severity filter, in detection order. */
  readonly findings: readonly Finding[];
  readonly detections: readonly DetectionOutcome[];
  /** Raw result rows per detection id (for validate and debugging). */
  readonly rows: ReadonlyMap<string, readonly Event[]>;
  readonly read: ReadStats;
  /** Times the input was opened and read: always 1 (0 when nothing needed input). */
  readonly passes: number;
  readonly profile: ProfileName;
  readonly macros: ReadonlyMap<string, TuningMacro>;
  readonly intel: readonly FeedResult[];
  /** Findings left out by `minSeverity`. */
  readonly belowSeverity: number;
  readonly elapsedMs: number;
}

/** The input: a function that opens the telemetry with the run's prefilter. */
export type HuntInput = (prefilter: Prefilter | undefined) => AsyncIterable<Event[]> | Iterable<Event[]>;

function globRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function fileStem(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return base.replace(/\.ya?ml$/i, '');
}

/** Detections matching any selector (id, name or file name; `*` wildcards); every one without selectors. */
export function selectDetections(all: readonly PackDetection[], selectors: readonly string[] | undefined): PackDetection[] {
  if (selectors === undefined || selectors.length === 0) return [...all];
  const chosen = new Set<PackDetection>();
  for (const raw of selectors) {
    const s = raw.trim();
    if (s === '') continue;
    const re = globRegex(s);
    const hits = all.filter((d) => re.test(d.id) || re.test(d.name) || re.test(fileStem(d.file)));
    if (hits.length === 0) {
      const names = all.flatMap((d) => [d.id, fileStem(d.file)]);
      throw new UsageError(`no detection matches '${s}'${didYouMean(s, names)} (c2hunt detections lists them)`);
    }
    for (const h of hits) chosen.add(h);
  }
  return all.filter((d) => chosen.has(d));
}

/** Read a config file, checking threshold and macro names against the pack's (default profile's) macros. */
export function resolveConfig(config: TuningConfig | string | undefined, pack: LoadedPack): TuningConfig {
  if (config === undefined) return EMPTY_CONFIG;
  if (typeof config !== 'string') return config;
  const defaults = packMacrosFor(pack, DEFAULT_PROFILE);
  return loadTuningConfig(config, { thresholds: thresholdNames(defaults), macros: [...defaults.keys()] });
}

/** The effective macros for a profile: the pack's, then the config's. */
export function effectiveMacros(pack: LoadedPack, config: TuningConfig, profile: ProfileName): Map<string, TuningMacro> {
  return tuningMacros(packMacrosFor(pack, profile), config, packMacroDescriptions(pack, profile));
}

export interface PreparedHunt {
  readonly pack: LoadedPack;
  readonly profile: ProfileName;
  readonly macros: ReadonlyMap<string, TuningMacro>;
  readonly intel: readonly FeedResult[];
  readonly units: readonly { readonly detection: PackDetection; readonly compiled: CompiledSpl }[];
  readonly skipped: readonly { readonly detection: PackDetection; readonly reason: string }[];
  /** What the searches were compiled with (to compile them again, e.g. for validate's replays). */
  readonly splOptions: SplOptions;
}

/** Load, select and compile; throws before any input is opened when something is wrong. */
export function prepareHunt(options: HuntOptions = {}): PreparedHunt {
  const pack = typeof options.pack === 'object' ? options.pack : loadPack(options.pack);
  const config = resolveConfig(options.config, pack);
  const profile = options.profile ?? config.profile ?? DEFAULT_PROFILE;
  const macros = effectiveMacros(pack, config, profile);
  const table = asMacroTable(macros);
  let intel: FeedResult[] = [];
  let indicators = options.indicators;
  if (options.intel !== undefined && options.intel.length > 0) {
    const loaded = loadIntel(options.intel);
    intel = loaded.feeds;
    if (indicators === undefined) indicators = loaded.set;
    else for (const f of loaded.feeds) for (const i of f.indicators) indicators.add(i);
  }
  const commands = packCommands({ indicators });
  const splOptions: SplOptions = { macros: table, commands, tz: options.tz, now: options.now };
  const selected = selectDetections(pack.detections, options.select);
  const units: { detection: PackDetection; compiled: CompiledSpl }[] = [];
  const skipped: { detection: PackDetection; reason: string }[] = [];
  for (const d of selected) {
    if (d.requires.includes('intel') && indicators === undefined) {
      skipped.push({ detection: d, reason: 'needs an intel feed (give --intel FILE)' });
      continue;
    }
    let compiled: CompiledSpl;
    try {
      compiled = compileSpl(d.search, splOptions);
    } catch (err) {
      if (err instanceof C2huntError) throw new ConfigError(`${d.file}: ${err.message}`, { file: d.file });
      throw err;
    }
    const mapper = compileFindingMapper(d.info);
    if (!mapper.ok) {
      const list = mapper.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
      throw new ConfigError(`${d.file}: ${list}`, { file: d.file });
    }
    units.push({ detection: d, compiled });
  }
  return { pack, profile, macros, intel, units, skipped, splOptions };
}

/** Run a prepared hunt over an input; reads it once. */
export async function runHunt(prepared: PreparedHunt, input: HuntInput, options: HuntOptions = {}, read: ReadStats = newReadStats()): Promise<HuntResult> {
  const started = performance.now();
  const withContext = options.processContext ?? true;
  const index = withContext ? new ProcessIndex() : undefined;
  const observers: EventObserver[] = [];
  if (index !== undefined) observers.push({ prefilter: processCreatePrefilter(), observe: (batch) => index.addBatch(batch) });
  for (const o of options.observers ?? []) observers.push(o);
  const pipelineUnits: PipelineUnit[] = prepared.units.map((u) => ({ id: u.detection.id, compiled: u.compiled }));
  let passes = 0;
  const counted: HuntInput = (prefilter) => {
    passes++;
    return input(prefilter);
  };
  const onProgress = options.onProgress;
  const result = await runPipelines(
    pipelineUnits,
    counted,
    observers,
    onProgress === undefined ? undefined : () => onProgress(read.bytes, read.events),
    options.sharePrefixes ?? true,
  );

  const min = options.minSeverity === undefined ? -1 : severityRank(options.minSeverity);
  const findings: Finding[] = [];
  const rows = new Map<string, readonly Event[]>();
  const outcomes: DetectionOutcome[] = [];
  let belowSeverity = 0;
  prepared.units.forEach((u, i) => {
    const run = result.runs[i]!;
    rows.set(u.detection.id, run.rows);
    const base = { id: u.detection.id, name: u.detection.name, file: u.detection.file, eventsIn: run.eventsIn, elapsedMs: run.elapsedMs };
    if (run.error !== undefined) {
      outcomes.push({ ...base, status: 'failed', reason: run.error.message, rows: 0, findings: 0 });
      return;
    }
    const compiled = compileFindingMapper(u.detection.info);
    if (!compiled.ok) throw new Error('checked in prepareHunt');
    let mapped = run.rows.map((r) => compiled.mapper.map(r));
    if (index !== undefined) mapped = enrichFindings(mapped, index);
    // Context from the index or from the detection's own row (a scheduled task's command line).
    mapped = applyContextFactors(mapped);
    const kept = mapped.filter((f) => severityRank(f.severity) >= min);
    belowSeverity += mapped.length - kept.length;
    for (const f of kept) findings.push(f);
    outcomes.push({ ...base, status: 'ran', rows: run.rows.length, findings: kept.length });
  });
  for (const s of prepared.skipped) {
    outcomes.push({ id: s.detection.id, name: s.detection.name, file: s.detection.file, status: 'skipped', reason: s.reason, rows: 0, findings: 0, eventsIn: 0, elapsedMs: 0 });
  }
  const order = new Map(prepared.pack.detections.map((d, i) => [d.id, i]));
  outcomes.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    ranked: rankFindings(findings, options.rank),
    findings,
    detections: outcomes,
    rows,
    read,
    passes,
    profile: prepared.profile,
    macros: prepared.macros,
    intel: prepared.intel,
    belowSeverity,
    elapsedMs: performance.now() - started,
  };
}

/** Hunt an input given as batches (library use, tests): `input` receives the union prefilter. */
export async function huntEvents(input: HuntInput, options: HuntOptions = {}): Promise<HuntResult> {
  return runHunt(prepareHunt(options), input, options);
}

/**
 * Hunt telemetry files and directories with the detection pack.
 * @example
 *   const { ranked } = await hunt(['logs/'], { profile: 'lab', intel: ['feeds/c2.txt'] });
 */
export async function hunt(paths: readonly string[], options: HuntOptions = {}): Promise<HuntResult> {
  const prepared = prepareHunt(options);
  const stats = newReadStats();
  const read = options.read ?? {};
  const input: HuntInput = (prefilter) =>
    readInputs(paths, {
      meta: read.meta ?? { index: 'wineventlog', naming: 'legacy' },
      onBadRecord: read.onBadRecord ?? (() => {}),
      onSkippedFile: read.onSkippedFile,
      maxRecordBytes: read.maxRecordBytes,
      batchSize: read.batchSize,
      // `_raw` is the largest field of every event; keep it only when some detection can look at it.
      keepRaw: read.keepRaw ?? prepared.units.some((u) => u.compiled.hints.keepRaw),
      prefilter,
      stats,
    });
  return runHunt(prepared, input, options, stats);
}

