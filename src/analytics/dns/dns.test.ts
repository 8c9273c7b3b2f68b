/**
 * DNS analytics on hand-built Sysmon EID 22 events (documentation addresses, .test/.example names).
 * Expected values are counted from the inputs in each test.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../events/event.js';
import { BeaconGrouper } from '../beacon/group.js';
import { DistinctCounter } from './distinct.js';
import { LolbinDnsAccumulator, imageBaseName } from './lolbin.js';
import { normaliseName, parseQueryResults, registeredDomain, registrableLabel } from './names.js';
import { NxdomainBurstAccumulator } from './nxdomain.js';
import { DomainRarity } from './rarity.js';
import { ResolutionIndex, joinResolvedBeacons } from './resolution.js';
import { TunnelAccumulator } from './tunnel.js';

const T0 = 1_700_000_000;
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
function dns(fields: Record<string, string | number>): Event {
  return Object.assign(createEvent(), { EventCode: '22', host: 'WS1', Image: PS, QueryStatus: '0', QueryResults: '-', ...fields });
}

describe('names', () => {
  it('parses QueryResults: CNAMEs, IPv4-mapped and plain IPv6 answers (platforms.md §5.4 shape)', () => {
    expect(parseQueryResults('type:  5 go.cdn.example.;type:  5 e1.edge.example;::ffff:192.0.2.15;2001:db8::7;')).toEqual({
      cnames: ['go.cdn.example', 'e1.edge.example'],
      addresses: ['192.0.2.15', '2001:db8::7'],
    });
    expect(parseQueryResults('-')).toEqual({ cnames: [], addresses: [] });
  });
  it('normalises and finds registered domains, private suffixes included', () => {
    expect(normaliseName('A.Evil.Test.')).toBe('a.evil.test');
    expect(normaliseName('-')).toBeNull();
    expect(registeredDomain('x.y.evil.test')).toBe('evil.test');
    expect(registeredDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registeredDomain('implant.duckdns.org')).toBe('implant.duckdns.org');
    expect(registrableLabel('www.outlook.com')).toBe('outlook');
  });
});

describe('DistinctCounter', () => {
  it('is exact under its cap', () => {
    const c = new DistinctCounter(100);
    for (let i = 0; i < 250; i++) c.add(`v${i % 80}`);
    expect([c.estimate, c.isExact]).toEqual([80, true]);
  });
  it('estimates within 10 % beyond it (HLL with 1,024 registers: standard error ≈ 3.3 %)', () => {
    for (const n of [1_000, 20_000]) {
      const c = new DistinctCounter(256);
      for (let i = 0; i < n; i++) c.add(`${i}.t.evil.test`);
      expect(c.isExact).toBe(false);
      expect(Math.abs(c.estimate - n) / n).toBeLessThan(0.1);
    }
  });
});

describe('tunnelling', () => {
  it('flags many unique long subdomains of one parent, not repeated ordinary names', () => {
    const acc = new TunnelAccumulator();
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    for (let i = 0; i < 150; i++) {
      // 52-character base32-looking label, unique per query.
      let label = '';
      for (let j = 0; j < 52; j++) label += alphabet[(i * 7 + j * 13 + ((i * j) % 5)) % 32];
      acc.add(dns({ _time: T0 + i, QueryName: `${label}.${i}.t.evil.test` }));
    }
    for (let i = 0; i < 150; i++) acc.add(dns({ _time: T0 + i, QueryName: 'www.example.test' }));
    const [top, other] = acc.results();
    expect(top?.parent).toBe('evil.test');
    expect(top?.distinctSubdomains).toBe(150);
    expect(top?.distinctIsExact).toBe(true);
    expect(top?.longQueries).toBe(150);
    expect(top?.maxLabelLength).toBe(52);
    expect(top?.score).toBe(1);
    expect(other?.parent).toBe('example.test');
    expect(other?.distinctSubdomains).toBe(1);
    // 1 distinct / 100 and 0 long queries → 0.01
    expect(other?.score).toBe(0.01);
  });
});

describe('NXDOMAIN bursts', () => {
  it('counts distinct NXDOMAIN names within the sliding window', () => {
    const acc = new NxdomainBurstAccumulator();
    // 12 distinct NX names 2 s apart (22 s) → one burst of 12 ≥ 10.
    for (let i = 0; i < 12; i++) acc.add(dns({ _time: T0 + 2 * i, QueryName: `dga${i}.example`, QueryStatus: '9003' }));
    // Another process retries one bad name 20 times → distinct 1.
    for (let i = 0; i < 20; i++) acc.add(dns({ _time: T0 + i, Image: 'C:\\x\\typo.exe', QueryName: 'intranet.invalid', QueryStatus: '9003' }));
    // Non-NX failures count as failures only.
    acc.add(dns({ _time: T0, QueryName: 'a.example', QueryStatus: '9501' }));
    const [burst, retries] = acc.results();
    expect(burst).toMatchObject({ image: PS, maxBurst: 12, isBurst: true, nxdomains: 12, failures: 13, queries: 13, burstStart: T0, burstEnd: T0 + 22 });
    expect(burst?.score).toBe(0.6); // 12 / (2·10)
    expect(retries).toMatchObject({ maxBurst: 1, isBurst: false, nxdomains: 20, distinctNxNames: 1 });
  });
  it('names more than a window apart never share a burst; modest disorder is absorbed', () => {
    const acc = new NxdomainBurstAccumulator({ windowSeconds: 60, threshold: 3, maxWindowEntries: 100 });
    for (let i = 0; i < 5; i++) acc.add(dns({ _time: T0 + 61 * i, QueryName: `n${i}.example`, QueryStatus: '9003' }));
    expect(acc.results()[0]?.maxBurst).toBe(1);
    const b = new NxdomainBurstAccumulator({ windowSeconds: 60, threshold: 3, maxWindowEntries: 100 });
    for (const t of [10, 5, 30, 20, 0]) b.add(dns({ _time: T0 + t, QueryName: `m${t}.example`, QueryStatus: '9003' }));
    b.add(dns({ _time: T0 - 100, QueryName: 'late.example', QueryStatus: '9003' }));
    expect(b.results()[0]).toMatchObject({ maxBurst: 5, lateEvents: 1, nxdomains: 6 });
  });
});

describe('rarity', () => {
  it('a domain one host of fifty resolves is rare; one all resolve is not', () => {
    const acc = new DomainRarity();
    for (let h = 0; h < 50; h++) acc.add(dns({ _time: T0 + h, host: `WS${h}`, QueryName: `www.common.example` }));
    acc.add(dns({ _time: T0, host: 'WS7', QueryName: 'c2.rare.test' }));
    acc.add(dns({ _time: T0 + 5, host: 'ws7', QueryName: 'C2.rare.test.' }));
    const [rare, common] = acc.results();
    expect(rare).toMatchObject({ domain: 'rare.test', hosts: 1, totalHosts: 50, prevalence: 0.02, queries: 2, rare: true });
    expect(common).toMatchObject({ domain: 'common.example', hosts: 50, prevalence: 1, rare: false });
  });
});

describe('scripting hosts and LOLBins', () => {
  it('keeps queries from listed images only, grouped by registered domain', () => {
    const acc = new LolbinDnsAccumulator();
    acc.add(dns({ _time: T0, QueryName: 'a.payload.test' }));
    acc.add(dns({ _time: T0 + 1, QueryName: 'b.payload.test', QueryStatus: '9003' }));
    acc.add(dns({ _time: T0, Image: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', QueryName: 'a.payload.test' }));
    acc.add(dns({ _time: T0, Image: 'C:\\Windows\\System32\\CERTUTIL.EXE', QueryName: 'dl.payload.test' }));
    const r = acc.results();
    expect(r.map((x) => [imageBaseName(x.image), x.category, x.domain, x.queries, x.failures])).toEqual([
      ['certutil.exe', 'downloader', 'payload.test', 1, 0],
      ['powershell.exe', 'script-host', 'payload.test', 2, 1],
    ]);
  });
});

describe('resolved, then beaconed to', () => {
  it('names the beacon\'s destination from the process\'s own DNS answers', () => {
    const index = new ResolutionIndex();
    index.add(dns({ _time: T0 - 5, QueryName: 'cdn.update.test', QueryResults: 'type:  5 edge.update.test;::ffff:203.0.113.80;' }));
    index.add(dns({ _time: T0 - 5, Image: 'C:\\other.exe', QueryName: 'other.example', QueryResults: '::ffff:203.0.113.80;' }));
    expect(index.lookup('ws1', PS, '203.0.113.80', T0)).toBe('cdn.update.test');
    expect(index.lookup('WS1', 'C:\\other.exe', '203.0.113.80', T0)).toBe('other.example');
    expect(index.lookup('WS2', PS, '203.0.113.80', T0)).toBeUndefined();

    const grouper = new BeaconGrouper({ resolveName: index.resolver() });
    for (let i = 0; i < 30; i++) {
      grouper.addEvent(Object.assign(createEvent(), { _time: T0 + 60 * i, host: 'WS1', Image: PS, Initiated: 'true', DestinationIp: '203.0.113.80', DestinationHostname: '-', DestinationPort: '443' }));
    }
    const results = grouper.results();
    expect(results.find((r) => r.level === 'domain')?.destination).toBe('update.test');
    const joined = joinResolvedBeacons(results, index);
    expect(joined.length).toBe(1);
    expect(joined[0]).toMatchObject({ host: 'WS1', ip: '203.0.113.80', names: ['cdn.update.test', 'other.example'], domains: ['update.test', 'other.example'] });
    expect(joined[0]!.beacon.score.score).toBeGreaterThanOrEqual(0.9);
  });
});
