/**
 * Adversary infrastructure of the scenarios: only documentation addresses (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and reserved names (.test, .example, .invalid).
 */
import type { Destination } from '../net.js';
import type { Resolution } from '../infra.js';
import { hash32 } from '../prng.js';

export const C2 = {
  test1: { ip: '127.0.0.1', port: 8888 },
  test2Domains: ['c2-beacon.test', 'update-checker.invalid', 'cdn-sync-node.example', 'telemetry-gateway.test', 'api-health-monitor.invalid'],
  test3: { ip: '127.0.0.1', ports: [4444, 8080, 8443] },
  test4: { ip: '127.0.0.1', port: 8888, task: 'WindowsNetworkHealth' },
  https: { name: 'updates.cdn-edge-sync.example', ip: '203.0.113.45', ip6: '2001:db8:c2::45', ptr: '203-0-113-45.vps.hosting.example', port: 443 },
  lowSlow: { name: 'telemetry.adobe-cdn-update.test', ip: '198.51.100.23', port: 443 },
  rotating: { name: 'static.fastflux-assets.test', pool: 24, port: 80 },
  dnsTunnel: { zone: 'ns.cloud-sync-api.test', idle: '192.0.2.53' },
  rawIp: { ip: '192.0.2.77', port: 8888 },
  longSleep: { name: 'sync.backup-telemetry.example', ip: '203.0.113.88', port: 443 },
} as const;

/** The rotating pool: 16 addresses in 198.51.100.100–115 and 8 in 203.0.113.200–207. */
export function rotatingPool(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 16; i++) out.push(`198.51.100.${100 + i}`);
  for (let i = 0; i < 8; i++) out.push(`203.0.113.${200 + i}`);
  return out;
}

/** A C2 name with fixed answers. */
export function fixedDest(name: string, addresses: readonly string[], port: number, ttl: number, ptr = '-'): Destination {
  return {
    name,
    port,
    protocol: 'tcp',
    ttl,
    resolve: (): Resolution => ({ status: 0, cnames: [], addresses }),
    ptr: () => ptr,
  };
}

/** Fast flux: every query (TTL 60 s) returns three addresses drawn from the pool by time. */
export function fastFluxDest(name: string, pool: readonly string[], port: number): Destination {
  return {
    name,
    port,
    protocol: 'tcp',
    ttl: 60,
    resolve: (t: number): Resolution => {
      const e = Math.floor(t / 60_000);
      const picks = new Set<string>();
      for (let i = 0; picks.size < 3; i++) picks.add(pool[hash32(`${name}:${e}:${i}`) % pool.length] as string);
      return { status: 0, cnames: [], addresses: [...picks] };
    },
    ptr: () => '-',
  };
}
