import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinHeap, OrderedSource, mergeSources, mergeEpisodes, type Episode } from './stream.js';
import type { SimEvent } from './model.js';

const label = { kind: 'benign', category: 'browser', source: 't' } as const;

function ev(utcMs: number, delayUs: number, tag: string): SimEvent {
  return {
    computer: tag,
    channel: 'sysmon',
    eventId: 3,
    utcMs,
    createdUs: utcMs * 1000 + delayUs,
    data: {},
    execPid: 0,
    execTid: 0,
    userSid: null,
    label,
  };
}

describe('MinHeap', () => {
  it('pops in (key, tie, insertion) order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }), (items) => {
        const h = new MinHeap<number>();
        items.forEach(([k, t], i) => h.push(k, t, i));
        const out: number[] = [];
        while (h.size > 0) out.push(h.pop() as number);
        const expected = items
          .map(([k, t], i) => ({ k, t, i }))
          .sort((a, b) => a.k - b.k || a.t - b.t || a.i - b.i)
          .map((x) => x.i);
        expect(out).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});

describe('OrderedSource and mergeSources', () => {
  it('orders overlapping episodes by write time', () => {
    // Episodes starting at 0, 10, 20 ms whose events are written up to 3 s later overlap in write time.
    const episodes: Episode[] = [0, 10, 20].map((t) => ({ startUs: t * 1000, events: [ev(t, 3_000_000, 'a'), ev(t + 1, 0, 'a')] }));
    const src = new OrderedSource(episodes[Symbol.iterator](), 'x');
    const times: number[] = [];
    for (let e = src.take(); e !== undefined; e = src.take()) times.push(e.createdUs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(6);
  });

  it('rejects an episode that starts before the previous one', () => {
    const bad: Episode[] = [
      { startUs: 5000, events: [ev(5, 0, 'a')] },
      { startUs: 1000, events: [ev(1, 0, 'a')] },
    ];
    expect(() => {
      const s = new OrderedSource(bad[Symbol.iterator](), 'bad');
      while (s.take() !== undefined);
    }).toThrow(/went backwards/);
  });

  it('merges random sources into one sorted stream holding every event', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 3_000_000 })), { maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        (specs) => {
          const sources = specs.map((spec, i) => {
            const starts = spec.map(([t]) => t).sort((a, b) => a - b);
            const eps: Episode[] = starts.map((t, j) => ({ startUs: t * 1000, events: [ev(t, (spec[j] as [number, number])[1], `s${i}`)] }));
            return new OrderedSource(eps[Symbol.iterator](), `s${i}`);
          });
          const out = [...mergeSources(sources)];
          expect(out).toHaveLength(specs.reduce((s, x) => s + x.length, 0));
          for (let i = 1; i < out.length; i++) expect(out[i]!.createdUs).toBeGreaterThanOrEqual(out[i - 1]!.createdUs);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('mergeEpisodes interleaves episode streams by start', () => {
    const a: Episode[] = [1, 5, 9].map((t) => ({ startUs: t, events: [] }));
    const b: Episode[] = [2, 3, 10].map((t) => ({ startUs: t, events: [] }));
    expect([...mergeEpisodes(a[Symbol.iterator](), b[Symbol.iterator]())].map((e) => e.startUs)).toEqual([1, 2, 3, 5, 9, 10]);
  });
});
