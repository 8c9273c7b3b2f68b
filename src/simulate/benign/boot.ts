/**
 * Boot and logon: the service hosts and Defender that start with every boot, and userinit → explorer at
 * every logon. Other sources hang their processes under these (services.exe, the Schedule service,
 * explorer), so this source is what makes ProcessGuid chains complete.
 */
import type { BenignSource } from '../source.js';
import type { SimEvent } from '../model.js';
import { processCreate } from '../build.js';
import { episode } from '../stream.js';

export const bootSource: BenignSource = {
  name: 'boot-and-logon',
  category: 'windows-background',
  description: 'Service hosts (svchost -k …), Defender at boot; userinit.exe and explorer.exe at logon. No network.',
  applies: () => true,
  *episodes({ host, rng, label }) {
    for (const session of host.sessions) {
      const procs = [...Object.values(session.bootServices), session.defender].sort((a, b) => a.startMs - b.startMs);
      const boot: SimEvent[] = procs.map((p) => processCreate(rng, session, p, label));
      yield episode(boot);
      for (const logon of session.logons) {
        yield episode([processCreate(rng, session, logon.userinit, label), processCreate(rng, session, logon.explorer, label)]);
      }
    }
  },
};
