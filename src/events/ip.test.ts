/** parseIp's cache gives the same answers as parsing afresh, including after it is cleared. */
import { describe, expect, it } from 'vitest';
import { cidrMatcher, parseCidr, parseIp } from './ip.js';

describe('parseIp cache', () => {
  it('answers repeated and evicted lookups as a fresh parse would', () => {
    // The strict rules hold on the first call and on cached ones: no octal, no short forms.
    for (let round = 0; round < 2; round++) {
      expect(parseIp('010.0.0.1')).toBeNull();
      expect(parseIp('10.1')).toBeNull();
      expect(parseIp('-')).toBeNull();
      expect(parseIp('192.0.2.7')?.toString()).toBe('192.0.2.7');
      expect(parseIp('2001:DB8::1')?.toString()).toBe('2001:db8::1');
    }
    // 5,000 distinct addresses (more than the cache holds), each looked up twice.
    for (let i = 0; i < 5000; i++) {
      const text = `10.${(i >> 8) & 255}.${i & 255}.9`;
      const a = parseIp(text);
      expect(a?.toString()).toBe(text);
      expect(parseIp(text)?.toString()).toBe(text);
    }
    expect(parseIp('10.0.0.9')?.kind()).toBe('ipv4');
  });

  it('CIDR matching over repeated values is unchanged', () => {
    const inNet = cidrMatcher(parseCidr('127.0.0.0/8')!);
    const values = ['127.0.0.1', '128.0.0.1', '127.0.0.1', '::ffff:127.0.0.2', 'localhost', '127.0.0.1'];
    expect(values.map(inNet)).toEqual([true, false, true, true, false, true]);
  });
});
