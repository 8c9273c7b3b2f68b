/**
 * RITA v5 beacon scores (activecm/rita `analysis/beacons.go` at a3c51501), ported as c2hunt's baseline.
 *
 * Every rule here is restated from /work/shared/design/beacon-scoring.md §1–§2; the conformance vectors of
 * §2 are the tests in rita.test.ts. Sysmon EID 3 carries no byte counts, so the data-size (DS) score is
 * implemented for parity with RITA's vectors but left out of `ritaBeacon`: its weight goes to zero and
 * TS, HIST and DUR get 1/3 each (the proportional renormalisation of RITA's 0.25 defaults, §4). Feeding
 * zeros instead would pin DS at 0.5 and compress every score (§4).
 *
 * Low-level functions throw RangeError where RITA's Go code returns an error; `ritaBeacon` turns those
 * into a `gate` reason, as RITA skips the pair.
 */
import { ceil3, madSorted, medianSorted, quartilesSorted, round3, sortedCopy } from './stats.js';

// ---------------------------------------------------------------------------------------------------
// Skew + MAD (TS and DS share it)

export interface StatisticalScore {
  readonly q1: number;
  readonly q2: number;
  readonly q3: number;
  /** Bowley skewness, or 0 where RITA does not apply it (IQR < 10 data units, or Q2 on a quartile). */
  readonly skew: number;
  readonly skewScore: number;
  readonly median: number;
  readonly mad: number;
  /** 1 − MAD/median, clamped at 0; the default when the median is below 1. */
  readonly madScore: number;
  /** round3((skewScore + madScore) / 2). */
  readonly score: number;
}

/**
 * RITA's statistical score of a sorted list: mean of the Bowley-skew score and the MAD score.
 * `madDefault` is 1 for timestamps and 0 for data sizes (§1.2 step 5, §1.4).
 */
export function ritaStatisticalScore(sorted: ArrayLike<number>, madDefault: number): StatisticalScore {
  if (sorted.length < 3) throw new RangeError(`need at least 3 values, got ${sorted.length}`);
  const { q1, q2, q3 } = quartilesSorted(sorted);
  const num = q1 + q3 - 2 * q2;
  const den = q3 - q1;
  // The 10 is in data units (seconds or bytes): a narrow IQR is never skew-penalised (§1.2 step 4).
  const skew = den >= 10 && q2 !== q1 && q2 !== q3 ? num / den : 0;
  const skewScore = 1 - Math.abs(skew);
  const { median, mad } = madSorted(sorted);
  let madScore = median >= 1 ? (median - mad) / median : madDefault;
  if (!(madScore >= 0)) madScore = 0; // negative or NaN
  return { q1, q2, q3, skew, skewScore, median, mad, madScore, score: round3((skewScore + madScore) / 2) };
}

// ---------------------------------------------------------------------------------------------------
// TS

export interface RitaTimestampScore extends StatisticalScore {
  /** Distinct Δ values (zeros included), ascending, and how often each occurs: RITA's display output. */
  readonly intervals: readonly number[];
  readonly intervalCounts: readonly number[];
  /** Most frequent Δ (the smallest on ties) and its count. */
  readonly mode: number;
  readonly modeCount: number;
}

/** RITA `getTimestampScore`: timestamps in any order; needs ≥ 4 of them and ≥ 3 non-zero intervals. */
export function ritaTimestampScore(timestamps: ArrayLike<number>): RitaTimestampScore {
  if (timestamps.length < 4) throw new RangeError(`need at least 4 timestamps, got ${timestamps.length}`);
  const ts = sortedCopy(timestamps);
  const deltas = new Float64Array(ts.length - 1);
  for (let i = 1; i < ts.length; i++) deltas[i - 1] = (ts[i] as number) - (ts[i - 1] as number);
  deltas.sort();
  const intervals: number[] = [];
  const intervalCounts: number[] = [];
  for (const d of deltas) {
    if (intervals.length > 0 && intervals[intervals.length - 1] === d) {
      intervalCounts[intervalCounts.length - 1]! += 1;
    } else {
      intervals.push(d);
      intervalCounts.push(1);
    }
  }
  let mode = intervals[0] as number;
  let modeCount = 0;
  for (let i = 0; i < intervals.length; i++) {
    if ((intervalCounts[i] as number) > modeCount) {
      modeCount = intervalCounts[i] as number;
      mode = intervals[i] as number;
    }
  }
  const nonZero = deltas.filter((d) => d !== 0);
  if (nonZero.length < 3) throw new RangeError(`need at least 3 non-zero intervals, got ${nonZero.length}`);
  return { ...ritaStatisticalScore(nonZero, 1), intervals, intervalCounts, mode, modeCount };
}

