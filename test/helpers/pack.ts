/**
 * Hand-made Sysmon and Security events for the detection pack's tests, and a runner that executes a
 * pack detection (its `search` or its `vanilla_search`) through the real engine with the pack's macros
 * for a profile and the pack's commands. Times are epoch seconds from a fixed base (2026-01-05 08:00 UTC).
 */
import { resolve } from 'node:path';
import { createEvent, type Event } from '../../src/events/event.js';
import { runSpl } from '../../src/engine/run-spl.js';
import { createPackCommands } from '../../src/detections/commands/index.js';
import { loadDetection, type Detection } from '../../src/detections/load-detection.js';
import { packMacros, type Profile } from '../../src/detections/pack.js';
import { compileFindingMapper } from '../../src/findings/index.js';
import type { Finding } from '../../src/findings/types.js';
import type { IndicatorSet } from '../../src/intel/indicator-set.js';
import { REPO_ROOT } from './shared-data.js';

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0) / 1000;
const SYSMON = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';
const SECURITY = 'XmlWinEventLog:Security';

export const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
export const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';
export const CURL = 'C:\\Windows\\System32\\curl.exe';
export const AGENT = 'C:\\Program Files\\Vendor\\Agent\\agent.exe';
export const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
export const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';

type Fields = Record<string, string | number | string[]>;

function event(source: string, code: string, fields: Fields): Event {
  return Object.assign(createEvent(), { index: 'wineventlog', source, sourcetype: source, EventCode: code }, fields);
}

export interface ConnectionSpec {
  readonly host?: string;
  readonly image?: string;
  readonly ip: string;
  readonly port?: number;
  readonly hostname?: string;
  readonly guid?: string;
  readonly user?: string;
}

/** Sysmon EID 3 (outbound) at `time`. */
export function conn(time: number, c: ConnectionSpec): Event {
  return event(SYSMON, '3', {
    _time: time,
    host: c.host ?? 'WKS-001',
    Image: c.image ?? PS,
    ProcessGuid: c.guid ?? '{00000000-0000-0000-0000-000000000001}',
    User: c.user ?? 'CORP\\alice',
    Protocol: 'tcp',
    Initiated: 'true',
    SourceIp: '10.20.1.10',
    DestinationIp: c.ip,
    DestinationHostname: c.hostname ?? '-',
    DestinationPort: String(c.port ?? 443),
  });
}

/** One connection at each time. */
export function conns(times: readonly number[], c: ConnectionSpec): Event[] {
  return times.map((t) => conn(t, c));
}

export interface QuerySpec {
  readonly host?: string;
  readonly image?: string;
  readonly name: string;
  /** 0 (success, the default), 9003 (NXDOMAIN)... */
  readonly status?: number;
  /** IPv4 answers, written as Sysmon does (`::ffff:a.b.c.d;`). */
  readonly answers?: readonly string[];
  readonly guid?: string;
}

/** Sysmon EID 22 at `time`. */
export function dns(time: number, q: QuerySpec): Event {
  const answers = q.answers ?? [];
  return event(SYSMON, '22', {
    _time: time,
    host: q.host ?? 'WKS-001',
    Image: q.image ?? PS,
    ProcessGuid: q.guid ?? '{00000000-0000-0000-0000-000000000001}',
    QueryName: q.name,
    QueryStatus: String(q.status ?? 0),
    QueryResults: answers.length === 0 ? '-' : answers.map((a) => `::ffff:${a};`).join(''),
  });
}

export interface ProcessSpec {
  readonly host?: string;
  readonly image: string;
  readonly commandLine: string;
  readonly parentImage?: string;
  readonly parentCommandLine?: string;
  readonly guid: string;
  readonly user?: string;
}

/** Sysmon EID 1 at `time`. */
export function proc(time: number, p: ProcessSpec): Event {
  return event(SYSMON, '1', {
    _time: time,
    host: p.host ?? 'WKS-001',
    Image: p.image,
    CommandLine: p.commandLine,
    ParentImage: p.parentImage ?? 'C:\\Windows\\explorer.exe',
    ParentCommandLine: p.parentCommandLine ?? 'C:\\Windows\\Explorer.EXE',
    ProcessGuid: p.guid,
    User: p.user ?? 'CORP\\alice',
  });
}

/** Security 4698 (task created) at `time`, with an Exec action. */
export function task4698(time: number, t: { host?: string; name: string; command: string; args?: string; user?: string }): Event {
  const args = t.args === undefined ? '' : `\n      <Arguments>${t.args}</Arguments>`;
  return event(SECURITY, '4698', {
    _time: time,
    host: t.host ?? 'WKS-001',
    SubjectUserName: t.user ?? 'alice',
    TaskName: `\\${t.name}`,
    TaskContent: `<?xml version="1.0" encoding="UTF-16"?>\n<Task>\n  <Actions Context="Author">\n    <Exec>\n      <Command>${t.command}</Command>${args}\n    </Exec>\n  </Actions>\n</Task>`,
  });
}

/** Times from `start`, `count` of them, `period` apart plus a jitter from `jitter(i)` (default none). */
export function series(start: number, count: number, period: number, jitter: (i: number) => number = () => 0): number[] {
  return Array.from({ length: count }, (_, i) => start + i * period + jitter(i));
}

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator; tests only). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Exponential gaps with the given mean: a Poisson process (random, not periodic, traffic). */
export function poisson(start: number, count: number, mean: number, seed = 7): number[] {
  const r = lcg(seed);
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < count; i++) {
    out.push(t);
    t += -Math.log(1 - r()) * mean;
  }
  return out;
}

export function detectionFile(name: string): string {
  return resolve(REPO_ROOT, 'detections', name);
}

export interface PackRun {
  readonly detection: Detection;
  readonly rows: Record<string, unknown>[];
  readonly findings: Finding[];
}

/**
 * Run a pack detection over events (sorted by time, as one host's log is) with the pack's macros for the
 * profile and its commands. `vanilla` runs the `vanilla_search` instead (without c2hunt's commands).
 */
export async function runDetection(
  file: string,
  events: readonly Event[],
  options: { profile?: Profile; vanilla?: boolean; intel?: IndicatorSet } = {},
): Promise<PackRun> {
  const detection = loadDetection(detectionFile(file));
  const query = options.vanilla === true ? detection.vanilla_search : detection.search;
  if (query === undefined) throw new Error(`${file} has no vanilla_search`);
  const sorted = [...events].sort((a, b) => (a['_time'] as number) - (b['_time'] as number));
  const { rows } = await runSpl(query, [sorted], {
    macros: packMacros({ profile: options.profile ?? 'enterprise' }),
    commands: options.vanilla === true ? undefined : createPackCommands({ intel: options.intel }),
    now: T0 + 30 * 86400,
  });
  const compiled = compileFindingMapper(detection.info);
  if (!compiled.ok) throw new Error(`${file}: ${JSON.stringify(compiled.problems)}`);
  return { detection, rows: rows.map((r) => ({ ...r })), findings: rows.map((r) => compiled.mapper.map(r)) };
}
