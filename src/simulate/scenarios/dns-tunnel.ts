/**
 * A DNS-tunnelling beacon (Cobalt Strike DNS-beacon style): the implant, injected into a COM surrogate
 * (dllhost.exe), talks to its server only through DNS, so there is no EID 3 to the C2 at all. Every
 * check-in asks for a fresh name under one zone (`<nonce>.<beacon id>.ns.cloud-sync-api.test`), answered
 * with the profile's idle address 192.0.2.53; when tasked, a burst of queries carries data in their
 * labels. Sleep 45 s with 30 % Cobalt Strike jitter (U[31.5, 45] s). Many unique subdomains of one
 * domain is the signal.
 */
import type { Scenario } from '../source.js';
import type { SimEvent } from '../model.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2 } from './infra.js';
import { describeSleep, drawSleepMs, type SleepModel } from '../jitter.js';
import { dnsQuery, processCreate } from '../build.js';
import { episode } from '../stream.js';
import { lifetimes } from '../benign/common.js';
import { SECOND } from '../clock.js';

const SLEEP: SleepModel = { kind: 'cobalt-strike', sleepS: 45, jitter: 0.3 };
const DLLHOST = 'C:\\Windows\\System32\\dllhost.exe';

export const dnsTunnel: Scenario = {
  name: 'dns-tunnel',
  title: 'DNS-tunnelling beacon: many unique subdomains of one domain',
  description: `dllhost.exe (injected), ${describeSleep(SLEEP)}, A queries for unique names under ${C2.dnsTunnel.zone}; idle answer ${C2.dnsTunnel.idle}; bursts of data-carrying queries when tasked. No connections to the C2.`,
  infrastructure: [`*.${C2.dnsTunnel.zone} (answers ${C2.dnsTunnel.idle} when idle, 192.0.2.0/24 data when tasked)`],
  steps: ['initial-execution', 'persistence-start', 'dns-lookup', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'dns-tunnel');
    return h === null ? [] : [h];
  },
  *episodes(ctx) {
    const { host, rng } = ctx;
    const start = implantStart(host, rng.fork('start'));
    if (start === null) return;
    const beaconId = rng.hex(8);
    let first = true;
    for (const life of lifetimes(host, host.user !== null ? 'logon' : 'boot')) {
      if (life.endMs <= start) continue;
      const { session, logon } = life;
      const at = first ? Math.max(start, life.startMs + 5 * SECOND) : life.startMs + rng.int(10, 60) * SECOND;
      if (at >= life.endMs) continue;
      const proc = session.spawn(
        { image: DLLHOST, commandLine: `C:\\Windows\\system32\\DllHost.exe /Processid:{${first ? '3EB3C877-1F16-487C-9050-104DBCD66683' : 'AB8902B4-09CA-4BB6-B78D-A8F59079A8D5'}}` },
        at,
        session.bootServices.dcomlaunch,
        logon,
      );
      yield episode([processCreate(rng, session, proc, ctx.step(first ? 'initial-execution' : 'persistence-start'))]);
      first = false;
      let t = at + rng.int(2, 6) * SECOND;
      while (t < life.endMs) {
        const events: SimEvent[] = [];
        const nonce = rng.hex(rng.int(6, 10));
        events.push(dnsQuery(rng, session, proc, t, `${nonce}.${beaconId}.${C2.dnsTunnel.zone}`, 0, `::ffff:${C2.dnsTunnel.idle};`, ctx.step('dns-lookup'), C2.dnsTunnel.zone));
        let end = t + rng.int(20, 120);
        if (rng.chance(0.01)) {
          // Tasked: data goes out in the query labels (hex, up to 63 characters per label).
          const n = rng.int(8, 40);
          for (let i = 0; i < n; i++) {
            end += rng.int(40, 400);
            const data = rng.hex(rng.int(30, 62));
            const seq = i.toString(16).padStart(3, '0');
            events.push(
              dnsQuery(rng, session, proc, end, `api.${data}.${seq}${rng.hex(4)}.${beaconId}.${C2.dnsTunnel.zone}`, 0, `::ffff:192.0.2.${rng.int(1, 254)};`, ctx.step('tasking'), C2.dnsTunnel.zone),
            );
          }
        }
        yield episode(events);
        t = end + drawSleepMs(SLEEP, rng);
      }
    }
  },
};
