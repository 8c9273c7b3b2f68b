/**
 * Indicator and feed-problem types shared by the feed readers and the matcher.
 */

/** What an indicator matches: one address, a network, a domain and its subdomains, or a URL's host. */
export type IndicatorKind = 'ip' | 'cidr' | 'domain' | 'url';

export interface FeedLocation {
  /** 1-based line for text feeds (plain, CSV). */
  readonly line?: number;
  /** A JSON path for STIX and MISP, e.g. `objects[3]` or `Event.Object[1].Attribute[0]`. */
  readonly index?: string;
}

export interface Indicator {
  readonly kind: IndicatorKind;
  /** Normalised: canonical IP, `network/prefix`, lower-case domain without trailing dot, refanged URL. */
  readonly value: string;
  /** What is matched: the value itself, or a URL's host. */
  readonly host: string;
  /** How `host` matches: as an address or network, or as a domain with its subdomains. */
  readonly hostKind: 'ip' | 'cidr' | 'domain';
  /** The feed (file path or a name given by the caller). */
  readonly feed: string;
  readonly location: FeedLocation;
  /** As written in the feed, before refanging and normalisation. */
  readonly raw: string;
  /** Optional context carried from the feed: source list, description, STIX id/name, MISP type. */
  readonly source?: string | undefined;
  readonly description?: string | undefined;
  readonly ref?: string | undefined;
}

/**
 * - error: a bad entry, not loaded;
 * - unsupported: valid in its format but not something c2hunt can match (a file hash, an AND pattern), not loaded;
 * - warning: loaded, with a caveat (a STIX qualifier ignored, a part of an OR pattern skipped).
 */
export type ProblemSeverity = 'error' | 'unsupported' | 'warning';

export interface FeedProblem extends FeedLocation {
  readonly file: string;
  readonly severity: ProblemSeverity;
  readonly reason: string;
  /** The offending value, truncated. */
  readonly value?: string;
}

export interface FeedResult {
  readonly feed: string;
  readonly format: FeedFormat;
  readonly indicators: Indicator[];
  readonly problems: FeedProblem[];
}

export type FeedFormat = 'plain' | 'csv' | 'stix' | 'misp';

/** Shorten attacker-controlled text before it goes into a message. */
export function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
