/**
 * Inbound RDP on servers: TermService (svchost.exe) accepts TCP and UDP 3389 from the IT workstation.
 * Sysmon logs these with Initiated=false; inbound svchost:3389 is a classic false positive of rules that
 * forget the direction (telemetry-realism §3.1 [R50]).
 */
import type { BenignSource } from '../source.js';
import type { SimEvent } from '../model.js';
import { adminRdpSessions } from './admin-rdp.js';
import { networkConnect } from '../build.js';
import { episode } from '../stream.js';

export const rdpInboundSource: BenignSource = {
  name: 'rdp-inbound',
  category: 'windows-background',
  description: 'svchost.exe (TermService) accepting tcp/udp 3389 from the IT workstation (Initiated=false).',
  applies: (host) => host.kind === 'server',
  *episodes({ estate, host, rng, label }) {
    for (const s of adminRdpSessions(estate)) {
      if (s.server !== host) continue;
      const session = host.sessions.find((x) => s.startMs >= x.bootMs && s.startMs < x.endMs);
      if (session === undefined) continue;
      const proc = session.bootServices.termservice;
      const srcPort = 49152 + rng.int(0, 16383);
      const events: SimEvent[] = [];
      let t = s.startMs + rng.int(20, 200);
      for (const protocol of ['tcp', 'udp'] as const) {
        events.push(
          networkConnect(rng, session, proc, t, {
            protocol,
            initiated: false,
            sourceIp: s.admin.ip,
            sourcePort: srcPort + (protocol === 'udp' ? 1 : 0),
            destinationIp: host.ip,
            destinationPort: 3389,
            destinationHostname: '-',
          }, label),
        );
        t += rng.int(300, 1500);
      }
      yield episode(events);
    }
  },
};
