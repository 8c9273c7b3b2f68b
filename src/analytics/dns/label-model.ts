/**
 * How unusual a host-name label looks: Shannon entropy and the average surprise (bits per character)
 * under the built-in character trigram model (ngram-model.generated.ts, from English words and common
 * host-name tokens). Random-consonant DGA labels cost far more bits per character than dictionary-like
 * names; the score maps that surprise, measured in standard deviations above the training words, to
 * [0, 1], discounted for short labels where a few characters say little.
 */
import { NGRAM_REFERENCE, NGRAM_SYMBOLS, NGRAM_TABLE_BASE64 } from './ngram-model.generated.js';
import { registrableLabel } from './names.js';

const N = NGRAM_SYMBOLS.length;
let table: Uint8Array | null = null;

function model(): Uint8Array {
  table ??= new Uint8Array(Buffer.from(NGRAM_TABLE_BASE64, 'base64'));
  return table;
}

function symbol(c: string): number {
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 97 + 2;
  if (c >= '0' && c <= '9') return NGRAM_SYMBOLS.indexOf('0');
  if (c === '-' || c === '_') return NGRAM_SYMBOLS.indexOf('-');
  return -1;
}

/** Shannon entropy of the character distribution, bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Average −log2 P per transition (characters + end) under the trigram model; other characters are skipped. */
export function labelBitsPerChar(label: string): number {
  const t = model();
  let a = 0;
  let b = 0;
  let bits = 0;
  let n = 0;
  for (const ch of label.toLowerCase()) {
    const c = symbol(ch);
    if (c < 0) continue;
    bits += (t[(a * N + b) * N + c] as number) / 16;
    n++;
    a = b;
    b = c;
  }
  bits += (t[(a * N + b) * N + 1] as number) / 16;
  return bits / (n + 1);
}

export interface LabelAssessment {
  /** The registrable label that was scored. */
  readonly label: string;
  readonly length: number;
  readonly entropy: number;
  readonly bitsPerChar: number;
  /** Standard deviations above the training words' mean bits per character. */
  readonly surprise: number;
  readonly digitRatio: number;
  /** Longest run of consonants (y counted as a vowel). */
  readonly consonantRun: number;
  /** In [0, 1]: 0 ordinary, 1 very likely machine-generated. */
  readonly score: number;
}

export interface DgaOptions {
  /** Surprise (SDs) at which the score starts to rise and where it reaches 1. */
  readonly surpriseLow: number;
  readonly surpriseHigh: number;
  /** Labels shorter than this are discounted linearly (4 chars → ¼ of full weight at the default 8). */
  readonly fullLength: number;
}

export const DGA_DEFAULTS: DgaOptions = { surpriseLow: 2, surpriseHigh: 5, fullLength: 8 };

/** Assess one label (no dots) as-is. */
export function assessLabel(label: string, options: DgaOptions = DGA_DEFAULTS): LabelAssessment {
  const l = label.toLowerCase();
  const bitsPerChar = labelBitsPerChar(l);
  const surprise = (bitsPerChar - NGRAM_REFERENCE.mean) / NGRAM_REFERENCE.sd;
  let digits = 0;
  let run = 0;
  let consonantRun = 0;
  for (const c of l) {
    if (c >= '0' && c <= '9') digits++;
    if (c >= 'a' && c <= 'z' && !'aeiouy'.includes(c)) {
      run++;
      if (run > consonantRun) consonantRun = run;
    } else run = 0;
  }
  // Punycode (xn--) labels are internationalised names, not generated ones; their ASCII form is opaque.
  const punycode = l.startsWith('xn--');
  const rise = punycode ? 0 : Math.min(1, Math.max(0, (surprise - options.surpriseLow) / (options.surpriseHigh - options.surpriseLow)));
  const lengthWeight = Math.min(1, l.length / options.fullLength);
  return {
    label: l,
    length: l.length,
    entropy: shannonEntropy(l),
    bitsPerChar,
    surprise,
    digitRatio: l.length > 0 ? digits / l.length : 0,
    consonantRun,
    score: Math.round(rise * lengthWeight * 1000) / 1000,
  };
}

/** Assess a full name by its registrable label (the part a DGA generates: `xkqjz` in `xkqjz.example`). */
export function assessDomain(name: string, options: DgaOptions = DGA_DEFAULTS): LabelAssessment {
  return assessLabel(registrableLabel(name.toLowerCase()), options);
}
