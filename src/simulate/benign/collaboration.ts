/**
 * Teams, Slack, Zoom and OneDrive, started from the user's logon and running all day. Each has a
 * machine-driven part (reconnects, configuration and sync polls) and a human-driven part (chats,
 * meetings, file activity). Vendors publish endpoints [R23][R74] but not poll periods, so periods here
 * are assumptions, stated per source.
 *
 * New Teams runs as ms-teams.exe with msedgewebview2.exe children: the seed excludes `*\teams.exe` and
 * `*\msedgewebview2.exe`, so its ms-teams.exe traffic is *not* excluded; that is how it behaves on real
 * estates.
 */
import type { BenignSource, BenignContext } from '../source.js';
import type { Logon, Proc, Session } from '../estate.js';
import type { SimEvent } from '../model.js';
import type { Rng } from '../prng.js';
import type { Destination, DnsCache } from '../net.js';
import { MS, VENDOR } from './domains.js';
import { benignDest, contact } from '../net.js';
import { processCreate } from '../build.js';
import { episode, mergeEpisodes, type EpisodeSource } from '../stream.js';
import { lifetimes } from './common.js';
import { MINUTE, SECOND } from '../clock.js';

/** Check-ins of one process on a sleep function until `endMs`. */
function* periodic(rng: Rng, session: Session, proc: Proc, ctx: BenignContext, fromMs: number, endMs: number, sleep: () => number, plan: () => Destination[], cache: DnsCache): EpisodeSource {
  for (let t = fromMs; t < endMs; t += Math.max(SECOND, sleep())) {
    const events: SimEvent[] = [];
    let u = t;
    for (const dest of plan()) {
      const r = contact(rng, session, proc, u, dest, cache, ctx.label);
      events.push(...r.events);
      u = r.endMs + rng.int(5, 300);
    }
    if (events.length > 0) yield episode(events);
  }
}

/** Human-driven contacts of one process during the logon's active windows. */
function* humanDriven(rng: Rng, session: Session, logon: Logon, proc: Proc, ctx: BenignContext, medianS: number, plan: () => Destination[], cache: DnsCache): EpisodeSource {
  for (const w of logon.active) {
    let t = Math.max(w.startMs, proc.startMs + 2 * SECOND) + rng.int(10, 120) * SECOND;
    while (t < w.endMs) {
      const events: SimEvent[] = [];
      let u = t;
      for (const dest of plan()) {
        const r = contact(rng, session, proc, u, dest, cache, ctx.label, rng.int(1, 2));
        events.push(...r.events);
        u = r.endMs + rng.int(5, 400);
      }
      if (events.length > 0) yield episode(events);
      t += Math.round(Math.min(rng.lognormal(medianS, 1.0), 7200) * SECOND) + SECOND;
    }
  }
}

function* startApp(rng: Rng, session: Session, proc: Proc, ctx: BenignContext, onStart: Destination[], cache: DnsCache): EpisodeSource {
  const events: SimEvent[] = [processCreate(rng, session, proc, ctx.label)];
  let u = proc.startMs + rng.int(300, 3000);
  for (const dest of onStart) {
    const r = contact(rng, session, proc, u, dest, cache, ctx.label);
    events.push(...r.events);
    u = r.endMs + rng.int(50, 800);
  }
  yield episode(events);
}

