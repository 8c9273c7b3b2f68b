/**
 * The seed-plus variant against the seed's blind spots, with the seed query run on the same events for
 * contrast. Buckets are 600 s (c2hunt_bucket_seconds); T0 is a multiple of 600, so a 60 s beacon puts
 * exactly 10 connections in each bucket. Hand-derived expectations per series:
 *
 * Severity (c2hunt_process_traits): high needs a rare beacon pattern and a strong sign (a code host, an
 * image in a user-writable folder) or two moderate ones (a scripting host or LOLBin; an address the host
 * never resolved by DNS: none of these series has EID 22, so every one is a raw address); medium a rare
 * beacon pattern; low the rest. Risk: high 40 + 5·RiskScore + 8·strong, medium 5·RiskScore, low 2·RiskScore.
 *
 * A rundll32 → 203.0.113.45 every 60 s for 3 h: 18 buckets × 10 → ConsistencyRatio 0, AvgPerBucket 10
 *   → IsBeaconPattern 1; IsSuspiciousProcess 1; 180 > 50 → 1; 1 of 5 hosts → IsRare 1: RiskScore 4.
 *   rundll32 is a code host (strong 1) → high, risk 40 + 20 + 8 = 68.
 * B WerFault → 203.0.113.88 every 3 h (± 60 s) for 3 days: 24 connections, one per active bucket, so
 *   AvgPerBucket 1 (the consistency test needs 2); gaps between active buckets are all 18 buckets (±0.1)
 *   → GapSpread 0 < 0.5 → IsBeaconPattern 1; IsRare 1: RiskScore 2. WerFault is a code host → high,
 *   risk 40 + 10 + 8 = 58 (before the process traits it was medium: timing and rarity alone).
 * C svc.exe → 198.51.100.30 at exponential gaps, mean 2 h, 30 connections over ~2.5 days: one per active
 *   bucket, gaps spread (IQR/median of exponential gaps ≈ 1.6) → IsBeaconPattern 0; IsRare 1: RiskScore 1,
 *   low, risk 2 (svc.exe under ProgramData is a strong sign, but without a beacon pattern it stays low).
 *   The seed calls this a beacon pattern (AvgPerHour 1, stdev 0).
 * D powershell → 203.0.113.7 every 30 s for 20 minutes (40 connections): the seed's hourly buckets give
 *   HoursActive 1 < 2 and drop it; 10-minute buckets give 2 (or 3) active buckets → a row.
 * E powershell → six addresses of one domain (DNS answers rotate), every 60 s for 1 h: one row for the
 *   domain with DistinctIps 6; the seed splits it into six series of 10.
 * F powershell → 203.0.113.70 every 60 s for 2 h, Sysmon reverse lookup `ec2-203-0-113-70.compute-1.
 *   amazonaws.com`: the seed excludes *amazonaws.com; seed-plus keeps it.
 * G agent.exe on three other hosts → 198.51.100.5 every 300 s for 3 h: regular but shared → low.
 * H agent.exe (under Program Files) on WKS-006 alone → 198.51.100.9 every 300 s for 3 h: 36 connections
 *   in 18 buckets of 2 → ConsistencyRatio 0 → IsBeaconPattern 1, IsRare 1, RiskScore 2; no process sign
 *   and the raw address is one moderate sign → medium, risk 5 × 2 = 10.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/events/event.js';
import { AGENT, conn, conns, dns, lcg, poisson, PS, RUNDLL, runDetection, series, T0 } from '../helpers/pack.js';

const WERFAULT = 'C:\\Windows\\System32\\WerFault.exe';
const SVC = 'C:\\ProgramData\\svc\\svc.exe';

function estate(): Event[] {
  const ev: Event[] = [];
  ev.push(...conns(series(T0, 180, 60), { host: 'WKS-001', image: RUNDLL, ip: '203.0.113.45' }));
  const r = lcg(3);
  ev.push(...conns(series(T0 + 30, 24, 10800, () => (r() - 0.5) * 120), { host: 'SRV-01', image: WERFAULT, ip: '203.0.113.88' }));
  ev.push(...conns(poisson(T0 + 45, 30, 7200, 11), { host: 'WKS-002', image: SVC, ip: '198.51.100.30' }));
  ev.push(...conns(series(T0 + 86400, 40, 30), { host: 'WKS-001', image: PS, ip: '203.0.113.7', port: 8080 }));
  const pool = Array.from({ length: 6 }, (_, i) => `198.51.100.${60 + i}`);
  series(T0 + 2 * 86400, 60, 60).forEach((t, i) => {
    const ip = pool[i % 6]!;
    ev.push(dns(t, { host: 'WKS-001', image: PS, name: 'cdn.flux.test', answers: [ip] }));
    ev.push(conn(t + 0.05, { host: 'WKS-001', image: PS, ip }));
  });
  ev.push(...conns(series(T0 + 3 * 86400, 120, 60), { host: 'WKS-001', image: PS, ip: '203.0.113.70', hostname: 'ec2-203-0-113-70.compute-1.amazonaws.com' }));
  for (const host of ['WKS-003', 'WKS-004', 'WKS-005']) ev.push(...conns(series(T0 + 7, 36, 300), { host, image: AGENT, ip: '198.51.100.5' }));
  ev.push(...conns(series(T0 + 7, 36, 300), { host: 'WKS-006', image: AGENT, ip: '198.51.100.9' }));
  return ev;
}

const exe = (r: Record<string, unknown>) => String(r['Image']).split('\\').pop();

describe('c2_beaconing_seed_plus', () => {
  it('grades each series as derived in the header', async () => {
    const { rows } = await runDetection('c2_beaconing_seed_plus.yml', estate());
    const get = (image: string, domain: string) => rows.find((r) => exe(r) === image && r['dest_domain'] === domain);
    const a = get('rundll32.exe', '203.0.113.45')!;
    expect([a['RiskScore'], a['severity'], a['ConsistencyRatio'], a['BucketsActive'], a['code_host'], a['risk']]).toEqual([4, 'high', 0, 18, 1, 68]);
    const b = get('WerFault.exe', '203.0.113.88')!;
    expect([b['RiskScore'], b['severity'], b['IsBeaconPattern'], b['AvgPerBucket'], b['code_host'], b['risk']]).toEqual([2, 'high', 1, 1, 1, 58]);
    expect(b['GapSpread'] as number).toBeLessThan(0.5);
    const c = get('svc.exe', '198.51.100.30')!;
    expect([c['RiskScore'], c['severity'], c['IsBeaconPattern'], c['user_path'], c['risk']]).toEqual([1, 'low', 0, 1, 2]);
    expect(c['GapSpread'] as number).toBeGreaterThan(0.5);
    const d = get('powershell.exe', '203.0.113.7')!;
    expect(d['TotalConnections']).toBe(40);
    expect(d['BucketsActive'] as number).toBeGreaterThanOrEqual(2);
    const e = get('powershell.exe', 'flux.test')!;
    expect([e['DistinctIps'], e['TotalConnections']]).toEqual([6, 60]);
    expect(get('powershell.exe', 'ec2-203-0-113-70.compute-1.amazonaws.com') ?? get('powershell.exe', 'amazonaws.com')).toBeDefined();
    for (const r of rows.filter((x) => exe(x) === 'agent.exe' && x['host'] !== 'WKS-006')) expect(r['severity']).toBe('low');
    const h = get('agent.exe', '198.51.100.9')!;
    expect([h['RiskScore'], h['severity'], h['raw_ip'], h['risk']]).toEqual([2, 'medium', 1, 10]);
  });

  it('the seed query misses what seed-plus fixes, and calls sporadic traffic a beacon pattern', async () => {
    const { rows } = await runDetection('c2_beaconing_to_acquired_server.yml', estate());
    const ips = rows.map((r) => String(r['DestinationIp']));
    expect(ips).not.toContain('203.0.113.7'); // 20 minutes: one hourly bucket
    expect(ips).not.toContain('203.0.113.70'); // *amazonaws.com excluded
    // One domain behind six addresses becomes six series of 10 connections, each inside the one hour
    // 08:00–08:59 (HoursActive 1 < 2): none survives.
    expect(ips.filter((ip) => ip.startsWith('198.51.100.6'))).toEqual([]);
    const sporadic = rows.find((r) => r['DestinationIp'] === '198.51.100.30');
    expect(sporadic?.['IsBeaconPattern']).toBe(1);
  });

  it('vanilla form gives the same rows and severities', async () => {
    const native = await runDetection('c2_beaconing_seed_plus.yml', estate());
    const vanilla = await runDetection('c2_beaconing_seed_plus.yml', estate(), { vanilla: true });
    const sig = (rows: Record<string, unknown>[]) => rows.map((r) => `${String(r['host'])} ${exe(r)} ${String(r['dest_domain'])} ${String(r['RiskScore'])} ${String(r['severity'])}`).sort();
    // The vanilla rex takes the last two labels as the registered domain where the public suffix list
    // has a longer private suffix (compute-1.amazonaws.com); compare the rest exactly.
    const strip = (xs: string[]) => xs.filter((x) => !x.includes('amazonaws'));
    expect(strip(sig(vanilla.rows))).toEqual(strip(sig(native.rows)));
    expect(vanilla.rows.some((r) => String(r['dest_domain']).endsWith('amazonaws.com'))).toBe(true);
  });
});
