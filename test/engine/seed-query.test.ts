/**
 * The seed detection end to end on a hand-built event set. Every expected number below is worked out by
 * hand in the comments, from the query's text and spl-semantics.md (§9 walks the query step by step).
 *
 * Time: every event falls on 2024-05-01 between 10:00 and 13:59 UTC, so HourBucket is
 * "2024-05-01 HH:00:00" for HH in 10..13 (strftime in the default time zone, UTC).
 * Statistics: AvgPerHour = TotalConnections / HoursActive; StdDevPerHour is the sample standard deviation
 * (n-1) of the per-hour counts, 0 when every hour has the same count; ConsistencyRatio = Std / Avg.
 * RiskScore = IsSuspiciousProcess + IsBeaconPattern + (TotalConnections > 50 ? 1 : 0), where
 * IsBeaconPattern = ConsistencyRatio < 0.5 AND AvgPerHour >= 0.5.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { loadDetection } from '../../src/detections/load-detection.js';
import { runSpl } from '../../src/engine/run-spl.js';
import { SEED_DETECTION } from '../helpers/seed.js';

const BASE = Date.UTC(2024, 4, 1, 10, 0, 0) / 1000; // 2024-05-01 10:00:00 UTC
const SYSMON = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

interface Group {
  host: string;
  Image: string;
  DestinationIp: string;
  DestinationHostname?: string;
  /** Connections in hour 10, 11, 12, 13 (from the first). */
  perHour: number[];
  /** Ports used in turn, event by event. */
  ports: string[];
  EventCode?: string;
  sourcetype?: string;
  index?: string;
}

function events(g: Group): Event[] {
  const out: Event[] = [];
  let n = 0;
  g.perHour.forEach((count, hour) => {
    for (let k = 0; k < count; k++) {
      const e = createEvent();
      e['index'] = g.index ?? 'wineventlog';
      e['sourcetype'] = g.sourcetype ?? SYSMON;
      e['EventCode'] = g.EventCode ?? '3';
      e['host'] = g.host;
      e['Image'] = g.Image;
      e['DestinationIp'] = g.DestinationIp;
      if (g.DestinationHostname !== undefined) e['DestinationHostname'] = g.DestinationHostname;
      e['DestinationPort'] = g.ports[n % g.ports.length] as string;
      // Spread over the hour, never reaching the next one: minute = k * 60 / count.
      e['_time'] = BASE + hour * 3600 + Math.floor((k * 60) / count) * 60 + 7.25;
      out.push(e);
      n++;
    }
  });
  return out;
}

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

// Groups that must come out, with their hand computation.
const shown: Group[] = [
  // curl: 20+20+20 = 60 over 3 hours, avg 20, all hours equal → std 0, ratio 0 → beacon 1;
  // curl.exe is in the suspicious list → 1; 60 > 50 → 1. RiskScore 3.
  { host: 'WS01', Image: 'C:\\Windows\\System32\\curl.exe', DestinationIp: '203.0.113.60', DestinationHostname: 'cdn.c2.example', perHour: [20, 20, 20], ports: ['443'] },
  // powershell: 5+5+5 = 15, avg 5, ratio 0 → beacon 1, suspicious 1, 15 ≤ 50 → RiskScore 2.
  // Ports alternate 443, 8443 → values() per hour "443","8443" → flattened and sorted: 443, 8443.
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'beacon.c2.example', perHour: [5, 5, 5], ports: ['443', '8443'] },
  // Upper-case path and host: (?i) still finds POWERSHELL.EXE → suspicious 1; 4+4+4 = 12, avg 4,
  // ratio 0 → beacon 1 → RiskScore 2. Mixed-case hostname is not excluded (no exclusion pattern fits).
  { host: 'ws02', Image: PS.toUpperCase(), DestinationIp: '203.0.113.11', DestinationHostname: 'Beacon.C2.Example', perHour: [4, 4, 4], ports: ['80'] },
  // sync.exe: 25+25 = 50, avg 25, ratio 0 → beacon 1; not suspicious; 50 > 50 is false → RiskScore 1.
  { host: 'WS01', Image: 'C:\\Tools\\sync.exe', DestinationIp: '198.51.100.50', DestinationHostname: 'sync.vendor.example', perHour: [25, 25], ports: ['443'] },
  // "*microsoft.com" must match the end of the value: microsoft.com.evil.example stays.
  // 8+8 = 16, avg 8, ratio 0 → RiskScore 1.
  { host: 'ws02', Image: 'C:\\Tools\\agent.exe', DestinationIp: '203.0.113.90', DestinationHostname: 'microsoft.com.evil.example', perHour: [8, 8], ports: ['443'] },
  // IPv6 destination outside the excluded ::1: 7+7 = 14, ratio 0 → RiskScore 1.
  { host: 'ws02', Image: 'C:\\Tools\\agent.exe', DestinationIp: '2001:db8::1', DestinationHostname: 'v6.c2.example', perHour: [7, 7], ports: ['8080'] },
  // Sysmon's "-" for an unresolved hostname is a value (spl-semantics §8): 3+3+3+3 = 12 over 4 hours,
  // avg 3, ratio 0 → RiskScore 1.
  { host: 'WS01', Image: 'C:\\ProgramData\\svc\\updater.exe', DestinationIp: '203.0.113.80', DestinationHostname: '-', perHour: [3, 3, 3, 3], ports: ['8443'] },
  // "*\\msedge.exe" is the glob *\msedge.exe: the backslash is required, so notmsedge.exe stays.
  // 6+6 = 12, avg 6, ratio 0 → RiskScore 1.
  { host: 'WS01', Image: 'C:\\Users\\alice\\AppData\\Local\\Temp\\notmsedge.exe', DestinationIp: '203.0.113.70', DestinationHostname: 'notmsedge.example', perHour: [6, 6], ports: ['443'] },
  // rundll32, irregular: 1, 9, 2 → total 12, avg 4; deviations -3, 5, -2 → squares 9+25+4 = 38;
  // sample variance 38/2 = 19 → std √19 ≈ 4.3589; ratio √19/4 ≈ 1.0897 ≥ 0.5 → beacon 0; suspicious 1
  // → RiskScore 1. Ports: hour 10 → 80; hour 11 → 443 ×9; hour 12 → 3389, 443.
  // values() is lexicographic: "3389" < "443" < "80".
  { host: 'WS01', Image: 'C:\\Windows\\System32\\rundll32.exe', DestinationIp: '198.51.100.20', DestinationHostname: 'updates.vendor.example', perHour: [1, 9, 2], ports: ['80', '443', '443', '443', '443', '443', '443', '443', '443', '443', '3389', '443'] },
  // Exactly at both thresholds: 5+5 = 10 connections (>= 10) in 2 hours (>= 2); ratio 0 → RiskScore 1.
  { host: 'WS01', Image: 'C:\\Tools\\sync.exe', DestinationIp: '198.51.100.10', DestinationHostname: 'tenant.vendor.example', perHour: [5, 5], ports: ['443'] },
];

