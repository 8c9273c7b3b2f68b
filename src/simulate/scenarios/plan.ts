/**
 * Where and when scenarios run. The seed's four atomic tests run one after another on one workstation
 * during office hours on the first day, as an operator would run them; each long-running implant gets
 * its own host where the estate allows, and starts during the first working session (workstations) or a
 * few hours after boot (servers).
 */
import type { Estate, Host } from '../estate.js';
import { Rng } from '../prng.js';
import { MINUTE, HOUR } from '../clock.js';

export interface AtomicRun {
  readonly host: Host;
  readonly startMs: number;
}

const atomicCache = new WeakMap<Estate, AtomicRun | null>();

/** The workstation and time the four seed tests run (null for an estate without any session). */
export function atomicRun(estate: Estate): AtomicRun | null {
  const hit = atomicCache.get(estate);
  if (hit !== undefined) return hit;
  const rng = Rng.of(estate.seed, 'atomic-run');
  const workstations = estate.hostList.filter((h) => h.kind === 'workstation' && h.user?.isAdmin !== true);
  const candidates = workstations.length > 0 ? workstations : estate.hostList;
  let run: AtomicRun | null = null;
  for (const host of rng.shuffle(candidates)) {
    const spans = host.sessions.flatMap((s) => s.logons.flatMap((l) => l.active));
    const w = spans.find((a) => a.endMs - a.startMs >= 45 * MINUTE);
    if (w !== undefined) {
      run = { host, startMs: w.startMs + rng.int(10, 25) * MINUTE };
      break;
    }
  }
  if (run === null) {
    const host = candidates.find((h) => h.sessions.length > 0);
    if (host !== undefined) run = { host, startMs: (host.sessions[0] as { bootMs: number }).bootMs + 10 * MINUTE };
  }
  atomicCache.set(estate, run);
  return run;
}

const hostCache = new WeakMap<Estate, Map<string, Host | null>>();

/** Long-running scenario hosts, assigned in a fixed order so that each gets a different host if possible. */
const LONG_RUNNING: readonly { name: string; want: 'always-on' | 'office' | 'server' }[] = [
  { name: 'https-beacon', want: 'always-on' },
  { name: 'low-and-slow', want: 'office' },
  { name: 'rotating-ip', want: 'office' },
  { name: 'dns-tunnel', want: 'office' },
  { name: 'raw-ip', want: 'always-on' },
  { name: 'long-sleep', want: 'server' },
];

export function longRunningHost(estate: Estate, scenario: string): Host | null {
  let m = hostCache.get(estate);
  if (m === undefined) {
    m = new Map();
    const rng = Rng.of(estate.seed, 'scenario-hosts');
    const atomic = atomicRun(estate)?.host;
    const used = new Set<Host>();
    for (const { name, want } of LONG_RUNNING) {
      const fits = (h: Host): boolean =>
        want === 'server' ? h.kind === 'server' : h.kind === 'workstation' && h.user?.isAdmin !== true && (want === 'always-on' ? h.alwaysOn : !h.alwaysOn);
      const tiers: ((h: Host) => boolean)[] = [
        (h) => fits(h) && !used.has(h) && h !== atomic,
        (h) => (want === 'server' ? h.kind === 'server' : h.kind === 'workstation') && !used.has(h) && h !== atomic,
        (h) => !used.has(h) && h !== atomic,
        (h) => fits(h),
        () => true,
      ];
      let chosen: Host | null = null;
      for (const tier of tiers) {
        const pool = estate.hostList.filter((h) => tier(h) && h.sessions.length > 0);
        if (pool.length > 0) {
          chosen = rng.pick(pool);
          break;
        }
      }
      if (chosen !== null) used.add(chosen);
      m.set(name, chosen);
    }
    hostCache.set(estate, m);
  }
  return m.get(scenario) ?? null;
}

/** When an implant first runs on its host: in the first working session, or a few hours after boot. */
export function implantStart(host: Host, rng: Rng): number | null {
  for (const s of host.sessions) {
    for (const l of s.logons) {
      const w = l.active.find((a) => a.endMs - a.startMs >= 30 * MINUTE);
      if (w !== undefined) return Math.round(rng.uniform(w.startMs + 5 * MINUTE, w.endMs - 20 * MINUTE));
    }
  }
  const s = host.sessions[0];
  if (s === undefined) return null;
  return Math.min(s.endMs - HOUR, s.bootMs + rng.int(1, 6) * HOUR);
}
