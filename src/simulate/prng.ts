/**
 * The simulator's own seeded PRNG, so output is identical across runs, platforms and Node versions.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, 32-bit variant, as shipped in
 * PractRand): four 32-bit words of state, passes PractRand and BigCrush, and needs only 32-bit integer
 * arithmetic, which JavaScript does exactly. Seeding: the state words come from a 32-bit FNV-1a hash of a
 * key string expanded through splitmix32, then 15 outputs are discarded so that close keys diverge.
 *
 * Streams are addressed by key, not by consumption order: `Rng.of(seed, 'WKS-001', 'browser')` is the
 * same stream whatever else ran before it, so adding a source never shifts another source's randomness.
 * Math.random is never used.
 */

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** A stable 32-bit hash of a string (FNV-1a then one splitmix32 round), for deterministic derived values. */
export function hash32(text: string): number {
  return splitmix32(fnv1a(text))[1];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly key: string;

  private constructor(key: string) {
    this.key = key;
    let s = fnv1a(key);
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [, out] = splitmix32(s);
    this.d = out;
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** The stream for a seed and a path of names (host, source, ...). */
  static of(seed: number, ...path: readonly (string | number)[]): Rng {
    return new Rng(`${seed}/${path.join('/')}`);
  }

  /** A child stream that depends only on this stream's key and `name`, not on how much was drawn. */
  fork(...path: readonly (string | number)[]): Rng {
    return new Rng(`${this.key}/${path.join('/')}`);
  }

  /** Next 32-bit unsigned integer (sfc32 step). */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    let r = this.float() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal by Box-Muller (one value per call, so the stream stays simple to reason about). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float(); // (0, 1]
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Log-normal given its median and the sd of the underlying normal. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  /** Lower-case hex string of `n` digits. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.u32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  /** A GUID in registry form, lower case: {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. */
  guid(): string {
    const h = this.hex(32);
    return `{${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.u32() & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}}`;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A sample of `k` distinct items, order kept from `items`. */
  sample<T>(items: readonly T[], k: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    return idx
      .slice(0, Math.min(k, items.length))
      .sort((x, y) => x - y)
      .map((i) => items[i] as T);
  }
}
