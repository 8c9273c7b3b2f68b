/**
 * Monitoring and telemetry agents checking in to their backends (the seed's first false-positive class):
 * - Datadog Agent (servers): the collector runs every 15 s and DogStatsD flushes every 10 s [R35] over
 *   kept-alive HTTPS; the simulator logs a new connection when the forwarder recycles it, every 300 s
 *   with ±2 s noise (assumption), to the cloud intake (a domain outside the seed's exclusion list);
 * - Elastic Agent (every host): Fleet long-polls, holding each check-in up to 5 min [R34], so a new
 *   request follows about every 300 s, earlier (U[5, 300] s) in the 3 % of polls that return an action;
 * - Splunk Universal Forwarder (servers): phones home to the internal deployment server :8089 every
 *   60 s (phoneHomeIntervalInSecs; third-party default) [R33].
 * These agents run as services from boot to shutdown, 24 × 7.
 */
import type { BenignSource } from '../source.js';
import type { Account, Host } from '../estate.js';
import { agentEpisodes } from './common.js';
import { VENDOR } from './domains.js';
import { INTERNAL } from '../infra.js';
import { benignDest, internalDest } from '../net.js';

const ddAgent = (host: Host): Account => ({ name: `${host.name}\\ddagentuser`, sam: 'ddagentuser', domain: host.name, sid: `S-1-5-21-3623811015-3361044348-30300820-${1000 + host.index}` });

export const datadogSource: BenignSource = {
  name: 'datadog-agent',
  category: 'monitoring-agent',
  description: 'agent.exe (Datadog) → 7-59-0-app.agent.datadoghq.com:443 every 300 s ± 2 s, process.datadoghq.com every 10 min; servers [R35].',
  applies: (host) => host.kind === 'server',
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files\\Datadog\\Datadog Agent\\bin\\agent.exe',
      commandLine: '"C:\\Program Files\\Datadog\\Datadog Agent\\bin\\agent.exe" run',
      account: ddAgent,
      currentDirectory: 'C:\\Program Files\\Datadog\\Datadog Agent\\bin\\',
      startsAt: 'boot',
      startDelayS: [8, 40],
      firstCheckInS: [15, 30],
      sleep: { kind: 'fixed', periodS: 300, noiseS: 2 },
      plan: (_rng, k) =>
        k % 2 === 0 ? [{ dest: benignDest(VENDOR.datadog) }, { dest: benignDest(VENDOR.datadogProcess) }] : [{ dest: benignDest(VENDOR.datadog) }],
    }),
};

export const elasticAgentSource: BenignSource = {
  name: 'elastic-agent',
  category: 'monitoring-agent',
  description: 'elastic-agent.exe → Fleet (*.fleet.westeurope.azure.elastic-cloud.com:443) long-poll: ~300 s, U[5, 300] s when an action returns early [R34]; every host.',
  applies: () => true,
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files\\Elastic\\Agent\\elastic-agent.exe',
      commandLine: '"C:\\Program Files\\Elastic\\Agent\\elastic-agent.exe"',
      currentDirectory: 'C:\\Program Files\\Elastic\\Agent\\',
      startsAt: 'boot',
      startDelayS: [5, 30],
      firstCheckInS: [5, 20],
      sleep: (rng) => (rng.chance(0.03) ? rng.int(5, 300) * 1000 : Math.round(300_000 + rng.int(40, 900))),
      plan: () => [{ dest: benignDest(VENDOR.elasticFleet) }],
    }),
};

export const splunkUfSource: BenignSource = {
  name: 'splunk-forwarder',
  category: 'monitoring-agent',
  description: 'splunkd.exe → internal deployment server splunk-ds.corp.example:8089 every 60 s [R33]; servers.',
  applies: (host) => host.kind === 'server',
  episodes: (ctx) =>
    agentEpisodes(ctx, {
      image: 'C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe',
      commandLine: '"C:\\Program Files\\SplunkUniversalForwarder\\bin\\splunkd.exe" service',
      currentDirectory: 'C:\\Program Files\\SplunkUniversalForwarder\\bin\\',
      startsAt: 'boot',
      startDelayS: [10, 45],
      firstCheckInS: [20, 60],
      sleep: { kind: 'fixed', periodS: 60, noiseS: 0.2 },
      plan: () => [{ dest: internalDest(INTERNAL.deploy.name, INTERNAL.deploy.ip, 8089) }],
    }),
};
