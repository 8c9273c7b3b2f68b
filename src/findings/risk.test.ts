import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEACON, DGA, INTEL, SEED_HOURLY, row, workedExample, workedExampleFindings } from '../../test/helpers/findings.js';
import { mapRows } from './mapping.js';
import { rankFindings, scoreFindings, compareFindings } from './risk.js';
import type { Finding } from './types.js';

const T0 = 1_704_067_200;

describe('risk ranking: the worked example of docs/risk-ranking.md', () => {
  const ranked = workedExample();

  it('puts every WS01 finding on evil.test into one object and scores it by hand', () => {
    const a = ranked.objects[0]!;
    expect(a.rank).toBe(1);
    expect(a.host).toBe('WS01'); // 'WS01' < 'ws01' in code-unit order
    expect(a.destination).toBe('evil.test');
    expect(a.findings).toHaveLength(5);
    // Beacon group: risks 54 (60 × 0.9), 40, 30 (60 × 0.5) → 54 + 0.5·40 + 0.25·30 = 81.5.
    // Intel 50 and DGA 20 are groups of their own: 81.5 + 50 + 20 = 151.5.
    expect(a.score).toBe(151.5);
    // Undiminished: 54 + 30 + 40 + 50 + 20 = 194.
    expect(a.rawScore).toBe(194);
    expect(a.notable).toBe(true); // 151.5 ≥ 100
    expect(a.severity).toBe('high');
    expect(a.confidence).toBe('high'); // max is high already (intel); three groups cannot raise past high
    expect(a.groups).toBe(3);
    expect(a.techniques).toEqual(['T1071.001', 'T1568.002', 'T1583.004']);
    expect(a.ports).toEqual([443, 8443]);
    expect(a.firstSeen).toBe(T0);
    expect(a.lastSeen).toBe(T0 + 3600);
  });

  it('lists the contributions with their diminished shares', () => {
    const c = ranked.objects[0]!.contributions.map((x) => [x.detectionId, x.findings, x.maxRisk, x.score]);
    expect(c).toEqual([
      ['c2h-beacon-interval', 2, 54, 61.5], // 54·1 + 30·0.25
      ['c2h-intel-match', 1, 50, 50],
      ['c2h-dns-dga', 1, 20, 20], // ties with the seed query at 20: id order decides
      ['c2h-seed-hourly', 1, 40, 20], // 40·0.5
    ]);
  });

  it('breaks the 40-point tie between WS02 and WS03 by the later last sighting', () => {
    const rest = ranked.objects.slice(1).map((o) => [o.rank, o.host, o.destination, o.score, o.lastSeen]);
    expect(rest).toEqual([
      [2, 'WS02', '198.51.100.20', 40, T0 + 5 * 3600],
      [3, 'WS03', '198.51.100.30', 40, T0 + 4 * 3600],
    ]);
  });

  it('rolls up per host with the same rule', () => {
    expect(ranked.hosts.map((h) => [h.rank, h.host, h.score, h.objects, h.findings])).toEqual([
      [1, 'WS01', 151.5, 1, 5],
      [2, 'WS02', 40, 1, 1],
      [3, 'WS03', 40, 1, 1],
    ]);
  });

  it('gives the same ranking whatever order the findings arrive in', () => {
    const base = JSON.stringify(workedExample());
    const findings = workedExampleFindings();
    fc.assert(
      fc.property(fc.shuffledSubarray(findings, { minLength: findings.length, maxLength: findings.length }), (shuffled) => {
        expect(JSON.stringify(rankFindings(shuffled))).toBe(base);
      }),
      { numRuns: 30 },
    );
  });
});

describe('risk ranking: destinations', () => {
  it('keeps an IP-only finding apart when two named objects share its address', () => {
    const findings = [
      ...mapRows(BEACON, [
        row({ host: 'H', Image: 'a.exe', DestinationIp: '192.0.2.1', DestinationHostname: 'one.example' }),
        row({ host: 'H', Image: 'b.exe', DestinationIp: '192.0.2.1', DestinationHostname: 'two.example' }),
      ]),
      ...mapRows(INTEL, [row({ host: 'H', DestinationIp: '192.0.2.1', indicator: '192.0.2.1', feed: 'f' })]),
    ];
    const ranked = rankFindings(findings);
    expect(ranked.objects.map((o) => o.destination).sort()).toEqual(['192.0.2.1', 'one.example', 'two.example']);
  });

  it('does not join across hosts', () => {
    const findings = [
      ...mapRows(BEACON, [row({ host: 'H1', DestinationIp: '192.0.2.1', DestinationHostname: 'one.example' })]),
      ...mapRows(INTEL, [row({ host: 'H2', DestinationIp: '192.0.2.1' })]),
    ];
    expect(rankFindings(findings).objects.map((o) => `${o.host}/${o.destination}`).sort()).toEqual([
      'H1/one.example',
      'H2/192.0.2.1',
    ]);
  });

  it('keeps customers of a shared platform apart (private public-suffix section)', () => {
    const findings = mapRows(DGA, [
      row({ host: 'H', QueryName: 'a.customer1.azurewebsites.net' }),
      row({ host: 'H', QueryName: 'b.customer2.azurewebsites.net' }),
    ]);
    expect(rankFindings(findings).objects.map((o) => o.destination).sort()).toEqual([
      'customer1.azurewebsites.net',
      'customer2.azurewebsites.net',
    ]);
  });

  it('treats an IP literal in a name field as an address', () => {
    const [f] = mapRows(DGA, [row({ host: 'H', QueryName: '203.0.113.9' })]);
    const o = rankFindings([f!]).objects[0]!;
    expect([o.destination, o.destinationKind]).toEqual(['203.0.113.9', 'ip']);
  });

  it('puts findings without a destination in one object per host, ranked after equal scores with one', () => {
    const noDest = mapRows(SEED_HOURLY, [row({ host: 'H', TotalConnections: 1 }), row({ host: 'H', TotalConnections: 2 })]);
    const withDest = mapRows(SEED_HOURLY, [row({ host: 'H', DestinationIp: '192.0.2.9' })]);
    const ranked = rankFindings([...noDest, ...withDest]);
    // No destination: 40 + 0.5·40 = 60, ranked first by score; then the single 40.
    expect(ranked.objects.map((o) => [o.destination, o.score])).toEqual([
      [null, 60],
      ['192.0.2.9', 40],
    ]);
  });
});

