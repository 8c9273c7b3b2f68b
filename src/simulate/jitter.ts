/**
 * Sleep models: how long a beacon or agent waits between check-ins, with jitter applied the way each
 * framework applies it (telemetry-realism.md §1.2):
 * - Cobalt Strike shortens the sleep by up to jitter%: U[S(1−j), S], mean S(1 − j/2) [R2][R3];
 * - Empire and PoshC2 jitter symmetrically: U[S(1−j), S(1+j)], mean S [R2][R15];
 * - Sliver adds an absolute jitter: S + U[0, J), mean S + J/2 [R7];
 * - the Atomic Red Team DNS beacon multiplies by 1 + U{−p … p−1}/100 [R57];
 * - Mythic Poseidon moves by ±⌊S·k/100⌋ whole seconds, k = rand mod 100j, sign by parity [R11];
 * - benign agents tick at a fixed period with small scheduler noise, or reconnect at exponential gaps.
 */
import type { Rng } from './prng.js';

export type SleepModel =
  | { readonly kind: 'cobalt-strike'; readonly sleepS: number; readonly jitter: number }
  | { readonly kind: 'symmetric'; readonly sleepS: number; readonly jitter: number }
  | { readonly kind: 'sliver'; readonly sleepS: number; readonly jitterS: number }
  | { readonly kind: 'atomic-dns'; readonly sleepS: number; readonly percent: number }
  | { readonly kind: 'poseidon'; readonly sleepS: number; readonly jitter: number }
  | { readonly kind: 'fixed'; readonly periodS: number; readonly noiseS: number }
  | { readonly kind: 'exponential'; readonly meanS: number; readonly minS: number };

type Drawer<K extends SleepModel['kind']> = (m: Extract<SleepModel, { kind: K }>, rng: Rng) => number;

const DRAW: { readonly [K in SleepModel['kind']]: Drawer<K> } = {
  'cobalt-strike': (m, rng) => m.sleepS * (1 - m.jitter * rng.float()),
  symmetric: (m, rng) => m.sleepS * (1 + m.jitter * (2 * rng.float() - 1)),
  sliver: (m, rng) => m.sleepS + m.jitterS * rng.float(),
  'atomic-dns': (m, rng) => m.sleepS * (1 + rng.int(-m.percent, m.percent - 1) / 100),
  poseidon: (m, rng) => {
    const k = rng.u32() % Math.max(1, Math.round(100 * m.jitter));
    const delta = Math.floor((m.sleepS * k) / 100);
    return Math.max(1, k % 2 === 0 ? m.sleepS + delta : m.sleepS - delta);
  },
  fixed: (m, rng) => Math.max(0.001, m.periodS + m.noiseS * rng.normal()),
  exponential: (m, rng) => m.minS + rng.exponential(Math.max(0.001, m.meanS - m.minS)),
};

/** One sleep, in milliseconds. */
export function drawSleepMs(model: SleepModel, rng: Rng): number {
  const draw = DRAW[model.kind] as (m: SleepModel, r: Rng) => number;
  return Math.round(draw(model, rng) * 1000);
}

/** Theoretical mean, standard deviation and support of a model, in seconds (for docs and tests). */
export function sleepMoments(m: SleepModel): { mean: number; sd: number; min: number; max: number } {
  switch (m.kind) {
    case 'cobalt-strike': {
      const w = m.sleepS * m.jitter;
      return { mean: m.sleepS - w / 2, sd: w / Math.sqrt(12), min: m.sleepS - w, max: m.sleepS };
    }
    case 'symmetric': {
      const w = 2 * m.sleepS * m.jitter;
      return { mean: m.sleepS, sd: w / Math.sqrt(12), min: m.sleepS - w / 2, max: m.sleepS + w / 2 };
    }
    case 'sliver':
      return { mean: m.sleepS + m.jitterS / 2, sd: m.jitterS / Math.sqrt(12), min: m.sleepS, max: m.sleepS + m.jitterS };
    case 'atomic-dns': {
      // Discrete uniform on {−p … p−1}: mean −1/2, variance ((2p)² − 1)/12, in percent of S.
      const p = m.percent;
      return {
        mean: m.sleepS * (1 - 0.5 / 100),
        sd: (m.sleepS / 100) * Math.sqrt((4 * p * p - 1) / 12),
        min: m.sleepS * (1 - p / 100),
        max: m.sleepS * (1 + (p - 1) / 100),
      };
    }
    case 'poseidon': {
      const K = Math.max(1, Math.round(100 * m.jitter));
      let s1 = 0;
      let s2 = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < K; k++) {
        const d = Math.floor((m.sleepS * k) / 100);
        const v = Math.max(1, k % 2 === 0 ? m.sleepS + d : m.sleepS - d);
        s1 += v;
        s2 += v * v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const mean = s1 / K;
      return { mean, sd: Math.sqrt(s2 / K - mean * mean), min: lo, max: hi };
    }
    case 'fixed':
      return { mean: m.periodS, sd: m.noiseS, min: -Infinity, max: Infinity };
    case 'exponential':
      return { mean: m.meanS, sd: m.meanS - m.minS, min: m.minS, max: Infinity };
  }
}

/** Seconds for display: at most three decimals, no float noise (31.499999999999996 → 31.5). */
function sec(x: number): string {
  return String(Number(x.toFixed(3)));
}

/** Human-readable description for --list and docs. */
export function describeSleep(m: SleepModel): string {
  switch (m.kind) {
    case 'cobalt-strike':
      return `Cobalt Strike style: sleep ${m.sleepS} s, jitter ${Math.round(m.jitter * 100)} % (U[${sec(m.sleepS * (1 - m.jitter))}, ${m.sleepS}] s)`;
    case 'symmetric':
      return `Empire style: sleep ${m.sleepS} s ± ${Math.round(m.jitter * 100)} % (U[${sec(m.sleepS * (1 - m.jitter))}, ${sec(m.sleepS * (1 + m.jitter))}] s)`;
    case 'sliver':
      return `Sliver style: ${m.sleepS} s + U[0, ${m.jitterS}) s`;
    case 'atomic-dns':
      return `Atomic DNS beacon: ${m.sleepS} s × (1 + U{-${m.percent}…${m.percent - 1}}/100)`;
    case 'poseidon':
      return `Poseidon style: ${m.sleepS} s ± ⌊S·k/100⌋, k < ${Math.round(m.jitter * 100)}`;
    case 'fixed':
      return `every ${m.periodS} s (± ${m.noiseS} s scheduler noise)`;
    case 'exponential':
      return `random gaps, mean ${m.meanS} s (at least ${m.minS} s)`;
  }
}
