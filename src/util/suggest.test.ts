import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './suggest.js';

describe('suggestions', () => {
  it('edit distance counts an adjacent swap as one edit', () => {
    // kitten → sitting: the textbook Levenshtein example, 3 edits (k→s, e→i, +g).
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // domian → domains: swap "ia" (1) + insert "s" (1) = 2.
    expect(editDistance('domian', 'domains')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('suggests only close candidates, ignoring case; ties go to the first', () => {
    expect(closest('Domian', ['hosts', 'domains'])).toBe('domains');
    expect(closest('xyz', ['domains'])).toBeUndefined();
    expect(closest('ab', ['ac', 'ad'])).toBe('ac');
    expect(didYouMean('cidr', ['cidrs'])).toBe(" (did you mean 'cidrs'?)");
    expect(didYouMean('zzzz', ['cidrs'])).toBe('');
  });
});