export const teamsSource: BenignSource = {
  name: 'teams',
  category: 'collaboration',
  description:
    'ms-teams.exe (config.teams.microsoft.com, config.edge.skype.com at start; go.trouter.teams.microsoft.com reconnect every U[20, 40] min, assumption) and its msedgewebview2.exe child (teams.microsoft.com on chat activity); from logon.',
  applies: (host) => host.user !== null,
  *episodes(ctx) {
    const { host, rng } = ctx;
    const dir = 'C:\\Program Files\\WindowsApps\\MSTeams_24335.206.3314.8301_x64__8wekyb3d8bbwe';
    for (const life of lifetimes(host, 'logon')) {
      const { session, logon } = life;
      if (logon === undefined) continue;
      const at = life.startMs + rng.int(8, 60) * SECOND;
      if (at >= life.endMs) continue;
      const teams = session.spawn({ image: `${dir}\\ms-teams.exe`, commandLine: `"${dir}\\ms-teams.exe" msteams:system-initiated`, currentDirectory: `${dir}\\` }, at, logon.explorer, logon);
      const webview = session.spawn(
        {
          image: 'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.70\\msedgewebview2.exe',
          commandLine: `"C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\131.0.2903.70\\msedgewebview2.exe" --embedded-browser-webview=1 --webview-exe-name=ms-teams.exe --user-data-dir="C:\\Users\\${logon.user.sam}\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams\\EBWebView" --noerrdialogs`,
        },
        at + rng.int(1500, 4000),
        teams,
        logon,
      );
      const c1: DnsCache = new Map();
      const c2: DnsCache = new Map();
      yield* mergeEpisodes(
        startApp(rng, session, teams, ctx, [benignDest(MS.teamsConfig), benignDest(MS.edgeSkype)], c1),
        (function* () {
          yield* startApp(rng, session, webview, ctx, [benignDest(MS.teams)], c2);
        })(),
        periodic(rng.fork('teams-trouter', session.index), session, teams, ctx, at + rng.int(30, 90) * SECOND, life.endMs, () => rng.int(20 * 60, 40 * 60) * SECOND, () => [benignDest(MS.teamsTrouter)], c1),
        periodic(rng.fork('teams-config', session.index), session, teams, ctx, at + 60 * MINUTE, life.endMs, () => 60 * MINUTE + rng.int(-30, 30) * SECOND, () => [benignDest(MS.teamsConfig)], c1),
        humanDriven(rng.fork('teams-chat', session.index), session, logon, webview, ctx, 360, () => [benignDest(MS.teams)], c2),
      );
    }
  },
};

export const slackSource: BenignSource = {
  name: 'slack',
  category: 'collaboration',
  description: 'slack.exe → wss-primary.slack.com reconnect every U[30, 90] min (assumption), edgeapi.slack.com and slack.com on activity; from logon.',
  applies: (host) => host.user !== null && host.software.slack,
  *episodes(ctx) {
    const { host, rng } = ctx;
    for (const life of lifetimes(host, 'logon')) {
      const { session, logon } = life;
      if (logon === undefined) continue;
      const at = life.startMs + rng.int(10, 90) * SECOND;
      if (at >= life.endMs) continue;
      const image = `C:\\Users\\${logon.user.sam}\\AppData\\Local\\slack\\app-4.41.105\\slack.exe`;
      const slack = session.spawn({ image, commandLine: `"${image}" --process-start-args --startup`, currentDirectory: `C:\\Users\\${logon.user.sam}\\AppData\\Local\\slack\\app-4.41.105\\` }, at, logon.explorer, logon);
      const cache: DnsCache = new Map();
      yield* mergeEpisodes(
        startApp(rng, session, slack, ctx, [benignDest(VENDOR.slack), benignDest(VENDOR.slackWss)], cache),
        periodic(rng.fork('slack-wss', session.index), session, slack, ctx, at + rng.int(30, 90) * MINUTE, life.endMs, () => rng.int(30 * 60, 90 * 60) * SECOND, () => [benignDest(VENDOR.slackWss)], cache),
        humanDriven(rng.fork('slack-api', session.index), session, logon, slack, ctx, 240, () => [benignDest(rng.chance(0.7) ? VENDOR.slackApi : VENDOR.slack)], cache),
      );
    }
  },
};

