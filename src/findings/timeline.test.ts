import { describe, expect, it } from 'vitest';
import { buildTimeline, intervalHistogram, thin } from './timeline.js';

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
    expect(tl.intervals.total).toBe(129_599);
    expect(tl.intervals.counts).toEqual([129_599]);
    expect(tl.intervals.median).toBe(60);
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
