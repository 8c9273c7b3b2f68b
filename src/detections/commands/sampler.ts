/**
 * Bounded samples kept per group by the pack's commands.
 *
 * - StrideSample: up to `cap` values spread evenly over the arrivals, however many arrive: when full it
 *   keeps every other value and from then on takes only every 2nd (then 4th, ...) arrival. Deterministic,
 *   O(cap) memory, and the first value is always kept. Used for beacon timelines in the HTML report.
 * - DistinctSample: up to `cap` distinct values in first-seen order, with an exact count up to 4·cap
 *   distinct values and a lower bound after ("16+" in evidence).
 */
export class StrideSample {
  private values: number[] = [];
  private stride = 1;
  private seen = 0;
  constructor(private readonly cap: number) {}

  add(v: number): void {
    if (this.cap <= 0) return;
    if (this.seen++ % this.stride !== 0) return;
    this.values.push(v);
    if (this.values.length >= this.cap * 2) {
      this.values = this.values.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  /** The kept values, ascending, at most `cap`. */
  result(): number[] {
    const sorted = [...this.values].sort((a, b) => a - b);
    if (sorted.length <= this.cap) return sorted;
    // Evenly spaced ranks with both ends kept.
    const last = sorted.length - 1;
    const out: number[] = [];
    for (let i = 0; i < this.cap; i++) out.push(sorted[Math.round((i * last) / (this.cap - 1))] as number);
    return out;
  }
}

export class DistinctSample {
  readonly values: string[] = [];
  private readonly seen = new Set<string>();
  private saturated = false;
  constructor(private readonly cap: number) {}

  add(v: string): void {
    if (this.seen.has(v)) return;
    if (this.seen.size >= this.cap * 4) {
      this.saturated = true;
      return;
    }
    this.seen.add(v);
    if (this.values.length < this.cap) this.values.push(v);
  }

  /** Distinct values seen (exact unless `atLeast`). */
  get count(): number {
    return this.seen.size;
  }

  get atLeast(): boolean {
    return this.saturated;
  }
}
