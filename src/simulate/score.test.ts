import { describe, expect, it } from 'vitest';
import { classifyFinding, destinationMatches, findingMatches, score, type TruthEntity, type Finding } from './score.js';

const attack = (scenario: string, host: string, image: string, destination: string | null, extra: Partial<TruthEntity> = {}): TruthEntity => ({
  label: { kind: 'attack', scenario },
  host,
  image,
  destination,
  ...extra,
});
const benign = (category: string, source: string, host: string, image: string, destination: string | null, extra: Partial<TruthEntity> = {}): TruthEntity => ({
  label: { kind: 'benign', category, source },
  host,
  image,
  destination,
  ...extra,
});

const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';
const DD = 'C:\\Program Files\\Datadog\\Datadog Agent\\bin\\agent.exe';

const ENTITIES: TruthEntity[] = [
  attack('https-beacon', 'WKS-001.corp.example', RUNDLL, 'updates.cdn-edge-sync.example', { ips: ['203.0.113.45'], domains: ['updates.cdn-edge-sync.example'], connections: 900, hoursActive: 20 }),
  attack('https-beacon', 'WKS-001.corp.example', RUNDLL, null),
  attack('dns-tunnel', 'WKS-002.corp.example', 'C:\\Windows\\System32\\dllhost.exe', 'ns.cloud-sync-api.test', { domains: ['ns.cloud-sync-api.test'], dnsQueries: 400 }),
  attack('test1-powershell-beacon', 'WKS-003.corp.example', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '127.0.0.1', { ips: ['127.0.0.1'], connections: 5, hoursActive: 1, ports: [8888] }),
  attack('test4-scheduled-task', 'WKS-003.corp.example', 'C:\\Windows\\System32\\schtasks.exe', null),
  benign('monitoring-agent', 'datadog-agent', 'SOC01.corp.example', DD, '7-59-0-app.agent.datadoghq.com', { ips: ['198.18.5.1', '198.18.5.2'] }),
  benign('browser', 'browser', 'WKS-001.corp.example', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'www.google.com', { ips: ['198.18.9.9'] }),
];

describe('matching', () => {
  it('matches hosts by FQDN or short name, processes by path or file name, destinations by name, address or zone', () => {
    const e = ENTITIES[0]!;
    const f = (over: Partial<Finding>): Finding => ({ detection: 'd', host: 'WKS-001.corp.example', ...over });
    expect(findingMatches(f({ host: 'wks-001', process: 'RUNDLL32.EXE', destination: '203.0.113.45' }), e)).toBe(true);
    expect(findingMatches(f({ process: RUNDLL, destination: 'updates.cdn-edge-sync.example' }), e)).toBe(true);
    expect(findingMatches(f({ process: 'C:\\Temp\\rundll32.exe', destination: '203.0.113.45' }), e)).toBe(false);
    expect(findingMatches(f({ host: 'WKS-002', process: 'rundll32.exe' }), e)).toBe(false);
    expect(findingMatches(f({ process: 'rundll32.exe', destination: '203.0.113.46' }), e)).toBe(false);
    // The tunnel zone matches both its registered domain and any single query under it.
    const t = ENTITIES[2]!;
    expect(destinationMatches('cloud-sync-api.test', t)).toBe(true);
    expect(destinationMatches('a1b2.c3d4.ns.cloud-sync-api.test', t)).toBe(true);
    expect(destinationMatches('sync-api.test', t)).toBe(false);
    // An address never matches by suffix.
    expect(destinationMatches('3.0.113.45', e)).toBe(false);
    // A destination-less finding matches process entities.
    expect(findingMatches({ detection: 'd', host: 'WKS-003', process: 'schtasks.exe' }, ENTITIES[4]!)).toBe(true);
    expect(destinationMatches('127.0.0.1', ENTITIES[4]!)).toBe(false);
  });
});

