/**
 * Streaming per-group state for the interval scorer, bounded in memory.
 *
 * - Exact tier (up to `exactLimit` connections, 16 KB at the default): raw times in any order; `result()`
 *   sorts a copy, collapses bursts and scores every interval exactly. Order of `add` does not matter.
 * - Sketch tier (beyond that): the times so far are sorted and replayed once; from then on each time goes
 *   through a min-heap of `reorderBuffer` times, then burst collapse, then a log-binned interval sketch
 *   (about 5 KB). A time older than everything already released from the heap is counted in
 *   `lateEvents` and in the connection count but not used for intervals. Events that arrive roughly
 *   time-ordered (per file, with interleaving shallower than the buffer) lose nothing.
 */
import { beaconConfig, type BeaconConfig } from './config.js';
import { exactDistribution, type IntervalDistribution } from './distribution.js';
import { IntervalSketch } from './interval-sketch.js';
import { scoreIntervals, type BeaconScore } from './score.js';

const BURST_SIZE_CAP = 64;

/** Ordered burst collapse: connection times in, check-ins and intervals out. */
class CheckinStream {
  checkins = 0;
  late = 0;
  lastEmitted = -Infinity;
  prevCheckin = Number.NaN;
  burstStart = Number.NaN;
  burstLast = Number.NaN;
  burstSize = 0;
  hourMask = 0;
  days = 0;
  lastDay = Number.NaN;
  burstSizes = new Uint32Array(BURST_SIZE_CAP + 1);

  constructor(private readonly cfg: BeaconConfig) {}

  clone(): CheckinStream {
    const c = Object.assign(new CheckinStream(this.cfg), this);
    c.burstSizes = this.burstSizes.slice();
    return c;
  }

  push(t: number, onInterval: (d: number) => void): void {
    if (t < this.lastEmitted) {
      this.late++;
      return;
    }
    this.lastEmitted = t;
    if (this.burstSize > 0 && t - this.burstLast <= this.cfg.burstGap && t - this.burstStart <= this.cfg.maxBurstSpan) {
      this.burstLast = t;
      this.burstSize++;
      return;
    }
    this.close(onInterval);
    this.burstStart = t;
    this.burstLast = t;
    this.burstSize = 1;
  }

  /** Close the open burst as a check-in (its time is the burst's first connection). */
  close(onInterval: (d: number) => void): void {
    if (this.burstSize === 0) return;
    const c = this.burstStart;
    if (!Number.isNaN(this.prevCheckin)) onInterval(c - this.prevCheckin);
    this.prevCheckin = c;
    this.checkins++;
    this.burstSizes[Math.min(BURST_SIZE_CAP, this.burstSize)]! += 1;
    this.hourMask |= 1 << new Date(c * 1000).getUTCHours();
    const day = Math.floor(c / 86400);
    if (day !== this.lastDay) {
      this.days++;
      this.lastDay = day;
    }
    this.burstSize = 0;
  }

  burstMedian(): number {
    const half = (this.checkins - 1) / 2;
    let acc = 0;
    let lo = Number.NaN;
    for (let s = 1; s <= BURST_SIZE_CAP; s++) {
      acc += this.burstSizes[s] as number;
      if (Number.isNaN(lo) && acc > Math.floor(half)) lo = s;
      if (acc > Math.ceil(half)) return (lo + s) / 2;
    }
    return lo;
  }

  burstMax(): number {
    for (let s = BURST_SIZE_CAP; s >= 1; s--) if ((this.burstSizes[s] as number) > 0) return s;
    return 0;
  }
}

/** Fixed-capacity binary min-heap of times. */
class TimeHeap {
  private readonly items: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.items = new Float64Array(capacity);
  }
  get full(): boolean {
    return this.size === this.items.length;
  }
  peek(): number {
    return this.items[0] as number;
  }
  push(x: number): void {
    let i = this.size++;
    this.items[i] = x;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.items[p] as number) <= x) break;
      this.items[i] = this.items[p] as number;
      i = p;
    }
    this.items[i] = x;
  }
  /** Replace the minimum with x and return the old minimum. */
  replaceTop(x: number): number {
    const top = this.items[0] as number;
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && (this.items[r] as number) < (this.items[l] as number) ? r : l;
      if ((this.items[c] as number) >= x) break;
      this.items[i] = this.items[c] as number;
      i = c;
    }
    this.items[i] = x;
    return top;
  }
  sortedItems(): Float64Array {
    return this.items.slice(0, this.size).sort();
  }
}

export interface ScoreWindow {
  readonly windowStart?: number | undefined;
  readonly windowEnd?: number | undefined;
}

export class BeaconAccumulator {
  private readonly cfg: BeaconConfig;
  private raw: Float64Array | null = new Float64Array(8);
  private rawLength = 0;
  private sketch: IntervalSketch | null = null;
  private stream: CheckinStream | null = null;
  private heap: TimeHeap | null = null;
  private connectionCount = 0;
  private first = Infinity;
  private last = -Infinity;

  constructor(config: BeaconConfig = beaconConfig()) {
    this.cfg = config;
  }

