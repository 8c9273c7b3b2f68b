import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, dynamic } from '../../../../test/helpers/eval-call.js';
import { PlanError } from '../../../errors.js';

describe('cidrmatch (SR-CC)', () => {
  it('is true when the IP is in the subnet, IPv4 and IPv6', () => {
    expect(call('cidrmatch', '192.0.2.0/24', dynamic('192.0.2.77'))).toBe(true);
    expect(call('cidrmatch', '192.0.2.0/24', dynamic('192.0.3.1'))).toBe(false);
    expect(call('cidrmatch', '2001:db8::/32', dynamic('2001:db8:1::9'))).toBe(true);
    expect(call('cidrmatch', '2001:db8::/32', dynamic('2001:db9::1'))).toBe(false);
  });

  it('matches IPv4-mapped IPv6 values against IPv4 ranges (Windows dual-stack sockets)', () => {
    expect(call('cidrmatch', '203.0.113.0/24', dynamic('::ffff:203.0.113.5'))).toBe(true);
  });

  it('is false for values that are not addresses, null, or non-canonical IPv4 spellings', () => {
    expect(call('cidrmatch', '10.0.0.0/8', dynamic('example.test'))).toBe(false);
    expect(call('cidrmatch', '10.0.0.0/8', dynamic(null))).toBe(false);
    expect(call('cidrmatch', '10.0.0.0/8', dynamic('10.1'))).toBe(false);
  });

  it('rejects an invalid literal range; a per-event one does not match', () => {
    expect(() => call('cidrmatch', '10.0.0.0/33', dynamic('10.0.0.1'))).toThrow(PlanError);
    expect(call('cidrmatch', dynamic('nonsense'), dynamic('10.0.0.1'))).toBe(false);
  });

  it('ipmask ANDs an IPv4 mask with an address (SR-Conv examples)', () => {
    expect(call('ipmask', '255.255.255.0', '10.20.30.120')).toBe('10.20.30.0');
    expect(call('ipmask', '0.255.0.224', '10.20.30.120')).toBe('0.20.0.96');
  });
});

describe('hashes', () => {
  it.each(['md5', 'sha1', 'sha256', 'sha512'])('%s is the lowercase hex digest of the UTF-8 text', (name) => {
    expect(call(name, 'c2 beacon é')).toBe(createHash(name).update('c2 beacon é', 'utf8').digest('hex'));
  });

  it('md5("abc") is the RFC 1321 test vector', () => {
    expect(call('md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});

describe('spath (eval form)', () => {
  const doc = JSON.stringify({ a: { b: [{ c: 1 }, { c: 'two' }], flag: true, none: null }, top: 'x' });

  it('walks keys and array indexes', () => {
    expect(call('spath', doc, 'top')).toBe('x');
    expect(call('spath', doc, 'a.b{1}.c')).toBe('two');
    expect(call('spath', doc, 'a.flag')).toBe('true');
    expect(call('spath', doc, 'a.none')).toBe('null');
  });

  it('{} takes every element, giving a multivalue', () => {
    expect(call('spath', doc, 'a.b{}.c')).toEqual(['1', 'two']);
  });

  it('renders objects as compact JSON and misses as null', () => {
    expect(call('spath', doc, 'a.b{0}')).toBe('{"c":1}');
    expect(call('spath', doc, 'a.missing')).toBeNull();
    expect(call('spath', dynamic('not json'), 'a')).toBeNull();
  });

  it('rejects a malformed literal path', () => {
    expect(() => call('spath', doc, 'a.{x}')).toThrow(PlanError);
  });

  it('json_valid tests that text parses as JSON', () => {
    expect(call('json_valid', doc)).toBe(true);
    expect(call('json_valid', '{bad')).toBe(false);
  });
});
