/**
 * A long-running implant: first executed at `startMs`, restarted by its persistence at every logon (or
 * boot), checking in on its framework's sleep model while the machine is up. Each check-in resolves its
 * C2 name when the cached answer has expired (EID 22, step `dns-lookup`) and connects (EID 3, step
 * `callback`); a check-in is sent and answered before the sleep starts, so a short processing time is
 * added to each interval. A few times a working day the operator tasks it: the next check-in becomes a
 * burst of connections and the implant runs discovery commands (step `tasking`).
 */
import type { Rng } from '../prng.js';
import type { Host, Logon, Proc, Session, SpawnSpec } from '../estate.js';
import type { SimEvent } from '../model.js';
import type { ScenarioContext } from '../source.js';
import type { Destination, DnsCache } from '../net.js';
import type { SleepModel } from '../jitter.js';
import { contact } from '../net.js';
import { drawSleepMs } from '../jitter.js';
import { processCreate, scriptBlocks } from '../build.js';
import { episode, type EpisodeSource } from '../stream.js';
import { lifetimes } from '../benign/common.js';
import { SECOND } from '../clock.js';

export interface BeaconSpec {
  readonly startMs: number;
  readonly persistence: 'logon' | 'boot';
  /** The process for the first run and for restarts by persistence. */
  spawn(session: Session, logon: Logon | undefined, atMs: number, first: boolean): { spec: SpawnSpec; parent: Proc; extra?: SimEvent[] };
  readonly sleep: SleepModel;
  readonly dest: (rng: Rng) => Destination;
  /** Milliseconds between sending a check-in and starting to sleep. */
  readonly processingMs: readonly [number, number];
  /** Operator taskings per at-keyboard hour (0 for none). */
  readonly taskingPerHour: number;
  /** Optional script block logged when the process starts (PowerShell implants). */
  readonly scriptBlock?: { readonly text: string; readonly warning: boolean };
}

const DISCOVERY = [
  'C:\\Windows\\system32\\cmd.exe /C whoami /all',
  'C:\\Windows\\system32\\cmd.exe /C ipconfig /all',
  'C:\\Windows\\system32\\cmd.exe /C net group "domain admins" /domain',
  'C:\\Windows\\system32\\cmd.exe /C nltest /dclist:corp.example',
  'C:\\Windows\\system32\\cmd.exe /C tasklist /v',
];

function activeAt(host: Host, t: number): boolean {
  for (const s of host.sessions) for (const l of s.logons) for (const w of l.active) if (t >= w.startMs && t < w.endMs) return true;
  return false;
}

export function* beaconEpisodes(ctx: ScenarioContext, b: BeaconSpec): EpisodeSource {
  const { host, rng } = ctx;
  const L = {
    initial: ctx.step('initial-execution'),
    restart: ctx.step('persistence-start'),
    dns: ctx.step('dns-lookup'),
    callback: ctx.step('callback'),
    tasking: ctx.step('tasking'),
    script: ctx.step('script-block'),
  };
  let first = true;
  for (const life of lifetimes(host, b.persistence)) {
    if (life.endMs <= b.startMs) continue;
    const { session, logon } = life;
    const at = first ? Math.max(b.startMs, life.startMs + 5 * SECOND) : life.startMs + rng.int(5, 45) * SECOND;
    if (at >= life.endMs) continue;
    const { spec, parent, extra } = b.spawn(session, logon, at, first);
    const proc = session.spawn(spec, at, parent, logon);
    const label = first ? L.initial : L.restart;
    first = false;
    const head: SimEvent[] = [...(extra ?? []), processCreate(rng, session, proc, label)];
    if (b.scriptBlock !== undefined) head.push(...scriptBlocks(rng, session, proc, at + rng.int(200, 900), b.scriptBlock.text, '', L.script, b.scriptBlock.warning));
    yield episode(head);
    const cache: DnsCache = new Map();
    let t = at + rng.int(1, 4) * SECOND;
    let pendingTask = false;
    while (t < life.endMs) {
      const dest = b.dest(rng);
      const events: SimEvent[] = [];
      const r = contact(rng, session, proc, t, dest, cache, L.callback, 1, L.dns);
      events.push(...r.events);
      let end = r.endMs;
      if (pendingTask && r.ip !== null) {
        // Tasked: fetch the task, run discovery, post the output, then go back to sleep.
        pendingTask = false;
        let u = end + rng.int(300, 1500);
        const n = rng.int(1, 3);
        for (let i = 0; i < n; i++) {
          const child = session.spawn({ image: 'C:\\Windows\\System32\\cmd.exe', commandLine: rng.pick(DISCOVERY) }, u, proc, logon);
          events.push(processCreate(rng, session, child, L.tasking));
          u += rng.int(500, 4000);
          const c = contact(rng, session, proc, u, dest, cache, L.tasking, rng.int(1, 3), L.dns);
          events.push(...c.events);
          u = c.endMs + rng.int(200, 2000);
        }
        end = u;
      }
      yield episode(events);
      const hours = drawSleepMs(b.sleep, rng) / 3_600_000;
      if (b.taskingPerHour > 0 && activeAt(host, t) && rng.chance(1 - Math.exp(-b.taskingPerHour * hours))) pendingTask = true;
      t = end + rng.int(b.processingMs[0], b.processingMs[1]) + Math.round(hours * 3_600_000);
    }
  }
}
