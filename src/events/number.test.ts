import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isNumericString, parseNumber, toNumber } from './number.js';

describe('numeric strings (pinned syntax, docs/spl-semantics.md)', () => {
  it.each([
    ['3', 3],
    ['03', 3],
    ['-1.5', -1.5],
    ['+4', 4],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['443', 443],
  ])('%s reads as %d', (text, n) => {
    expect(parseNumber(text)).toBe(n);
  });

  // SR-Conv: a value with leading or trailing spaces does not parse; hex only through tonumber(x,16).
  it.each([' 3', '3 ', '0x10', '1,000', 'inf', 'nan', 'Infinity', '', '-', '+', '.', 'e5', '1e', '1.2.3', '3abc', '-'])(
    '%j is not a number',
    (text) => {
      expect(isNumericString(text)).toBe(false);
      expect(parseNumber(text)).toBeNull();
    },
  );

  it('numbers pass through; multivalue, null and absent do not read as numbers', () => {
    expect(toNumber(7.25)).toBe(7.25);
    expect(toNumber(['1', '2'])).toBeNull();
    expect(toNumber(null)).toBeNull();
    expect(toNumber(undefined)).toBeNull();
  });

  it('every finite double printed by JS reads back as itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseNumber(String(x))).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseNumber agrees with the syntax written as a regex', () => {
  // The pinned syntax from the module header, as an independent reference.
  const SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  it('on random strings over digits, signs, points, exponents, spaces and hex letters', () => {
    const ch = fc.constantFrom('0', '1', '9', '+', '-', '.', 'e', 'E', ' ', 'x', 'b', 'o', 'I', '\t', '_', ',');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 8 }), (chars) => {
        const s = chars.join('');
        expect(parseNumber(s) !== null).toBe(SYNTAX.test(s));
        if (SYNTAX.test(s)) expect(parseNumber(s)).toBe(Number(s));
      }),
      { numRuns: 2000 },
    );
  });
});
