/**
 * Microsoft Defender: signature-update checks (SignatureUpdateInterval, default 24 h [R25]; one check
 * shortly after boot) to definitionupdates.microsoft.com, and MAPS cloud lookups to wdcp.microsoft.com
 * that follow what people open (event-driven, not periodic [R24]). Image MsMpEng.exe (unconfirmed for the
 * network side; the service is the one that holds the connection in practice).
 */
import type { BenignSource } from '../source.js';
import { MS } from './domains.js';
import { benignDest, contact, type DnsCache } from '../net.js';
import { episode } from '../stream.js';
import { DAY, MINUTE } from '../clock.js';
import { humanTimes } from './common.js';

export const defenderUpdateSource: BenignSource = {
  name: 'defender-updates',
  category: 'windows-update',
  description: 'MsMpEng.exe → definitionupdates.microsoft.com:443 after boot and every 24 h [R25].',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const defs = benignDest(MS.defenderDefs);
    for (const session of host.sessions) {
      const proc = session.defender;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(2, 20) * MINUTE;
      while (t < session.endMs) {
        yield episode(contact(rng, session, proc, t, defs, cache, label, rng.int(1, 3)).events);
        t += DAY + rng.int(-30, 30) * MINUTE;
      }
    }
  },
};

export const defenderMapsSource: BenignSource = {
  name: 'defender-maps',
  category: 'windows-update',
  description: 'MsMpEng.exe → wdcp.microsoft.com:443 cloud lookups when people open files (human-driven) [R24].',
  applies: (host) => host.kind === 'workstation',
  *episodes({ host, rng, label }) {
    const maps = benignDest(MS.defenderMaps);
    const caches = new Map<unknown, DnsCache>();
    for (const { t, session } of humanTimes(host, rng, 900, 1.0, 0.02)) {
      let cache = caches.get(session);
      if (cache === undefined) caches.set(session, (cache = new Map()));
      yield episode(contact(rng, session, session.defender, t, maps, cache, label).events);
    }
  },
};
