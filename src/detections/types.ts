/**
 * The parts of a detection that its findings need: identity, ATT&CK techniques, the risk it carries,
 * the analyst's guide and the `finding:` block that maps an SPL result row to a finding.
 *
 * Types only, so `findings/` can depend on them without depending on the loader. The loader's own
 * `Detection` (search text, data sources, tuning...) extends `DetectionInfo`. The `finding:` block keeps
 * the YAML's snake_case keys, because it is handed through as written and checked by
 * `checkFindingMapping` in findings/ (docs/risk-ranking.md § Mapping rows to findings).
 */

/** Splunk ES notable urgency/severity levels, lowest first. */
export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

/** How sure a detection is that a hit is malicious (security_content's confidence, as a level). */
export type Confidence = 'low' | 'medium' | 'high';

/**
 * How an evidence number reads:
 * count (1,440), seconds (an interval: "60 s"), epoch (a time: ISO 8601 UTC), ratio (0–1 shown as %),
 * score (0–1, three decimals), bytes, text (shown as is).
 */
export type EvidenceUnit = 'count' | 'seconds' | 'epoch' | 'ratio' | 'score' | 'bytes' | 'text';

/** A row field to read, or several: the first one present (not null, "" or "-") wins. */
export type FieldRef = string | readonly string[];

export interface EvidenceSpec {
  readonly field: string;
  /** Shown to analysts; defaults to the field name. */
  readonly label?: string;
  readonly unit?: EvidenceUnit;
}

/**
 * `finding:` in a detection's YAML. Every key is optional; entity keys default to the Sysmon field names
 * (host → host, process → Image, dest_ip → DestinationIp, dest_domain → DestinationHostname then
 * QueryName, ports → DestinationPort...). See docs/risk-ranking.md for the full table.
 */
export interface FindingMapping {
  readonly host?: FieldRef;
  readonly user?: FieldRef;
  readonly process?: FieldRef;
  readonly process_guid?: FieldRef;
  readonly command_line?: FieldRef;
  readonly parent_image?: FieldRef;
  readonly parent_command_line?: FieldRef;
  readonly dest_ip?: FieldRef;
  readonly dest_domain?: FieldRef;
  readonly ports?: FieldRef;
  readonly count?: FieldRef;
  readonly first_seen?: FieldRef;
  readonly last_seen?: FieldRef;
  /** A multivalue of connection times (epoch seconds or timestamps) for the beacon timeline. */
  readonly timeline?: FieldRef;
  /**
   * A multivalue histogram of intervals computed by the detection over every connection (c2beacon's
   * `beacon_intervals`: `total N`, `median S`, `zero N`, `LO HI COUNT`...); drawn instead of one made
   * from `timeline`, which may be a sample.
   */
  readonly intervals?: FieldRef;
  /** A row field holding this finding's risk score (0–100), replacing the detection's. */
  readonly risk_score?: FieldRef;
  /** A row field in [0, 1] that scales the detection's risk score (a beacon score, for example). */
  readonly risk_factor?: FieldRef;
  /** A row field holding a severity level name, replacing the detection's when valid. */
  readonly severity?: FieldRef;
  /** A row field holding a confidence level name (`none` reads as low), replacing the detection's. */
  readonly confidence?: FieldRef;
  readonly evidence?: ReadonlyArray<string | EvidenceSpec>;
  /** One line with `{Field}` or `{Field:format}` placeholders; `{{` and `}}` are literal braces. */
  readonly explain?: string;
}

export interface DetectionInfo {
  readonly id: string;
  readonly name: string;
  /** ATT&CK technique ids (`T1071.001`). */
  readonly techniques: readonly string[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Risk of one finding on Splunk's 0–100 scale (security_content: impact × confidence / 100). */
  readonly riskScore: number;
  /**
   * Detections of one kind (e.g. two beaconing analytics) share a group, and repeated findings within a
   * group diminish (docs/risk-ranking.md). Defaults to the detection id.
   */
  readonly riskGroup?: string;
  /** Short investigation steps and response steps, written for this detection. */
  readonly guide?: readonly string[];
  readonly response?: readonly string[];
  readonly finding?: FindingMapping;
}
