/**
 * IT administration over RDP: the IT workstation's user connects to servers during office hours. The
 * sessions are planned once per estate so that the workstation's outbound connection (admin-tools) and
 * the server's inbound one (rdp-inbound) describe the same session.
 */
import type { Estate, Host } from '../estate.js';
import { sessionAt } from '../estate.js';
import { Rng } from '../prng.js';
import { DAY, MINUTE } from '../clock.js';

export interface RdpSession {
  readonly server: Host;
  readonly admin: Host;
  readonly startMs: number;
  readonly durationMs: number;
}

const cache = new WeakMap<Estate, RdpSession[]>();

export function adminRdpSessions(estate: Estate): RdpSession[] {
  const hit = cache.get(estate);
  if (hit !== undefined) return hit;
  const rng = Rng.of(estate.seed, 'admin-rdp');
  const admin = estate.hostList.find((h) => h.user?.isAdmin === true);
  const out: RdpSession[] = [];
  if (admin !== undefined) {
    for (const server of estate.hostList.filter((h) => h.kind === 'server')) {
      for (let day = estate.clock.dayStart(estate.startMs); day < estate.endMs; day += DAY) {
        const r = rng.fork(server.name, day);
        if (estate.clock.isWeekend(day + DAY / 2) || !r.chance(0.45)) continue;
        const t = estate.clock.at(day, r.uniform(9.5, 16.5));
        const at = sessionAt(admin, t);
        if (at === null || at.logon === undefined || t < estate.startMs || t >= estate.endMs) continue;
        out.push({ server, admin, startMs: t, durationMs: r.int(5, 55) * MINUTE });
      }
    }
  }
  out.sort((a, b) => a.startMs - b.startMs);
  cache.set(estate, out);
  return out;
}
