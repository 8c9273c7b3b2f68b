/**
 * Security tooling that refreshes threat-intelligence feeds on a schedule with curl.exe or PowerShell
 * (the seed's fourth false-positive class). It runs on the security-tooling server (the first server,
 * or the first host of an estate without servers):
 * - hourly at a fixed minute, the Task Scheduler starts `cmd.exe /c update-feeds.cmd`, which runs
 *   curl.exe twice (URLhaus and Feodo Tracker lists);
 * - every 4 hours, PowerShell runs Update-IntelFeeds.ps1 (Emerging Threats rules, AlienVault OTX),
 *   with its script block in 4104.
 * Both are suspicious images by the seed's list, very regular, and to domains outside its exclusions.
 */
import type { BenignSource } from '../source.js';
import type { Estate, Host } from '../estate.js';
import type { SimEvent } from '../model.js';
import { VENDOR } from './domains.js';
import { benignDest, contact } from '../net.js';
import { processCreate, scriptBlocks } from '../build.js';
import { scheduledRuns, every } from './common.js';

export function securityToolingHost(estate: Estate): Host | undefined {
  return estate.hostList.find((h) => h.kind === 'server') ?? estate.hostList[0];
}

const CURL = 'C:\\Windows\\System32\\curl.exe';
const CMD = 'C:\\Windows\\System32\\cmd.exe';
const PWSH = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const FEEDS = [
  { spec: VENDOR.urlhaus, url: 'https://urlhaus.abuse.ch/downloads/csv_recent/', file: 'urlhaus.csv' },
  { spec: VENDOR.feodo, url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.csv', file: 'feodo.csv' },
] as const;

export const threatIntelCurlSource: BenignSource = {
  name: 'threat-intel-curl',
  category: 'threat-intel-update',
  description: 'Task Scheduler → cmd.exe → curl.exe hourly to urlhaus.abuse.ch and feodotracker.abuse.ch:443 (security-tooling host).',
  applies: (host, estate) => securityToolingHost(estate) === host,
  episodes: (ctx) =>
    scheduledRuns(ctx, (session, rng) => every(session, rng, 3600, [300, 900], 0.5), (rng, session, t) => {
      const { label } = ctx;
      const cmd = session.spawn(
        { image: CMD, commandLine: 'C:\\Windows\\system32\\cmd.exe /c "C:\\SOC\\feeds\\update-feeds.cmd"', currentDirectory: 'C:\\SOC\\feeds\\' },
        t,
        session.bootServices.schedule,
      );
      const events: SimEvent[] = [processCreate(rng, session, cmd, label)];
      let u = t + rng.int(40, 200);
      for (const feed of FEEDS) {
        const curl = session.spawn(
          { image: CURL, commandLine: `curl.exe -s -f -m 60 -o C:\\SOC\\feeds\\${feed.file} ${feed.url}`, currentDirectory: 'C:\\SOC\\feeds\\' },
          u,
          cmd,
        );
        events.push(processCreate(rng, session, curl, label));
        const r = contact(rng, session, curl, u + rng.int(15, 60), benignDest(feed.spec), null, label);
        events.push(...r.events);
        u = r.endMs + rng.int(400, 3000);
      }
      return { events };
    }),
};

const INTEL_SCRIPT = [
  '$ErrorActionPreference = "Stop"',
  '$out = "C:\\SOC\\feeds"',
  'Invoke-WebRequest -Uri "https://rules.emergingthreats.net/blockrules/compromised-ips.txt" -OutFile "$out\\et-compromised.txt" -UseBasicParsing',
  '$headers = @{ "X-OTX-API-KEY" = (Get-Content "$out\\otx.key") }',
  'Invoke-RestMethod -Uri "https://otx.alienvault.com/api/v1/pulses/subscribed?limit=50" -Headers $headers | ConvertTo-Json -Depth 6 | Set-Content "$out\\otx.json"',
].join('\n');

export const threatIntelPowerShellSource: BenignSource = {
  name: 'threat-intel-powershell',
  category: 'threat-intel-update',
  description: 'Task Scheduler → powershell.exe -File Update-IntelFeeds.ps1 every 4 h to rules.emergingthreats.net and otx.alienvault.com:443, with 4104 (security-tooling host).',
  applies: (host, estate) => securityToolingHost(estate) === host,
  episodes: (ctx) =>
    scheduledRuns(ctx, (session, rng) => every(session, rng, 4 * 3600, [600, 1800], 0.5), (rng, session, t) => {
      const { label } = ctx;
      const ps = session.spawn(
        {
          image: PWSH,
          commandLine: 'powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File C:\\SOC\\scripts\\Update-IntelFeeds.ps1',
          currentDirectory: 'C:\\SOC\\scripts\\',
        },
        t,
        session.bootServices.schedule,
      );
      const events: SimEvent[] = [processCreate(rng, session, ps, label)];
      events.push(...scriptBlocks(rng, session, ps, t + rng.int(300, 900), INTEL_SCRIPT, 'C:\\SOC\\scripts\\Update-IntelFeeds.ps1', label));
      let u = t + rng.int(1000, 2000);
      for (const spec of [VENDOR.emergingThreats, VENDOR.otx]) {
        const r = contact(rng, session, ps, u, benignDest(spec), null, label);
        events.push(...r.events);
        u = r.endMs + rng.int(500, 4000);
      }
      return { events };
    }),
};
