import { describe, expect, it } from 'vitest';
import { PlanError } from '../errors.js';
import { cachedRegex, compileRegex, compileReplacement, replaceAll, translatePcre } from './regex.js';

describe('PCRE constructs RE2 cannot run are PlanErrors naming construct and position', () => {
  it.each([
    ['(a)\\1', 'backreference', 4],
    ['x\\g{1}', 'backreference', 2],
    ['(?<n>a)\\k<n>', 'backreference', 8],
    ['(?P<n>a)(?P=n)', 'backreference', 9],
    ['foo(?=bar)', 'lookahead', 4],
    ['foo(?!bar)', 'negative lookahead', 4],
    ['(?<=a)b', 'lookbehind', 1],
    ['(?<!a)b', 'negative lookbehind', 1],
    ['(?>a+)b', 'atomic group', 1],
    ['a++', 'possessive quantifier', 3],
    ['a*+', 'possessive quantifier', 3],
    ['a{2}+', 'possessive quantifier', 5],
    ['\\Gfoo', '\\G', 1],
    ['a(?R)?b', 'recursion', 2],
    ['(a)(?1)', 'recursion', 4],
    ['(?(1)a|b)', 'conditional', 1],
    ['(*SKIP)a', 'PCRE verb', 1],
    ['(?x) a b', 'extended mode', 1],
  ])('%s → %s at position %d', (pattern, construct, position) => {
    let error: unknown;
    try {
      compileRegex(pattern, 'match()');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect((error as Error).message).toContain(construct);
    expect((error as Error).message).toContain(`position ${position}`);
    expect((error as Error).message).toMatch(/^match\(\):/);
  });

  it('does not mistake escaped or quoted text for a construct', () => {
    expect(() => compileRegex('\\(?=x')).not.toThrow(); // an optional literal "(" then "=x"
    expect(() => compileRegex('[(?=]')).not.toThrow(); // characters in a class
    expect(() => compileRegex('\\Q(?=\\1\\E')).not.toThrow(); // quoted literal run
    expect(() => compileRegex('a+?b*?')).not.toThrow(); // lazy quantifiers are fine
    expect(compileRegex('^[\\1]$').test('\u0001')).toBe(true); // octal in a class
  });

  it('reports RE2 syntax errors as PlanErrors too', () => {
    expect(() => compileRegex('(unclosed', 'rex')).toThrow(PlanError);
  });
});

describe('PCRE syntax that works', () => {
  it('runs the seed query pattern: (?i), alternation, escaped dots, unanchored (spl-semantics §9 step 8)', () => {
    const re = compileRegex('(?i)(powershell\\.exe|pwsh\\.exe|cmd\\.exe)', 'match()');
    expect(re.test('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\PowerShell.EXE')).toBe(true);
    expect(re.test('C:\\Windows\\System32\\cmdXexe')).toBe(false);
  });

  it('keeps PCRE named groups (?<name>…) and accepts (?P<name>…) and (?\'name\'…)', () => {
    for (const p of ['(?<user>\\w+)@', "(?'user'\\w+)@", '(?P<user>\\w+)@']) {
      expect(compileRegex(p).exec('alice@example.test')?.groups?.['user']).toBe('alice');
    }
  });

  it('rewrites \\e \\h \\R \\N and drops (?#comments)', () => {
    expect(compileRegex('^a\\hb$').test('a\tb')).toBe(true);
    expect(compileRegex('^a\\Rb$').test('a\r\nb')).toBe(true);
    expect(compileRegex('^\\N+$').test('abc\n')).toBe(false);
    expect(compileRegex('\\e').test('\u001b')).toBe(true);
    expect(translatePcre('a(?#note)b')).toBe('ab');
  });

  it('matches in linear time on inputs that make backtracking engines explode', () => {
    const re = compileRegex('^(a+)+$');
    expect(re.test(`${'a'.repeat(50_000)}!`)).toBe(false);
  });
});

describe('replacement strings (SR-Text: \\1 backreferences)', () => {
  it('swaps day and month as the replace() doc example does', () => {
    const re = compileRegex('^(\\d{1,2})/(\\d{1,2})/', 'replace()', 'g');
    expect(replaceAll(re, '1/14/2017', compileReplacement('\\2/\\1/'))).toBe('14/1/2017');
  });

  it('replaces every occurrence; $ is literal; \\\\ is a backslash; missing groups insert nothing', () => {
    const re = compileRegex('(o)|(x)', 'replace()', 'g');
    expect(replaceAll(re, 'foo', compileReplacement('[\\1\\2$1\\\\]'))).toBe('f[o$1\\][o$1\\]');
    expect(replaceAll(compileRegex('a', 'r', 'g'), 'banana', compileReplacement('\\5'))).toBe('bnn');
  });
});

describe('cache for patterns known per event', () => {
  it('returns null for an invalid or unsupported pattern instead of throwing', () => {
    expect(cachedRegex('(?=x)')).toBeNull();
    expect(cachedRegex('a(')).toBeNull();
    expect(cachedRegex('a+')?.test('caat')).toBe(true);
  });
});

describe('braces that are not quantifiers', () => {
  it('reads {,3} literally as PCRE does, so a following + is an ordinary quantifier', () => {
    expect(() => compileRegex('a{,3}+')).not.toThrow();
  });
});
