/**
 * The DNS detections on one hand-made estate of four hosts (Sysmon EID 22 only), through the engine with
 * the pack's macros and commands, and their vanilla forms. Expectations are derived per detection below.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/events/event.js';
import { assessDomain } from '../../src/analytics/dns/label-model.js';
import { AGENT, CHROME, dns, lcg, PS, runDetection, SVCHOST, T0 } from '../helpers/pack.js';

const CMD = 'C:\\Windows\\System32\\cmd.exe';
const DROPPER = 'C:\\Users\\bob\\AppData\\Local\\Temp\\upd.exe';
const DLLHOST = 'C:\\Windows\\System32\\dllhost.exe';
const HOSTS = ['WKS-001', 'WKS-002', 'WKS-003', 'WKS-004'];
/** The seed's test 2 domains (adversary-style names, all NXDOMAIN). */
const TEST2 = ['c2-beacon.test', 'update-checker.invalid', 'cdn-sync-node.example', 'telemetry-gateway.test', 'api-health-monitor.invalid'];

/** Random 14-character labels of consonants and digits: what a character-level DGA emits. */
function dgaLabels(n: number): string[] {
  const r = lcg(5);
  const alphabet = 'bcdfghjklmnpqrstvwxz0123456789';
  return Array.from({ length: n }, () => Array.from({ length: 14 }, () => alphabet[Math.floor(r() * alphabet.length)]).join(''));
}

