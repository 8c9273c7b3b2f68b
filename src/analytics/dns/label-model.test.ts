/**
 * The built-in character model separates random-consonant DGA labels from ordinary names. The DGA-like
 * strings are written for this test in the style documented for dictionary-free DGA families (uniform
 * letters, few vowels, some digits). Ordinary names include ones in scripts/data/domain-tokens.txt
 * (outlook, windowsupdate, teams, github) and held-out ones that are not (contoso, fabrikam,
 * adventureworks, timesofindia, northwindtraders).
 */
import { describe, expect, it } from 'vitest';
import { assessDomain, assessLabel, shannonEntropy } from './label-model.js';
import { NGRAM_REFERENCE } from './ngram-model.generated.js';

const DGA = ['xjwqkzlbqhs', 'qzxvbnmrtk', 'kq3j9v0xw2zt', 'bnmvcxzlkjhg', 'hjqpvqyv', 'vcqfwxlqbvmo', 'pjtwnzkxrqmv', 'a8f3k2j9d0', 'lmtqxnbv', 'dfgsbrxwz'];
const ORDINARY = ['outlook', 'windowsupdate', 'teams', 'github', 'microsoft', 'office365', 'contoso', 'fabrikam', 'adventureworks', 'timesofindia', 'northwindtraders'];

describe('label model', () => {
  it('entropy by hand: "aabb" 1 bit, "abcd" 2 bits, "" 0', () => {
    expect(shannonEntropy('aabb')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('')).toBe(0);
  });
  it('DGA-like labels cost at least 1.5 bits per character more than any ordinary name', () => {
    // Uniform letters cost about log2(26) ≈ 4.7 bits each even to a model that knew nothing, and unseen
    // trigrams cost more; English-like names sit near the training mean (≈ 3.3 bits).
    const dga = Math.min(...DGA.map((l) => assessLabel(l).bitsPerChar));
    const ordinary = Math.max(...ORDINARY.map((l) => assessLabel(l).bitsPerChar));
    expect(dga - ordinary).toBeGreaterThan(1.5);
    expect(NGRAM_REFERENCE.mean).toBeGreaterThan(2.5);
    expect(NGRAM_REFERENCE.mean).toBeLessThan(4.5);
  });
  it('scores DGA-like labels ≥ 0.9 and ordinary names ≤ 0.1', () => {
    for (const l of DGA) expect(assessLabel(l).score, l).toBeGreaterThanOrEqual(0.9);
    for (const l of ORDINARY) expect(assessLabel(l).score, l).toBeLessThanOrEqual(0.1);
  });
  it('scores the registrable label of a full name; punycode is not scored as generated', () => {
    expect(assessDomain('www.xjwqkzlbqhs.example').label).toBe('xjwqkzlbqhs');
    expect(assessDomain('login.outlook.com').label).toBe('outlook');
    expect(assessDomain('xn--bcher-kva.example').score).toBe(0);
  });
  it('discounts short labels: a 4-character label gets half weight at most', () => {
    expect(assessLabel('qzxv').score).toBeLessThanOrEqual(0.5);
  });
});
