import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareAuto,
  compareGroupKeys,
  compareGroupSortKeys,
  compareIp,
  compareLexicographic,
  compareMinMax,
  compareStr,
  groupSortKey,
  makeSortComparator,
} from './compare.js';
import type { Value } from './event.js';

function sorted<T>(xs: readonly T[], cmp: (a: T, b: T) => number): T[] {
  return xs.slice().sort(cmp);
}

describe('lexicographic order = UTF-8 byte order (spl-semantics §4.3)', () => {
  it('sorts 10, 9, 70, 100 as 10, 100, 70, 9 (SR-MV)', () => {
    expect(sorted(['10', '9', '70', '100'], compareLexicographic)).toEqual(['10', '100', '70', '9']);
  });

  it('puts numbers before letters and uppercase before lowercase (SR-MV)', () => {
    expect(sorted(['b', 'a', 'B', '1', 'A'], compareLexicographic)).toEqual(['1', 'A', 'B', 'a', 'b']);
  });

  it('orders ports 80, 443, 3389 as 3389, 443, 80 (§4.3)', () => {
    expect(sorted(['80', '443', '3389'], compareLexicographic)).toEqual(['3389', '443', '80']);
  });

  it('agrees with comparing UTF-8 bytes, including astral characters against U+E000–U+FFFF', () => {
    // JS `<` puts "\u{1F600}" (surrogates D83D…) before "\uFFFD"; UTF-8 puts F0… after EF….
    expect(compareLexicographic('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareLexicographic(a, b))).toBe(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sort auto collation (spl-semantics §6)', () => {
  it('compares two numeric values numerically: 10, 9, 70, 100 → 9, 10, 70, 100', () => {
    expect(sorted(['10', '9', '70', '100'], compareAuto)).toEqual(['9', '10', '70', '100']);
  });

  it('compares two strings lexicographically', () => {
    expect(sorted(['b', 'C', 'a'], compareAuto)).toEqual(['C', 'a', 'b']);
  });

  it('[pinned] puts numbers before strings, so the order is total (module header)', () => {
    expect(sorted(['1a', '10', '9'], compareAuto)).toEqual(['9', '10', '1a']);
    expect(compareAuto(5, 'abc')).toBeLessThan(0);
  });

  it('is a total order on arbitrary mixes (antisymmetric and transitive)', () => {
    const value = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.string({ maxLength: 3 }), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(Math.sign(compareAuto(a, b))).toBe(-Math.sign(compareAuto(b, a)) || 0);
        if (compareAuto(a, b) <= 0 && compareAuto(b, c) <= 0) expect(compareAuto(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('str() sorts lexicographically, numbers by their printed form', () => {
    expect(sorted([10, 9, 100], compareStr)).toEqual([10, 100, 9]);
  });

  it('ip() sorts addresses numerically, IPv4 before IPv6 before non-addresses', () => {
    expect(sorted(['198.51.100.7', '192.0.2.10', '192.0.2.9', '2001:db8::1', 'host'], compareIp)).toEqual([
      '192.0.2.9',
      '192.0.2.10',
      '198.51.100.7',
      '2001:db8::1',
      'host',
    ]);
  });

  it('puts missing values last in both directions (SR-sort)', () => {
    // Boxed, because Array.prototype.sort moves bare `undefined` to the end without asking the comparator.
    const rows = (['2', undefined, '10', null, '1'] as (Value | undefined)[]).map((v) => ({ v }));
    const order = (descending: boolean): (Value | undefined)[] => {
      const cmp = makeSortComparator('auto', descending);
      return rows
        .slice()
        .sort((a, b) => cmp(a.v, b.v))
        .map((r) => r.v);
    };
    expect(order(false)).toEqual(['1', '2', '10', undefined, null]);
    expect(order(true)).toEqual(['10', '2', '1', undefined, null]);
  });

  it('[pinned] sorts a multivalue by its first value', () => {
    expect(sorted<Value>([['b', 'a'], 'a'], makeSortComparator('str', false))).toEqual(['a', ['b', 'a']]);
  });
});

describe('stats BY order (spl-semantics §4.1 [DOC-EX])', () => {
  it('ascends by the tuple, first field first (status, host → 200/www1, 200/www2, 404/www2)', () => {
    const keys = [
      ['404', 'www2'],
      ['200', 'www2'],
      ['200', 'www1'],
    ];
    expect(sorted(keys, compareGroupKeys)).toEqual([
      ['200', 'www1'],
      ['200', 'www2'],
      ['404', 'www2'],
    ]);
  });

  it('orders numeric BY values numerically and breaks 1 vs 01 ties deterministically', () => {
    expect(sorted([['443'], ['3389'], ['80']], compareGroupKeys)).toEqual([['80'], ['443'], ['3389']]);
    expect(sorted([['1'], ['01']], compareGroupKeys)).toEqual([['01'], ['1']]);
  });

  it('gives the same result on keys prepared once per group (what stats sorts with)', () => {
    const scalar = fc.oneof(
      fc.integer({ min: -20, max: 20 }).map(String),
      fc.constantFrom('01', '1', '1.0', '-0', '0x10', ' 3', '1e3', 'NaN', 'a', 'B', '\u{1F600}', '\uFFFD', '10.1.2.3'),
      fc.string({ maxLength: 3 }),
      fc.double(),
      fc.integer({ min: -5, max: 5 }),
    );
    const key = fc.array(scalar, { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(compareGroupSortKeys(groupSortKey(a), groupSortKey(b))).toBe(compareGroupKeys(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders zero-padded hour buckets chronologically (§9 step 5)', () => {
    expect(sorted([['2024-05-01 13:00:00'], ['2024-05-01 09:00:00']], compareGroupKeys)[0]).toEqual(['2024-05-01 09:00:00']);
  });
});

describe('min/max order (SR-Agg)', () => {
  it('sorts 1, 2, 4, 9, 100, a, b, c with numbers first', () => {
    expect(sorted(['c', '100', 'a', '9', '2', 'b', '4', '1'], compareMinMax)).toEqual(['1', '2', '4', '9', '100', 'a', 'b', 'c']);
  });
});
