/** STIX 2.1 patterning subset (OASIS STIX 2.1 §9): what becomes indicators and what is reported. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateStixPattern, StixPatternError } from './stix-pattern.js';

const values = (p: string) => evaluateStixPattern(p).values.map((v) => `${v.objectType}=${v.value}`);

describe('evaluateStixPattern', () => {
  it('equality, IN lists, nested parentheses, escaped quotes', () => {
    expect(values("[domain-name:value = 'a.evil.test']")).toEqual(['domain-name=a.evil.test']);
    expect(values("([ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]) OR [url:value = 'http://x.test/it\\'s']")).toEqual([
      'ipv4-addr=192.0.2.1',
      'ipv4-addr=192.0.2.2',
      "url=http://x.test/it's",
    ]);
    expect(values("[(domain-name:value = 'b.test' OR (domain-name:value = 'c.test'))]")).toEqual(['domain-name=b.test', 'domain-name=c.test']);
  });
  it('an OR keeps its usable branch and warns about the other', () => {
    const r = evaluateStixPattern("[ipv4-addr:value = '192.0.2.9' OR file:name = 'x.exe']");
    expect(r.values.length).toBe(1);
    expect(r.unsupported).toEqual([]);
    expect(r.warnings).toEqual(['file:name comparison ignored (OR branch)']);
  });
  it('refuses NOT, LIKE, MATCHES and AND', () => {
    for (const p of [
      "[domain-name:value NOT = 'a.test']",
      "[domain-name:value LIKE '%.test']",
      "[url:value MATCHES '^http']",
      "[ipv4-addr:value = '192.0.2.1'] AND [domain-name:value = 'a.test']",
      "[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']",
    ]) {
      const r = evaluateStixPattern(p);
      expect(r.values).toEqual([]);
      expect(r.unsupported.length).toBe(1);
    }
  });
  it('ignores qualifiers with a warning', () => {
    const r = evaluateStixPattern("[ipv4-addr:value = '192.0.2.1'] WITHIN 300 SECONDS");
    expect(r.values.length).toBe(1);
    expect(r.warnings).toEqual(['WITHIN qualifier ignored']);
  });
  it('throws StixPatternError on syntax errors, never anything else', () => {
    for (const bad of ["[ipv4-addr:value = '1", '[ipv4-addr:value =', 'ipv4-addr:value = 1', "[x:y = 'a'] ]", '@']) {
      expect(() => evaluateStixPattern(bad)).toThrow(StixPatternError);
    }
  });
  it('arbitrary text never throws anything but StixPatternError', () => {
    const piece = fc.constantFrom('[', ']', '(', ')', "'a'", 'ipv4-addr:value', ' = ', ' OR ', ' AND ', ' IN ', ',', 'WITHIN', '5', 'NOT', "t'x'", 'REPEATS');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        try {
          evaluateStixPattern(parts.join(' '));
        } catch (err) {
          return err instanceof StixPatternError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
