import { describe, expect, it } from 'vitest';
import { Rng } from './prng.js';
import { drawSleepMs, sleepMoments, type SleepModel } from './jitter.js';
import { ksCritical001, ksStatistic, mean, sd, uniformCdf } from '../../test/helpers/stats.js';

const N = 20000;

function sample(model: SleepModel, seed = 1): number[] {
  const r = Rng.of(seed, 'jitter-test', model.kind);
  return Array.from({ length: N }, () => drawSleepMs(model, r) / 1000);
}

/** Tolerance for a sample mean: 5 standard errors (σ/√n), plus 1 ms for rounding to whole milliseconds. */
function meanTol(sigma: number): number {
  return (5 * sigma) / Math.sqrt(N) + 0.001;
}

describe('sleep models', () => {
  it('Cobalt Strike 60 s, 20 %: U[48, 60], mean 54, sd 12/√12 ≈ 3.464', () => {
    const m: SleepModel = { kind: 'cobalt-strike', sleepS: 60, jitter: 0.2 };
    const mo = sleepMoments(m);
    expect(mo.mean).toBeCloseTo(54, 10);
    expect(mo.sd).toBeCloseTo(12 / Math.sqrt(12), 10);
    const xs = sample(m);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(48);
    expect(Math.max(...xs)).toBeLessThanOrEqual(60);
    expect(Math.abs(mean(xs) - 54)).toBeLessThan(meanTol(3.464));
    // sd of a sample sd ≈ σ/√(2n) for near-normal; uniform has lower kurtosis, so this is conservative.
    expect(Math.abs(sd(xs) - 3.464)).toBeLessThan((5 * 3.464) / Math.sqrt(2 * N));
    expect(ksStatistic(xs, uniformCdf(48, 60))).toBeLessThan(ksCritical001(N));
  });

  it('Empire 60 s ± 20 %: U[48, 72], mean 60, sd 60·0.2/√3 ≈ 6.928', () => {
    const m: SleepModel = { kind: 'symmetric', sleepS: 60, jitter: 0.2 };
    expect(sleepMoments(m).sd).toBeCloseTo((60 * 0.2) / Math.sqrt(3), 10);
    const xs = sample(m);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(48);
    expect(Math.max(...xs)).toBeLessThanOrEqual(72);
    expect(Math.abs(mean(xs) - 60)).toBeLessThan(meanTol(6.928));
    expect(Math.abs(sd(xs) - 6.928)).toBeLessThan((5 * 6.928) / Math.sqrt(2 * N));
    expect(ksStatistic(xs, uniformCdf(48, 72))).toBeLessThan(ksCritical001(N));
  });

  it('Sliver 60 s + U[0, 30): mean 75, sd 30/√12 ≈ 8.660, never below the interval', () => {
    const m: SleepModel = { kind: 'sliver', sleepS: 60, jitterS: 30 };
    const xs = sample(m);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...xs)).toBeLessThanOrEqual(90);
    expect(Math.abs(mean(xs) - 75)).toBeLessThan(meanTol(8.66));
    expect(ksStatistic(xs, uniformCdf(60, 90))).toBeLessThan(ksCritical001(N));
  });

  it('Atomic DNS beacon 30 s × (1 + U{−20…19}/100): 40 equally likely values, mean 29.85', () => {
    const m: SleepModel = { kind: 'atomic-dns', sleepS: 30, percent: 20 };
    const xs = sample(m);
    const values = new Set(xs.map((x) => Math.round(x * 1000)));
    // 30 s × (0.80, 0.81, … 1.19): 24.0, 24.3, … 35.7 s.
    expect(values.size).toBe(40);
    expect(Math.min(...xs)).toBeCloseTo(24, 6);
    expect(Math.max(...xs)).toBeCloseTo(35.7, 6);
    // Mean 30 × (1 − 0.5/100) = 29.85; sd 0.3·√((40² − 1)/12) ≈ 3.462.
    expect(sleepMoments(m).mean).toBeCloseTo(29.85, 10);
    expect(Math.abs(mean(xs) - 29.85)).toBeLessThan(meanTol(3.462));
  });

  it('Poseidon 10 s, 23 %: whole-second steps S ± ⌊S·k/100⌋', () => {
    const m: SleepModel = { kind: 'poseidon', sleepS: 10, jitter: 0.23 };
    const xs = sample(m);
    // k < 23 → ⌊10k/100⌋ ∈ {0, 1, 2}: values 8, 9, 10, 11, 12 s only.
    expect([...new Set(xs)].sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12]);
    expect(Math.abs(mean(xs) - sleepMoments(m).mean)).toBeLessThan(meanTol(sleepMoments(m).sd));
  });

  it('fixed period with scheduler noise', () => {
    const xs = sample({ kind: 'fixed', periodS: 300, noiseS: 2 });
    expect(Math.abs(mean(xs) - 300)).toBeLessThan(meanTol(2));
    expect(Math.abs(sd(xs) - 2)).toBeLessThan((5 * 2) / Math.sqrt(2 * N));
  });

  it('exponential gaps above a minimum', () => {
    const xs = sample({ kind: 'exponential', meanS: 7200, minS: 120 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(120);
    // Mean = min + (mean − min); sd of the exponential part is 7080.
    expect(Math.abs(mean(xs) - 7200)).toBeLessThan(meanTol(7080));
  });
});