describe('score', () => {
  const findings: Finding[] = [
    { detection: 'beacon', host: 'WKS-001', process: 'rundll32.exe', destination: '203.0.113.45' },
    { detection: 'beacon', host: 'SOC01', process: 'agent.exe', destination: '198.18.5.2' },
    { detection: 'beacon', host: 'SOC01', process: 'agent.exe', destination: '198.18.5.1' },
    { detection: 'beacon', host: 'WKS-009', process: 'x.exe', destination: '198.18.1.1' },
    { detection: 'dns', host: 'WKS-002.corp.example', process: 'dllhost.exe', destination: 'cloud-sync-api.test' },
    { detection: 'dns', host: 'WKS-001', process: 'chrome.exe', destination: 'www.google.com' },
  ];
  const report = score({ entities: ENTITIES, findings, detections: ['beacon', 'dns', 'never-fires'], scenarios: ['https-beacon', 'dns-tunnel', 'test1-powershell-beacon', 'test4-scheduled-task'] });

  it('computes precision and recall per detection by hand', () => {
    const beacon = report.detections.find((d) => d.detection === 'beacon')!;
    // 4 findings: 1 matches the https beacon (TP), 2 match Datadog (FP), 1 matches nothing (FP, unlabelled).
    expect(beacon).toMatchObject({ findings: 4, truePositives: 1, falsePositives: 3, unmatched: 1, precision: 0.25 });
    // Attack entities with a destination: https-beacon, dns-tunnel, test1 = 3; beacon found 1.
    expect(beacon.attackEntities).toBe(3);
    expect(beacon.attackEntitiesFound).toBe(1);
    expect(beacon.recall).toBeCloseTo(1 / 3, 12);
    const dns = report.detections.find((d) => d.detection === 'dns')!;
    expect(dns).toMatchObject({ findings: 2, truePositives: 1, falsePositives: 1, precision: 0.5, attackEntitiesFound: 1 });
    const never = report.detections.find((d) => d.detection === 'never-fires')!;
    expect(never).toMatchObject({ findings: 0, precision: null, recall: 0 });
  });

  it('lists per scenario which detections fired and which missed, with the facts behind a miss', () => {
    const https = report.scenarios.find((s) => s.scenario === 'https-beacon')!;
    expect(https.fired.map((f) => f.detection)).toEqual(['beacon']);
    expect(https.missed).toEqual(['dns', 'never-fires']);
    const t1 = report.scenarios.find((s) => s.scenario === 'test1-powershell-beacon')!;
    expect(t1.fired).toEqual([]);
    expect(t1.facts).toEqual([{ host: 'WKS-003.corp.example', image: ENTITIES[3]!.image, destination: '127.0.0.1', connections: 5, dnsQueries: 0, hoursActive: 1, ports: [8888] }]);
    // A scenario with only a process entity still gets a row, with no network entities.
    expect(report.scenarios.find((s) => s.scenario === 'test4-scheduled-task')!.entities).toBe(0);
  });

  it('charges false positives to benign categories, and unmatched ones to "unlabelled"', () => {
    expect(report.falsePositivesByCategory).toEqual([
      { category: 'monitoring-agent', detection: 'beacon', findings: 2, sources: ['datadog-agent'] },
      { category: 'browser', detection: 'dns', findings: 1, sources: ['browser'] },
      { category: 'unlabelled', detection: 'beacon', findings: 1, sources: [] },
    ]);
  });

  it('splits the false positives by severity; a finding without one is "unknown"', () => {
    const withSeverity = findings.map((f, i) => (i === 1 ? { ...f, severity: 'high' } : i === 2 ? { ...f, severity: 'low' } : i === 5 ? { ...f, severity: 'informational' } : f));
    const r = score({ entities: ENTITIES, findings: withSeverity, detections: ['beacon', 'dns'], scenarios: [] });
    // Findings 1 and 2 are the two Datadog false positives (high, low); 3 matched nothing (no severity);
    // 5 is chrome's browsing (informational). The true positives (0, 4) are not counted.
    expect(r.falsePositiveSeverities).toEqual([
      { category: 'browser', detection: 'dns', severity: 'informational', findings: 1 },
      { category: 'monitoring-agent', detection: 'beacon', severity: 'high', findings: 1 },
      { category: 'monitoring-agent', detection: 'beacon', severity: 'low', findings: 1 },
      { category: 'unlabelled', detection: 'beacon', severity: 'unknown', findings: 1 },
    ]);
  });

  it('classifyFinding: the scenarios it matches, else the benign categories', () => {
    expect(classifyFinding(findings[0]!, ENTITIES)).toEqual({ scenarios: ['https-beacon'], categories: [] });
    expect(classifyFinding(findings[1]!, ENTITIES)).toEqual({ scenarios: [], categories: ['monitoring-agent'] });
    expect(classifyFinding(findings[3]!, ENTITIES)).toEqual({ scenarios: [], categories: [] });
  });
});
