import { describe, expect, it } from 'vitest';
import { call, dynamic } from '../../../../test/helpers/eval-call.js';
import { roundDecimal } from './math.js';

describe('round (SR-Math)', () => {
  it('round(3.5) = 4 and round(2.555, 2) = 2.56 (the doc examples)', () => {
    expect(call('round', 3.5)).toBe(4);
    expect(call('round', 2.555, 2)).toBe(2.56);
  });

  it('[pinned] rounds half away from zero on the printed decimal digits', () => {
    expect(roundDecimal(-3.5, 0)).toBe(-4);
    expect(roundDecimal(2.5, 0)).toBe(3);
    expect(roundDecimal(1.005, 2)).toBe(1.01);
    expect(roundDecimal(1.234, 5)).toBe(1.234);
    expect(roundDecimal(123.456, 1)).toBe(123.5);
    expect(roundDecimal(0.0000001, 2)).toBe(0);
  });

  it('does not allow a negative precision', () => {
    expect(call('round', 3.14159, -1)).toBeNull();
  });
});

describe('other math (SR-Math)', () => {
  it.each([
    ['abs', [-5], 5],
    ['ceiling', [1.2], 2],
    ['ceil', [1.2], 2],
    ['floor', [1.8], 1],
    ['sqrt', [9], 3],
    ['pow', [2, 10], 1024],
    ['exp', [0], 1],
    ['ln', [1], 0],
    ['log', [100], 2],
    ['log', [8, 2], 3],
    ['pi', [], Math.PI],
    ['exact', [3.25], 3.25],
  ])('%s(%j) = %d', (name, args, expected) => {
    expect(call(name, ...(args as number[]))).toBe(expected);
  });

  it('reads numeric strings and gives null for non-numbers', () => {
    expect(call('abs', dynamic('-2'))).toBe(2);
    expect(call('sqrt', dynamic('x'))).toBeNull();
  });

  it('random() is an integer from 0 to 2^31-1 drawn from the injected source', () => {
    expect(call('random')).toBe(1073741824); // TEST_CONTEXT.random() returns 0.5
  });
});

describe('min, max, sum (SR-Math / statistical eval functions)', () => {
  it('strings are greater than numbers', () => {
    expect(call('max', 3, 'abc', 10)).toBe('abc');
    expect(call('min', 3, 'abc', 10)).toBe(3);
    expect(call('max', dynamic('9'), dynamic('10'))).toBe('10');
  });

  it('take multivalue arguments value by value and skip nulls', () => {
    expect(call('max', dynamic(['1', '7']), dynamic(null), 5)).toBe('7');
  });

  it('sum ignores missing and non-numeric arguments', () => {
    expect(call('sum', 1, dynamic('2'), dynamic('x'), dynamic(null))).toBe(3);
    expect(call('sum', dynamic('x'))).toBeNull();
    expect(call('avg', 1, 2, dynamic('x'))).toBe(1.5);
  });
});