// Groups that must not come out, and why.
const hidden: Group[] = [
  // Just below the connection threshold: 5+4 = 9 < 10.
  { host: 'WS01', Image: 'C:\\Windows\\System32\\cmd.exe', DestinationIp: '203.0.113.99', DestinationHostname: 'low.c2.example', perHour: [5, 4], ports: ['443'] },
  // Just below the hours threshold: 12 connections in one hour.
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.98', DestinationHostname: 'burst.c2.example', perHour: [12], ports: ['443'] },
  // Irregular and not suspicious: ratio √19/4 → beacon 0, agent.exe → 0, 12 ≤ 50 → RiskScore 0.
  { host: 'ws02', Image: 'C:\\Tools\\agent.exe', DestinationIp: '198.51.100.30', DestinationHostname: 'irregular.vendor.example', perHour: [1, 9, 2], ports: ['443'] },
  // Excluded domains, matched case-insensitively (§1.1).
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.12', DestinationHostname: 'telemetry.MICROSOFT.com', perHour: [20, 20], ports: ['443'] },
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.13', DestinationHostname: 'ocsp.digicert.com', perHour: [20, 20], ports: ['80'] },
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.14', DestinationHostname: 'a1.AkamaiEdge.net', perHour: [20, 20], ports: ['443'] },
  // Excluded private and loopback destinations.
  ...['10.0.0.5', '172.16.0.9', '172.31.255.1', '192.168.1.20', '127.0.0.1', '::1', '0:0:0:0:0:0:0:1'].map(
    (ip): Group => ({ host: 'WS01', Image: PS, DestinationIp: ip, DestinationHostname: 'internal.example', perHour: [20, 20], ports: ['443'] }),
  ),
  // Excluded browsers and collaboration apps, whatever the case of the path.
  ...[
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\PROGRAM FILES (X86)\\MICROSOFT\\EDGE\\APPLICATION\\MSEDGE.EXE',
    'C:\\Users\\bob\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe',
  ].map((image): Group => ({ host: 'WS01', Image: image, DestinationIp: '203.0.113.40', DestinationHostname: 'c2.example', perHour: [20, 20], ports: ['443'] })),
  // Same identity as the powershell row above, but not Sysmon EventCode 3 ("03" is a different string,
  // §1.1) or not the Sysmon sourcetype or index: if any of these got through, that row's counts would change.
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'beacon.c2.example', perHour: [5, 5, 5], ports: ['443'], EventCode: '22' },
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'beacon.c2.example', perHour: [5, 5, 5], ports: ['443'], EventCode: '03' },
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'beacon.c2.example', perHour: [5, 5, 5], ports: ['443'], sourcetype: 'XmlWinEventLog:Security' },
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'beacon.c2.example', perHour: [5, 5, 5], ports: ['443'], index: 'main' },
  // No DestinationHostname at all: kept by the NOT clauses (§1.4) but dropped by stats BY (§4.1).
  { host: 'WS01', Image: PS, DestinationIp: '203.0.113.77', perHour: [10, 10], ports: ['443'] },
];