  /** Add one connection time (epoch seconds, fractional allowed). Non-finite times are ignored. */
  add(time: number): void {
    if (!Number.isFinite(time)) return;
    this.connectionCount++;
    if (time < this.first) this.first = time;
    if (time > this.last) this.last = time;
    if (this.raw !== null) {
      if (this.rawLength === this.raw.length) {
        if (this.rawLength >= this.cfg.exactLimit) {
          this.promote();
          this.addOrdered(time);
          return;
        }
        const grown = new Float64Array(Math.min(this.cfg.exactLimit, this.raw.length * 2));
        grown.set(this.raw);
        this.raw = grown;
      }
      this.raw[this.rawLength++] = time;
      return;
    }
    this.addOrdered(time);
  }

  get connections(): number {
    return this.connectionCount;
  }

  get tier(): 'exact' | 'sketch' {
    return this.raw !== null ? 'exact' : 'sketch';
  }

  /** Approximate bytes held by this group. */
  get byteSize(): number {
    if (this.raw !== null) return this.raw.byteLength + 64;
    return (this.sketch?.byteSize ?? 0) + this.cfg.reorderBuffer * 8 + BURST_SIZE_CAP * 4 + 160;
  }

  /** Score the group as it stands; does not change the state, so it can be called repeatedly. */
  result(window: ScoreWindow = {}): BeaconScore {
    return this.resultWithIntervals(window).score;
  }

  /**
   * The score and the check-in intervals it was computed from (connections closer than the burst gap
   * merged into one check-in): every interval in the exact tier, bin centres weighted by count in the
   * sketch tier. One pass for callers that report both.
   */
  resultWithIntervals(window: ScoreWindow = {}): { score: BeaconScore; intervals: IntervalDistribution } {
    const { dist, stream, tier } = this.collect();
    const ctx = {
      connections: this.connectionCount,
      first: this.first,
      last: this.last,
      windowStart: window.windowStart,
      windowEnd: window.windowEnd,
      ...streamFacts(stream),
      tier,
    };
    return { score: scoreIntervals(dist, ctx, this.cfg), intervals: dist };
  }

  private collect(): { dist: IntervalDistribution; stream: CheckinStream; tier: 'exact' | 'sketch' } {
    if (this.raw !== null) {
      const times = this.raw.slice(0, this.rawLength).sort();
      const stream = new CheckinStream(this.cfg);
      const intervals: number[] = [];
      const sink = (d: number) => intervals.push(d);
      for (const t of times) stream.push(t, sink);
      stream.close(sink);
      return { dist: exactDistribution(intervals), stream, tier: 'exact' };
    }
    const stream = (this.stream as CheckinStream).clone();
    const extra: number[] = [];
    const sink = (d: number) => extra.push(d);
    for (const t of (this.heap as TimeHeap).sortedItems()) stream.push(t, sink);
    stream.close(sink);
    return { dist: (this.sketch as IntervalSketch).toDistribution(extra), stream, tier: 'sketch' };
  }

  private promote(): void {
    const times = (this.raw as Float64Array).slice(0, this.rawLength).sort();
    this.raw = null;
    const sketch = new IntervalSketch();
    const stream = new CheckinStream(this.cfg);
    const heap = new TimeHeap(this.cfg.reorderBuffer);
    const keep = Math.min(this.cfg.reorderBuffer, times.length);
    const sink = (d: number) => sketch.add(d);
    for (let i = 0; i < times.length - keep; i++) stream.push(times[i] as number, sink);
    for (let i = times.length - keep; i < times.length; i++) heap.push(times[i] as number);
    this.sketch = sketch;
    this.stream = stream;
    this.heap = heap;
  }

  private addOrdered(time: number): void {
    const heap = this.heap as TimeHeap;
    if (!heap.full) {
      heap.push(time);
      return;
    }
    const sketch = this.sketch as IntervalSketch;
    const sink = (d: number) => sketch.add(d);
    const stream = this.stream as CheckinStream;
    if (time <= heap.peek()) stream.push(time, sink);
    else stream.push(heap.replaceTop(time), sink);
  }
}

function streamFacts(s: CheckinStream) {
  let hours = 0;
  for (let m = s.hourMask; m !== 0; m &= m - 1) hours++;
  return {
    checkins: s.checkins,
    burstMedian: s.checkins > 0 ? s.burstMedian() : 0,
    burstMax: s.burstMax(),
    hoursActive: hours,
    daysActive: s.days,
    lateEvents: s.late,
  };
}

/** Score a list of connection times in one call (exact tier whatever the size). */
export function scoreConnectionTimes(
  times: ArrayLike<number>,
  options: { config?: BeaconConfig; window?: ScoreWindow } = {},
): BeaconScore {
  const cfg = options.config ?? beaconConfig();
  const acc = new BeaconAccumulator({ ...cfg, exactLimit: Math.max(cfg.exactLimit, times.length + 1) });
  for (let i = 0; i < times.length; i++) acc.add(times[i] as number);
  return acc.result(options.window);
}
