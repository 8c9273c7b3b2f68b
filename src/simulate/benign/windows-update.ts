/**
 * Windows Update and the certificate trust list, to Microsoft domains (telemetry-realism §2.1):
 * - the WU scan runs every 22 h plus a random 0–4 h (Windows 10 policy text) [R26], and after boot when
 *   a scan is overdue; svchost.exe (wuauserv) contacts slscr.update.microsoft.com and
 *   fe3cr.delivery.mp.microsoft.com [R23];
 * - CryptSvc fetches ctldl.windowsupdate.com over HTTP at start and daily [R23][R24].
 */
import type { BenignSource } from '../source.js';
import type { SimEvent } from '../model.js';
import { MS } from './domains.js';
import { benignDest, contact, type DnsCache } from '../net.js';
import { episode } from '../stream.js';
import { DAY, HOUR, MINUTE } from '../clock.js';

export const windowsUpdateSource: BenignSource = {
  name: 'windows-update',
  category: 'windows-update',
  description: 'svchost.exe (wuauserv) scan every 22 h + U[0, 4 h], catching up after boot when overdue [R26]; slscr.update.microsoft.com, fe3cr.delivery.mp.microsoft.com:443.',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const sls = benignDest(MS.wuSls);
    const fe3 = benignDest(MS.wuFe3);
    const dl = benignDest(MS.wuDownload, 80);
    // Last scan happened some time in the previous day.
    let due = host.sessions[0] !== undefined ? host.sessions[0].bootMs + rng.int(-20, 22) * HOUR : 0;
    for (const session of host.sessions) {
      const proc = session.bootServices.wuauserv;
      const cache: DnsCache = new Map();
      let t = Math.max(due, proc.startMs + rng.int(5, 15) * MINUTE);
      while (t < session.endMs) {
        const events: SimEvent[] = [];
        let u = t;
        for (const dest of [sls, fe3]) {
          const r = contact(rng, session, proc, u, dest, cache, label, rng.int(1, 2));
          events.push(...r.events);
          u = r.endMs + rng.int(200, 4000);
        }
        // Roughly one scan in eight finds something to download.
        if (rng.chance(0.125)) events.push(...contact(rng, session, proc, u + rng.int(1000, 20000), dl, cache, label, rng.int(2, 6)).events);
        yield episode(events);
        due = t + 22 * HOUR + rng.int(0, 4 * 3600) * 1000;
        t = due;
      }
    }
  },
};

export const ctlSource: BenignSource = {
  name: 'ctl-update',
  category: 'windows-update',
  description: 'svchost.exe (CryptSvc) → ctldl.windowsupdate.com:80 at start and about daily [R23][R24].',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const ctl = benignDest(MS.ctl, 80);
    for (const session of host.sessions) {
      const proc = session.bootServices.cryptsvc;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(30, 900) * 1000;
      while (t < session.endMs) {
        yield episode(contact(rng, session, proc, t, ctl, cache, label).events);
        t += DAY + rng.int(-60, 60) * MINUTE;
      }
    }
  },
};