export const zoomSource: BenignSource = {
  name: 'zoom',
  category: 'collaboration',
  description: 'Zoom.exe in the tray (zoom.us at start and hourly, assumption) and 0–2 meetings a working day (us05web.zoom.us, media server tcp/443 and udp/8801); from logon.',
  applies: (host) => host.user !== null && host.software.zoom,
  *episodes(ctx) {
    const { host, rng, label } = ctx;
    for (const life of lifetimes(host, 'logon')) {
      const { session, logon } = life;
      if (logon === undefined) continue;
      const at = life.startMs + rng.int(10, 120) * SECOND;
      if (at >= life.endMs) continue;
      const image = `C:\\Users\\${logon.user.sam}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe`;
      const zoom = session.spawn({ image, commandLine: `"${image}" --autostart`, currentDirectory: `C:\\Users\\${logon.user.sam}\\AppData\\Roaming\\Zoom\\bin\\` }, at, logon.explorer, logon);
      const cache: DnsCache = new Map();
      const mr = rng.fork('zoom-meetings', session.index);
      const meetings = function* (): EpisodeSource {
        for (const w of logon.active) {
          const n = mr.int(0, 1);
          const starts: number[] = [];
          for (let i = 0; i < n; i++) starts.push(mr.uniform(w.startMs, w.endMs));
          for (const s of starts.sort((a, b) => a - b)) {
            const t = Math.round(Math.max(s, zoom.startMs + 5 * SECOND));
            const events: SimEvent[] = [];
            let u = t;
            for (const dest of [benignDest(VENDOR.zoomWeb), benignDest(VENDOR.zoomMedia), benignDest(VENDOR.zoomMedia, 8801, 'udp')]) {
              const r = contact(mr, session, zoom, u, dest, cache, label, dest.protocol === 'udp' ? mr.int(2, 5) : 1);
              events.push(...r.events);
              u = r.endMs + mr.int(50, 900);
            }
            yield episode(events);
          }
        }
      };
      yield* mergeEpisodes(
        startApp(rng, session, zoom, ctx, [benignDest(VENDOR.zoom)], cache),
        periodic(rng.fork('zoom-tray', session.index), session, zoom, ctx, at + 60 * MINUTE, life.endMs, () => 60 * MINUTE + rng.int(-120, 120) * SECOND, () => [benignDest(VENDOR.zoom)], cache),
        meetings(),
      );
    }
  },
};

export const oneDriveSource: BenignSource = {
  name: 'onedrive',
  category: 'collaboration',
  description: 'OneDrive.exe /background → g.live.com and oneclient.sfx.ms at start [R23]; skyapi.onedrive.live.com every U[5, 15] min (assumption) and *.files.1drv.com on file activity; from logon.',
  applies: (host) => host.user !== null,
  *episodes(ctx) {
    const { host, rng } = ctx;
    for (const life of lifetimes(host, 'logon')) {
      const { session, logon } = life;
      if (logon === undefined) continue;
      const at = life.startMs + rng.int(5, 45) * SECOND;
      if (at >= life.endMs) continue;
      const image = `C:\\Users\\${logon.user.sam}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe`;
      const od = session.spawn({ image, commandLine: `"${image}" /background`, currentDirectory: `C:\\Users\\${logon.user.sam}\\AppData\\Local\\Microsoft\\OneDrive\\` }, at, logon.explorer, logon);
      const cache: DnsCache = new Map();
      yield* mergeEpisodes(
        startApp(rng, session, od, ctx, [benignDest(MS.oneDriveUpdate), benignDest(MS.oneDriveClient)], cache),
        periodic(rng.fork('onedrive-poll', session.index), session, od, ctx, at + rng.int(1, 5) * MINUTE, life.endMs, () => rng.int(5 * 60, 15 * 60) * SECOND, () => [benignDest(MS.oneDriveApi)], cache),
        humanDriven(rng.fork('onedrive-files', session.index), session, logon, od, ctx, 1500, () => [benignDest(MS.oneDriveFiles)], cache),
      );
    }
  },
};
