/**
 * Severity and confidence levels: their order, and reading them from row values.
 */
import type { Confidence, Severity } from '../detections/types.js';

export const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

const SEVERITY_RANK: Record<Severity, number> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

export function confidenceRank(c: Confidence): number {
  return CONFIDENCE_RANK[c];
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

export function maxConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_RANK[b] > CONFIDENCE_RANK[a] ? b : a;
}

/** One level up, capped at high. */
export function raiseConfidence(c: Confidence): Confidence {
  return c === 'low' ? 'medium' : 'high';
}

// Aliases seen in rule packs and tools: Sigma's `informational`, ES's `info`, numbers 1–5 as urgency.
const SEVERITY_ALIASES: Record<string, Severity> = {
  informational: 'informational',
  info: 'informational',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  high: 'high',
  critical: 'critical',
};

const CONFIDENCE_ALIASES: Record<string, Confidence> = {
  none: 'low',
  low: 'low',
  medium: 'medium',
  moderate: 'medium',
  high: 'high',
};

/** A severity from text (case-insensitive), or undefined. */
export function parseSeverity(text: string): Severity | undefined {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(SEVERITY_ALIASES, key) ? SEVERITY_ALIASES[key] : undefined;
}

/** A confidence from text (case-insensitive; the beacon scorer's `none` reads as low), or undefined. */
export function parseConfidence(text: string): Confidence | undefined {
  const key = text.trim().toLowerCase();
  return Object.hasOwn(CONFIDENCE_ALIASES, key) ? CONFIDENCE_ALIASES[key] : undefined;
}
