import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Value } from '../../events/event.js';
import { compileGlob, compileGlobSet, compileSearchInMatcher, compileSearchMatcher } from './value-matcher.js';
import type { SearchComparison } from './value-matcher.js';

function matches(op: SearchComparison, literal: string, value: Value | undefined): boolean {
  return compileSearchMatcher(op, literal)(value);
}

describe('= in search (spl-semantics §1.1–1.3)', () => {
  it.each<[string, Value | undefined, boolean]>([
    // §1.1: values are case-insensitive, field=value is a whole-value match.
    ['*microsoft.com', 'x.MICROSOFT.com', true],
    ['*MICROSOFT.com', 'x.microsoft.com', true],
    ['webserver', 'webserver01', false],
    ['webserver', 'WebServer', true],
    // §1.1: `=` compares strings: EventCode=3 matches "3", not "03" or "3.0".
    ['3', '3', true],
    ['3', '03', false],
    ['3', '3.0', false],
    ['3', 3, true],
    // §1.2: star leading, trailing, in the middle; "*ocsp.*" means "contains ocsp.".
    ['my*', 'myhost1', true],
    ['my*', 'myhost.ny.mydomain.com', true],
    ['*ocsp.*', 'ocsp.digicert.com', true],
    ['*ocsp.*', 'x.ocsp.example', true],
    ['*ocsp.*', 'ocspdigicert.com', false],
    ['*akamai*', 'a1.AKAMAIedge.net', true],
    ['10.*', '10.1.2.3', true],
    ['10.*', '110.1.2.3', false],
    ['172.16.*', '172.160.0.1', false],
    // §1.3: "*\\msedge.exe" arrives as the glob *\msedge.exe.
    ['*\\msedge.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', true],
    ['*\\msedge.exe', 'C:\\Tools\\notmsedge.exe', false],
    ['*\\msedge.exe', 'C:\\TOOLS\\MSEDGE.EXE', true],
    // §9 step 2: "::1" is an exact (case-insensitive) string match, not an IP comparison.
    ['::1', '::1', true],
    ['::1', '0:0:0:0:0:0:0:1', false],
    // A missing field never matches `=`.
    ['*', undefined, false],
    ['*', null, false],
    ['*', 'anything', true],
    // [pinned] `*` matches the empty run, so a*b matches ab.
    ['a*b', 'ab', true],
    ['ab*ba', 'aba', false],
  ])('%j = %j → %s', (literal, value, expected) => {
    expect(matches('=', literal, value)).toBe(expected);
  });

  it('matches CIDR literals against addresses, IPv4 and IPv6 (SR-search)', () => {
    expect(matches('=', '10.10.10.0/24', '10.10.10.77')).toBe(true);
    expect(matches('=', '10.10.10.0/24', '10.10.11.1')).toBe(false);
    expect(matches('=', '2001:db8::/32', '2001:DB8:0:1::5')).toBe(true);
    expect(matches('=', '192.0.2.0/24', '::ffff:192.0.2.9')).toBe(true);
    expect(matches('=', '192.0.2.0/24', 'not-an-ip')).toBe(false);
  });

  it('[pinned] a multivalue matches when any value does', () => {
    expect(matches('=', '443', ['80', '443'])).toBe(true);
    expect(matches('=', '22', ['80', '443'])).toBe(false);
  });

  it('CASE() makes the comparison case-sensitive (SM-CASE)', () => {
    expect(compileSearchMatcher('=', 'LOCALHOST', { caseSensitive: true })('localhost')).toBe(false);
    expect(compileSearchMatcher('=', 'LOCALHOST', { caseSensitive: true })('LOCALHOST')).toBe(true);
  });
});

