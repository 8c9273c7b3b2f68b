/**
 * W32Time on a domain member polls the domain controller over NTP (UDP 123) with an adaptive interval
 * between 2^10 and 2^15 seconds (1,024–32,768 s) [R28]: it starts at the minimum after boot and doubles
 * while the clock stays in step. Internal and very regular: a periodicity-only detector's false positive
 * that the seed's 10.* exclusion removes.
 */
import type { BenignSource } from '../source.js';
import { INTERNAL } from '../infra.js';
import { contact, internalDest, type DnsCache } from '../net.js';
import { episode } from '../stream.js';

export const ntpSource: BenignSource = {
  name: 'w32time-ntp',
  category: 'windows-background',
  description: 'svchost.exe (W32Time) → domain controller udp/123, adaptive poll 1,024 s doubling to 32,768 s [R28].',
  applies: () => true,
  *episodes({ host, rng, label }) {
    const dc = internalDest(INTERNAL.dc.name, INTERNAL.dc.ip, 123, 'udp', 3600);
    for (const session of host.sessions) {
      const proc = session.bootServices.w32time;
      const cache: DnsCache = new Map();
      let t = proc.startMs + rng.int(20, 90) * 1000;
      let exp = 10;
      while (t < session.endMs) {
        yield episode(contact(rng, session, proc, t, dc, cache, label).events);
        t += Math.round((2 ** exp + rng.normal(0, 0.5)) * 1000);
        if (exp < 15) exp++;
      }
    }
  },
};
