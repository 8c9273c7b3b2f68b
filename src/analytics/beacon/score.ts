/**
 * The c2hunt interval scorer: how sure are we that a group's check-ins follow a period?
 *
 * Starts from beacon-scoring.md §5 (burst collapse, median period over a core set, harmonic folding of
 * missed check-ins) and changes how the evidence is combined, because §5's 0.55·S_per + 0.25·O + 0.20·V
 * gives Poisson traffic about 0.5: its explained share F is already ~0.6 by chance (the bands are wide
 * when jitter is), and O and V reward any long-lived traffic. Here:
 *
 *   F0 = the share of intervals that would land in the same period bands if the traffic were a Poisson
 *        process with the same mean interval (exponential intervals, computed in closed form);
 *   E  = (F − F0) / (1 − F0), the excess over chance (0 for random traffic at any jitter);
 *   R  = 1 − jitterPenalty·min(1, J), J = δ/P, a mild preference for tight timing;
 *   C  = confidence that the fit is not chance: −log10 of a binomial tail (Chernoff bound) of the
 *        explained count against F0, with the two intervals used to fit P and δ taken out, over
 *        `confidenceLog10`; this is what lets 5 connections count and keeps 5 random ones low;
 *   V  = persistence: active span over min(data window, 12 h);
 *   score = E · R · C · (1 − w + w·V).
 *
 * Each factor is reported, so an analyst can see why a group scored as it did.
 */
import type { BeaconConfig } from './config.js';
import {
  countIn,
  rangeIndices,
  weightedMad,
  weightedMedian,
  weightedQuantile,
  type IntervalDistribution,
} from './distribution.js';
import { formatCount, formatDuration, formatSpan } from './format.js';

/** What the caller knows about the group besides its intervals. */
export interface GroupContext {
  readonly connections: number;
  readonly checkins: number;
  readonly first: number;
  readonly last: number;
  /** The data window the group was observed in (for persistence); defaults to the group's own span. */
  readonly windowStart?: number | undefined;
  readonly windowEnd?: number | undefined;
  readonly burstMedian: number;
  readonly burstMax: number;
  readonly hoursActive: number;
  readonly daysActive: number;
  readonly lateEvents: number;
  readonly tier: 'exact' | 'sketch';
}

export type Confidence = 'none' | 'low' | 'medium' | 'high';

export interface BeaconScore {
  /** In [0, 1], three decimals. */
  readonly score: number;
  readonly scored: boolean;
  /** Why the group was not scored. */
  readonly reason?: string;
  readonly confidence: Confidence;
  readonly connections: number;
  readonly checkins: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly span: number;
  /** Estimated period P (seconds). */
  readonly period: number;
  readonly medianInterval: number;
  readonly meanInterval: number;
  /** MAD and IQR of the core intervals (those within 0.5P–1.5P). */
  readonly intervalMad: number;
  readonly intervalIqr: number;
  readonly p10Interval: number;
  readonly p90Interval: number;
  /** δ (seconds) and J = δ/P. */
  readonly jitterSeconds: number;
  readonly jitter: number;
  readonly missedCheckins: number;
  readonly unexplainedIntervals: number;
  readonly expectedCheckins: number;
  /** checkins / (checkins + missed). */
  readonly occupancy: number;
  /** Active span over the data window (RITA's coverage). */
  readonly coverage: number;
  readonly burstMedian: number;
  readonly burstMax: number;
  readonly hoursActive: number;
  readonly daysActive: number;
  readonly lateEvents: number;
  readonly tier: 'exact' | 'sketch';
  readonly factors: {
    readonly explained: number;
    readonly chance: number;
    readonly excess: number;
    readonly regularity: number;
    readonly fitConfidence: number;
    readonly persistence: number;
  };
  readonly explanation: string;
}

interface Fit {
  readonly period: number;
  readonly delta: number;
  readonly coreMad: number;
  readonly coreIqr: number;
  readonly explained: number;
  readonly missed: number;
  readonly chance: number;
  readonly excess: number;
}

const LN10 = Math.log(10);

