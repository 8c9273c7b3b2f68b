/**
 * Time-ordered merging in bounded memory.
 *
 * Each source yields *episodes*: a start time and the events of one activity (a page load, a beacon
 * check-in, a process launch). Every event in an episode is written at or after the episode's start,
 * and episode starts never decrease. `OrderedSource` buffers only the episodes that overlap in time, so
 * a week-long beacon costs a few events of memory, and `mergeSources` interleaves all sources of a host
 * with a heap. Ties break by source index, then by arrival, so output is deterministic.
 */
import type { SimEvent } from './model.js';

export interface Episode {
  /** Lower bound (µs) of every event's write time in this episode. */
  readonly startUs: number;
  readonly events: readonly SimEvent[];
}

export type EpisodeSource = IterableIterator<Episode>;

interface Item<T> {
  key: number;
  tie: number;
  seq: number;
  value: T;
}

/** A binary min-heap ordered by (key, tie, seq). */
export class MinHeap<T> {
  private readonly items: Item<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(key: number, tie: number, value: T): void {
    const items = this.items;
    const item = { key, tie, seq: this.seq++, value };
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(item, items[p] as Item<T>)) break;
      items[i] = items[p] as Item<T>;
      i = p;
    }
    items[i] = item;
  }

  peekKey(): number {
    return (this.items[0] as Item<T>).key;
  }

  peek(): T | undefined {
    return this.items[0]?.value;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    if (top === undefined) return undefined;
    const last = items.pop() as Item<T>;
    if (items.length > 0) {
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(items[r] as Item<T>, items[l] as Item<T>) ? r : l;
        if (!less(items[c] as Item<T>, last)) break;
        items[i] = items[c] as Item<T>;
        i = c;
      }
      items[i] = last;
    }
    return top.value;
  }
}

function less<T>(a: Item<T>, b: Item<T>): boolean {
  if (a.key !== b.key) return a.key < b.key;
  if (a.tie !== b.tie) return a.tie < b.tie;
  return a.seq < b.seq;
}

/** One source's events in write order, holding only episodes that overlap in time. */
export class OrderedSource {
  private readonly heap = new MinHeap<SimEvent>();
  private next: Episode | null;
  private lastStart = -Infinity;

  constructor(
    private readonly episodes: EpisodeSource,
    readonly name: string,
  ) {
    this.next = this.pull();
  }

  private pull(): Episode | null {
    const r = this.episodes.next();
    if (r.done === true) return null;
    const ep = r.value;
    if (ep.startUs < this.lastStart) {
      throw new Error(`source ${this.name}: episode starts went backwards (${ep.startUs} < ${this.lastStart})`);
    }
    this.lastStart = ep.startUs;
    for (const e of ep.events) {
      if (e.createdUs < ep.startUs) throw new Error(`source ${this.name}: event written before its episode start`);
    }
    return ep;
  }

  /** Next event's write time, or Infinity when the source is exhausted. */
  peekTime(): number {
    while (this.next !== null && (this.heap.size === 0 || this.heap.peekKey() > this.next.startUs)) {
      for (const e of this.next.events) this.heap.push(e.createdUs, 0, e);
      this.next = this.pull();
    }
    return this.heap.size === 0 ? Infinity : this.heap.peekKey();
  }

  take(): SimEvent | undefined {
    this.peekTime();
    return this.heap.pop();
  }
}

/** Merge sources into one write-ordered stream. */
export function* mergeSources(sources: readonly OrderedSource[]): Generator<SimEvent, void, undefined> {
  const heap = new MinHeap<number>();
  sources.forEach((s, i) => {
    const t = s.peekTime();
    if (t !== Infinity) heap.push(t, i, i);
  });
  while (heap.size > 0) {
    const i = heap.pop() as number;
    const src = sources[i] as OrderedSource;
    const e = src.take();
    if (e !== undefined) yield e;
    const t = src.peekTime();
    if (t !== Infinity) heap.push(t, i, i);
  }
}

/** An episode from events (start = earliest activity time, which every write time follows). */
export function episode(events: readonly SimEvent[]): Episode {
  let start = Infinity;
  for (const e of events) start = Math.min(start, e.utcMs * 1000);
  return { startUs: start, events };
}

/** Interleave several episode streams by start time (each must already be in start order). */
export function* mergeEpisodes(...streams: EpisodeSource[]): Generator<Episode, void, undefined> {
  const heap = new MinHeap<number>();
  const heads: (Episode | undefined)[] = streams.map((s) => {
    const r = s.next();
    return r.done === true ? undefined : r.value;
  });
  heads.forEach((h, i) => {
    if (h !== undefined) heap.push(h.startUs, i, i);
  });
  while (heap.size > 0) {
    const i = heap.pop() as number;
    yield heads[i] as Episode;
    const r = (streams[i] as EpisodeSource).next();
    heads[i] = r.done === true ? undefined : r.value;
    if (heads[i] !== undefined) heap.push((heads[i] as Episode).startUs, i, i);
  }
}
