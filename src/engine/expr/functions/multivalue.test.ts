import { describe, expect, it } from 'vitest';
import { call, dynamic } from '../../../../test/helpers/eval-call.js';

const MV = dynamic(['a', 'b', 'c', 'd']);

describe('split and mvjoin (SR-EvalFns)', () => {
  it('split turns a delimited string into a multivalue', () => {
    expect(call('split', 'a;b;c', ';')).toEqual(['a', 'b', 'c']);
    expect(call('split', 'abc', '')).toEqual(['a', 'b', 'c']);
    expect(call('split', 'abc', ';')).toBe('abc');
    expect(call('split', dynamic(null), ';')).toBeNull();
  });

  it('mvjoin joins values with the delimiter', () => {
    expect(call('mvjoin', MV, ',')).toBe('a,b,c,d');
    expect(call('mvjoin', 'single', ',')).toBe('single');
    expect(call('mvjoin', dynamic(null), ',')).toBeNull();
  });
});

describe('mvcount, mvindex (SR-EvalFns)', () => {
  it('mvcount counts values; one for a single value; [pinned] null for a missing field', () => {
    expect(call('mvcount', MV)).toBe(4);
    expect(call('mvcount', 'x')).toBe(1);
    expect(call('mvcount', dynamic(null))).toBeNull();
  });

  it('mvindex is 0-based, counts negative indexes from the end, and includes the end', () => {
    expect(call('mvindex', MV, 0)).toBe('a');
    expect(call('mvindex', MV, -1)).toBe('d');
    expect(call('mvindex', MV, 1, 2)).toEqual(['b', 'c']);
    expect(call('mvindex', MV, -3, -2)).toEqual(['b', 'c']);
    expect(call('mvindex', MV, 9)).toBeNull();
    expect(call('mvindex', MV, 2, 99)).toEqual(['c', 'd']);
    expect(call('mvindex', MV, 3, 1)).toBeNull();
  });
});

describe('mvappend, mvdedup, mvsort, mvfind, mvzip, mvrange', () => {
  it('mvappend flattens its arguments and skips nulls', () => {
    expect(call('mvappend', 'a', dynamic(['b', 'c']), dynamic(null), 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(call('mvappend', dynamic(null))).toBeNull();
  });

  it('mvdedup keeps the first occurrence of each value', () => {
    expect(call('mvdedup', dynamic(['b', 'a', 'b', 'c', 'a']))).toEqual(['b', 'a', 'c']);
  });

  it('mvsort sorts lexicographically (10 before 9)', () => {
    expect(call('mvsort', dynamic(['9', '10', 'b', 'B', '100']))).toEqual(['10', '100', '9', 'B', 'b']);
  });

  it('mvfind returns the index of the first value the regex matches, or null', () => {
    expect(call('mvfind', dynamic(['abc', 'x1', 'y2']), '\\d')).toBe(1);
    expect(call('mvfind', dynamic(['abc']), '\\d')).toBeNull();
  });

  it('mvzip pairs values with "," by default and stops at the shorter list', () => {
    expect(call('mvzip', dynamic(['web1', 'web2', 'web3']), dynamic(['80', '443']))).toEqual(['web1,80', 'web2,443']);
    expect(call('mvzip', dynamic(['a', 'b']), dynamic(['1', '2']), ':')).toEqual(['a:1', 'b:2']);
  });

  it('mvrange counts from start up to but not including end', () => {
    expect(call('mvrange', 1, 11, 2)).toEqual(['1', '3', '5', '7', '9']);
    expect(call('mvrange', 0, 3)).toEqual(['0', '1', '2']);
    expect(call('mvrange', 0, 172800, '1d')).toEqual(['0', '86400']);
  });
});