function fitAt(d: IntervalDistribution, seed: number, median: number, cfg: BeaconConfig): Fit | null {
  if (!(seed > 0)) return null;
  const [a, b] = rangeIndices(d, 0.5 * seed, 1.5 * seed);
  if (countIn(d, a, b) < 2) return null;
  const period = weightedMedian(d, a, b);
  const [ca, cb] = rangeIndices(d, 0.5 * period, 1.5 * period);
  const coreMad = weightedMad(d, period, ca, cb);
  const coreIqr = coreQuantile(d, ca, cb, 0.75) - coreQuantile(d, ca, cb, 0.25);
  const floor = Math.max(cfg.relativeJitterFloor * period, cfg.absoluteJitterFloor);
  // 1.4826·MAD estimates σ for normal jitter; the floors keep perfect series from zero-width bands.
  const delta = Math.max(1.4826 * coreMad, floor);
  // The band around P is sized from the core's own 95th-percentile deviation rather than 3δ: 3δ is
  // twice the real half-width for uniform (CS, Empire) jitter, and wide bands make chance fits easy.
  const r95 = weightedMad(d, period, ca, cb, 0.95);
  const tau1 = Math.min(0.5 * period, Math.max(1.25 * r95, 3 * floor));
  // Random traffic as a Poisson process whose median interval matches ours (exponential median = μ·ln 2).
  // The median, not the mean: human traffic's overnight gaps inflate the mean and would make the bulk of
  // its intervals look improbably concentrated.
  const mu = median / Math.LN2;
  let explained = 0;
  let missed = 0;
  let chance = 0;
  for (let k = 1; k <= cfg.maxHarmonic; k++) {
    // A gap of k periods sums k jitters (spread ×√k). Once that band would reach the next harmonic,
    // k-gaps cannot be told from (k±1)-gaps and the fit stops claiming them (§5's τₖ cap tiled the
    // whole axis at high jitter, so any series "explained" itself with a sub-multiple of its median).
    const tau = Math.sqrt(k) * tau1;
    if (k > 1 && tau > 0.5 * period) break;
    const lo = k * period - tau;
    const hi = k * period + tau;
    const [ia, ib] = rangeIndices(d, lo, hi);
    const c = countIn(d, ia, ib);
    explained += c;
    missed += (k - 1) * c;
    chance += Math.exp(-lo / mu) - Math.exp(-hi / mu);
  }
  const f = explained / d.total;
  const excess = chance < 1 ? Math.max(0, (f - chance) / (1 - chance)) : 0;
  return { period, delta, coreMad, coreIqr, explained, missed, chance, excess };
}

function coreQuantile(d: IntervalDistribution, from: number, to: number, q: number): number {
  const n = countIn(d, from, to);
  const pos = Math.round(q * (n - 1));
  let acc = 0;
  for (let i = from; i < to; i++) {
    acc += d.weights[i] as number;
    if (pos < acc) return d.values[i] as number;
  }
  return d.values[to - 1] as number;
}

/**
 * −log10 P(X ≥ x) for X ~ Binomial(m, p0) by the Chernoff bound m·KL(x/m ‖ p0): exact when x = m, and an
 * under-estimate otherwise, so the confidence errs low. Two intervals are spent fitting P and δ.
 */
export function fitSignificance(explained: number, total: number, chance: number): number {
  const m = total - 2;
  const x = explained - 2;
  if (m <= 0 || x <= 0) return 0;
  const f = Math.min(1, x / m);
  const p0 = Math.min(1 - 1e-12, Math.max(1e-12, chance));
  if (f <= p0) return 0;
  const kl = f * Math.log(f / p0) + (f < 1 ? (1 - f) * Math.log((1 - f) / (1 - p0)) : 0);
  return (m * kl) / LN10;
}

