/**
 * Office-hours human activity besides browsing:
 * - Outlook starts at logon and keeps its mailbox connection to outlook.office365.com, reconnecting
 *   every U[10, 30] min (assumption) and when the person works with mail;
 * - Word and Excel opened a few times a day contact officeclient.microsoft.com,
 *   nexusrules.officeapps.live.com and ecs.office.com [R23];
 * - SmartScreen checks programs people start against checkappexec.microsoft.com [R40 sample];
 * - the IT administrator's workstation: PowerShell sessions (PowerShell Gallery, GitHub API) with 4104,
 *   and mstsc.exe RDP sessions to servers (the same sessions rdp-inbound shows on the servers).
 */
import type { BenignSource } from '../source.js';
import type { SimEvent } from '../model.js';
import type { DnsCache } from '../net.js';
import { MS, VENDOR } from './domains.js';
import { benignDest, contact, internalDest } from '../net.js';
import { processCreate, scriptBlocks } from '../build.js';
import { INTERNAL } from '../infra.js';
import { episode, mergeEpisodes, type EpisodeSource } from '../stream.js';
import { humanTimes, lifetimes } from './common.js';
import { adminRdpSessions } from './admin-rdp.js';
import { sessionAt } from '../estate.js';
import { MINUTE, SECOND } from '../clock.js';

const OUTLOOK = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE';

