/**
 * RITA v5 conformance: every expected value below is a vector from beacon-scoring.md §2 (taken there from
 * activecm/rita `analysis/beacons_test.go`, tolerance 0.001), cited per test. Hand checks are in comments.
 */
import { describe, expect, it } from 'vitest';
import {
  ritaBeacon,
  ritaBimodalFit,
  ritaBinEdges,
  ritaCombine,
  ritaCvScore,
  ritaDataSizeScore,
  ritaDurationScore,
  ritaFrequencyCounts,
  ritaHistogramScore,
  ritaStatisticalScore,
  ritaThreatScore,
  ritaTimestampScore,
  ritaWindow,
  RITA_DEFAULTS,
} from './rita.js';
import { madSorted, quartilesSorted, sortedCopy } from './stats.js';

const T0 = 1517338924;
const H = 3600;
const close = (actual: number, expected: number, tol = 0.001) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
const cumsum = (start: number, steps: number[]) => {
  const out = [start];
  for (const s of steps) out.push(out[out.length - 1]! + s);
  return out;
};

describe('quartiles (montanaflynn/stats v0.7.1, §1.3)', () => {
  it('[1..10] gives 3 / 5.5 / 8 (numpy would give Q1 3.25)', () => {
    expect(quartilesSorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ q1: 3, q2: 5.5, q3: 8 });
  });
  it('odd n leaves the median out of both halves', () => {
    expect(quartilesSorted([1, 2, 25, 42, 90, 299, 500, 1500, 4975])).toEqual({ q1: 13.5, q2: 90, q3: 1000 });
  });
});

