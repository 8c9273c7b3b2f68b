/** Indicator classification and refanging. */
import { describe, expect, it } from 'vitest';
import { classifyIndicator, refang } from './classify.js';

const ok = (raw: string) => {
  const r = classifyIndicator(raw);
  if (!r.ok) throw new Error(`${raw}: ${r.reason}`);
  return r.indicator;
};

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]test/a', 'http://evil.test/a'],
    ['HXXPS://evil(.)test', 'https://evil.test'],
    ['198.51.100[.]7', '198.51.100.7'],
    ['evil[dot]test', 'evil.test'],
    ['http[:]//evil.test', 'http://evil.test'],
    ['  evil.test  ', 'evil.test'],
  ])('%s → %s', (input, expected) => expect(refang(input)).toBe(expected));
});

describe('classifyIndicator', () => {
  it('addresses: IPv4, IPv6 (compressed), IPv4-mapped, with a port', () => {
    expect(ok('198.51.100.7')).toMatchObject({ kind: 'ip', value: '198.51.100.7' });
    expect(ok('2001:DB8:0:0::1')).toMatchObject({ kind: 'ip', value: '2001:db8::1' });
    expect(ok('::ffff:198.51.100.7')).toMatchObject({ kind: 'ip', value: '198.51.100.7' });
    expect(ok('192.0.2.77:8443')).toMatchObject({ kind: 'ip', value: '192.0.2.77' });
    expect(ok('[2001:db8::5]:443')).toMatchObject({ kind: 'ip', value: '2001:db8::5' });
  });
  it('networks: host bits cleared, bad prefixes refused', () => {
    expect(ok('198.51.100.7/24')).toMatchObject({ kind: 'cidr', value: '198.51.100.0/24' });
    expect(ok('2001:db8:bad:1::/48')).toMatchObject({ kind: 'cidr', value: '2001:db8:bad::/48' });
    expect(classifyIndicator('198.51.100.0/33')).toEqual({ ok: false, reason: 'invalid CIDR prefix length' });
  });
  it('domains: case, trailing dot, wildcard, IDN', () => {
    expect(ok('C2.Evil.Test.')).toMatchObject({ kind: 'domain', value: 'c2.evil.test' });
    expect(ok('*.evil.test')).toMatchObject({ kind: 'domain', value: 'evil.test' });
    expect(ok('bücher.example')).toMatchObject({ kind: 'domain', value: 'xn--bcher-kva.example' });
  });
  it('URLs contribute their host; a scheme-less path is a URL', () => {
    expect(ok('hxxps://login.evil.test:8443/owa?x=1')).toMatchObject({ kind: 'url', host: 'login.evil.test', hostKind: 'domain' });
    expect(ok('http://[2001:db8::9]/x')).toMatchObject({ kind: 'url', host: '2001:db8::9', hostKind: 'ip' });
    expect(ok('evil.test/gate.php')).toMatchObject({ kind: 'url', value: 'http://evil.test/gate.php', host: 'evil.test' });
  });
  it('refuses what is not an indicator, with a reason', () => {
    for (const bad of ['', 'localhost', '300.1.2.3', 'evil test', 'http://', 'a..b.test', '-bad.test']) {
      expect(classifyIndicator(bad).ok).toBe(false);
    }
    expect(classifyIndicator('co.uk')).toEqual({ ok: false, reason: 'is a public suffix; it would match every name under it' });
  });
  it('checks the kind a feed declared', () => {
    expect(classifyIndicator('evil.test', new Set(['ip', 'cidr']))).toEqual({ ok: false, reason: 'expected ip or cidr, found domain' });
  });
});
