/**
 * Seeded synthetic connection-time series for evaluating beacon scorers: C2 jitter shapes, missed
 * check-ins, bursts, long sleeps, benign pollers and random or human traffic. Jitter shapes follow
 * telemetry-realism.md §1.2 (Cobalt Strike U[S(1−j), S], Empire/PoshC2 U[S(1−j), S(1+j)], Sliver S + U[0, J)).
 * Human traffic follows §5: ON/OFF sessions with heavy-tailed gaps inside working hours. This is an
 * evaluation aid for the scorer, not the estate simulator (src/simulate/).
 */

/** mulberry32: a small, fast, seedable PRNG with a 2^32 period, plenty for test series. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Jitter =
  | { readonly kind: 'none' }
  /** Empire / PoshC2: U[S(1−j), S(1+j)]. */
  | { readonly kind: 'uniform'; readonly fraction: number }
  /** Cobalt Strike: U[S(1−j), S]. */
  | { readonly kind: 'cobalt'; readonly fraction: number }
  /** Sliver: S + U[0, J) with J in seconds. */
  | { readonly kind: 'sliver'; readonly seconds: number }
  /** Gaussian noise with the given SD in seconds (fixed-period agents' scheduler noise). */
  | { readonly kind: 'normal'; readonly sd: number };

export interface BeaconSeriesOptions {
  readonly seed: number;
  readonly start?: number;
  /** Configured sleep S (seconds). */
  readonly period: number;
  /** Total duration (seconds). */
  readonly duration: number;
  readonly jitter?: Jitter;
  /** Share of check-ins that never happen (host asleep, loss). */
  readonly dropRate?: number;
  /** Connections per check-in and their spread after the first (seconds, uniform). */
  readonly burstSize?: number;
  readonly burstSpread?: number;
  /** Extra random connections per check-in on average, placed uniformly in time. */
  readonly extraRate?: number;
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function sleepFor(rand: () => number, period: number, jitter: Jitter): number {
  switch (jitter.kind) {
    case 'none':
      return period;
    case 'uniform':
      return period * (1 - jitter.fraction + 2 * jitter.fraction * rand());
    case 'cobalt':
      return period * (1 - jitter.fraction * rand());
    case 'sliver':
      return period + jitter.seconds * rand();
    case 'normal':
      return Math.max(0.001, period + jitter.sd * gaussian(rand));
  }
}

/** Connection times of a beacon, ascending. */
export function beaconSeries(o: BeaconSeriesOptions): number[] {
  const rand = seededRandom(o.seed);
  const start = o.start ?? 1_700_000_000;
  const jitter = o.jitter ?? { kind: 'none' };
  const out: number[] = [];
  let checkins = 0;
  for (let t = start; t < start + o.duration; t += sleepFor(rand, o.period, jitter)) {
    checkins++;
    if (o.dropRate !== undefined && rand() < o.dropRate) continue;
    out.push(t);
    for (let b = 1; b < (o.burstSize ?? 1); b++) out.push(t + (o.burstSpread ?? 0.5) * rand());
  }
  const extras = Math.round(checkins * (o.extraRate ?? 0));
  for (let i = 0; i < extras; i++) out.push(start + o.duration * rand());
  return out.sort((a, b) => a - b);
}

/** A Poisson process: exponential gaps with the given mean. */
export function poissonSeries(o: { seed: number; start?: number; mean: number; duration: number }): number[] {
  const rand = seededRandom(o.seed);
  const start = o.start ?? 1_700_000_000;
  const out: number[] = [];
  for (let t = start - o.mean * Math.log(1 - rand()); t < start + o.duration; t -= o.mean * Math.log(1 - rand())) {
    out.push(t);
  }
  return out;
}

/**
 * Human-driven traffic: weekday working hours (09:00–17:00 UTC, lunch dip), sessions separated by
 * log-normal "think time", a few connections per page view.
 */
export function humanSeries(o: { seed: number; start?: number; days: number; medianGap?: number }): number[] {
  const rand = seededRandom(o.seed);
  const start = o.start ?? 1_700_006_400; // a midnight UTC
  const medianGap = o.medianGap ?? 90;
  const out: number[] = [];
  for (let day = 0; day < o.days; day++) {
    const weekday = (Math.floor((start + day * 86400) / 86400) + 4) % 7; // 0 = Sunday
    if (weekday === 0 || weekday === 6) continue;
    let t = start + day * 86400 + 9 * 3600 + 1800 * rand();
    const end = start + day * 86400 + 17 * 3600;
    while (t < end) {
      const hour = ((t - start) % 86400) / 3600;
      if (hour >= 12 && hour < 13 && rand() < 0.8) {
        t += 600 + 1800 * rand();
        continue;
      }
      const views = 1 + Math.floor(3 * rand());
      for (let v = 0; v < views; v++) out.push(t + 0.8 * rand());
      // log-normal think time, σ = 1.2: heavy tail from seconds to tens of minutes
      t += medianGap * Math.exp(1.2 * gaussian(rand));
    }
  }
  return out.sort((a, b) => a - b);
}
