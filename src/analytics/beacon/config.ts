/**
 * Tunables of the c2hunt interval scorer, with their defaults and the reason for each.
 * docs/beacon-scoring.md documents the same table for users; keep the two in step.
 */

export interface BeaconConfig {
  /** Connections closer than this (seconds) belong to one check-in (a burst). */
  readonly burstGap: number;
  /** A burst never spans more than this (seconds), so a strobe does not collapse into one check-in. */
  readonly maxBurstSpan: number;
  /** Fewer check-ins than this are not scored. */
  readonly minCheckins: number;
  /** Harmonics tried when folding missed check-ins: a gap of up to K·P is "K−1 missed check-ins". */
  readonly maxHarmonic: number;
  /** Jitter floor as a share of the period, so perfect series do not get zero-width bands. */
  readonly relativeJitterFloor: number;
  /** Jitter floor in seconds: timestamp resolution and scheduler noise. */
  readonly absoluteJitterFloor: number;
  /** How much full jitter (J = 1) takes off the score: regularity = 1 − jitterPenalty·min(1, J). */
  readonly jitterPenalty: number;
  /** −log10 of the chance that random traffic fits this well at which confidence reaches 1. */
  readonly confidenceLog10: number;
  /** Weight of persistence: score × (1 − w + w·persistence). */
  readonly persistenceWeight: number;
  /** Active span (seconds) that counts as fully persistent, unless the data window is shorter. */
  readonly persistenceIdeal: number;
  /** Exact tier: raw connection times kept per group before switching to the log-binned sketch. */
  readonly exactLimit: number;
  /** Sketch tier: raw times held back to absorb out-of-order arrival. */
  readonly reorderBuffer: number;
  /** Check-ins below which a finding is labelled low confidence. */
  readonly lowConfidenceCheckins: number;
}

export const BEACON_DEFAULTS: BeaconConfig = {
  // beacon-scoring.md §5 step A; Sysmon logs each connection of a check-in (DNS, retry, GET + POST) ms–1 s apart.
  burstGap: 2,
  maxBurstSpan: 30,
  // Five connections (the seed's Atomic test 1) give 4 check-ins at least 3 intervals apart.
  minCheckins: 4,
  // Up to 3 consecutive missed check-ins (§5 table).
  maxHarmonic: 4,
  relativeJitterFloor: 0.01,
  absoluteJitterFloor: 0.25,
  jitterPenalty: 0.25,
  // A 1-in-10,000 fit by chance is full confidence.
  confidenceLog10: 4,
  persistenceWeight: 0.15,
  // RITA's duration_consistency_ideal_hours_seen is 12 hours.
  persistenceIdeal: 12 * 3600,
  exactLimit: 2048,
  reorderBuffer: 256,
  lowConfidenceCheckins: 12,
};

/** Merge user overrides over the defaults, rejecting values that would break the arithmetic. */
export function beaconConfig(overrides: Partial<BeaconConfig> = {}): BeaconConfig {
  const c = { ...BEACON_DEFAULTS, ...overrides };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`beacon config: ${what}`);
  };
  check(c.burstGap >= 0, 'burstGap must be ≥ 0');
  check(c.maxBurstSpan >= c.burstGap, 'maxBurstSpan must be ≥ burstGap');
  check(Number.isInteger(c.minCheckins) && c.minCheckins >= 3, 'minCheckins must be an integer ≥ 3');
  check(Number.isInteger(c.maxHarmonic) && c.maxHarmonic >= 1, 'maxHarmonic must be an integer ≥ 1');
  check(c.relativeJitterFloor > 0 && c.relativeJitterFloor < 0.5, 'relativeJitterFloor must be in (0, 0.5)');
  check(c.absoluteJitterFloor >= 0, 'absoluteJitterFloor must be ≥ 0');
  check(c.jitterPenalty >= 0 && c.jitterPenalty <= 1, 'jitterPenalty must be in [0, 1]');
  check(c.confidenceLog10 > 0, 'confidenceLog10 must be > 0');
  check(c.persistenceWeight >= 0 && c.persistenceWeight <= 1, 'persistenceWeight must be in [0, 1]');
  check(c.persistenceIdeal > 0, 'persistenceIdeal must be > 0');
  check(Number.isInteger(c.exactLimit) && c.exactLimit >= 16, 'exactLimit must be an integer ≥ 16');
  check(Number.isInteger(c.reorderBuffer) && c.reorderBuffer >= 1, 'reorderBuffer must be an integer ≥ 1');
  return c;
}