/** RITA `getDataSizeScore`: byte counts, zeros kept, MAD default 0. */
export function ritaDataSizeScore(bytes: ArrayLike<number>): StatisticalScore {
  return ritaStatisticalScore(sortedCopy(bytes), 0);
}

// ---------------------------------------------------------------------------------------------------
// HIST

/** `bins + 1` float edges over [min, max]; the first and last are exact (§1.5). */
export function ritaBinEdges(min: number, max: number, bins: number): number[] {
  if (!(max > min)) throw new RangeError(`histogram window needs max > min, got [${min}, ${max}]`);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const step = (max - min) / bins;
  const edges: number[] = [];
  for (let i = 0; i < bins; i++) edges.push(min + i * step);
  edges.push(max);
  return edges;
}

/** Count timestamps per bin: edgeᵢ ≤ t < edgeᵢ₊₁; below the first edge → bin 0; at or past the end → last bin. */
export function ritaHistogram(min: number, max: number, timestamps: ArrayLike<number>, bins: number): number[] {
  if (timestamps.length === 0) throw new RangeError('histogram needs at least one timestamp');
  const edges = ritaBinEdges(min, max, bins);
  const hist = new Array<number>(bins).fill(0);
  const step = (max - min) / bins;
  for (let j = 0; j < timestamps.length; j++) {
    const t = timestamps[j] as number;
    let i = Math.floor((t - min) / step);
    if (i < 0) i = 0;
    if (i >= bins) i = bins - 1;
    // The division can land one bin off from the float edges; the edges are the rule.
    while (i > 0 && t < (edges[i] as number)) i--;
    while (i < bins - 1 && t >= (edges[i + 1] as number)) i++;
    hist[i]! += 1;
  }
  return hist;
}

export interface FrequencyCounts {
  /** bucket key (floor(h / binSize) · binSize) → number of non-zero bars in it. */
  readonly buckets: ReadonlyMap<number, number>;
  readonly binSize: number;
  /** Non-zero bars. */
  readonly totalBars: number;
  /** Longest run of non-zero bars, counted circularly, at most the number of bars. */
  readonly longestRun: number;
}

/** RITA `getFrequencyCounts` over a histogram. */
export function ritaFrequencyCounts(hist: readonly number[], sensitivity: number): FrequencyCounts {
  if (!(sensitivity > 0)) throw new RangeError(`histogram_mode_sensitivity must be > 0, got ${sensitivity}`);
  let max = 0;
  for (const h of hist) if (h > max) max = h;
  // RITA divides by this; sensitivity 0 passes its validation and divides by zero (§1.5 hazard).
  const binSize = Math.max(1, Math.ceil(max * sensitivity));
  const buckets = new Map<number, number>();
  let totalBars = 0;
  for (const h of hist) {
    if (h === 0) continue;
    totalBars++;
    const key = Math.floor(h / binSize) * binSize;
    buckets.set(key, (buckets.get(key) ?? 0) + 1);
  }
  return { buckets, binSize, totalBars, longestRun: circularLongestRun(hist) };
}