describe('TS score (§2 TS table)', () => {
  it('unit steps 1..10 → 1, mode 1×9', () => {
    const r = ritaTimestampScore([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.score).toBe(1);
    expect(r.intervals).toEqual([1]);
    expect(r.intervalCounts).toEqual([9]);
    expect([r.mode, r.modeCount]).toEqual([1, 9]);
  });
  it('perfect 60 s → 1', () => {
    const r = ritaTimestampScore(Array.from({ length: 10 }, (_, k) => T0 + 60 * k));
    expect(r.score).toBe(1);
    expect(r.intervals).toEqual([60]);
    expect(r.intervalCounts).toEqual([9]);
  });
  it('close-valued 98..102 → 0.995 (IQR 2 < 10, so no skew term)', () => {
    const r = ritaTimestampScore(cumsum(T0, [98, 99, 99, 100, 100, 100, 101, 101, 102]));
    expect([r.q1, r.q2, r.q3, r.skew, r.mad]).toEqual([99, 100, 101, 0, 1]);
    close(r.score, 0.995);
    expect(r.intervals).toEqual([98, 99, 100, 101, 102]);
    expect(r.intervalCounts).toEqual([1, 2, 3, 2, 1]);
    expect([r.mode, r.modeCount]).toEqual([100, 3]);
  });
  it('two-valued 98/300 → 0.746, mode 98 (smallest on a tie)', () => {
    const steps: number[] = [];
    for (let i = 0; i < 5; i++) steps.push(98, 300);
    const r = ritaTimestampScore(cumsum(T0, steps));
    expect([r.q1, r.q2, r.q3, r.skew, r.mad]).toEqual([98, 199, 300, 0, 101]);
    close(r.score, 0.746);
    expect(r.mode).toBe(98);
  });
  it('random → 0.083 (skew 0.845, MAD 89)', () => {
    const r = ritaTimestampScore([0, 1, 300, 325, 5300, 5390, 5392, 5434, 5934, 7434].map((x) => T0 + x));
    expect([r.q1, r.q2, r.q3, r.mad]).toEqual([13.5, 90, 1000, 89]);
    close(r.skew, 0.845);
    close(r.score, 0.083);
    expect(r.intervals.length).toBe(9);
    expect(r.mode).toBe(1);
  });
  it('errors: no non-zero interval, 2 timestamps, empty', () => {
    expect(() => ritaTimestampScore(new Array(9).fill(60))).toThrow(RangeError);
    expect(() => ritaTimestampScore([1, 2])).toThrow(RangeError);
    expect(() => ritaTimestampScore([])).toThrow(RangeError);
  });
});

describe('DS score and the shared statistical score (§2 DS)', () => {
  it('[1..10] → Q 3/5.5/8, skew 0, MAD 2.5, DS 0.773', () => {
    const r = ritaDataSizeScore([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([r.q1, r.q2, r.q3, r.skew, r.mad]).toEqual([3, 5.5, 8, 0, 2.5]);
    close(r.score, 0.773);
  });
  it('60×9 → 1; 98..102 → 0.995', () => {
    expect(ritaDataSizeScore(new Array(9).fill(60)).score).toBe(1);
    close(ritaDataSizeScore([98, 99, 99, 100, 100, 100, 101, 101, 102]).score, 0.995);
  });
  it('spread bytes → Q 22/2525/311769.5, skew 0.9839, MAD 2523, DS 0.008', () => {
    const r = ritaDataSizeScore([524885, 1, 5000, 98654, 50, 41, 965842, 3]);
    expect([r.q1, r.q2, r.q3, r.mad]).toEqual([22, 2525, 311769.5, 2523]);
    close(r.skew, 0.9839, 0.0001);
    close(r.score, 0.008);
  });
  it('ten zeros → 0.5; two values → error', () => {
    expect(ritaDataSizeScore(new Array(10).fill(0)).score).toBe(0.5);
    expect(() => ritaDataSizeScore([1, 2])).toThrow(RangeError);
  });
  it('calculateStatisticalScore extras', () => {
    expect(ritaStatisticalScore(sortedCopy([-1, -2, -3, -4, -5, -6, -7, -8, -9, -10]), 0).score).toBe(0.5);
    expect(ritaStatisticalScore(sortedCopy([7, 8, 7, 8, 7, 8, 7, 8, 7]), 1).score).toBe(1); // Q1 = Q2
    expect(ritaStatisticalScore(sortedCopy([1, 1, 2, 2, 2, 2]), 1).score).toBe(1); // Q2 = Q3
  });
  it('MAD vectors (unrounded score)', () => {
    const cases: Array<[number[], number, number]> = [
      [[1, 2, 2, 3, 3, 3, 4, 5, 5], 1, 0.6667],
      [[11, 12, 12, 14, 15, 16], 1.5, 0.8846],
      [Array.from({ length: 10 }, (_, i) => 1000 + 500 * i), 1250, 0.6154],
    ];
    for (const [values, mad, score] of cases) {
      const r = madSorted(sortedCopy(values));
      expect(r.mad).toBe(mad);
      close((r.median - r.mad) / r.median, score, 0.0001);
    }
  });
});

const HOPTS = (bins: number, bimodalMin: number) => ({
  bins,
  modeSensitivity: 0.05,
  bimodalMinHoursSeen: bimodalMin,
  bimodalOutlierRemoval: 1,
});

describe('HIST score (§2 HIST table)', () => {
  it('[1,11], 10 bins: value k repeated k times → bars 1..10, HIST 0.478 by cv', () => {
    const ts: number[] = [];
    for (let k = 1; k <= 10; k++) for (let i = 0; i < k; i++) ts.push(k);
    const r = ritaHistogramScore(1, 11, ts, HOPTS(10, 6));
    expect(r.histogram).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([r.totalBars, r.longestRun]).toEqual([10, 10]);
    close(r.score, 0.478);
  });
  it('hourly over 24 h → 1', () => {
    const r = ritaHistogramScore(T0, T0 + 24 * H, Array.from({ length: 24 }, (_, k) => T0 + H * k), HOPTS(24, 11));
    expect(r.histogram).toEqual(new Array(24).fill(1));
    expect(r.score).toBe(1);
  });
  it('[98,102], 8 bins → 1,0,2,0,3,0,2,1 and 0.064', () => {
    const r = ritaHistogramScore(98, 102, [98, 99, 99, 100, 100, 100, 101, 101, 102], HOPTS(8, 6));
    expect(r.histogram).toEqual([1, 0, 2, 0, 3, 0, 2, 1]);
    expect([r.totalBars, r.longestRun]).toEqual([5, 3]);
    close(r.score, 0.064);
  });
  it('[0,1e6], 10 bins → 7,2,1,0,0,1,0,0,0,1 and 0 (cv 1.70)', () => {
    const ts = [524885, 1, 5000, 98654, 50, 41, 965842, 3, 12001, 200400, 104001, 199999];
    const r = ritaHistogramScore(0, 1e6, ts, HOPTS(10, 6));
    expect(r.histogram).toEqual([7, 2, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect([r.totalBars, r.longestRun]).toEqual([5, 4]);
    expect(r.score).toBe(0);
  });
  it('[0,100], 10 bins alternating 4/1 → 1 by bimodal fit', () => {
    const ts: number[] = [];
    for (let b = 0; b < 100; b += 20) ts.push(b + 1, b + 2, b + 3, b + 4, b + 15);
    const r = ritaHistogramScore(0, 100, ts, HOPTS(10, 6));
    expect(r.histogram).toEqual([4, 1, 4, 1, 4, 1, 4, 1, 4, 1]);
    expect(r.bimodalScore).toBe(1);
    expect(r.score).toBe(1);
  });
  it('[0,250], 5 bins → 2,0,3,0,1, run 2 (wraps), 0.028', () => {
    const r = ritaHistogramScore(0, 250, [10, 20, 100, 110, 110, 220], HOPTS(5, 6));
    expect(r.histogram).toEqual([2, 0, 3, 0, 1]);
    expect([r.totalBars, r.longestRun]).toEqual([3, 2]);
    close(r.score, 0.028);
  });
  it('ten 60 s beacons in a 24 h window → 0, also with bimodal min 1 (overridden to 11)', () => {
    const ts = Array.from({ length: 10 }, (_, k) => T0 + 60 * k);
    for (const min of [11, 1]) {
      const r = ritaHistogramScore(T0, T0 + 24 * H, ts, HOPTS(24, min));
      expect(r.histogram[0]).toBe(10);
      expect([r.totalBars, r.longestRun, r.score]).toEqual([1, 1, 0]);
    }
  });
  it('errors: empty list, min > max, min = max', () => {
    expect(() => ritaHistogramScore(0, 10, [], HOPTS(10, 6))).toThrow(RangeError);
    expect(() => ritaHistogramScore(10, 0, [1], HOPTS(10, 6))).toThrow(RangeError);
    expect(() => ritaHistogramScore(5, 5, [5], HOPTS(10, 6))).toThrow(RangeError);
  });
});

describe('frequency buckets, bimodal fit, cv, bin edges (§2)', () => {
  const entries = (m: ReadonlyMap<number, number>) => Object.fromEntries([...m.entries()].sort((a, b) => a[0] - b[0]));
  it('bucket keys', () => {
    const a = ritaFrequencyCounts([900, 901, 899, 900, 899, 902, 900, 901], 0.05);
    expect(a.binSize).toBe(46);
    expect(entries(a.buckets)).toEqual({ 874: 8 });
    const b = ritaFrequencyCounts([100, 105, 100, 300, 305, 300], 0.1);
    expect(b.binSize).toBe(31);
    expect(entries(b.buckets)).toEqual({ 93: 3, 279: 3 });
    const c = ritaFrequencyCounts([100, 105, 100, 300, 305, 300, 500, 505, 500, 700, 705, 700], 0.1);
    expect(c.binSize).toBe(71);
    expect(entries(c.buckets)).toEqual({ 71: 3, 284: 3, 497: 3, 639: 3 });
  });
  it('bars and circular runs', () => {
    const a = ritaFrequencyCounts([2002, 2000, 1999, 2005, 1990, 0, 0, 0, 0, 0, 0, 2000, 2001, 2002, 2003, 2004], 0.05);
    expect(entries(a.buckets)).toEqual({ 1919: 10 });
    expect([a.totalBars, a.longestRun]).toEqual([10, 10]);
    const b = ritaFrequencyCounts([2, 0, 2, 0, 2, 0, 2, 0, 2, 0], 0.05);
    expect(entries(b.buckets)).toEqual({ 2: 5 });
    expect(b.longestRun).toBe(1);
    const c = ritaFrequencyCounts([2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 0], 0.05);
    expect(entries(c.buckets)).toEqual({ 2: 5, 4: 4 });
    expect([c.totalBars, c.longestRun]).toEqual([9, 5]);
  });
  it('bimodal fit', () => {
    const m = (o: Record<number, number>) => new Map(Object.entries(o).map(([k, v]) => [Number(k), v]));
    close(ritaBimodalFit(m({ 1: 50, 2: 5 }), 60, 11, 1), 0.932);
    close(ritaBimodalFit(m({ 1: 50, 2: 1, 3: 1 }), 56, 11, 1), 0.927);
    close(ritaBimodalFit(m({ 1: 50, 2: 30, 3: 1, 4: 2 }), 83, 11, 1), 0.976);
    close(ritaBimodalFit(m({ 1: 50, 2: 30, 3: 1, 4: 2, 5: 1 }), 84, 11, 1), 0.964);
    expect(ritaBimodalFit(m({ 1: 5 }), 5, 11, 1)).toBe(0);
    expect(ritaBimodalFit(m({ 1: 5 }), 5, 2, 1)).toBe(0); // min 2 → 11
  });
  it('cv score', () => {
    close(ritaCvScore(Array.from({ length: 7 }, (_, i) => 950 + 20 * i)), 0.96);
    close(ritaCvScore(Array.from({ length: 10 }, (_, i) => 1000 + i)), 0.997);
    expect(ritaCvScore([1, 5, 10, 50, 100, 500, 1000, 5000, 10000])).toBe(0);
  });
  it('bin edges', () => {
    expect(ritaBinEdges(0, 10, 2)).toEqual([0, 5, 10]);
    const e = ritaBinEdges(0, 10, 24);
    close(e[1]! - e[0]!, 0.41667, 0.00001);
    expect(e[24]).toBe(10);
    const f = ritaBinEdges(1517336042, 1517422440, 24);
    close(f[1]! - f[0]!, 3599.9167, 0.0001);
    expect(f[24]).toBe(1517422440);
  });
});

describe('DUR score (§2 DUR, dataset 24 h, min 6, ideal 12)', () => {
  const dur = (first: number, last: number, totalBars: number, longestRun: number) =>
    ritaDurationScore({
      datasetMin: 0,
      datasetMax: 24 * H,
      first,
      last,
      totalBars,
      longestRun,
      minHoursSeen: 6,
      consistencyIdealHoursSeen: 12,
    });
  it('vectors', () => {
    expect(dur(0, 24 * H, 24, 24)).toEqual({ coverage: 1, consistency: 1, score: 1 });
    expect(dur(0, 24 * H, 6, 0).score).toBe(1);
    expect(dur(12 * H, 24 * H, 6, 0).score).toBe(0.5);
    expect(dur(6 * H, 24 * H, 6, 0).score).toBe(0.75);
    expect(dur(12 * H, 24 * H, 12, 12)).toEqual({ coverage: 0.5, consistency: 1, score: 1 });
    expect(dur(12 * H, 18 * H, 6, 6)).toEqual({ coverage: 0.25, consistency: 0.5, score: 0.5 });
    expect(dur(6 * H, 18 * H, 12, 6).score).toBe(0.5);
    expect(dur(0, 24 * H, 3, 3).score).toBe(0);
  });
  it('errors', () => {
    const base = { datasetMin: 0, datasetMax: 24 * H, first: 0, last: H, totalBars: 6, longestRun: 6, minHoursSeen: 6, consistencyIdealHoursSeen: 12 };
    expect(() => ritaDurationScore({ ...base, consistencyIdealHoursSeen: 0 })).toThrow(RangeError);
    expect(() => ritaDurationScore({ ...base, minHoursSeen: 0 })).toThrow(RangeError);
    expect(() => ritaDurationScore({ ...base, datasetMin: 25 * H })).toThrow(RangeError);
    expect(() => ritaDurationScore({ ...base, first: 2 * H })).toThrow(RangeError);
  });
});

describe('final score (§2 Final, §1.7)', () => {
  it('weighted sums', () => {
    close(ritaCombine([{ score: 0.8, weight: 0.2 }, { score: 0.7, weight: 0.2 }, { score: 0.6, weight: 0.3 }, { score: 0.5, weight: 0.3 }]), 0.63);
    close(ritaCombine([0.1, 0.2, 0.3, 0.4].map((score) => ({ score, weight: 0.25 }))), 0.25);
    close(ritaCombine([{ score: 0.111, weight: 0.173 }, { score: 0.222, weight: 0.325 }, { score: 0.333, weight: 0.299 }, { score: 0.444, weight: 0.203 }]), 0.281);
  });
  it('errors: score or weight outside [0,1], weights not summing to 1', () => {
    expect(() => ritaCombine([{ score: -0.1, weight: 1 }])).toThrow(RangeError);
    expect(() => ritaCombine([{ score: 1.1, weight: 1 }])).toThrow(RangeError);
    expect(() => ritaCombine([{ score: 0.5, weight: 1.5 }, { score: 0.5, weight: -0.5 }])).toThrow(RangeError);
    expect(() => ritaCombine([{ score: 0.5, weight: 0.5 }, { score: 0.5, weight: 0.4 }])).toThrow(RangeError);
  });
  it('1/3 weights sum to 1 (§1.8)', () => {
    close(ritaCombine([{ score: 1, weight: 1 / 3 }, { score: 1, weight: 1 / 3 }, { score: 1, weight: 1 / 3 }]), 1);
  });
  it('threat buckets: <50 → 0, 60 → 0.3, 80 → 0.5, 95 → 0.7, 100 → 0.8', () => {
    expect(ritaThreatScore(0.49)).toBe(0);
    close(ritaThreatScore(0.6), 0.3, 1e-9);
    close(ritaThreatScore(0.8), 0.5, 1e-9);
    close(ritaThreatScore(0.95), 0.7, 1e-9);
    close(ritaThreatScore(1), 0.8, 1e-9);
  });
});

describe('ritaBeacon (one pair, DS dropped)', () => {
  // §2 "Derived examples" [sim]: perfectly periodic beacons over an exact 24 h window, DS assumed 1, equal 0.25
  // weights. Without DS the same sub-scores give mean(TS, HIST, DUR): 60 s → 1; 2 h → (1+1+0.917)/3 = 0.972;
  // 3 h → (1+0+0.875)/3 = 0.625; 6 h → (1+0+0)/3 = 0.333.
  const day = (period: number) => Array.from({ length: Math.round(86400 / period) + 1 }, (_, k) => T0 + period * k);
  const win = ritaWindow(T0, T0 + 86400);
  it('periodic beacons over one day', () => {
    expect(ritaBeacon(day(60), win).score).toBe(1);
    const twoH = ritaBeacon(day(2 * H).slice(0, 12), win);
    expect([twoH.ts?.score, twoH.hist?.score, twoH.dur?.score]).toEqual([1, 1, 0.917]);
    close(twoH.score, 0.972);
    const threeH = ritaBeacon(day(3 * H).slice(0, 8), win);
    expect([threeH.hist?.score, threeH.dur?.score]).toEqual([0, 0.875]);
    close(threeH.score, 0.625);
    const sixH = ritaBeacon(day(6 * H).slice(0, 4), win);
    close(sixH.score, 0.333);
  });
  it('gates: fewer than 4 distinct seconds, strobe', () => {
    expect(ritaBeacon([T0, T0 + 0.2, T0 + 60, T0 + 120], win).gate).toBe('too few distinct timestamps');
    const strobe = Array.from({ length: 86_400 }, (_, k) => T0 + k);
    expect(ritaBeacon(strobe, ritaWindow(T0, T0 + 86_399), { ...RITA_DEFAULTS, uniqueConnectionThreshold: 4 }).gate).toBe('strobe');
  });
  it('window keeps the last 24 h plus the pre-window minutes of the first hour bucket', () => {
    const w = ritaWindow(0, 3 * 86400 + 1800);
    expect(w.min).toBe(2 * 86400 + 1800);
    expect(w.selectFrom).toBe(2 * 86400);
    // Five timestamps: one far before, one in the pre-window minutes, three inside → 4 selected.
    const r = ritaBeacon([10, 2 * 86400 + 60, 2 * 86400 + 2000, 2 * 86400 + 5000, 3 * 86400], w);
    expect(r.count).toBe(4);
  });
});
