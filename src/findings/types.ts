/**
 * A finding: one detection's verdict on one entity (host, process, destination), with its evidence as
 * typed values, a one-line explanation, optional process context, and the detection's guide.
 */
import type { Confidence, EvidenceUnit, Severity } from '../detections/types.js';
import type { Timeline } from './timeline.js';

export type EvidenceValue = number | string | readonly number[] | readonly string[];

export interface Evidence {
  /** The row field it came from. */
  readonly name: string;
  readonly label: string;
  /** Numbers as numbers; multivalues as arrays (numbers when every value is one). */
  readonly value: EvidenceValue;
  readonly unit?: EvidenceUnit | undefined;
}

/** How process context was attached, so an analyst knows a guess from a fact. */
export type ContextMatch =
  /** The detection's own result row carried it. */
  | 'row'
  /** Sysmon EID 1 with the same host and ProcessGuid: exact. */
  | 'process-guid'
  /** The most recent Sysmon EID 1 of the same host and image started before the finding: a best guess. */
  | 'host-image';

export interface ProcessContext {
  readonly match: ContextMatch;
  readonly image?: string | undefined;
  readonly commandLine?: string | undefined;
  readonly parentImage?: string | undefined;
  readonly parentCommandLine?: string | undefined;
  readonly user?: string | undefined;
  readonly processGuid?: string | undefined;
  readonly processId?: string | undefined;
  /** Process start, epoch seconds (EID 1 UtcTime or _time). */
  readonly started?: number | undefined;
  /** A stored string was longer than the index keeps and was cut (with "…"). */
  readonly truncated?: boolean | undefined;
}

/** A sign in the process context (command line, parent) that adds to a finding's risk (context-factors.ts). */
export interface ContextFactor {
  readonly id: string;
  readonly strength: 'strong' | 'moderate';
  /** One line for the analyst, e.g. "PowerShell with an encoded command". */
  readonly label: string;
  /** Risk points it added to the finding (0 for findings below medium). */
  readonly points: number;
}

export interface FindingDetection {
  readonly id: string;
  readonly name: string;
  readonly techniques: readonly string[];
  /** The risk group (docs/risk-ranking.md): findings of one group diminish. */
  readonly group: string;
}

export interface Finding {
  /** Stable: the same detection and entity give the same id on every run. */
  readonly id: string;
  readonly detection: FindingDetection;
  /** "-" when the row named no host. */
  readonly host: string;
  readonly user?: string | undefined;
  /** The process image path. */
  readonly process?: string | undefined;
  readonly processGuid?: string | undefined;
  readonly destIps: readonly string[];
  /** Host or domain names (DestinationHostname, QueryName, a resolved name, a registered domain). */
  readonly destNames: readonly string[];
  readonly ports: readonly number[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** This finding's risk score, 0–100. */
  readonly risk: number;
  /** Connections, queries or events behind the finding. */
  readonly count?: number | undefined;
  /** Epoch seconds. */
  readonly firstSeen?: number | undefined;
  readonly lastSeen?: number | undefined;
  readonly evidence: readonly Evidence[];
  readonly explanation: string;
  readonly context?: ProcessContext | undefined;
  /** Process-context factors found (context-factors.ts); absent when none. */
  readonly factors?: readonly ContextFactor[] | undefined;
  /** The detection's own severity, when a strong process-context factor raised it. */
  readonly severityRaisedFrom?: Severity | undefined;
  readonly guide: readonly string[];
  readonly response: readonly string[];
  readonly timeline?: Timeline | undefined;
}
