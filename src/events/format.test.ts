import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, valueToString } from './format.js';

/** Sum in input order, as stats does, then divide: the docs' avg examples. */
function sequentialMean(value: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += value;
  return sum / n;
}

describe('number formatting (spl-semantics §7)', () => {
  it.each([
    // §7 [DOC-EX]: avg of 100 × 3.99 and the sumsq example print like this.
    [sequentialMean(3.99, 100), '3.9900000000000055'],
    [sequentialMean(3.99, 10000), '3.990000000000215'],
    [342 / 7, '48.857142857142854'],
    [17664, '17664'],
    [21502, '21502'],
    [7 / 2, '3.5'],
    [Number.NaN, 'nan'], // SR-eval
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [-0, '0'],
  ])('%d prints as %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
  });

  it('booleans print as True/False (SR-Conv: tostring(1==1) is "True")', () => {
    expect(valueToString(true)).toBe('True');
    expect(valueToString(false)).toBe('False');
  });

  it('a multivalue is not a single string; a cell joins its values', () => {
    expect(valueToString(['a', 'b'])).toBeNull();
    expect(formatValue(['a', 'b'])).toBe('a\nb');
    expect(formatValue(['a', 'b'], ' ')).toBe('a b');
    expect(formatValue(null)).toBe('');
    expect(formatValue(undefined)).toBe('');
  });
});
