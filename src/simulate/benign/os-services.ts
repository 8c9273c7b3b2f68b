/**
 * Other operating-system background traffic (telemetry-realism §2.1):
 * - NCSI: NlaSvc probes www.msftconnecttest.com over HTTP at boot and on network changes [R23];
 * - diagnostic data: DiagTrack (svchost -k utcsvc) uploads batches to v10.events.data.microsoft.com [R23]
 *   (period unconfirmed; modelled as exponential gaps, mean 30 min, at least 5 min) and reads its
 *   settings from settings-win.data.microsoft.com at start;
 * - Group Policy: gpsvc refreshes every 90 minutes plus a random 0–30 minute offset (the documented
 *   Windows default), over LDAP and SMB to the domain controller.
 */
import type { BenignSource } from '../source.js';
import { MS } from './domains.js';
import { INTERNAL } from '../infra.js';
import { benignDest, contact, internalDest, type DnsCache } from '../net.js';
import { episode } from '../stream.js';
import type { SimEvent } from '../model.js';
import { HOUR, MINUTE } from '../clock.js';

export const ncsiSource: BenignSource = {
  name: 'ncsi-probe',
  category: 'windows-background',
  description: 'svchost.exe (NlaSvc) → www.msftconnecttest.com:80 at boot and on network changes (exponential, mean 4 h) [R23].',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const dest = benignDest(MS.ncsi, 80);
    for (const session of host.sessions) {
      const proc = session.bootServices.nlasvc;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(3, 20) * 1000;
      while (t < session.endMs) {
        yield episode(contact(rng, session, proc, t, dest, cache, label).events);
        t += Math.round(rng.exponential(4 * HOUR)) + MINUTE;
      }
    }
  },
};

export const diagTrackSource: BenignSource = {
  name: 'diagtrack-telemetry',
  category: 'windows-background',
  description: 'svchost.exe (DiagTrack) → v10.events.data.microsoft.com:443, batches at exponential gaps (mean 30 min, min 5 min; period unconfirmed) [R23].',
  applies: () => true,
  *episodes(ctx) {
    const { host, rng, label } = ctx;
    const events = benignDest(MS.diagEvents);
    const settings = benignDest(MS.settings);
    for (const session of host.sessions) {
      const proc = session.bootServices.diagtrack;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(60, 600) * 1000;
      yield episode(contact(rng, session, proc, t, settings, cache, label).events);
      t += rng.int(5, 60) * 1000;
      while (t < session.endMs) {
        yield episode(contact(rng, session, proc, t, events, cache, label, rng.int(1, 2)).events);
        t += Math.round(5 * MINUTE + rng.exponential(25 * MINUTE));
      }
    }
  },
};

export const groupPolicySource: BenignSource = {
  name: 'group-policy',
  category: 'windows-background',
  description: 'svchost.exe (gpsvc) → domain controller ldap/389 and smb/445 every 90 min + U[0, 30] min.',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const ldap = internalDest(INTERNAL.dc.name, INTERNAL.dc.ip, 389);
    const smb = internalDest(INTERNAL.dc.name, INTERNAL.dc.ip, 445);
    for (const session of host.sessions) {
      const proc = session.bootServices.gpsvc;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(10, 60) * 1000;
      while (t < session.endMs) {
        const a = contact(rng, session, proc, t, ldap, cache, label);
        const b = contact(rng, session, proc, a.endMs + rng.int(20, 300), smb, cache, label);
        const evs: SimEvent[] = [...a.events, ...b.events];
        yield episode(evs);
        t += 90 * MINUTE + rng.int(0, 30 * 60) * 1000;
      }
    }
  },
};
