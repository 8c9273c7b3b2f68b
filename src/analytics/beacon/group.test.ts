/** Grouping of EID 3 connections by host + image + IP and by registered domain across IPs. */
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../events/event.js';
import { BeaconGrouper } from './group.js';

const T0 = 1_700_000_000;
function conn(fields: Record<string, string | number>): Event {
  return Object.assign(createEvent(), { host: 'WS1', Image: 'C:\\Windows\\System32\\rundll32.exe', Initiated: 'true', DestinationPort: '443', DestinationHostname: '-', ...fields });
}

describe('BeaconGrouper', () => {
  it('joins a domain\'s rotating IPs at the domain level and keeps per-IP groups', () => {
    const g = new BeaconGrouper();
    // 40 check-ins every 60 s, alternating between two IPs of cdn-a.evil.test and cdn-b.evil.test.
    for (let i = 0; i < 40; i++) {
      const odd = i % 2 === 1;
      g.addEvent(conn({ _time: T0 + 60 * i, DestinationIp: odd ? '203.0.113.7' : '198.51.100.9', DestinationHostname: odd ? 'cdn-a.evil.test' : 'CDN-B.evil.test.' }));
    }
    const results = g.results();
    const domain = results.find((r) => r.level === 'domain');
    expect(domain?.destination).toBe('evil.test');
    expect(domain?.destIpCount).toBe(2);
    expect(domain?.names).toEqual(['cdn-b.evil.test', 'cdn-a.evil.test']);
    expect(domain?.score.connections).toBe(40);
    // Every 60 s at the domain level; every 120 s per IP.
    expect(domain?.score.period).toBe(60);
    const perIp = results.filter((r) => r.level === 'ip');
    expect(perIp.map((r) => r.destination).sort()).toEqual(['198.51.100.9', '203.0.113.7']);
    for (const r of perIp) expect(r.score.period).toBe(120);
  });

  it('keeps unresolved destinations under their IP, uses the resolver first, skips inbound', () => {
    const g = new BeaconGrouper({
      resolveName: (_host, _image, ip) => (ip === '192.0.2.10' ? 'c2.beacon.example' : undefined),
    });
    for (let i = 0; i < 10; i++) {
      g.addEvent(conn({ _time: T0 + 300 * i, DestinationIp: '192.0.2.44' }));
      g.addEvent(conn({ _time: T0 + 300 * i + 7, DestinationIp: '192.0.2.10' }));
    }
    expect(g.addEvent(conn({ _time: T0, DestinationIp: '192.0.2.44', Initiated: 'false' }))).toBe(false);
    expect(g.addEvent(conn({ _time: T0, DestinationIp: '-' }))).toBe(false);
    expect(g.skipped).toBe(2);
    const domains = g.results().filter((r) => r.level === 'domain');
    const unresolved = domains.find((r) => !r.resolved);
    expect(unresolved?.destination).toBe('192.0.2.44');
    expect(domains.find((r) => r.resolved)?.destination).toBe('beacon.example');
    expect(g.size).toBe(4);
  });

  it('separates processes and hosts, case-insensitively, with stable ordering', () => {
    const g = new BeaconGrouper();
    for (let i = 0; i < 6; i++) {
      g.addEvent(conn({ _time: T0 + 60 * i, DestinationIp: '198.51.100.1', Image: 'C:\\x\\a.exe' }));
      g.addEvent(conn({ _time: T0 + 60 * i + 1, DestinationIp: '198.51.100.1', Image: 'C:\\X\\A.EXE' }));
      g.addEvent(conn({ _time: T0 + 60 * i, DestinationIp: '198.51.100.1', Image: 'C:\\x\\b.exe' }));
    }
    const r = g.results();
    expect(r.length).toBe(4); // (a, b) × (ip, domain)
    expect(r.find((x) => x.image === 'C:\\x\\a.exe' && x.level === 'ip')?.score.connections).toBe(12);
    expect(g.results()).toEqual(r);
  });
});
