import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareLexicographic } from '../../events/compare.js';
import { createEvent } from '../../events/event.js';
import { aggregate } from '../../../test/helpers/eval-call.js';
import { aggregateNames, getAggregate } from './index.js';

// The docs' sumsq example data (SR-Agg "sumsq", spl-semantics §7).
const TEMPS = [65, 42, 40, 31, 47, 53, 64].map(String);
const ONE_TO_TEN = Array.from({ length: 10 }, (_, i) => String(i + 1));

describe('numeric aggregates reproduce the docs digits (spl-semantics §7)', () => {
  it.each([
    ['mean', 48.857142857142854],
    ['avg', 48.857142857142854],
    ['stdev', 12.615183595289349], // only the single-pass sum/sumsq formula gives these digits [FIT]
    ['sumsq', 17664],
    ['sum', 342],
  ])('%s of 65,42,40,31,47,53,64 is %d', (name, expected) => {
    expect(aggregate(name, TEMPS)).toBe(expected);
  });

  it('avg of 100 × 3.99 is 3.9900000000000055 and of 10000 × 3.99 is 3.990000000000215 (SR-Agg)', () => {
    expect(aggregate('avg', Array(100).fill('3.99'))).toBe(3.9900000000000055);
    expect(aggregate('avg', Array(10000).fill('3.99'))).toBe(3.990000000000215);
  });

  it('stdev of one value is 0, not NaN or null (§4.3 "0.000000")', () => {
    expect(aggregate('stdev', ['7'])).toBe(0);
    expect(aggregate('var', ['7'])).toBe(0);
  });

  it('population variants divide by n (hand computation: deviations² sum to 8 over 4 values)', () => {
    // 2,4,4,6: mean 4, squared deviations 4+0+0+4 = 8; varp = 8/4 = 2, var = 8/3.
    expect(aggregate('varp', ['2', '4', '4', '6'])).toBe(2);
    expect(aggregate('stdevp', ['2', '4', '4', '6'])).toBe(Math.sqrt(2));
    expect(aggregate('var', ['2', '4', '4', '6'])).toBe(8 / 3);
  });

  it('ignores non-numeric values; "test" is treated like null for avg (SR-eventstats)', () => {
    expect(aggregate('avg', ['10', 'test', '20', undefined])).toBe(15);
    expect(aggregate('sum', ['test'])).toBeNull();
  });

  it('integers stay integers (§7: count, sum of integers)', () => {
    expect(aggregate('sum', ['21000', '500', '2'])).toBe(21502);
    expect(Number.isInteger(aggregate('sum', ['21000', '500', '2']))).toBe(true);
  });

  it('range is max minus min of the numeric values', () => {
    expect(aggregate('range', ['5', '1', '9', 'x'])).toBe(8);
  });
});

describe('percentiles (spl-semantics §4.3 [DOC-EX + FIT])', () => {
  it('perc50 of 1..10 is 5.5 and perc95 is 9.55 (printed by the docs rounded)', () => {
    expect(aggregate('perc50', ONE_TO_TEN)).toBe(5.5);
    expect(aggregate('perc95', ONE_TO_TEN)).toBe(9.549999999999999);
    expect(aggregate('p95', ONE_TO_TEN)).toBe(9.549999999999999);
    expect(aggregate('exactperc95', ONE_TO_TEN)).toBe(9.549999999999999);
    expect(aggregate('upperperc50', ONE_TO_TEN)).toBe(5.5);
  });

  it('accepts fractional percentiles and rejects ones above 100 or without a number', () => {
    expect(getAggregate('perc99.9')?.param).toBe(99.9);
    expect(getAggregate('perc101')).toBeUndefined();
    expect(getAggregate('perc')).toBeUndefined();
  });

  it('median takes the higher middle value for an even count (SR-Agg median)', () => {
    expect(aggregate('median', ONE_TO_TEN)).toBe(6);
    expect(aggregate('median', ['3', '1', '2'])).toBe(2);
  });
});

describe('min and max (SR-Agg)', () => {
  it('reads values as numbers when possible: "1", "1.0", "01" are the same number', () => {
    expect(aggregate('min', ['01', '1.0', '10'])).toBe(1);
    expect(aggregate('max', ['9', '10', '100'])).toBe(100);
  });

  it('with numbers and strings mixed, min is the smallest number and max the greatest string', () => {
    const mixed = ['c', '100', 'a', '9', '2', 'b', '4', '1'];
    expect(aggregate('min', mixed)).toBe(1);
    expect(aggregate('max', mixed)).toBe('c');
  });

  it('compares non-numeric strings lexicographically (§9 step 5: hour buckets)', () => {
    const hours = ['2024-05-01 13:00:00', '2024-05-01 09:00:00', '2024-05-02 00:00:00'];
    expect(aggregate('min', hours)).toBe('2024-05-01 09:00:00');
    expect(aggregate('max', hours)).toBe('2024-05-02 00:00:00');
  });
});

describe('counting (SR-Agg)', () => {
  it('count without a field counts events, present or not', () => {
    const agg = getAggregate('count')?.create(false);
    for (let i = 0; i < 3; i++) agg?.add(undefined, createEvent());
    expect(agg?.result()).toBe(3);
  });

  it('count(X) counts events where X has a value', () => {
    expect(aggregate('count', ['a', undefined, null, 'b'])).toBe(2);
    expect(aggregate('c', ['a'])).toBe(1);
  });

  it('[pinned] count(X) counts each value of a multivalue', () => {
    expect(aggregate('count', [['a', 'b', 'c'], 'd'])).toBe(4);
  });

  it('dc counts distinct strings: "1", "1.0", "01" are three (SR-SCF)', () => {
    expect(aggregate('dc', ['1', '1.0', '01', '1'])).toBe(3);
    expect(aggregate('distinct_count', ['x', 'x'])).toBe(1);
  });
});

