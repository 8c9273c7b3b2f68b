/**
 * Each feed reader on a small fixture under test/fixtures/intel (documentation ranges and reserved names
 * only), including bad entries, then matching through one IndicatorSet. Expected counts are read off the
 * fixtures line by line (see the comments).
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers/shared-data.js';
import { createEvent } from '../events/event.js';
import { SourceError } from '../errors.js';
import { IndicatorSet } from './indicator-set.js';
import { loadFeedFile, loadIntel, parseFeed } from './load.js';
import type { FeedResult, Indicator } from './types.js';

const fixture = (name: string) => resolve(REPO_ROOT, 'test/fixtures/intel', name);
const problems = (r: FeedResult, severity: string) => r.problems.filter((p) => p.severity === severity);

describe('plain list', () => {
  const r = loadFeedFile(fixture('plain.txt'));
  it('loads lines 2–7 and 12, with trailing comments and descriptions', () => {
    expect(r.format).toBe('plain');
    expect(r.indicators.map((i) => [i.location.line, i.kind, i.host])).toEqual([
      [2, 'ip', '198.51.100.23'],
      [3, 'cidr', '203.0.113.0/24'],
      [4, 'cidr', '2001:db8:bad::/48'],
      [5, 'domain', 'evil.test'],
      [6, 'url', 'stage2.payload.example'],
      [7, 'domain', 'c2.beacon.example'],
      [12, 'ip', '192.0.2.77'],
    ]);
    expect(r.indicators[4]?.description).toBe('staging server');
  });
  it('reports lines 8 (prose), 9 (octet 300) and 10 (a public suffix) with file and line', () => {
    expect(r.problems.map((p) => [p.line, p.severity])).toEqual([
      [8, 'error'],
      [9, 'error'],
      [10, 'error'],
    ]);
    expect(r.problems[0]?.file).toBe(fixture('plain.txt'));
  });
});

describe('CSV', () => {
  const r = loadFeedFile(fixture('feed.csv'));
  it('uses the Indicator, Type, Source and Description columns', () => {
    expect(r.indicators.map((i) => [i.location.line, i.kind, i.host])).toEqual([
      [2, 'ip', '198.51.100.50'],
      [3, 'domain', 'evil-cdn.example'],
      [4, 'url', '203.0.113.9'],
      [8, 'cidr', '2001:db8::/32'],
    ]);
    expect(r.indicators[1]).toMatchObject({ source: 'unit-feed', description: 'fronted C2, quoted' });
  });
  it('reports the md5 row as unsupported, a domain typed ip and an empty cell as errors', () => {
    expect(problems(r, 'unsupported').map((p) => p.line)).toEqual([5]);
    expect(problems(r, 'error').map((p) => [p.line, p.reason])).toEqual([
      [6, 'expected ip or cidr, found domain'],
      [7, 'empty indicator cell'],
    ]);
  });
  it('recovers line by line from a broken quote instead of losing the rest of the file', () => {
    const text = 'ioc,comment\n198.51.100.1,ok\n"evil.test,unclosed quote\n203.0.113.1,still read\n';
    const res = parseFeed(text, 'inline.csv');
    expect(res.indicators.map((i) => i.host)).toEqual(['198.51.100.1', '203.0.113.1']);
    expect(res.problems.map((p) => p.line)).toEqual([3]);
  });
  it('headerless single column, a BOM, and a header without an indicator column', () => {
    expect(parseFeed('\ufeff198.51.100.3\nevil.test\n', 'x.csv').indicators.length).toBe(2);
    const bad = parseFeed('name,notes\nfoo,bar\n', 'y.csv');
    expect(bad.indicators).toEqual([]);
    expect(bad.problems[0]?.reason).toMatch(/no indicator column/);
  });
});

describe('STIX 2.1 bundle', () => {
  const r = loadFeedFile(fixture('bundle.json'));
  it('loads = , OR across comparisons and observations, ISSUBSET and IN', () => {
    expect(r.format).toBe('stix');
    expect(r.indicators.map((i) => [i.location.index?.split(' ')[0], i.kind, i.host])).toEqual([
      ['objects[1]', 'ip', '198.51.100.1'],
      ['objects[2]', 'domain', 'beacon.evil.test'],
      ['objects[2]', 'domain', 'backup.evil.test'],
      ['objects[2]', 'url', '203.0.113.5'],
      ['objects[3]', 'cidr', '203.0.113.128/25'],
      ['objects[8]', 'ip', '2001:db8::1'],
      ['objects[8]', 'ip', '2001:db8::2'],
    ]);
    expect(r.indicators[0]).toMatchObject({ description: 'C2 address', ref: 'indicator--00000000-0000-4000-8000-000000000001' });
  });
  it('reports AND, a file hash and a sigma pattern as unsupported, a qualifier as a warning, bad ones as errors', () => {
    const at = (sev: string) => problems(r, sev).map((p) => p.index?.split(' ')[0]);
    expect(at('unsupported')).toEqual(['objects[4]', 'objects[5]', 'objects[6]']);
    expect(at('warning')).toEqual(['objects[3]']);
    expect(at('error')).toEqual(['objects[7]', 'objects[9]']);
  });
  it('invalid JSON is one problem, not an exception', () => {
    const res = parseFeed('{"type": "bundle", ', 'broken.json');
    expect(res.indicators).toEqual([]);
    expect(res.problems[0]?.reason).toMatch(/^not valid JSON/);
  });
});

describe('MISP event', () => {
  const r = loadFeedFile(fixture('misp.json'));
  it('loads network attributes from Attribute[] and Object[].Attribute[], splitting |port and domain|ip', () => {
    expect(r.format).toBe('misp');
    expect(r.indicators.map((i) => [i.location.index, i.kind, i.host])).toEqual([
      ['Event.Attribute[0]', 'ip', '198.51.100.77'],
      ['Event.Attribute[1]', 'ip', '203.0.113.44'],
      ['Event.Attribute[2]', 'domain', 'update.evil.test'],
      ['Event.Attribute[2]', 'ip', '192.0.2.99'],
      ['Event.Attribute[3]', 'domain', 'cdn.bad.example'],
      ['Event.Attribute[4]', 'url', 'login.bad.example'],
      ['Event.Object[0].Attribute[0]', 'domain', 'object.evil.test'],
      ['Event.Object[0].Attribute[1]', 'cidr', '2001:db8:1::/64'],
    ]);
    expect(r.indicators[4]?.description).toBe('defanged');
    expect(r.indicators[0]?.description).toBe('Test event: C2 infrastructure');
  });
  it('summarises unsupported types per type and reports the bad ip-src', () => {
    expect(problems(r, 'unsupported').map((p) => p.reason)).toEqual([
      '2 attributes of type "md5" not matched',
      '1 attribute of type "sha256" not matched',
    ]);
    expect(problems(r, 'error').map((p) => p.index)).toEqual(['Event.Attribute[8]']);
  });
  it('reads a search response wrapper', () => {
    const doc = JSON.stringify({ response: [{ Event: { Attribute: [{ type: 'domain', value: 'r.evil.test' }] } }] });
    expect(parseFeed(doc, 'r.json').indicators[0]?.location.index).toBe('response[0].Event.Attribute[0]');
  });
});

describe('matching', () => {
  const { set, feeds } = loadIntel(['plain.txt', 'feed.csv', 'bundle.json', 'misp.json'].map(fixture));
  const loaded = feeds.reduce((n, f) => n + f.indicators.length, 0);
  it('holds every loaded indicator', () => {
    expect(set.size).toBe(loaded);
    expect(loaded).toBe(7 + 4 + 7 + 8);
  });
  it('an address inside two overlapping networks matches both', () => {
    const m = set.matchIp('203.0.113.200', 'DestinationIp');
    expect(m.map((x) => [x.how, x.indicator.value]).sort()).toEqual([
      ['cidr', '203.0.113.0/24'],
      ['cidr', '203.0.113.128/25'],
    ]);
    // The STIX url indicator's host is this address (exact), and the plain list's /24 contains it.
    expect(set.matchIp('203.0.113.5').map((x) => [x.how, x.indicator.value])).toEqual([
      ['exact', 'http://203.0.113.5/a'],
      ['cidr', '203.0.113.0/24'],
    ]);
  });
  it('IPv4-mapped addresses match IPv4 indicators', () => {
    expect(set.matchIp('::ffff:198.51.100.23').map((x) => x.how)).toEqual(['exact']);
  });
  it('parent-domain matching on label boundaries, case-insensitive, trailing dot ignored', () => {
    const m = set.matchName('Beacon.Evil.Test.', 'QueryName');
    expect(m.map((x) => [x.how, x.indicator.value, x.indicator.feed.split('/').pop()])).toEqual([
      ['exact', 'beacon.evil.test', 'bundle.json'],
      ['parent-domain', 'evil.test', 'plain.txt'],
    ]);
    expect(set.matchName('notevil.test')).toEqual([]);
    expect(set.matchName('a.b.object.evil.test').map((x) => x.indicator.value)).toEqual(['object.evil.test', 'evil.test']);
  });
  it('matchEvent reports the field, value and feed of each match', () => {
    const e = Object.assign(createEvent(), {
      DestinationIp: '2001:db8:bad:1::5',
      DestinationHostname: '-',
      QueryName: 'login.bad.example',
    });
    const m = set.matchEvent(e);
    expect(m.map((x) => [x.field, x.how, x.indicator.kind, x.indicator.value.split('/')[0]])).toEqual([
      ['DestinationIp', 'cidr', 'cidr', '2001:db8::'],
      ['DestinationIp', 'cidr', 'cidr', '2001:db8:bad::'],
      ['QueryName', 'exact', 'url', 'https:'],
    ]);
  });
  it('the trie agrees with ipaddr.js on random networks and addresses', () => {
    const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'));
    fc.assert(
      fc.property(fc.array(fc.tuple(octets, fc.integer({ min: 0, max: 32 })), { minLength: 1, maxLength: 30 }), fc.array(octets, { maxLength: 20 }), (nets, addrs) => {
        const indicators: Indicator[] = nets.map(([a, p], i) => {
          const [net] = ipaddr.IPv4.networkAddressFromCIDR(`${a}/${p}`).toString().split('/');
          const value = `${net}/${p}`;
          return { kind: 'cidr', value, host: value, hostKind: 'cidr', feed: 'prop', location: { line: i + 1 }, raw: value };
        });
        const s = new IndicatorSet(indicators);
        for (const a of addrs) {
          const expected = indicators.filter((ind) => ipaddr.IPv4.parse(a).match(ipaddr.parseCIDR(ind.value) as [ipaddr.IPv4, number])).length;
          if (s.matchIp(a).length !== expected) return false;
        }
        return true;
      }),
      { numRuns: 100 },
    );
  });
});

describe('loading', () => {
  it('a missing file is a SourceError naming it', () => {
    expect(() => loadFeedFile(fixture('absent.txt'))).toThrow(SourceError);
    expect(() => loadFeedFile(fixture('absent.txt'))).toThrow(/absent\.txt: cannot read intel feed \(ENOENT\)/);
  });
});

describe('hostile input', () => {
  it('no feed text makes a reader throw; every entry is an indicator or a problem', () => {
    const piece = fc.constantFrom('198.51.100.1', 'evil.test', '"', ',', '\n', '#', '{', '}', '[', ']', '"type":', '"bundle"', '"Event"', ':', 'hxxp://', '[.]', '/', '/99', '\t', 'ioc', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom('f.txt', 'f.csv', 'f.json', 'f.tsv'), (parts, name) => {
        const r = parseFeed(parts.join(''), name);
        return Array.isArray(r.indicators) && Array.isArray(r.problems);
      }),
      { numRuns: 300 },
    );
  });
});