type Row = Record<string, string | number | string[]>;

function row(
  g: Group,
  total: number,
  hours: number,
  avg: number,
  ratio: number,
  ports: string | string[],
  first: string,
  last: string,
  suspicious: number,
  beacon: number,
  risk: number,
): Row {
  return {
    host: g.host,
    Image: g.Image,
    DestinationIp: g.DestinationIp,
    DestinationHostname: g.DestinationHostname as string,
    TotalConnections: total,
    HoursActive: hours,
    AvgPerHour: avg,
    ConsistencyRatio: ratio,
    Ports: ports,
    FirstSeen: `2024-05-01 ${first}:00:00`,
    LastSeen: `2024-05-01 ${last}:00:00`,
    IsSuspiciousProcess: suspicious,
    IsBeaconPattern: beacon,
    RiskScore: risk,
  };
}

const [curl, ps, psUpper, sync50, lookalike, v6, dash, notmsedge, rundll32, sync10] = shown as [
  Group, Group, Group, Group, Group, Group, Group, Group, Group, Group,
];

// `sort - RiskScore, - TotalConnections`; rows that tie on both keep the order the second stats gave
// them (ascending by host, then Image: "C:\ProgramData" < "C:\Users" < "C:\Windows"), as sort is stable.
const expected: Row[] = [
  row(curl, 60, 3, 20, 0, '443', '10', '12', 1, 1, 3),
  row(ps, 15, 3, 5, 0, ['443', '8443'], '10', '12', 1, 1, 2),
  row(psUpper, 12, 3, 4, 0, '80', '10', '12', 1, 1, 2),
  row(sync50, 50, 2, 25, 0, '443', '10', '11', 0, 1, 1),
  row(lookalike, 16, 2, 8, 0, '443', '10', '11', 0, 1, 1),
  row(v6, 14, 2, 7, 0, '8080', '10', '11', 0, 1, 1),
  row(dash, 12, 4, 3, 0, '8443', '10', '13', 0, 1, 1),
  row(notmsedge, 12, 2, 6, 0, '443', '10', '11', 0, 1, 1),
  row(rundll32, 12, 3, 4, Math.sqrt(19) / 4, ['3389', '443', '80'], '10', '12', 1, 0, 1),
  row(sync10, 10, 2, 5, 0, '443', '10', '11', 0, 1, 1),
];

function interleave(groups: Group[]): Event[] {
  // Feed events in time order across groups, as a reader of one log would, in batches of 100.
  return groups.flatMap(events).sort((a, b) => (a['_time'] as number) - (b['_time'] as number));
}

function batches(all: Event[], size: number): Event[][] {
  const out: Event[][] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

describe('seed detection on hand-built Sysmon EID 3 events', () => {
  const query = loadDetection(SEED_DETECTION).search;

  it('produces the hand-computed table', async () => {
    const result = await runSpl(query, batches(interleave([...shown, ...hidden]), 100));
    expect(result.columns).toEqual([
      'host', 'Image', 'DestinationIp', 'DestinationHostname', 'TotalConnections', 'HoursActive', 'AvgPerHour',
      'ConsistencyRatio', 'Ports', 'FirstSeen', 'LastSeen', 'IsSuspiciousProcess', 'IsBeaconPattern', 'RiskScore',
    ]);
    expect(result.rows.map((r) => ({ ...r }))).toEqual(expected);
  });

  it('does not depend on batch boundaries or input order', async () => {
    const all = interleave([...shown, ...hidden]).reverse();
    const one = await runSpl(query, [all]);
    const small = await runSpl(query, batches(all, 7));
    expect(one.rows.map((r) => ({ ...r }))).toEqual(expected);
    expect(small.rows.map((r) => ({ ...r }))).toEqual(expected);
  });

  it('hands the reader a prefilter for EventCode 3', async () => {
    let seen: unknown;
    await runSpl(query, (prefilter) => {
      seen = prefilter;
      return [];
    });
    expect(seen).toMatchObject({ eventCodes: new Set(['3']) });
    const raw = (seen as { raw: (t: string) => boolean }).raw;
    expect(raw("<Event><System><EventID>3</EventID></System></Event>")).toBe(true);
    expect(raw("<Event><System><EventID>13</EventID><Data Name='DestinationPort'>3389</Data></System></Event>")).toBe(false);
  });
});