describe('!= and NOT (SM-NOT, spl-semantics §1.4)', () => {
  it('!= requires a value and that it does not match', () => {
    expect(matches('!=', '*microsoft.com', 'evil.example')).toBe(true);
    expect(matches('!=', '*microsoft.com', 'a.microsoft.com')).toBe(false);
    expect(matches('!=', '*microsoft.com', undefined)).toBe(false);
  });

  it('NOT (the negated = matcher) keeps events without the field', () => {
    const eq = compileSearchMatcher('=', '*microsoft.com');
    expect(!eq(undefined)).toBe(true);
    expect(!eq('a.microsoft.com')).toBe(false);
  });

  it('[pinned] != on a multivalue holds only when no value matches', () => {
    expect(matches('!=', 'a', ['a', 'b'])).toBe(false);
    expect(matches('!=', 'c', ['a', 'b'])).toBe(true);
  });
});

describe('< <= > >= in search (SR-search)', () => {
  it('compares numerically when both sides are numbers', () => {
    expect(matches('>', '9', '10')).toBe(true);
    expect(matches('<=', '100', '99.5')).toBe(true);
    expect(matches('>=', '10', 10)).toBe(true);
  });

  it('compares lexicographically otherwise', () => {
    expect(matches('<', 'b', 'a')).toBe(true);
    expect(matches('>', '9', 'abc')).toBe(true);
    expect(matches('<', 'b', undefined)).toBe(false);
  });
});

describe('IN (SR-search)', () => {
  it('is an OR of = terms, wildcards allowed', () => {
    const m = compileSearchInMatcher(['cmd.exe', 'power*']);
    expect(m('CMD.EXE')).toBe(true);
    expect(m('PowerShell.exe')).toBe(true);
    expect(m('explorer.exe')).toBe(false);
    expect(m(undefined)).toBe(false);
  });
});

describe('glob matching', () => {
  it('agrees with an anchored regex over random patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '.');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(fc.constantFrom('a', 'b', '.'), { maxLength: 10 }), (p, t) => {
        const pattern = p.join('');
        const text = t.join('');
        const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/\./g, '\\.')).join('.*')}$`, 's');
        expect(compileGlob(pattern)(text)).toBe(re.test(text));
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on adversarial input (no backtracking)', () => {
    const text = 'a'.repeat(20_000);
    const pattern = `${'*a'.repeat(30)}*b`;
    expect(compileGlob(pattern)(text)).toBe(false);
  });
});

describe('the combined matchers agree with one glob at a time', () => {
  // Characters whose lower case differs in length or leaves ASCII (İ → i̇, K (Kelvin) → k), and glob parts.
  const unit = fc.constantFrom('a', 'B', 'z', '.', '*', '\\', '1', '\u0130', '\u212a', 'K', 'k', 'ß', 'À', 'à', '\u{1F600}', ':');
  const pattern = fc.string({ unit, maxLength: 6 });
  const text = fc.oneof(fc.string({ unit, maxLength: 8 }), fc.string({ maxLength: 6 }));

  it('compileGlob without a star is toLowerCase equality', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 5 }).filter((p) => !p.includes('*')), text, (p, t) => {
        expect(compileGlob(p)(t)).toBe(t.toLowerCase() === p.toLowerCase());
        expect(compileGlob(p)(p.toUpperCase())).toBe(p.toUpperCase().toLowerCase() === p.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('compileGlobSet(ps)(t) is some compileGlob(p)(t), case-insensitive and sensitive', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 6 }), text, fc.boolean(), (ps, t, sensitive) => {
        expect(compileGlobSet(ps, sensitive)(t)).toBe(ps.some((p) => compileGlob(p, sensitive)(t)));
      }),
      { numRuns: 3000 },
    );
  });

  it('compileSearchInMatcher keeps CIDR literals (glob or range)', () => {
    const m = compileSearchInMatcher(['10.0.0.0/8', '*.test', '']);
    expect([m('10.20.30.40'), m('x.TEST'), m(''), m('11.0.0.1'), m(['11.0.0.1', '10.0.0.1']), m(undefined)]).toEqual([
      true, true, true, false, true, false,
    ]);
  });
});
