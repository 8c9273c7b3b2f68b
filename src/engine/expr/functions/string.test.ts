import { describe, expect, it } from 'vitest';
import { call, dynamic } from '../../../../test/helpers/eval-call.js';
import { PlanError } from '../../../errors.js';
import { substrSqlite } from './string.js';

describe('substr (SR-Text: SQLite semantics, 1-based)', () => {
  it('substr("string",1,3) + substr("string",-3) = "string" (the SR-Text example)', () => {
    expect(call('substr', 'string', 1, 3)).toBe('str');
    expect(call('substr', 'string', -3)).toBe('ing');
  });

  it.each([
    // SQLite's documented behaviour, computed by hand for "abcdef".
    [0, 2, 'a'], // position 0 is before the first character
    [2, undefined, 'bcdef'],
    [4, -2, 'bc'], // negative length: the characters before the start
    [-2, 5, 'ef'],
    [-10, 3, ''],
    [7, 1, ''],
  ])('substr("abcdef", %d, %s) = %j', (start, length, expected) => {
    expect(substrSqlite('abcdef', start, length)).toBe(expected);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(call('substr', 'a😀b', 2, 1)).toBe('😀');
  });

  it('is null for null input or non-numeric positions', () => {
    expect(call('substr', dynamic(null), 1)).toBeNull();
    expect(call('substr', 'abc', dynamic('x'))).toBeNull();
  });
});

describe('len, lower, upper, trim (SR-Text)', () => {
  it('len counts UTF-8 code points and is not supported on multivalue', () => {
    expect(call('len', 'abc')).toBe(3);
    expect(call('len', 'é😀')).toBe(2);
    expect(call('len', dynamic(['a', 'b']))).toBeNull();
    expect(call('len', dynamic(12345))).toBe(5);
  });

  it('lower and upper work on each value of a multivalue', () => {
    expect(call('lower', 'MsEdge.EXE')).toBe('msedge.exe');
    expect(call('upper', dynamic(['a', 'b']))).toEqual(['A', 'B']);
  });

  it('trim strips spaces and tabs by default, or the given characters (SR-Text examples)', () => {
    expect(call('trim', ' \t pad \t')).toBe('pad');
    expect(call('ltrim', '  x  ')).toBe('x  ');
    expect(call('rtrim', '  x  ')).toBe('  x');
    // SR-Text: ltrim("    ZZZZabcZZ ", " Z") = "abcZZ ", rtrim(" ZZZZabcZZ ", " Z") = " ZZZZabc"
    expect(call('ltrim', '    ZZZZabcZZ ', ' Z')).toBe('abcZZ ');
    expect(call('rtrim', ' ZZZZabcZZ ', ' Z')).toBe(' ZZZZabc');
    expect(call('trim', 'xxaxx', 'x')).toBe('a');
  });
});

describe('replace (SR-Text)', () => {
  it('replaces every match and supports \\1 backreferences (the date-swap example)', () => {
    expect(call('replace', '1/14/2017', '^(\\d{1,2})/(\\d{1,2})/', '\\2/\\1/')).toBe('14/1/2017');
    expect(call('replace', 'a-b-c', '-', '+')).toBe('a+b+c');
  });

  it('takes the pattern and replacement per event too', () => {
    expect(call('replace', 'aaa', dynamic('a'), dynamic('b'))).toBe('bbb');
    expect(call('replace', 'aaa', dynamic('(?=a)'), 'b')).toBeNull();
  });

  it('rejects a literal pattern RE2 cannot run when the query is planned', () => {
    expect(() => call('replace', 'x', '(a)\\1', '')).toThrow(PlanError);
  });

  it('replaces in every value of a multivalue [pinned]', () => {
    expect(call('replace', dynamic(['a1', 'b2']), '\\d', '#')).toEqual(['a#', 'b#']);
  });
});

describe('urldecode (SR-EvalFns example)', () => {
  it('decodes the doc example', () => {
    expect(call('urldecode', 'http%3A%2F%2Fwww.splunk.com%2Fdownload%3Fr%3Dheader')).toBe('http://www.splunk.com/download?r=header');
  });

  it('decodes UTF-8 sequences, [pinned] + as space, and leaves malformed escapes alone', () => {
    expect(call('urldecode', 'caf%C3%A9+bar')).toBe('café bar');
    expect(call('urldecode', '100%zz%')).toBe('100%zz%');
  });
});
