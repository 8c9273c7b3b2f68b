/**
 * `validate`: run the detection pack over a labelled dataset (`c2hunt simulate` output) and score it
 * against the ground truth with simulate's scoring core (src/simulate/score.ts): per scenario which
 * detections fired and which missed, per detection precision and recall over labelled entities
 * (host + process + destination), false positives by benign category. Every miss is explained
 * (diagnose.ts) from a replay of the scenario's own events through the detection.
 *
 * One read: the hunt's pipelines, the EID 1 index and a collector of the attack-labelled events share
 * it (at most SCENARIO_EVENT_CAP events per scenario are kept for the replays, without `_raw`, so a
 * detection that matches bare words against the record text is replayed without it). The collector's prefilter admits only records whose record number is one of an attack event's
 * (a superset, since record numbers repeat across hosts and channels), so the union prefilter still
 * skips most benign records unparsed.
 */
import { join } from 'node:path';
import { cloneEvent, type Event } from '../events/event.js';
import type { Finding } from '../findings/types.js';
import type { Prefilter } from '../ingest/types.js';
import { labelJoinKey, readEntities, readLabelLines, readManifest } from '../simulate/ground-truth.js';
import type { Manifest } from '../simulate/simulate.js';
import { score, type Finding as ScoredFinding, type ScoreReport, type TruthEntity } from '../simulate/score.js';
import { severityRank } from '../findings/levels.js';
import { exclusionNotes, explainMiss } from './diagnose.js';
import { acceptanceCheck, categorySeverities, rankingReport, type AcceptanceCheck, type CategorySeverities, type LabelledObject, type RankingReport } from './validate-checks.js';
import { prepareHunt, runHunt, type HuntOptions, type HuntResult, type PreparedHunt } from './hunt.js';
import { newReadStats, readInputs } from '../ingest/open.js';
import type { EventObserver } from './run-pipelines.js';
import type { ProfileName } from './profiles.js';

/** Most events kept per scenario for the miss replays. */
export const SCENARIO_EVENT_CAP = 50_000;

export interface ValidateOptions extends HuntOptions {
  /** Replay each scenario's events through the detections that missed it, to say why (default true). */
  readonly explainMisses?: boolean;
}

export interface ScenarioMiss {
  readonly detection: string;
  readonly reasons: readonly string[];
}

export interface ValidateResult {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly profile: ProfileName;
  /** Detection keys (file names without .yml) in pack order, with their ids and names. */
  readonly detections: readonly { readonly key: string; readonly id: string; readonly name: string }[];
  readonly skipped: readonly { readonly key: string; readonly reason: string }[];
  readonly score: ScoreReport;
  /**
   * The same scoring over findings of medium severity or above only: what an analyst who reads the
   * ranked report from the top sees first (the pack rates most benign regularity low).
   */
  readonly scoreMedium: ScoreReport;
  /** Per benign category, false positives by severity (all findings). */
  readonly severities: readonly CategorySeverities[];
  /** Issue #6's acceptance criterion on this run (validate-checks.ts). */
  readonly acceptance: AcceptanceCheck;
  /** Where the attacks' risk objects rank among the benign ones in the hunt's ranked list. */
  readonly ranking: RankingReport;
  /** The ranked risk objects, labelled from the ground truth (rank order). */
  readonly labelledObjects: readonly LabelledObject[];
  /** Scenario → why each detection that missed it did. */
  readonly misses: ReadonlyMap<string, readonly ScenarioMiss[]>;
  readonly hunt: HuntResult;
  readonly events: number;
  readonly elapsedMs: number;
}

export function detectionKey(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).replace(/\.ya?ml$/i, '');
}

/** The finding as the scorer sees it: an address first (Sysmon's own DestinationHostname is a PTR), else a name. */
export function scoredFinding(f: Finding, key: string): ScoredFinding {
  return { detection: key, host: f.host, process: f.process ?? null, destination: f.destIps[0] ?? f.destNames[0] ?? null, severity: f.severity };
}

