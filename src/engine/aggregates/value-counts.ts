/**
 * How often each distinct value (as text) was seen in a group: the state of values(), dc() and mode().
 * Counts, not just a set, so a sliding window can remove values. Most groups see one distinct value, so
 * that one is kept in two fields and a Map is made only for a second. Iteration is in first-seen order
 * (mode's tie rule relies on it). New values are detached (util/detach.ts): they outlive their event.
 */
import type { Value } from '../../events/event.js';
import { detach } from '../../util/detach.js';
import { textOf } from './input.js';

export class ValueCounts {
  private only: string | null = null;
  private onlyCount = 0;
  private counts: Map<string, number> | null = null;

  // Written out rather than through forEachValue: this runs per event, and a closure per call would too.
  add(v: Value | undefined): void {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) this.addOne(x);
    else this.addOne(textOf(v));
  }

  remove(v: Value | undefined): void {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) this.removeOne(x);
    else this.removeOne(textOf(v));
  }

  get size(): number {
    return this.counts !== null ? this.counts.size : this.only === null ? 0 : 1;
  }

  /** [value, count] in first-seen order. */
  entries(): Iterable<[string, number]> {
    if (this.counts !== null) return this.counts.entries();
    return this.only === null ? [] : [[this.only, this.onlyCount]];
  }

  keys(): string[] {
    if (this.counts !== null) return [...this.counts.keys()];
    return this.only === null ? [] : [this.only];
  }

  private addOne(k: string): void {
    if (this.counts === null) {
      if (this.only === k) {
        this.onlyCount++;
        return;
      }
      if (this.only === null) {
        this.only = detach(k);
        this.onlyCount = 1;
        return;
      }
      this.counts = new Map([[this.only, this.onlyCount]]);
      this.only = null;
      this.onlyCount = 0;
    }
    const c = this.counts.get(k);
    this.counts.set(c === undefined ? detach(k) : k, (c ?? 0) + 1);
  }

  private removeOne(k: string): void {
    if (this.counts === null) {
      if (this.only === k && --this.onlyCount <= 0) {
        this.only = null;
        this.onlyCount = 0;
      }
      return;
    }
    const c = (this.counts.get(k) ?? 0) - 1;
    if (c <= 0) this.counts.delete(k);
    else this.counts.set(k, c);
  }
}