/** Score a group from its interval distribution and context. */
export function scoreIntervals(d: IntervalDistribution, ctx: GroupContext, cfg: BeaconConfig): BeaconScore {
  const span = ctx.checkins > 0 ? ctx.last - ctx.first : 0;
  const base = {
    connections: ctx.connections,
    checkins: ctx.checkins,
    firstSeen: ctx.first,
    lastSeen: ctx.last,
    span,
    burstMedian: ctx.burstMedian,
    burstMax: ctx.burstMax,
    hoursActive: ctx.hoursActive,
    daysActive: ctx.daysActive,
    lateEvents: ctx.lateEvents,
    tier: ctx.tier,
  };
  const median = d.total > 0 ? weightedMedian(d) : Number.NaN;
  if (ctx.checkins < cfg.minCheckins || d.total < cfg.minCheckins - 1) {
    return unscored(base, d, median, `fewer than ${cfg.minCheckins} check-ins`);
  }
  // Seeds: the median, and its halves and thirds, which recover P when half or more check-ins are missed
  // and the median lands on 2P or 3P. The winner explains the most beyond chance with the fewest invented
  // missed check-ins (a sub-multiple of P "explains" everything but needs a missed check-in per interval).
  let best: Fit | null = null;
  let bestObjective = -1;
  for (const seed of [median, median / 2, median / 3]) {
    const fit = fitAt(d, seed, median, cfg);
    if (fit === null) continue;
    const objective = fit.excess * (ctx.checkins / (ctx.checkins + fit.missed));
    if (objective > bestObjective) {
      best = fit;
      bestObjective = objective;
    }
  }
  if (best === null) return unscored(base, d, median, 'no interval pattern');

  const jitter = best.delta / best.period;
  const regularity = 1 - cfg.jitterPenalty * Math.min(1, jitter);
  const fitConfidence = Math.min(1, fitSignificance(best.explained, d.total, best.chance) / cfg.confidenceLog10);
  const windowLength =
    ctx.windowStart !== undefined && ctx.windowEnd !== undefined && ctx.windowEnd > ctx.windowStart
      ? ctx.windowEnd - ctx.windowStart
      : undefined;
  const persistence = Math.min(1, span / Math.min(windowLength ?? Infinity, cfg.persistenceIdeal));
  const coverage = windowLength !== undefined ? Math.min(1, span / windowLength) : 1;
  const raw =
    best.excess * regularity * fitConfidence * (1 - cfg.persistenceWeight + cfg.persistenceWeight * persistence);
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
  const confidence: Confidence =
    fitConfidence === 0 ? 'none' : ctx.checkins < cfg.lowConfidenceCheckins || fitConfidence < 0.5 ? 'low' : fitConfidence < 1 ? 'medium' : 'high';
  const result = {
    ...base,
    score,
    scored: true,
    confidence,
    period: best.period,
    medianInterval: median,
    meanInterval: d.sum / d.total,
    intervalMad: best.coreMad,
    intervalIqr: best.coreIqr,
    p10Interval: weightedQuantile(d, 0.1),
    p90Interval: weightedQuantile(d, 0.9),
    jitterSeconds: best.delta,
    jitter,
    missedCheckins: best.missed,
    unexplainedIntervals: d.total - best.explained,
    expectedCheckins: Math.round(span / best.period) + 1,
    occupancy: ctx.checkins / (ctx.checkins + best.missed),
    coverage,
    factors: {
      explained: best.explained / d.total,
      chance: best.chance,
      excess: best.excess,
      regularity,
      fitConfidence,
      persistence,
    },
  };
  return { ...result, explanation: explain(result) };
}

type Base = Pick<
  BeaconScore,
  | 'connections'
  | 'checkins'
  | 'firstSeen'
  | 'lastSeen'
  | 'span'
  | 'burstMedian'
  | 'burstMax'
  | 'hoursActive'
  | 'daysActive'
  | 'lateEvents'
  | 'tier'
>;

function unscored(base: Base, d: IntervalDistribution, median: number, reason: string): BeaconScore {
  const result = {
    ...base,
    score: 0,
    scored: false,
    reason,
    confidence: 'none' as const,
    period: Number.NaN,
    medianInterval: median,
    meanInterval: d.total > 0 ? d.sum / d.total : Number.NaN,
    intervalMad: Number.NaN,
    intervalIqr: Number.NaN,
    p10Interval: d.total > 0 ? weightedQuantile(d, 0.1) : Number.NaN,
    p90Interval: d.total > 0 ? weightedQuantile(d, 0.9) : Number.NaN,
    jitterSeconds: Number.NaN,
    jitter: Number.NaN,
    missedCheckins: 0,
    unexplainedIntervals: d.total,
    expectedCheckins: base.checkins,
    occupancy: Number.NaN,
    coverage: Number.NaN,
    factors: { explained: 0, chance: 0, excess: 0, regularity: 0, fitConfidence: 0, persistence: 0 },
  };
  return { ...result, explanation: explain(result) };
}

/** One line for an analyst. */
function explain(r: Omit<BeaconScore, 'explanation'>): string {
  const conns = `${formatCount(r.connections)} connection${r.connections === 1 ? '' : 's'}`;
  if (!r.scored) return `not scored (${r.reason}): ${conns}`;
  const over = `over ${formatSpan(r.span)}`;
  const extras: string[] = [];
  if (r.missedCheckins > 0) extras.push(`${formatCount(r.missedCheckins)} missed`);
  if (r.burstMedian > 1) extras.push(`${r.burstMedian} connections per check-in`);
  if (r.unexplainedIntervals > 0) extras.push(`${formatCount(r.unexplainedIntervals)} off-period`);
  const tail = extras.length > 0 ? ` (${extras.join(', ')})` : '';
  if (r.score >= 0.5) {
    return `regular ${formatDuration(r.period)} ± ${formatDuration(r.jitterSeconds)} check-ins ${over}, ${conns}${tail}`;
  }
  const word = r.score >= 0.25 ? 'weakly periodic' : 'irregular';
  return `${word}: intervals ${formatDuration(r.p10Interval)}–${formatDuration(r.p90Interval)} (median ${formatDuration(r.medianInterval)}) ${over}, ${conns}`;
}
