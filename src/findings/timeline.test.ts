import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binIntervals } from '../util/interval-bins.js';
import { buildTimeline, intervalHistogram, parseIntervalEntries, thin } from './timeline.js';

describe('timeline thinning', () => {
  it('keeps everything under the cap and picks evenly by rank over it', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
    // n = 10, cap = 4: indices ⌊i·9/3⌋ = 0, 3, 6, 9.
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
  });

  it('caps a long series at 2,000 points keeping first and last, and counts them all', () => {
    const times = Array.from({ length: 129_600 }, (_, i) => 1_700_000_000 + i * 60);
    const tl = buildTimeline([...times].reverse())!;
    expect(tl.times.length).toBe(2000);
    expect(tl.total).toBe(129_600);
    expect(tl.times[0]).toBe(times[0]);
    expect(tl.times[1999]).toBe(times[129_599]);
    // The histogram uses every interval, not the thinned ones: 129,599 gaps of exactly 60 s.
    expect(tl.intervals!.total).toBe(129_599);
    expect(tl.intervals!.counts).toEqual([129_599]);
    expect(tl.intervals!.median).toBe(60);
  });

  it('makes no histogram from a sample: times that stand for more connections than they are', () => {
    // Every 10th time of a 60 s beacon: the gaps between them are 600 s, which no connection had.
    const sample = Array.from({ length: 50 }, (_, i) => 1_700_000_000 + i * 600);
    const tl = buildTimeline(sample, 2000, 491)!;
    expect(tl.total).toBe(491);
    expect(tl.times).toHaveLength(50);
    expect(tl.intervals).toBeUndefined();
    // Times that are all of the finding's connections (or a count below them) keep the histogram.
    expect(buildTimeline(sample, 2000, 50)!.intervals!.median).toBe(600);
    expect(buildTimeline(sample, 2000, 3)!).toMatchObject({ total: 50, intervals: { total: 49 } });
  });
});

describe('interval histogram', () => {
  it('bins gaps on a log scale, zeros apart', () => {
    // Times 0, 0, 1, 3, 7, 15 → gaps 0, 1, 2, 4, 8. Positive gaps span 1–8; with 3 bins each bin is a
    // factor of 2: [1, 2), [2, 4), [4, 8]. So 1 → bin 0, 2 → bin 1, 4 and 8 → bin 2.
    const h = intervalHistogram([0, 0, 1, 3, 7, 15], 3);
    expect(h.zero).toBe(1);
    expect(h.counts).toEqual([1, 1, 2]);
    expect(h.edges).toEqual([1, 2, 4, 8]);
    // Median of 0, 1, 2, 4, 8 is 2.
    expect(h.median).toBe(2);
    expect(h.total).toBe(5);
  });

  it('has no bins for a single time and none but zeros for one repeated time', () => {
    expect(intervalHistogram([5]).total).toBe(0);
    const h = intervalHistogram([5, 5, 5]);
    expect([h.zero, h.counts.length, h.median]).toEqual([2, 0, 0]);
  });

  it('returns undefined for no times', () => {
    expect(buildTimeline([])).toBeUndefined();
    expect(buildTimeline([Number.NaN])).toBeUndefined();
  });
});

describe('a detection\'s interval histogram (parseIntervalEntries)', () => {
  const good = ['total 5', 'median 60', 'zero 1', '60 84.853 3', '84.853 120 1'];

  it('reads total, median, zeros and touching bins, and replaces the one made from sampled times', () => {
    expect(parseIntervalEntries(good)).toEqual({ edges: [60, 84.853, 120], counts: [3, 1], zero: 1, median: 60, total: 5, kind: 'checkins' });
    const tl = buildTimeline([0, 600, 1200], 2000, 40, parseIntervalEntries(good));
    expect(tl).toMatchObject({ total: 40, intervals: { kind: 'checkins', total: 5 } });
  });

  it('drops the whole histogram on anything it cannot vouch for (row values are attacker-influenced)', () => {
    expect(parseIntervalEntries(undefined)).toBeUndefined();
    expect(parseIntervalEntries(['total 4', '60 84.853 3', '90 120 1'])).toBeUndefined(); // bins do not touch
    expect(parseIntervalEntries(['total 9', '60 84.853 3', '84.853 120 1'])).toBeUndefined(); // counts ≠ total
    expect(parseIntervalEntries(['total 4', '60 84.853 3', '84.853 120 1', '<script>'])).toBeUndefined();
    expect(parseIntervalEntries(['60 84.853 3'])).toBeUndefined(); // no total
    expect(parseIntervalEntries(['total 1', '-5 1 1'])).toBeUndefined();
    const many = ['total 100', ...Array.from({ length: 100 }, (_, i) => `${i + 1} ${i + 2} 1`)];
    expect(parseIntervalEntries(many)).toBeUndefined(); // more bins than any detection makes
  });
});

describe('binIntervals', () => {
  it('weighted values bin exactly as the same values repeated', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 40 }), (pairs) => {
        const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
        const expanded = sorted.flatMap(([v, w]) => Array.from({ length: w }, () => v));
        expect(binIntervals(sorted.map((p) => p[0]), sorted.map((p) => p[1]), 24)).toEqual(binIntervals(expanded, undefined, 24));
      }),
      { numRuns: 200 },
    );
  });
});