const RECORD_ID = /(?:<EventRecordID>\s*|"RecordNumber"\s*:\s*"?|"record_id"\s*:\s*"?|"EventRecordID"\s*:\s*"?)(\d+)/;

/** Parse only records whose record number belongs to some attack event (or that show none). */
export function recordIdPrefilter(ids: ReadonlySet<number>): Prefilter {
  return {
    raw: (text) => {
      const m = RECORD_ID.exec(text);
      return m === null || ids.has(Number(m[1]));
    },
  };
}

function str(v: Event[string] | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v[0];
  return undefined;
}

interface AttackLabels {
  readonly byKey: Map<string, string>;
  readonly recordIds: Set<number>;
  /** Scenario → EventCode → events (from the labels, parsed or not). */
  readonly codes: Map<string, Map<string, number>>;
}

async function attackLabels(dir: string, manifest: Manifest): Promise<AttackLabels> {
  const byKey = new Map<string, string>();
  const recordIds = new Set<number>();
  const codes = new Map<string, Map<string, number>>();
  for await (const l of readLabelLines(dir, manifest)) {
    if (l.label !== 'attack' || l.scenario === undefined) continue;
    byKey.set(labelJoinKey(l.computer, l.channel, l.recordId), l.scenario);
    recordIds.add(l.recordId);
    let m = codes.get(l.scenario);
    if (m === undefined) codes.set(l.scenario, (m = new Map()));
    m.set(String(l.eventId), (m.get(String(l.eventId)) ?? 0) + 1);
  }
  return { byKey, recordIds, codes };
}

function collector(labels: AttackLabels, into: Map<string, Event[]>): EventObserver {
  return {
    prefilter: recordIdPrefilter(labels.recordIds),
    observe(batch) {
      for (const e of batch) {
        const computer = str(e['Computer']) ?? str(e['host']);
        const channel = str(e['Channel']);
        const record = str(e['EventRecordID']);
        if (computer === undefined || channel === undefined || record === undefined) continue;
        const scenario = labels.byKey.get(labelJoinKey(computer, channel, record));
        if (scenario === undefined) continue;
        let list = into.get(scenario);
        if (list === undefined) into.set(scenario, (list = []));
        if (list.length >= SCENARIO_EVENT_CAP) continue;
        // Kept without _raw (the record text, most of an event's size): the replays match fields.
        const copy = cloneEvent(e);
        delete copy['_raw'];
        list.push(copy);
      }
    },
  };
}

/** Validate the pack against a labelled dataset directory. */
export async function validateDataset(dir: string, options: ValidateOptions = {}): Promise<ValidateResult> {
  const started = performance.now();
  const manifest = readManifest(dir);
  const entities = readEntities(dir) as unknown as TruthEntity[];
  const prepared: PreparedHunt = prepareHunt(options);
  const labels = await attackLabels(dir, manifest);
  const scenarioEvents = new Map<string, Event[]>();
  const stats = newReadStats();
  // The manifest lists the event files; labels and entities sit beside them and are not telemetry.
  const files = manifest.files.map((f) => join(dir, f.path)).filter((p) => !/(labels\.ndjson|entities\.json|manifest\.json)(\.gz)?$/.test(p));
  const result = await runHunt(
    prepared,
    (prefilter) =>
      readInputs(files.length > 0 ? files : [join(dir, 'events')], {
        meta: options.read?.meta ?? { index: 'wineventlog', naming: 'legacy' },
        onBadRecord: options.read?.onBadRecord ?? (() => {}),
        onSkippedFile: options.read?.onSkippedFile,
        prefilter,
        stats,
      }),
    { ...options, observers: [...(options.observers ?? []), collector(labels, scenarioEvents)] },
    stats,
  );

  const keyOf = new Map(prepared.pack.detections.map((d) => [d.id, detectionKey(d.file)]));
  const ran = prepared.units.map((u) => u.detection);
  const scoreOf = (list: readonly Finding[]) =>
    score({
      entities,
      findings: list.map((f) => scoredFinding(f, keyOf.get(f.detection.id) ?? f.detection.id)),
      detections: ran.map((d) => detectionKey(d.file)),
      scenarios: manifest.scenarios.map((s) => s.name),
    });
  const report = scoreOf(result.findings);
  const scoreMedium = scoreOf(result.findings.filter((f) => severityRank(f.severity) >= severityRank('medium')));
  const severities = categorySeverities(report);
  const acceptance = acceptanceCheck(report, severities, prepared.profile);
  const ranking = rankingReport(
    result.ranked.objects,
    entities,
    (f) => scoredFinding(f, keyOf.get(f.detection.id) ?? f.detection.id),
    report.scenarios.map((s) => s.scenario),
  );

  const searchOf = new Map(ran.map((d) => [detectionKey(d.file), d.search]));
  const notes = exclusionNotes(
    prepared.macros.get('c2hunt_dest_exclusions')?.definition,
    prepared.profile === 'lab' ? 'tuning' : `the ${prepared.profile} profile; --profile lab keeps it`,
  );
  const misses = new Map<string, ScenarioMiss[]>();
  for (const s of report.scenarios) {
    const list: ScenarioMiss[] = [];
    for (const key of options.explainMisses === false ? [] : s.missed) {
      const search = searchOf.get(key);
      if (search === undefined) continue;
      let reasons: string[];
      try {
        reasons = explainMiss({
          search,
          options: prepared.splOptions,
          events: scenarioEvents.get(s.scenario) ?? [],
          eventCodes: labels.codes.get(s.scenario) ?? new Map(),
          notes,
        });
      } catch (err) {
        reasons = [`could not be replayed: ${(err as Error).message}`];
      }
      list.push({ detection: key, reasons });
    }
    misses.set(s.scenario, list);
  }
  return {
    dir,
    manifest,
    profile: prepared.profile,
    detections: ran.map((d) => ({ key: detectionKey(d.file), id: d.id, name: d.name })),
    skipped: prepared.skipped.map((s) => ({ key: detectionKey(s.detection.file), reason: s.reason })),
    score: report,
    scoreMedium,
    severities,
    acceptance,
    ranking: ranking.report,
    labelledObjects: ranking.labelled,
    misses,
    hunt: result,
    events: stats.events,
    elapsedMs: performance.now() - started,
  };
}

