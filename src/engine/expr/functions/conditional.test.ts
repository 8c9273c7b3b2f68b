import { describe, expect, it } from 'vitest';
import { PlanError } from '../../../errors.js';
import { call, callOn, dynamic, eventOf, field, TEST_CONTEXT } from '../../../../test/helpers/eval-call.js';
import { getEvalFunction } from './index.js';
import type { Compiled, FunctionArg } from '../types.js';

/** An argument that records whether it was evaluated, to check laziness. */
function spy(value: unknown): { arg: FunctionArg; calls: () => number } {
  let n = 0;
  const compiled = (() => {
    n++;
    return value;
  }) as Compiled;
  return { arg: { compiled }, calls: () => n };
}

describe('if (SR-CC)', () => {
  it('returns the then-branch when the condition is true, else the else-branch', () => {
    expect(call('if', dynamic(true), 1, 0)).toBe(1);
    expect(call('if', dynamic(false), 1, 0)).toBe(0);
  });

  it('[pinned] takes the else-branch when the condition is null (§2.3)', () => {
    expect(call('if', dynamic(null), 'yes', 'no')).toBe('no');
  });

  it('evaluates only the branch it takes', () => {
    const t = spy('t');
    const f = spy('f');
    const def = getEvalFunction('if');
    def?.compile([{ compiled: () => true }, t.arg, f.arg], { tz: 'UTC' })(eventOf({}), TEST_CONTEXT);
    expect([t.calls(), f.calls()]).toEqual([1, 0]);
  });

  it('rejects a literal condition that is not boolean when the query is planned', () => {
    expect(() => call('if', 'x', 1, 0)).toThrow(PlanError);
  });

  it('runs the seed query form if(AvgPerHour > 0, StdDevPerHour/AvgPerHour, 99) (§9 step 7)', () => {
    const e = eventOf({ AvgPerHour: '0' });
    expect(callOn(e, TEST_CONTEXT, 'if', dynamic(false), dynamic(null), 99)).toBe(99);
  });
});

describe('case, coalesce, validate (SR-CC)', () => {
  it('case returns the first true arm and NULL when none is true', () => {
    expect(call('case', dynamic(false), 'a', dynamic(true), 'b', dynamic(true), 'c')).toBe('b');
    expect(call('case', dynamic(false), 'a')).toBeNull();
    expect(call('case', dynamic(false), 'a', dynamic(true), 'default')).toBe('default');
  });

  it('case needs condition/value pairs', () => {
    expect(() => call('case', dynamic(true), 'a', dynamic(true))).toThrow(PlanError);
  });

  it('case stops at the first true condition', () => {
    const later = spy(true);
    getEvalFunction('case')?.compile(
      [{ compiled: () => true }, { compiled: () => 'first' }, later.arg, { compiled: () => 'second' }],
      { tz: 'UTC' },
    )(eventOf({}), TEST_CONTEXT);
    expect(later.calls()).toBe(0);
  });

  it('coalesce returns the first non-NULL argument; an empty string counts as a value', () => {
    expect(callOn(eventOf({ b: 'B' }), TEST_CONTEXT, 'coalesce', field('a'), field('b'), 'c')).toBe('B');
    expect(call('coalesce', dynamic(null), dynamic(''), 'x')).toBe('');
    expect(call('coalesce', dynamic(null))).toBeNull();
  });

  it('validate returns the string for the first condition that is false, NULL when all are true', () => {
    // The SR-EvalFns example: validate(isint(port), "ERROR: Port is not an integer", port >= 1 AND port <= 65535, …)
    expect(call('validate', dynamic(true), 'not int', dynamic(false), 'out of range')).toBe('out of range');
    expect(call('validate', dynamic(true), 'a', dynamic(true), 'b')).toBeNull();
  });
});

describe('null tests and literals (SR-CC, SR-EvalFns)', () => {
  it.each([
    ['isnull', null, true],
    ['isnull', '', false],
    ['isnotnull', 'x', true],
    ['isnum', '3', true],
    ['isnum', ' 3', false],
    ['isnum', 'abc', false],
    ['isint', '42', true],
    ['isint', '4.2', false],
    ['isint', 7, true],
    ['isstr', 'abc', true],
    ['isstr', '42', false],
    ['isbool', true, true],
  ])('%s(%j) is %s', (name, value, expected) => {
    expect(call(name, dynamic(value))).toBe(expected);
  });

  it('treats an absent field as null', () => {
    expect(callOn(eventOf({}), TEST_CONTEXT, 'isnull', field('nope'))).toBe(true);
  });

  it('null(), true(), false()', () => {
    expect(call('null')).toBeNull();
    expect(call('true')).toBe(true);
    expect(call('false')).toBe(false);
  });

  it('nullif(a, b) is NULL when a equals b, else a', () => {
    expect(call('nullif', 'x', 'x')).toBeNull();
    expect(call('nullif', 'x', 'y')).toBe('x');
  });
});

describe('in, like, match (SR-CC)', () => {
  it('in() compares by eval equality, without wildcards', () => {
    expect(call('in', dynamic('404'), '404', '500')).toBe(true);
    expect(call('in', dynamic(404), '404')).toBe(true);
    expect(call('in', dynamic('4*'), '404')).toBe(false);
    expect(call('in', dynamic('a*'), 'a*')).toBe(true);
    expect(call('in', dynamic(null), 'x')).toBe(false);
  });

  it('like() uses % and _', () => {
    expect(call('like', dynamic('198.51.100.7'), '198.%')).toBe(true);
    expect(call('like', dynamic('10.0.0.1'), dynamic('198.%'))).toBe(false);
  });

  it('match() finds the regex anywhere in the value (unanchored)', () => {
    expect(call('match', dynamic('abc123'), '\\d+')).toBe(true);
    expect(call('match', dynamic('abc123'), '^\\d+$')).toBe(false);
    // SR-CC example: match(field, "^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")
    expect(call('match', dynamic('192.0.2.1'), '^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$')).toBe(true);
  });

  it('match() is case-sensitive unless the pattern says (?i) (§2.4)', () => {
    expect(call('match', dynamic('CMD.EXE'), 'cmd\\.exe')).toBe(false);
    expect(call('match', dynamic('CMD.EXE'), '(?i)cmd\\.exe')).toBe(true);
  });

  it('match() with a literal pattern RE2 cannot run is a PlanError; a per-event one is false', () => {
    expect(() => call('match', dynamic('x'), '(?=x)')).toThrow(PlanError);
    expect(call('match', dynamic('x'), dynamic('(?=x)'))).toBe(false);
  });
});

describe('typeof (SR-EvalFns: typeof(12)+typeof("string")+typeof(1==2)+typeof(badfield) = NumberStringBoolInvalid)', () => {
  it('names the type', () => {
    expect([call('typeof', 12), call('typeof', 'string'), call('typeof', dynamic(false)), call('typeof', dynamic(null))].join('')).toBe(
      'NumberStringBoolInvalid',
    );
    expect(call('typeof', dynamic(['a', 'b']))).toBe('Multivalue');
  });
});
