import { describe, expect, it } from 'vitest';
import {
  add,
  and,
  BINARY_OPERATORS,
  compileLike,
  concat,
  divide,
  equals,
  greaterOrEqual,
  greaterThan,
  lessThan,
  modulo,
  multiply,
  negate,
  not,
  notEquals,
  or,
  subtract,
  xor,
} from './ops.js';

describe('arithmetic (SR-eval, spl-semantics §2.2)', () => {
  it('+ adds two numbers or concatenates two strings', () => {
    expect(add(1, 2)).toBe(3);
    expect(add('ab', 'cd')).toBe('abcd');
  });

  it('reads numeric strings as numbers (fields arrive as strings) [pinned]', () => {
    expect(add('3', '4')).toBe(7);
    expect(multiply('2.5', 2)).toBe(5);
    expect(subtract('10', '4')).toBe(6);
  });

  it('[pinned] + of a number and a non-numeric string is null; - * / % need numbers', () => {
    expect(add(1, 'a')).toBeNull();
    expect(subtract('a', 1)).toBeNull();
    expect(multiply('x', 'y')).toBeNull();
  });

  it('division gives a double and division by zero gives null (SR-eval)', () => {
    expect(divide(7, 2)).toBe(3.5);
    expect(divide(1, 0)).toBeNull();
    expect(divide('1', '0')).toBeNull();
    expect(modulo(7, 0)).toBeNull();
    expect(modulo(-7, 3)).toBe(-1); // C fmod keeps the dividend's sign
  });

  it('[pinned] arithmetic with null, absent, boolean or multivalue is null (§2.3)', () => {
    expect(add(null, 1)).toBeNull();
    expect(add(undefined, 1)).toBeNull();
    expect(add(true, 1)).toBeNull();
    expect(add(['1', '2'], 1)).toBeNull();
    expect(negate(null)).toBeNull();
    expect(negate('5')).toBe(-5);
  });

  it('keeps integers integers (§9 step 10: RiskScore = 1 + 1 + 0)', () => {
    expect(add(add(1, 1), 0)).toBe(2);
  });

  it('produces nan/inf as values, not nulls (SR-eval)', () => {
    expect(multiply(1e308, 10)).toBe(Infinity);
    expect(subtract(Infinity, Infinity)).toBeNaN();
  });
});

describe('. concatenation (SR-eval)', () => {
  it('joins strings and numbers in their printed form', () => {
    expect(concat('port ', 443)).toBe('port 443');
    expect(concat(0.1 + 0.2, '')).toBe('0.30000000000000004');
    expect(concat('a', null)).toBeNull();
  });
});

describe('comparisons (SR-eval, spl-semantics §2.2, §3)', () => {
  it('compare two numbers numerically, including numeric strings', () => {
    expect(greaterOrEqual('10', 10)).toBe(true);
    expect(lessThan('9', '10')).toBe(true);
    expect(equals('1', '1.0')).toBe(true);
  });

  it('compare strings case-sensitively and lexicographically', () => {
    expect(equals('abc', 'ABC')).toBe(false);
    expect(equals('abc', 'abc')).toBe(true);
    expect(lessThan('B', 'a')).toBe(true);
  });

  it('[pinned] compare number vs non-numeric string lexicographically on the printed number', () => {
    expect(lessThan(10, 'abc')).toBe(true);
    expect(equals(3, 'three')).toBe(false);
  });

  it('[pinned] are false with a null or absent operand, so where drops the row (§2.3)', () => {
    expect(equals(null, null)).toBe(false);
    expect(greaterThan(undefined, 0)).toBe(false);
    expect(notEquals(null, 'x')).toBe(false);
  });

  it('[pinned] hold for a multivalue when any value satisfies them', () => {
    expect(equals(['a', 'b'], 'b')).toBe(true);
    expect(greaterThan(['1', '20'], 10)).toBe(true);
    expect(notEquals(['a', 'a'], 'a')).toBe(false);
  });

  it('compare booleans to booleans only', () => {
    expect(equals(true, true)).toBe(true);
    expect(equals(true, 'True')).toBe(false);
  });

  it('= and == are synonyms (SR-eval)', () => {
    expect(BINARY_OPERATORS['=']).toBe(BINARY_OPERATORS['==']);
  });
});

describe('logic (two-valued, pinned)', () => {
  it.each([
    [true, true, true, true, false],
    [true, false, false, true, true],
    [false, null, false, false, false],
    [null, true, false, true, true],
  ])('%s %s: AND %s OR %s XOR %s', (a, b, andR, orR, xorR) => {
    expect(and(a, b)).toBe(andR);
    expect(or(a, b)).toBe(orR);
    expect(xor(a, b)).toBe(xorR);
  });

  it('NOT treats null as false', () => {
    expect(not(true)).toBe(false);
    expect(not(null)).toBe(true);
  });
});

describe('LIKE (SR-eval)', () => {
  it('% is any run and _ one character, over the whole value', () => {
    expect(compileLike('198.%')('198.51.100.7')).toBe(true);
    expect(compileLike('198.%')('10.198.0.1')).toBe(false);
    expect(compileLike('a_c')('abc')).toBe(true);
    expect(compileLike('a_c')('abbc')).toBe(false);
  });

  it('[pinned] is case-sensitive and treats backslash and regex characters literally', () => {
    expect(compileLike('%\\cmd.exe')('C:\\Windows\\cmd.exe')).toBe(true);
    expect(compileLike('%\\cmd.exe')('C:\\Windows\\CMD.exe')).toBe(false);
    expect(compileLike('a.c')('abc')).toBe(false);
    expect(compileLike('(x)+')('(x)+')).toBe(true);
  });

  it('matches any value of a multivalue; never null', () => {
    expect(compileLike('b%')(['a', 'bb'])).toBe(true);
    expect(compileLike('%')(null)).toBe(false);
  });
});

describe('storing results (SR-eval: "The result of an eval expression cannot be a Boolean")', () => {
  it('leaves a field unset for a boolean and keeps other values', async () => {
    const { toFieldValue } = await import('./ops.js');
    expect(toFieldValue(true)).toBeUndefined();
    expect(toFieldValue(null)).toBeNull();
    expect(toFieldValue('x')).toBe('x');
    expect(toFieldValue(['a', 'b'])).toEqual(['a', 'b']);
  });
});