function estate(): Event[] {
  const ev: Event[] = [];
  for (const host of HOSTS) {
    ev.push(dns(T0 + 10, { host, image: CHROME, name: 'www.example.com', answers: ['198.51.100.1'] }));
    ev.push(dns(T0 + 20, { host, image: SVCHOST, name: 'dc01.corp.example', answers: ['10.20.0.10'] }));
    // An agent on every host encodes lookups in 120 unique subdomains of one parent (reputation style).
    for (let i = 0; i < 120; i++) ev.push(dns(T0 + 1000 + i, { host, image: AGENT, name: `q${i}x${host.slice(-1)}.rep.vendor.example`, answers: ['198.51.100.9'] }));
  }
  // LOLBin lookups.
  TEST2.forEach((name, i) => ev.push(dns(T0 + 240 + i * 5, { host: 'WKS-001', image: PS, name, status: 9003 })));
  ev.push(dns(T0 + 300, { host: 'WKS-002', image: PS, name: 'www.example.com', answers: ['198.51.100.1'] }));
  ev.push(dns(T0 + 310, { host: 'WKS-003', image: CMD, name: 'oldserver.corp.example', status: 9003 }));
  ev.push(dns(T0 + 320, { host: 'WKS-004', image: PS, name: 'gone.stale-c2.test', status: 9003 }));
  ev.push(dns(T0 + 330, { host: 'WKS-004', image: AGENT, name: 'missing.agent-only.test', status: 9003 }));
  // A DGA walk: 12 generated names in 24 s, all NXDOMAIN, from a dropper in Temp.
  dgaLabels(12).forEach((label, i) => ev.push(dns(T0 + 3600 + i * 2, { host: 'WKS-003', image: DROPPER, name: `${label}.com`, status: 9003 })));
  // Near misses for bursts: one stale name retried 20 times in a minute; 9 distinct NXDOMAINs in a minute.
  for (let i = 0; i < 20; i++) ev.push(dns(T0 + 7200 + i * 3, { host: 'WKS-002', image: AGENT, name: 'retry.gone.example', status: 9003 }));
  for (let i = 0; i < 9; i++) ev.push(dns(T0 + 9000 + i * 5, { host: 'WKS-001', image: AGENT, name: `host${i}.lab.example`, status: 9003 }));
  // A DNS tunnel: 150 unique data-carrying names under one parent, from one host.
  const r = lcg(9);
  for (let i = 0; i < 150; i++) {
    const hex = Array.from({ length: 24 }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
    ev.push(dns(T0 + 20000 + i * 45, { host: 'WKS-002', image: DLLHOST, name: `${hex}.a1b2.ns.tunnel.test`, answers: ['192.0.2.53'] }));
  }
  // Browsing one rare site: browsers are left out of the rare-domain findings.
  ev.push(dns(T0 + 500, { host: 'WKS-001', image: CHROME, name: 'tiny-blog.example', answers: ['198.51.100.77'] }));
  return ev;
}

const exe = (r: Record<string, unknown>) => String(r['Image']).split('\\').pop();

describe('c2_dns_query_by_lolbin', () => {
  // Severity: failed lookups of a domain resolved by ≤ 2 hosts are medium, high when the same process
  // failed on ≥ 3 such domains (WKS-001 powershell: the five test-2 domains). corp.example is resolved by
  // all four hosts, so cmd's failure there stays low; agent.exe is not a LOLBin.
  it('grades failed rare lookups by scripting hosts', async () => {
    const { rows } = await runDetection('c2_dns_query_by_lolbin.yml', estate());
    const got = rows.map((r) => `${String(r['host'])} ${exe(r)} ${String(r['domain'])} ${String(r['severity'])}`).sort();
    expect(got).toEqual([
      'WKS-001 powershell.exe api-health-monitor.invalid high',
      'WKS-001 powershell.exe c2-beacon.test high',
      'WKS-001 powershell.exe cdn-sync-node.example high',
      'WKS-001 powershell.exe telemetry-gateway.test high',
      'WKS-001 powershell.exe update-checker.invalid high',
      'WKS-002 powershell.exe example.com low',
      'WKS-003 cmd.exe corp.example low',
      'WKS-004 powershell.exe stale-c2.test medium',
    ]);
  });

  it('vanilla form gives the same rows', async () => {
    const native = await runDetection('c2_dns_query_by_lolbin.yml', estate());
    const vanilla = await runDetection('c2_dns_query_by_lolbin.yml', estate(), { vanilla: true });
    const sig = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r['host'])} ${exe(r)} ${String(r['domain'])} ${String(r['severity'])} ${String(r['failures'])}`).sort();
    expect(sig(vanilla.rows)).toEqual(sig(native.rows));
  });
});

describe('c2_dns_dga_like_names', () => {
  it('flags the generated names, medium because they are rare and failed; ordinary names are not flagged', async () => {
    // Precondition from the model (docs/dns-analytics.md): random consonant/digit labels score high.
    for (const label of dgaLabels(12)) expect(assessDomain(`${label}.com`).score).toBeGreaterThanOrEqual(0.8);
    const { rows, findings } = await runDetection('c2_dns_dga_like_names.yml', estate());
    expect(rows.length).toBe(12);
    for (const r of rows) {
      expect(exe(r)).toBe('upd.exe');
      expect(r['severity']).toBe('medium');
      expect(r['dga_domains']).toBe(12);
    }
    expect(findings[0]?.severity).toBe('medium');
  });

  it('vanilla heuristics flag the same names', async () => {
    const { rows } = await runDetection('c2_dns_dga_like_names.yml', estate(), { vanilla: true });
    expect(rows.map((r) => r['domain']).sort()).toEqual(dgaLabels(12).map((l) => `${l}.com`).sort());
  });
});

describe('c2_dns_nxdomain_burst', () => {
  // 12 distinct NXDOMAINs within 24 s ≥ 10 → a burst (upd.exe is no LOLBin: medium). 20 retries of one
  // name count as 1; 9 distinct in 45 s stay below 10; the test-2 five are below too.
  it('finds the DGA walk only', async () => {
    const { rows } = await runDetection('c2_dns_nxdomain_burst.yml', estate());
    expect(rows.map((r) => `${String(r['host'])} ${exe(r)} ${String(r['max_burst'])} ${String(r['severity'])}`)).toEqual(['WKS-003 upd.exe 12 medium']);
  });

  it('vanilla form (streamstats time_window) agrees', async () => {
    const { rows } = await runDetection('c2_dns_nxdomain_burst.yml', estate(), { vanilla: true });
    expect(rows.map((r) => `${String(r['host'])} ${exe(r)} ${String(r['max_burst'])} ${String(r['severity'])}`)).toEqual(['WKS-003 upd.exe 12 medium']);
  });
});

describe('c2_dns_tunnelling', () => {
  // tunnel.test: 150 distinct subdomains ≥ 100 → score 1, one host → high. rep.vendor.example: 120 distinct
  // per host → score 1 too, but all four hosts query it → low.
  it('rates the one-host tunnel high and the estate-wide pattern low', async () => {
    const { rows } = await runDetection('c2_dns_tunnelling.yml', estate());
    const tunnel = rows.filter((r) => r['parent'] === 'tunnel.test');
    expect(tunnel.map((r) => [exe(r), r['distinct_subdomains'], r['tunnel_score'], r['severity']])).toEqual([['dllhost.exe', 150, 1, 'high']]);
    const rep = rows.filter((r) => r['parent'] === 'vendor.example');
    expect(rep.length).toBe(4);
    for (const r of rep) expect([r['severity'], r['parent_hosts']]).toEqual(['low', 4]);
    expect(rows.length).toBe(5);
  });

  it('vanilla form agrees', async () => {
    const { rows } = await runDetection('c2_dns_tunnelling.yml', estate(), { vanilla: true });
    expect(rows.filter((r) => r['severity'] === 'high').map((r) => [r['parent'], r['distinct_subdomains']])).toEqual([['tunnel.test', 150]]);
    expect(rows.length).toBe(5);
  });
});

describe('c2_dns_rare_domain', () => {
  // Domains resolved by ≤ 2 of the 4 hosts, by non-browser processes: the five test-2 domains, stale-c2,
  // agent-only, the 12 DGA domains, gone.example (retries), lab.example, tunnel.test. Not: example.com
  // and corp.example (4 hosts), vendor.example (4 hosts), tiny-blog.example (only a browser).
  it('lists rare domains of non-browser processes', async () => {
    const { rows } = await runDetection('c2_dns_rare_domain.yml', estate());
    const domains = new Set(rows.map((r) => String(r['domain'])));
    for (const d of [...TEST2, 'stale-c2.test', 'agent-only.test', 'gone.example', 'lab.example', 'tunnel.test']) expect(domains.has(d), d).toBe(true);
    for (const d of ['example.com', 'corp.example', 'vendor.example', 'tiny-blog.example']) expect(domains.has(d), d).toBe(false);
    expect(rows.length).toBe(TEST2.length + 5 + 12);
    for (const r of rows) expect(r['severity']).toBe('informational');
  });

  it('stays silent with a single host (nothing is rarer than the rest)', async () => {
    const { rows } = await runDetection('c2_dns_rare_domain.yml', estate().filter((e) => e['host'] === 'WKS-002'));
    expect(rows).toEqual([]);
  });
});
