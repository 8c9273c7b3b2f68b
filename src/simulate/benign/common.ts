/**
 * Shapes shared by benign sources:
 * - `agentEpisodes`: a long-running process started at boot (a service) or at logon (a Run-key or
 *   startup app) that checks in on a sleep model until the machine shuts down or the user logs off;
 * - `scheduledRuns`: short-lived processes launched by the Task Scheduler at planned times;
 * - `humanTimes`: bursty at-keyboard activity (log-normal think times, occasional long breaks).
 */
import type { Rng } from '../prng.js';
import type { Account, Host, Logon, Proc, Session } from '../estate.js';
import type { BenignContext } from '../source.js';
import type { Episode, EpisodeSource } from '../stream.js';
import type { SimEvent } from '../model.js';
import { activeSpans } from '../estate.js';
import { processCreate } from '../build.js';
import { contact, type DnsCache, type Destination } from '../net.js';
import { drawSleepMs, type SleepModel } from '../jitter.js';
import { episode } from '../stream.js';
import { SECOND } from '../clock.js';

export interface Lifetime {
  readonly session: Session;
  readonly logon: Logon | undefined;
  readonly startMs: number;
  readonly endMs: number;
  readonly parent: Proc;
}

/** Spans a boot-started or logon-started process lives through. */
export function lifetimes(host: Host, startsAt: 'boot' | 'logon'): Lifetime[] {
  const out: Lifetime[] = [];
  for (const session of host.sessions) {
    if (startsAt === 'boot') {
      out.push({ session, logon: undefined, startMs: session.bootMs, endMs: session.endMs, parent: session.services });
    } else {
      for (const logon of session.logons) out.push({ session, logon, startMs: logon.explorer.startMs, endMs: logon.endMs, parent: logon.explorer });
    }
  }
  return out;
}

export interface CheckIn {
  readonly dest: Destination;
  readonly connections?: number;
}

export interface AgentSpec {
  readonly image: string;
  readonly commandLine: string;
  readonly account?: Account | ((host: Host) => Account);
  readonly currentDirectory?: string;
  readonly startsAt: 'boot' | 'logon';
  /** Delay after boot/logon before the process starts, seconds. */
  readonly startDelayS: readonly [number, number];
  /** Delay from process start to the first check-in, seconds. */
  readonly firstCheckInS: readonly [number, number];
  readonly sleep: SleepModel | ((rng: Rng, k: number) => number);
  /** What one check-in contacts (k counts check-ins in this lifetime). */
  plan(rng: Rng, k: number): readonly CheckIn[];
  /** Optional: contacts at process start (update check, login). */
  readonly onStart?: readonly CheckIn[];
  /** Only while the user is at the keyboard (check-ins outside active windows are skipped). */
  readonly onlyWhenActive?: boolean;
}

function inActive(logon: Logon | undefined, t: number): boolean {
  if (logon === undefined) return true;
  for (const w of logon.active) if (t >= w.startMs && t < w.endMs) return true;
  return false;
}

export function* agentEpisodes(ctx: BenignContext, spec: AgentSpec): EpisodeSource {
  const { host, rng, label } = ctx;
  for (const life of lifetimes(host, spec.startsAt)) {
    const { session, logon } = life;
    const startAt = life.startMs + rng.int(spec.startDelayS[0] * 1000, spec.startDelayS[1] * 1000);
    if (startAt >= life.endMs) continue;
    const account = typeof spec.account === 'function' ? spec.account(host) : spec.account;
    const proc = session.spawn(
      {
        image: spec.image,
        commandLine: spec.commandLine,
        ...(account !== undefined ? { account } : {}),
        ...(spec.currentDirectory !== undefined ? { currentDirectory: spec.currentDirectory } : {}),
      },
      startAt,
      life.parent,
      logon,
    );
    const cache: DnsCache = new Map();
    const first: SimEvent[] = [processCreate(rng, session, proc, label)];
    let t = startAt + rng.int(200, 3000);
    for (const c of spec.onStart ?? []) {
      const r = contact(rng, session, proc, t, c.dest, cache, label, c.connections ?? 1);
      first.push(...r.events);
      t = r.endMs + rng.int(5, 300);
    }
    yield episode(first);
    t = startAt + rng.int(spec.firstCheckInS[0] * 1000, spec.firstCheckInS[1] * 1000);
    for (let k = 0; t < life.endMs; k++) {
      if (spec.onlyWhenActive !== true || inActive(logon, t)) {
        const events: SimEvent[] = [];
        let u = t;
        for (const c of spec.plan(rng, k)) {
          const r = contact(rng, session, proc, u, c.dest, cache, label, c.connections ?? 1);
          events.push(...r.events);
          u = r.endMs + rng.int(2, 200);
        }
        if (events.length > 0) yield episode(events);
      }
      const sleep = typeof spec.sleep === 'function' ? spec.sleep(rng, k) : drawSleepMs(spec.sleep, rng);
      t += Math.max(SECOND, sleep);
    }
  }
}

/** A short-lived process and what it does, as episode events; returns the end time. */
export type RunBody = (rng: Rng, session: Session, atMs: number) => { events: SimEvent[] };

/**
 * Task Scheduler runs at `times` (ms, increasing) during each session; `run` builds one run's events.
 * A run whose time falls outside a session is skipped (the machine was off), as the scheduler would.
 */
export function* scheduledRuns(ctx: BenignContext, times: (session: Session, rng: Rng) => Iterable<number>, run: RunBody): EpisodeSource {
  for (const session of ctx.host.sessions) {
    for (const t of times(session, ctx.rng)) {
      if (t < session.bootMs || t >= session.endMs) continue;
      const { events } = run(ctx.rng, session, t);
      if (events.length > 0) yield episode(events);
    }
  }
}

/** Times of a fixed-period schedule within a session (first run after `firstS` seconds). */
export function* every(session: Session, rng: Rng, periodS: number, firstS: readonly [number, number], noiseS = 1): Generator<number> {
  let t = session.bootMs + rng.int(firstS[0] * 1000, firstS[1] * 1000);
  while (t < session.endMs) {
    yield t;
    t += Math.round((periodS + noiseS * rng.normal()) * 1000);
  }
}

/**
 * At-keyboard activity times for a host: think times are log-normal (median `medianS`), with a
 * small chance of a long break (meeting, phone), so gaps are heavy-tailed as real per-user web activity
 * is [R63]. Yields the time with the logon and session it falls in.
 */
export function* humanTimes(
  host: Host,
  rng: Rng,
  medianS: number,
  sigma = 1.2,
  breakChance = 0.04,
): Generator<{ t: number; session: Session; logon: Logon }> {
  for (const { session, logon, window } of activeSpans(host)) {
    let t = window.startMs + rng.int(5, Math.max(6, Math.round(medianS))) * SECOND;
    while (t < window.endMs) {
      yield { t, session, logon };
      const gap = rng.chance(breakChance) ? rng.uniform(10, 50) * 60 : Math.min(rng.lognormal(medianS, sigma), 3600);
      t += Math.round(Math.max(1, gap) * 1000);
    }
  }
}

/** Build an episode list from sorted-by-start batches without losing order guarantees. */
export function* fromBatches(batches: Iterable<SimEvent[]>): Generator<Episode> {
  for (const b of batches) if (b.length > 0) yield episode(b);
}