describe('risk ranking: ties and confidence', () => {
  function one(host: string, ip: string, extra: Record<string, string | number> = {}): Finding[] {
    return mapRows(SEED_HOURLY, [row({ host, DestinationIp: ip, ...extra })]);
  }

  it('with everything equal, orders by host then destination', () => {
    const findings = [...one('b', '192.0.2.2'), ...one('a', '192.0.2.3'), ...one('a', '192.0.2.1')];
    expect(rankFindings(findings).objects.map((o) => `${o.rank}:${o.host}/${o.destination}`)).toEqual([
      '1:a/192.0.2.1',
      '2:a/192.0.2.3',
      '3:b/192.0.2.2',
    ]);
  });

  it('prefers higher severity, then confidence, at equal score', () => {
    const findings = [
      ...one('a', '192.0.2.1'), // medium / low
      ...mapRows({ ...SEED_HOURLY, id: 'x-high', severity: 'high' }, [row({ host: 'z', DestinationIp: '192.0.2.2' })]),
      ...mapRows({ ...SEED_HOURLY, id: 'x-conf', confidence: 'high' }, [row({ host: 'y', DestinationIp: '192.0.2.3' })]),
    ];
    expect(rankFindings(findings).objects.map((o) => o.host)).toEqual(['z', 'y', 'a']);
  });

  it('raises confidence one level when two risk groups agree', () => {
    // Beacon (medium) + DGA (low) on one destination: max medium, two groups → high.
    const findings = [
      ...mapRows(BEACON, [row({ host: 'H', DestinationIp: '192.0.2.1', DestinationHostname: 'x.bad.example', score: 1 })]),
      ...mapRows(DGA, [row({ host: 'H', QueryName: 'x.bad.example' })]),
    ];
    const o = rankFindings(findings).objects[0]!;
    expect([o.confidence, o.groups, o.score]).toEqual(['high', 2, 80]); // 60 × 1 + 20
  });

  it('does not count a zero-risk group as corroboration', () => {
    const findings = [
      ...mapRows(BEACON, [row({ host: 'H', DestinationIp: '192.0.2.1', score: 1 })]),
      ...mapRows({ ...DGA, riskScore: 0 }, [row({ host: 'H', QueryName: '192.0.2.1' })]),
    ];
    const o = rankFindings(findings).objects[0]!;
    expect([o.confidence, o.groups]).toEqual(['medium', 1]);
  });
});

describe('risk ranking: diminishing repeats', () => {
  function findingsOf(risks: number[]): Finding[] {
    return mapRows(
      { ...SEED_HOURLY, finding: { ...SEED_HOURLY.finding, risk_score: 'r' } },
      risks.map((r, i) => row({ host: 'H', DestinationIp: '192.0.2.1', r, Image: `p${i}.exe` })),
    );
  }

  it('one group never adds more than twice its largest finding (decay 0.5)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 60 }), (risks) => {
        const sorted = findingsOf(risks).sort(compareFindings);
        const s = scoreFindings(sorted, 0.5, 100);
        const max = Math.max(...risks);
        expect(s.score).toBeGreaterThanOrEqual(max);
        expect(s.score).toBeLessThanOrEqual(2 * max);
      }),
      { numRuns: 100 },
    );
  });

  it('repeats of one detection add less and less; a different detection adds in full', () => {
    // 40 + 0.5·40 + 0.25·40 = 70.
    expect(rankFindings(findingsOf([40, 40, 40])).objects[0]!.score).toBe(70);
    // A thousand: 40·(2 − 0.5^999), which is 80.00 after rounding to two decimals; undiminished 40,000.
    const noisy = rankFindings(findingsOf(new Array(1000).fill(40))).objects[0]!;
    expect([noisy.score, noisy.rawScore]).toEqual([80, 40000]);
    // Two different groups at 40 each reach the same 80 with two findings.
    const two = rankFindings([
      ...findingsOf([40]),
      ...mapRows({ ...INTEL, riskScore: 40 }, [row({ host: 'H', DestinationIp: '192.0.2.1' })]),
    ]).objects[0]!;
    expect(two.score).toBe(80);
  });

  it('decay 1 is a plain sum, as Splunk RBA adds risk by default', () => {
    expect(rankFindings(findingsOf([10, 20, 30]), { decay: 1 }).objects[0]!.score).toBe(60);
    // Decay 0 keeps only the largest of a group.
    expect(rankFindings(findingsOf([10, 20, 30]), { decay: 0 }).objects[0]!.score).toBe(30);
  });

  it('rejects a decay outside 0–1', () => {
    expect(() => rankFindings([], { decay: 1.5 })).toThrow(RangeError);
  });
});
