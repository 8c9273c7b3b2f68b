/**
 * Web browsing by people at their desks. Page views follow at-keyboard think times (log-normal, median
 * 90 s, with long breaks), so traffic is bursty, diurnal and absent at weekends (telemetry-realism §5).
 * Each view opens the site's domains and, often, shared third parties: a DNS query when the browser's
 * one-minute host cache has expired, then one to three parallel connections. Chrome and Edge do their
 * networking in the network-service utility child; Firefox in its main process. A background service
 * (Safe Browsing or the vendor's settings endpoint) checks in every 30–60 min.
 */
import type { BenignSource } from '../source.js';
import type { SimEvent } from '../model.js';
import type { Proc, Session, Logon } from '../estate.js';
import type { Rng } from '../prng.js';
import { SITES, THIRD_PARTIES, BROWSER_BACKGROUND, type Site } from './sites.js';
import { benignDest, contact, internalDest, type Destination, type DnsCache } from '../net.js';
import { processCreate } from '../build.js';
import { episode, type EpisodeSource } from '../stream.js';
import { humanTimes } from './common.js';
import { MINUTE } from '../clock.js';

const IMAGES = {
  chrome: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  edge: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  firefox: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
} as const;

interface Running {
  readonly main: Proc;
  readonly net: Proc;
  readonly cache: DnsCache;
  nextBackground: number;
}

function siteDests(site: Site): Destination[] {
  if (site.internal !== undefined) return [internalDest(site.internal.name, site.internal.ip, 443)];
  return site.domains.map((spec) => benignDest({ ...spec, ttl: Math.min(spec.ttl, 60) }));
}

export const browserSource: BenignSource = {
  name: 'browser',
  category: 'browser',
  description: 'chrome.exe / msedge.exe / firefox.exe page views at human think times (log-normal, median 90 s, breaks), several domains per page; background check-ins every 30–60 min labelled source browser-background.',
  applies: (host) => host.user !== null,
  *episodes({ host, rng, label }): EpisodeSource {
    const kind = host.software.browser;
    const image = IMAGES[kind];
    // Each person has favourite sites: popularity reweighted per user.
    const prefs = SITES.map((s) => s.weight * rng.lognormal(1, 0.8));
    const running = new Map<Logon, Running>();
    const start = (session: Session, logon: Logon, t: number): { run: Running; events: SimEvent[] } => {
      const main = session.spawn({ image, commandLine: `"${image}"`, currentDirectory: image.slice(0, image.lastIndexOf('\\') + 1) }, t, logon.explorer, logon);
      const net =
        kind === 'firefox'
          ? main
          : session.spawn(
              {
                image,
                commandLine: `"${image}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle=2196 --field-trial-handle=1920,i,${rng.int(1e15, 9e15)},${rng.int(1e15, 9e15)},262144 /prefetch:11`,
                currentDirectory: image.slice(0, image.lastIndexOf('\\') + 1),
              },
              t + rng.int(150, 600),
              main,
              logon,
            );
      const events = [processCreate(rng, session, main, label)];
      if (net !== main) events.push(processCreate(rng, session, net, label));
      const run: Running = { main, net, cache: new Map(), nextBackground: t + rng.int(2, 10) * MINUTE };
      running.set(logon, run);
      return { run, events };
    };
    const bg = benignDest(BROWSER_BACKGROUND[kind]);
    // Background check-ins are machine-driven; they carry their own source name so they can be told apart.
    const bgLabel = { ...label, source: 'browser-background' };
    for (const { t, session, logon } of humanTimes(host, rng, 90, 1.3, 0.05)) {
      const events: SimEvent[] = [];
      let run = running.get(logon);
      let u = t;
      if (run === undefined) {
        const s = start(session, logon, t);
        run = s.run;
        events.push(...s.events);
        u = t + rng.int(800, 3000);
      }
      // Background check-ins due since the last page view (only while the browser runs).
      while (run.nextBackground <= u) {
        yield episode(contact(rng, session, run.net, run.nextBackground, bg, run.cache, bgLabel).events);
        run.nextBackground += rng.int(30, 60) * MINUTE;
      }
      const site = rng.weighted(SITES.map((_, i) => i), (i) => prefs[i] as number);
      const dests = siteDests(SITES[site] as Site);
      if ((SITES[site] as Site).internal === undefined) {
        for (const tp of THIRD_PARTIES) if (rng.chance(0.25)) dests.push(benignDest({ ...tp, ttl: Math.min(tp.ttl, 60) }));
      }
      for (const dest of dests) {
        const r = contact(rng, session, run.net, u, dest, run.cache, label, pageConnections(rng));
        events.push(...r.events);
        u = r.endMs + rng.int(5, 250);
      }
      yield episode(events);
    }
  },
};

function pageConnections(rng: Rng): number {
  return rng.weighted([1, 2, 3], (n) => (n === 1 ? 0.55 : n === 2 ? 0.3 : 0.15));
}
