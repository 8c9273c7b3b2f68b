/**
 * Enterprise applications holding heartbeat connections to their vendors' clouds (the seed's third
 * false-positive class). Both run in the user's session from logon:
 * - Dropbox long-polls its notification service bolt.dropbox.com (a request returns on change or
 *   after the server's hold time; modelled as every 90 s ± 3 s, an assumption) and syncs on activity;
 * - Citrix Workspace refreshes its store at corpexample.cloud.com (modelled as every 30 min ± 30 s,
 *   an assumption).
 */
import type { BenignSource } from '../source.js';
import { agentEpisodes } from './common.js';
import { VENDOR } from './domains.js';
import { benignDest } from '../net.js';

export const dropboxSource: BenignSource = {
  name: 'dropbox',
  category: 'enterprise-heartbeat',
  description: 'Dropbox.exe → bolt.dropbox.com:443 long-poll every 90 s ± 3 s (assumption), client.dropbox.com at start; from logon.',
  applies: (host) => host.software.dropbox && host.user !== null,
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe',
      commandLine: '"C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe" /systemstartup',
      currentDirectory: 'C:\\Program Files (x86)\\Dropbox\\Client\\',
      startsAt: 'logon',
      startDelayS: [5, 40],
      firstCheckInS: [10, 30],
      onStart: [{ dest: benignDest(VENDOR.dropboxClient), connections: 2 }],
      sleep: { kind: 'fixed', periodS: 90, noiseS: 3 },
      plan: (rng) => (rng.chance(0.05) ? [{ dest: benignDest(VENDOR.dropboxNotify) }, { dest: benignDest(VENDOR.dropboxClient) }] : [{ dest: benignDest(VENDOR.dropboxNotify) }]),
    }),
};

export const citrixSource: BenignSource = {
  name: 'citrix-workspace',
  category: 'enterprise-heartbeat',
  description: 'SelfService.exe (Citrix Workspace) → corpexample.cloud.com:443 store refresh every 30 min ± 30 s (assumption); from logon.',
  applies: (host) => host.software.citrix && host.user !== null,
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files (x86)\\Citrix\\ICA Client\\SelfServicePlugin\\SelfService.exe',
      commandLine: '"C:\\Program Files (x86)\\Citrix\\ICA Client\\SelfServicePlugin\\SelfService.exe" -ipoll -startup',
      currentDirectory: 'C:\\Program Files (x86)\\Citrix\\ICA Client\\SelfServicePlugin\\',
      startsAt: 'logon',
      startDelayS: [10, 60],
      firstCheckInS: [20, 90],
      sleep: { kind: 'fixed', periodS: 1800, noiseS: 30 },
      plan: () => [{ dest: benignDest(VENDOR.citrix), connections: 2 }],
    }),
};
