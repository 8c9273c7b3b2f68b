/**
 * Helpers shared by the feed readers: building an indicator from a classified value and collecting
 * problems with their location.
 */
import { classifyIndicator } from '../classify.js';
import { clip, type FeedLocation, type FeedProblem, type Indicator, type IndicatorKind, type ProblemSeverity } from '../types.js';

export interface Extra {
  readonly source?: string | undefined;
  readonly description?: string | undefined;
  readonly ref?: string | undefined;
}

export class FeedCollector {
  readonly indicators: Indicator[] = [];
  readonly problems: FeedProblem[] = [];
  constructor(readonly feed: string) {}

  problem(location: FeedLocation, severity: ProblemSeverity, reason: string, value?: string): void {
    this.problems.push({ file: this.feed, ...location, severity, reason, ...(value !== undefined ? { value: clip(value) } : {}) });
  }

  /** Classify and keep `raw`, or record why not. Returns whether it was loaded. */
  value(raw: string, location: FeedLocation, extra: Extra = {}, expect?: ReadonlySet<IndicatorKind>): boolean {
    const r = classifyIndicator(raw, expect);
    if (!r.ok) {
      this.problem(location, 'error', r.reason, raw);
      return false;
    }
    this.indicators.push({ ...r.indicator, feed: this.feed, location, raw, ...dropUndefined(extra) });
    return true;
  }
}

function dropUndefined(extra: Extra): Extra {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}
