/** Small statistics for the simulator's distribution tests. */

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Sample standard deviation (n − 1). */
export function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Kolmogorov–Smirnov statistic D of a sample against a continuous CDF. */
export function ksStatistic(xs: readonly number[], cdf: (x: number) => number): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let d = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  return d;
}

/** KS critical value at α = 0.001 for a sample of n (asymptotic: 1.949 / √n). */
export function ksCritical001(n: number): number {
  return 1.949 / Math.sqrt(n);
}

export function uniformCdf(lo: number, hi: number): (x: number) => number {
  return (x) => (x <= lo ? 0 : x >= hi ? 1 : (x - lo) / (hi - lo));
}