describe('values and list (SR-MV)', () => {
  it('values is distinct and lexicographic: ports 80, 443, 3389 → 3389, 443, 80', () => {
    expect(aggregate('values', ['80', '443', '80', '3389'])).toEqual(['3389', '443', '80']);
  });

  it('values sorts 1 10 100 1000 101 … 11 110 as the docs show', () => {
    expect(aggregate('values', ['110', '11', '101', '1000', '100', '10', '1'])).toEqual(['1', '10', '100', '1000', '101', '11', '110']);
  });

  it('[pinned] values flattens multivalue input, dedupes and re-sorts (§4.3, §9 step 5)', () => {
    expect(aggregate('values', [['443', '80'], ['80', '3389'], '53'])).toEqual(['3389', '443', '53', '80']);
  });

  it('one distinct value is a plain string; none is null', () => {
    expect(aggregate('values', ['443', '443'])).toBe('443');
    expect(aggregate('values', [undefined])).toBeNull();
  });

  it('list keeps order and duplicates, and only the first 100 values', () => {
    expect(aggregate('list', ['b', 'a', 'b'])).toEqual(['b', 'a', 'b']);
    const many = Array.from({ length: 150 }, (_, i) => String(i));
    expect(aggregate('list', many)).toEqual(many.slice(0, 100));
  });

  it('mode is the most frequent value; a tie goes to the first seen [pinned]', () => {
    expect(aggregate('mode', ['a', 'b', 'b', 'c'])).toBe('b');
    expect(aggregate('mode', ['x', 'y', 'y', 'x'])).toBe('x');
  });
});

describe('positional aggregates (SR-SCF)', () => {
  const times = [300, 100, 200, 100];
  const values = ['third', 'first', 'second', 'first-too'];

  it('first/last follow input order', () => {
    expect(aggregate('first', values, times)).toBe('third');
    expect(aggregate('last', values, times)).toBe('first-too');
  });

  it('earliest/latest follow _time; ties keep the first for earliest [pinned]', () => {
    expect(aggregate('earliest', values, times)).toBe('first');
    expect(aggregate('latest', values, times)).toBe('third');
    expect(aggregate('earliest_time', values, times)).toBe(100);
    expect(aggregate('latest_time', values, times)).toBe(300);
  });

  it('skip events without the field', () => {
    expect(aggregate('first', [undefined, 'x'])).toBe('x');
  });
});

describe('registry', () => {
  it('lists every aggregate the issue names', () => {
    for (const name of ['count', 'dc', 'sum', 'sumsq', 'avg', 'mean', 'min', 'max', 'range', 'stdev', 'stdevp', 'var', 'varp',
      'median', 'mode', 'perc', 'exactperc', 'upperperc', 'values', 'list', 'first', 'last', 'earliest', 'latest',
      'earliest_time', 'latest_time', 'distinct_count', 'c', 'p']) {
      expect(aggregateNames).toContain(name);
    }
  });

  it('supports remove for sliding windows where it is exact', () => {
    const agg = getAggregate('avg')?.create(true);
    const e = createEvent();
    for (const v of ['1', '2', '3', '4']) agg?.add(v, e);
    agg?.remove?.('1', e);
    expect(agg?.result()).toBe(3); // (2+3+4)/3
    const values = getAggregate('values')?.create(true);
    values?.add('a', e);
    values?.add('b', e);
    values?.remove?.('a', e);
    expect(values?.result()).toBe('b');
  });
});

describe('percentile names', () => {
  it('need their number: bare exactperc and upperperc are not functions', () => {
    expect(getAggregate('exactperc')).toBeUndefined();
    expect(getAggregate('upperperc')).toBeUndefined();
    expect(getAggregate('PERC90')?.param).toBe(90);
  });
});

describe('values() keeps one value inline and counts per value for sliding windows', () => {
  // Reference: a plain Map of value → count, the distinct keys sorted as strings (SR-MV).
  function reference(ops: readonly [boolean, string | string[]][]): unknown {
    const counts = new Map<string, number>();
    for (const [add, v] of ops) {
      for (const x of Array.isArray(v) ? v : [v]) {
        const c = (counts.get(x) ?? 0) + (add ? 1 : -1);
        if (c <= 0) counts.delete(x);
        else counts.set(x, c);
      }
    }
    const keys = [...counts.keys()].sort(compareLexicographic);
    return keys.length === 0 ? null : keys.length === 1 ? keys[0] : keys;
  }

  it('matches the reference over random adds and removes of what was added', () => {
    const value = fc.oneof(fc.constantFrom('80', '443', 'a'), fc.array(fc.constantFrom('80', '443', 'b'), { minLength: 2, maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), value), { maxLength: 12 }), (raw) => {
        // Only remove what is in the window, as streamstats does.
        const ops: [boolean, string | string[]][] = [];
        const window: (string | string[])[] = [];
        for (const [add, v] of raw) {
          if (add || window.length === 0) {
            ops.push([true, v]);
            window.push(v);
          } else ops.push([false, window.shift()!]);
        }
        const agg = getAggregate('values')!.create(true);
        for (const [add, v] of ops) (add ? agg.add(v, createEvent()) : agg.remove!(v, createEvent()));
        expect(agg.result()).toEqual(reference(ops));
      }),
      { numRuns: 1000 },
    );
  });
});
