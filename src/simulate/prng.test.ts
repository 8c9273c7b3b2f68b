import { describe, expect, it } from 'vitest';
import { Rng, hash32 } from './prng.js';

describe('Rng (sfc32)', () => {
  it('is a pure function of its key', () => {
    const a = Rng.of(7, 'host', 'src');
    const b = Rng.of(7, 'host', 'src');
    const xs = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(xs);
    expect(Rng.of(8, 'host', 'src').u32()).not.toBe(Rng.of(7, 'host', 'src').u32());
  });

  it('forks by key, not by how much the parent has drawn', () => {
    const p1 = Rng.of(1, 'x');
    const p2 = Rng.of(1, 'x');
    for (let i = 0; i < 100; i++) p2.u32();
    expect(p1.fork('child').u32()).toBe(p2.fork('child').u32());
  });

  it('matches the sfc32 reference step', () => {
    // Reference sfc32 from PractRand, written independently here: state (a, b, c, d) → t = a + b + d,
    // d += 1, a = b ^ b >>> 9, b = c + (c << 3), c = rotl(c, 21) + t.
    const ref = (s: number[]) => {
      let [a, b, c, d] = s as [number, number, number, number];
      return () => {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = ((c << 21) | (c >>> 11)) + t;
        c |= 0;
        return t >>> 0;
      };
    };
    const r = Rng.of(3, 'ref') as unknown as { a: number; b: number; c: number; d: number; u32(): number };
    const next = ref([r.a, r.b, r.c, r.d]);
    for (let i = 0; i < 20; i++) expect(r.u32()).toBe(next());
  });

  it('floats are uniform on [0, 1): chi-square over 20 bins', () => {
    const r = Rng.of(11, 'chi');
    const n = 20000;
    const bins = new Array<number>(20).fill(0);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = r.float();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      bins[Math.floor(x * 20)]!++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const e = n / 20;
    const chi = bins.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    // χ²(19) upper 0.1 % point is 43.82.
    expect(chi).toBeLessThan(43.82);
  });

  it('int is inclusive and covers its range', () => {
    const r = Rng.of(5, 'int');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });

  it('normal and exponential have the right moments', () => {
    const r = Rng.of(9, 'moments');
    const n = 20000;
    let s = 0;
    let s2 = 0;
    let e = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal(10, 2);
      s += x;
      s2 += x * x;
      e += r.exponential(5);
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    // Standard errors: mean 2/√n ≈ 0.014, sd ≈ 2/√(2n) ≈ 0.01, exponential mean 5/√n ≈ 0.035; 5 SE margins.
    expect(Math.abs(mean - 10)).toBeLessThan(0.071);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    expect(Math.abs(e / n - 5)).toBeLessThan(0.18);
  });

  it('guid has the registry form', () => {
    expect(Rng.of(1, 'g').guid()).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/);
  });

  it('hash32 spreads close strings', () => {
    expect(hash32('a')).not.toBe(hash32('b'));
    expect(hash32('host-1')).toBe(hash32('host-1'));
  });
});
