/**
 * Remote-management tools holding persistent management connections (the seed's fifth false-positive
 * class). A persistent TCP session logs one EID 3 per (re)connection, so what a detector sees is the
 * reconnect cadence:
 * - TeamViewer (TeamViewer_Service.exe, SYSTEM): master server at start, then a router on TCP 5938 [R37];
 *   reconnects modelled as U[45, 75] min (assumption; keepalive period unconfirmed);
 * - AnyDesk service: boot.net.anydesk.com:443 at start, then a relay on TCP 6568 [R38], reconnecting at
 *   exponential gaps (mean 2 h, assumption);
 * - ScreenConnect client service on servers: relay :443, reconnecting every 15 min ± 20 s after the
 *   relay's idle timeout (assumption).
 */
import type { BenignSource } from '../source.js';
import { agentEpisodes } from './common.js';
import { VENDOR } from './domains.js';
import { benignDest } from '../net.js';

export const teamViewerSource: BenignSource = {
  name: 'teamviewer',
  category: 'remote-management',
  description: 'TeamViewer_Service.exe → master9.teamviewer.com at start, router14.teamviewer.com:5938 reconnecting every U[45, 75] min (assumption) [R37].',
  applies: (host) => host.software.teamviewer,
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files\\TeamViewer\\TeamViewer_Service.exe',
      commandLine: '"C:\\Program Files\\TeamViewer\\TeamViewer_Service.exe"',
      currentDirectory: 'C:\\Program Files\\TeamViewer\\',
      startsAt: 'boot',
      startDelayS: [5, 30],
      firstCheckInS: [20, 60],
      onStart: [{ dest: benignDest(VENDOR.teamviewerMaster, 5938) }],
      sleep: (rng) => rng.int(45 * 60, 75 * 60) * 1000,
      plan: () => [{ dest: benignDest(VENDOR.teamviewerRouter, 5938) }],
    }),
};

export const anyDeskSource: BenignSource = {
  name: 'anydesk',
  category: 'remote-management',
  description: 'AnyDesk.exe --service → boot.net.anydesk.com:443 at start, relay-*.net.anydesk.com:6568 reconnecting at exponential gaps, mean 2 h (assumption) [R38].',
  applies: (host) => host.software.anydesk,
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      commandLine: '"C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe" --service',
      currentDirectory: 'C:\\Program Files (x86)\\AnyDesk\\',
      startsAt: 'boot',
      startDelayS: [5, 30],
      firstCheckInS: [5, 20],
      onStart: [{ dest: benignDest(VENDOR.anydeskBoot) }],
      sleep: { kind: 'exponential', meanS: 7200, minS: 120 },
      plan: () => [{ dest: benignDest(VENDOR.anydeskRelay, 6568) }],
    }),
};

export const screenConnectSource: BenignSource = {
  name: 'screenconnect',
  category: 'remote-management',
  description: 'ScreenConnect.ClientService.exe → instance-*-relay.screenconnect.com:443 reconnecting every 15 min ± 20 s (assumption); servers.',
  applies: (host) => host.kind === 'server',
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files (x86)\\ScreenConnect Client (7c3e91a2b4d5e6f7)\\ScreenConnect.ClientService.exe',
      commandLine:
        '"C:\\Program Files (x86)\\ScreenConnect Client (7c3e91a2b4d5e6f7)\\ScreenConnect.ClientService.exe" "?e=Access&y=Guest&h=instance-k8w2qz-relay.screenconnect.com&p=443&s=6f1a0d2e-4b7c-4e59-9a3d-2c8e1f7b5a90&k=BgIAAACkAABSU0ExAAgAAAEAAQ"',
      startsAt: 'boot',
      startDelayS: [10, 40],
      firstCheckInS: [5, 30],
      sleep: { kind: 'fixed', periodS: 900, noiseS: 20 },
      plan: () => [{ dest: benignDest(VENDOR.screenconnect) }],
    }),
};