function circularLongestRun(hist: readonly number[]): number {
  const n = hist.length;
  let best = 0;
  let run = 0;
  for (let i = 0; i < 2 * n; i++) {
    if ((hist[i % n] as number) > 0) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return Math.min(best, n);
}

/** RITA's bimodal fit: (top two bucket counts) / max(bars − outliers, 1), or 0 below the minimum bars. */
export function ritaBimodalFit(
  buckets: ReadonlyMap<number, number>,
  totalBars: number,
  minHoursSeen: number,
  outlierRemoval: number,
): number {
  const minBars = minHoursSeen < 6 ? 11 : minHoursSeen; // RITA replaces values < 6 with its default 11
  if (totalBars < minBars) return 0;
  let top = 0;
  let second = 0;
  for (const c of buckets.values()) {
    if (c > top) {
      second = top;
      top = c;
    } else if (c > second) second = c;
  }
  return (top + second) / Math.max(totalBars - outlierRemoval, 1);
}

/** 1 − coefficient of variation of the bars (population SD), rounded; 0 when cv > 1. */
export function ritaCvScore(hist: readonly number[]): number {
  const n = hist.length;
  let sum = 0;
  for (const h of hist) sum += h;
  const mean = sum / n;
  let ss = 0;
  for (const h of hist) ss += (h - mean) * (h - mean);
  const cv = Math.sqrt(ss / n) / mean;
  if (!(cv <= 1)) return 0;
  return round3(1 - cv);
}

export interface HistogramOptions {
  readonly bins: number;
  readonly modeSensitivity: number;
  readonly bimodalMinHoursSeen: number;
  readonly bimodalOutlierRemoval: number;
}

export interface RitaHistogramScore {
  readonly histogram: readonly number[];
  readonly totalBars: number;
  readonly longestRun: number;
  readonly cvScore: number;
  readonly bimodalScore: number;
  /** max(cvScore, bimodalScore). */
  readonly score: number;
}

/** RITA `getHistogramScore` over [min, max] (the dataset window, the same for every pair). */
export function ritaHistogramScore(
  min: number,
  max: number,
  timestamps: ArrayLike<number>,
  options: HistogramOptions,
): RitaHistogramScore {
  const histogram = ritaHistogram(min, max, timestamps, options.bins);
  const freq = ritaFrequencyCounts(histogram, options.modeSensitivity);
  const cvScore = ritaCvScore(histogram);
  const fit = ritaBimodalFit(freq.buckets, freq.totalBars, options.bimodalMinHoursSeen, options.bimodalOutlierRemoval);
  const bimodalScore = Math.min(1, round3(fit));
  return {
    histogram,
    totalBars: freq.totalBars,
    longestRun: freq.longestRun,
    cvScore,
    bimodalScore,
    score: Math.max(cvScore, bimodalScore),
  };
}

// ---------------------------------------------------------------------------------------------------
// DUR

export interface DurationInput {
  readonly datasetMin: number;
  readonly datasetMax: number;
  readonly first: number;
  readonly last: number;
  readonly totalBars: number;
  readonly longestRun: number;
  readonly minHoursSeen: number;
  readonly consistencyIdealHoursSeen: number;
}

export interface RitaDurationScore {
  readonly coverage: number;
  readonly consistency: number;
  /** max(coverage, consistency), or 0 below `minHoursSeen` bars. */
  readonly score: number;
}

/** RITA duration score. Uses ceil3, not round3 (§1.6). */
export function ritaDurationScore(d: DurationInput): RitaDurationScore {
  if (d.minHoursSeen < 1) throw new RangeError('duration_min_hours_seen must be ≥ 1');
  if (d.consistencyIdealHoursSeen < 1) throw new RangeError('duration_consistency_ideal_hours_seen must be ≥ 1');
  if (!(d.datasetMax > d.datasetMin)) throw new RangeError('dataset window needs max > min');
  if (!(d.last > d.first)) throw new RangeError('pair needs last > first');
  if (d.totalBars < d.minHoursSeen) return { coverage: 0, consistency: 0, score: 0 };
  const coverage = Math.min(1, ceil3((d.last - d.first) / (d.datasetMax - d.datasetMin)));
  const consistency = Math.min(1, ceil3(d.longestRun / d.consistencyIdealHoursSeen));
  return { coverage, consistency, score: Math.max(coverage, consistency) };
}

// ---------------------------------------------------------------------------------------------------
// Final score

export interface WeightedScore {
  readonly score: number;
  readonly weight: number;
}

/** RITA `getBeaconScore`: round3(Σ wᵢ·sᵢ); scores and weights in [0, 1] and Σw = 1 (within 1e-9, §1.8). */
export function ritaCombine(parts: readonly WeightedScore[]): number {
  let total = 0;
  let weights = 0;
  for (const { score, weight } of parts) {
    if (!(score >= 0 && score <= 1)) throw new RangeError(`sub-score ${score} outside [0, 1]`);
    if (!(weight >= 0 && weight <= 1)) throw new RangeError(`weight ${weight} outside [0, 1]`);
    total += score * weight;
    weights += weight;
  }
  if (Math.abs(weights - 1) >= 1e-9) throw new RangeError(`weights sum to ${weights}, not 1`);
  return round3(total);
}

/** RITA's bucketed `beacon_threat_score` (§1.7), from the default 50/70/90/100 thresholds. */
export function ritaThreatScore(score: number): number {
  const v = 100 * score;
  if (v < 50) return 0;
  if (v < 70) return 0.2 + (0.2 * (v - 50)) / 20;
  if (v < 90) return 0.4 + (0.2 * (v - 70)) / 20;
  return 0.6 + (0.2 * (Math.min(v, 100) - 90)) / 10;
}

// ---------------------------------------------------------------------------------------------------
// One pair, end to end

export interface RitaConfig {
  /** Minimum distinct seconds (RITA `unique_connection_threshold`, ≥ 4). */
  readonly uniqueConnectionThreshold: number;
  /** A pair with this many connections or more is a strobe, not a beacon. */
  readonly strobeThreshold: number;
  readonly histogram: HistogramOptions;
  readonly durationMinHoursSeen: number;
  readonly durationConsistencyIdealHoursSeen: number;
  /** Weights without DS (Sysmon has no bytes): 1/3 each by default. */
  readonly weights: { readonly ts: number; readonly hist: number; readonly dur: number };
  /** Cut times to whole seconds as RITA does (its UInt32 `ts`). */
  readonly wholeSeconds: boolean;
}

export const RITA_DEFAULTS: RitaConfig = {
  uniqueConnectionThreshold: 4,
  strobeThreshold: 86_400,
  histogram: { bins: 24, modeSensitivity: 0.05, bimodalMinHoursSeen: 11, bimodalOutlierRemoval: 1 },
  durationMinHoursSeen: 6,
  durationConsistencyIdealHoursSeen: 12,
  weights: { ts: 1 / 3, hist: 1 / 3, dur: 1 / 3 },
  wholeSeconds: true,
};

/** The dataset window RITA scores every pair in (§1.1): the last 24 h before the newest timestamp. */
export interface RitaWindow {
  readonly min: number;
  readonly max: number;
  /** RITA selects rows from hour buckets at or after startOfHour(min), so a little before `min` enters. */
  readonly selectFrom: number;
}

export function ritaWindow(oldest: number, newest: number, spanSeconds = 86_400): RitaWindow {
  const min = Math.max(oldest, newest - spanSeconds);
  return { min, max: newest, selectFrom: Math.floor(min / 3600) * 3600 };
}

export interface RitaBeaconResult {
  /** Why the pair was not scored, as RITA would skip it; absent when scored. */
  readonly gate?: string;
  readonly count: number;
  readonly uniqueCount: number;
  readonly score: number;
  readonly ts?: RitaTimestampScore;
  readonly hist?: RitaHistogramScore;
  readonly dur?: RitaDurationScore;
}

/** Score one pair's connection start times the way RITA v5 does, with DS dropped (see the header). */
export function ritaBeacon(
  timestamps: ArrayLike<number>,
  window: RitaWindow,
  config: RitaConfig = RITA_DEFAULTS,
): RitaBeaconResult {
  const selected: number[] = [];
  for (let i = 0; i < timestamps.length; i++) {
    const raw = timestamps[i] as number;
    if (raw < window.selectFrom || raw > window.max) continue;
    selected.push(config.wholeSeconds ? Math.floor(raw) : raw);
  }
  const ts = sortedCopy(selected);
  const count = ts.length;
  let uniqueCount = 0;
  for (let i = 0; i < count; i++) if (i === 0 || ts[i] !== ts[i - 1]) uniqueCount++;
  const base = { count, uniqueCount, score: 0 };
  if (uniqueCount < config.uniqueConnectionThreshold) return { ...base, gate: 'too few distinct timestamps' };
  if (count >= config.strobeThreshold) return { ...base, gate: 'strobe' };
  try {
    const tsScore = ritaTimestampScore(ts);
    const hist = ritaHistogramScore(window.min, window.max, ts, config.histogram);
    const dur = ritaDurationScore({
      datasetMin: window.min,
      datasetMax: window.max,
      first: ts[0] as number,
      last: ts[count - 1] as number,
      totalBars: hist.totalBars,
      longestRun: hist.longestRun,
      minHoursSeen: config.durationMinHoursSeen,
      consistencyIdealHoursSeen: config.durationConsistencyIdealHoursSeen,
    });
    const w = config.weights;
    const score = ritaCombine([
      { score: tsScore.score, weight: w.ts },
      { score: hist.score, weight: w.hist },
      { score: dur.score, weight: w.dur },
    ]);
    return { count, uniqueCount, score, ts: tsScore, hist, dur };
  } catch (err) {
    if (err instanceof RangeError) return { ...base, gate: err.message };
    throw err;
  }
}

export { medianSorted };