export const outlookSource: BenignSource = {
  name: 'outlook',
  category: 'office-activity',
  description: 'OUTLOOK.EXE from logon → outlook.office365.com:443, reconnect every U[10, 30] min (assumption) and on mail activity.',
  applies: (host) => host.user !== null,
  *episodes(ctx) {
    const { host, rng, label } = ctx;
    for (const life of lifetimes(host, 'logon')) {
      const { session, logon } = life;
      if (logon === undefined) continue;
      const at = (logon.active[0]?.startMs ?? life.startMs) + rng.int(20, 300) * SECOND;
      if (at >= life.endMs) continue;
      const proc = session.spawn({ image: OUTLOOK, commandLine: `"${OUTLOOK}" `, currentDirectory: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\' }, at, logon.explorer, logon);
      const cache: DnsCache = new Map();
      const dest = benignDest(MS.outlook);
      const head = function* (): EpisodeSource {
        yield episode([processCreate(rng, session, proc, label), ...contact(rng, session, proc, at + rng.int(500, 2000), dest, cache, label, 2).events]);
      };
      const reconnects = function* (): EpisodeSource {
        const r = rng.fork('outlook-reconnect', session.index);
        for (let t = at + r.int(10, 30) * MINUTE; t < life.endMs; t += r.int(10 * 60, 30 * 60) * SECOND) {
          yield episode(contact(r, session, proc, t, dest, cache, label).events);
        }
      };
      const activity = function* (): EpisodeSource {
        const r = rng.fork('outlook-activity', session.index);
        for (const w of logon.active) {
          for (let t = Math.max(w.startMs, at + 5 * SECOND); t < w.endMs; t += Math.round(r.lognormal(600, 1.0) * 1000) + SECOND) {
            yield episode(contact(r, session, proc, t, dest, cache, label, r.int(1, 2)).events);
          }
        }
      };
      yield* mergeEpisodes(head(), reconnects(), activity());
    }
  },
};

const APPS = [
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', doc: 'Documents\\Quarterly report.docx' },
  { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', doc: 'Documents\\Budget 2026.xlsx' },
] as const;

export const officeAppsSource: BenignSource = {
  name: 'office-apps',
  category: 'office-activity',
  description: 'WINWORD.EXE / EXCEL.EXE opened a few times a day → officeclient.microsoft.com, nexusrules.officeapps.live.com, ecs.office.com:443; smartscreen.exe → checkappexec.microsoft.com.',
  applies: (host) => host.user !== null,
  *episodes({ host, rng, label }) {
    for (const { t, session, logon } of humanTimes(host, rng, 2.5 * 3600, 0.7, 0)) {
      const app = rng.pick(APPS);
      const proc = session.spawn(
        { image: app.image, commandLine: `"${app.image}" /n "C:\\Users\\${logon.user.sam}\\${app.doc}"`, currentDirectory: `C:\\Users\\${logon.user.sam}\\Documents\\` },
        t,
        logon.explorer,
        logon,
      );
      const events: SimEvent[] = [processCreate(rng, session, proc, label)];
      let u = t + rng.int(800, 4000);
      for (const spec of [MS.officeClient, MS.nexus, MS.ecs]) {
        const r = contact(rng, session, proc, u, benignDest(spec), null, label);
        events.push(...r.events);
        u = r.endMs + rng.int(100, 3000);
      }
      // SmartScreen is consulted for some launches (downloaded or first-run programs).
      if (rng.chance(0.3)) {
        const ss = session.spawn({ image: 'C:\\Windows\\System32\\smartscreen.exe', commandLine: 'C:\\Windows\\System32\\smartscreen.exe -Embedding' }, t + rng.int(100, 600), session.bootServices.dcomlaunch, logon);
        events.push(processCreate(rng, session, ss, label), ...contact(rng, session, ss, ss.startMs + rng.int(50, 300), benignDest(MS.smartscreen), null, label).events);
      }
      yield episode(events);
    }
  },
};

const PWSH = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const ADMIN_SCRIPTS = [
  { text: 'Find-Module -Name PSWindowsUpdate | Install-Module -Scope CurrentUser -Force', dests: [MS.psGallery] },
  { text: 'Invoke-RestMethod -Uri "https://api.github.com/repos/PowerShell/PowerShell/releases/latest" | Select-Object tag_name, published_at', dests: [VENDOR.github] },
  { text: 'Get-ADComputer -Filter * -SearchBase "OU=Servers,DC=corp,DC=example" | Select-Object Name, LastLogonDate', dests: [] },
] as const;

export const adminToolsSource: BenignSource = {
  name: 'admin-tools',
  category: 'office-activity',
  description: 'The IT workstation: interactive powershell.exe (PowerShell Gallery, GitHub API, AD queries) with 4104, and mstsc.exe RDP to servers.',
  applies: (host) => host.user?.isAdmin === true,
  *episodes(ctx) {
    const { host, rng, label, estate } = ctx;
    const shells = function* (): EpisodeSource {
      const r = rng.fork('shells');
      for (const { t, session, logon } of humanTimes(host, r, 3 * 3600, 0.8, 0)) {
        const script = r.pick(ADMIN_SCRIPTS);
        const ps = session.spawn({ image: PWSH, commandLine: `"${PWSH}" `, integrity: 'High', currentDirectory: `C:\\Users\\${logon.user.sam}\\` }, t, logon.explorer, logon);
        const events: SimEvent[] = [processCreate(r, session, ps, label)];
        const at = t + r.int(20, 180) * SECOND;
        events.push(...scriptBlocks(r, session, ps, at, script.text, '', label));
        let u = at + r.int(50, 500);
        for (const spec of script.dests) {
          const c = contact(r, session, ps, u, benignDest(spec), null, label, r.int(1, 2));
          events.push(...c.events);
          u = c.endMs + r.int(100, 2000);
        }
        if (script.dests.length === 0) {
          events.push(...contact(r, session, ps, u, internalDest(INTERNAL.dc.name, INTERNAL.dc.ip, 389), null, label).events);
        }
        yield episode(events);
      }
    };
    const rdp = function* (): EpisodeSource {
      const r = rng.fork('rdp');
      for (const s of adminRdpSessions(estate)) {
        if (s.admin !== host) continue;
        const at = sessionAt(host, s.startMs - 2 * SECOND);
        if (at === null || at.logon === undefined) continue;
        const mstsc = at.session.spawn(
          { image: 'C:\\Windows\\System32\\mstsc.exe', commandLine: `"C:\\Windows\\system32\\mstsc.exe" /v:${s.server.fqdn}` },
          s.startMs - r.int(1500, 4000),
          at.logon.explorer,
          at.logon,
        );
        const dest = internalDest(s.server.fqdn, s.server.ip, 3389);
        const c = contact(r, at.session, mstsc, mstsc.startMs + r.int(100, 400), dest, null, label);
        yield episode([processCreate(r, at.session, mstsc, label), ...c.events]);
      }
    };
    yield* mergeEpisodes(shells(), rdp());
  },
};
