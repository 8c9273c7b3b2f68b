/**
 * Order-statistic aggregates (SR-Agg): min, max, median, perc<N>/p<N>, exactperc<N>, upperperc<N>, mode.
 *
 * - min/max read values "as numbers if possible" and sort "numbers before non-numeric items"
 *   (1, 2, 4, 9, 100, a, b, c), so min is the smallest number when there is one and max the greatest
 *   string when there is one; strings compare by UTF-8 bytes. A numeric result is a number ("01" → 1).
 * - perc/exactperc/upperperc interpolate linearly at rank p/100·(n−1) over the numeric values: the docs'
 *   examples (perc50 of 1..10 = 5.5, perc95 = 9.55) fit exactly that, although the prose says "nearest
 *   rank" (spl-semantics §4.3 [DOC-EX + FIT]). c2hunt is always exact, so the three coincide.
 * - median is the upper of the two middle values for an even count, as the docs state for median
 *   ("approximated to the higher of the two values") [DOC]; use exactperc50 for the interpolated value.
 * - mode is the most frequent value as a string; a tie goes to the value seen first [UNCONFIRMED].
 */
import { compareLexicographic } from '../../events/compare.js';
import type { Value } from '../../events/event.js';
import type { AggregateDef, Aggregator } from './types.js';
import { forEachNumber, forEachValue, textOf } from './input.js';
import { toNumber } from '../../events/number.js';
import { ValueCounts } from './value-counts.js';

function extreme(kind: 'min' | 'max'): Aggregator {
  let num: number | null = null;
  let str: string | null = null;
  return {
    add: (v) => forEachValue(v, (x) => {
      const n = toNumber(x);
      if (n !== null) {
        if (num === null || (kind === 'min' ? n < num : n > num)) num = n;
      } else {
        const s = textOf(x);
        if (str === null || (kind === 'min' ? compareLexicographic(s, str) < 0 : compareLexicographic(s, str) > 0)) str = s;
      }
    }),
    result: () => (kind === 'min' ? (num ?? str) : (str ?? num)),
  };
}

/** Linear interpolation at rank p/100·(n−1) over sorted values (R-7, Excel PERCENTILE.INC). */
export function percentileInterpolated(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0] as number;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (rank - lo) * (b - a);
}

function collected(result: (sorted: number[]) => number): Aggregator {
  const values: number[] = [];
  return {
    add: (v) => forEachNumber(v, (x) => void values.push(x)),
    result: () => (values.length === 0 ? null : result(values.slice().sort((a, b) => a - b))),
  };
}

function percentile(param?: number): Aggregator {
  const p = param ?? 50;
  return collected((sorted) => percentileInterpolated(sorted, p));
}

class Mode extends ValueCounts implements Aggregator {
  result(): Value {
    // Iteration follows first sight, so the first value to reach the top count wins ties.
    let best: string | null = null;
    let bestCount = 0;
    for (const [k, c] of this.entries()) {
      if (c > bestCount) {
        best = k;
        bestCount = c;
      }
    }
    return best;
  }
}

const mode = (): Aggregator => new Mode();

export const orderAggregates: readonly AggregateDef[] = [
  { name: 'min', field: 'required', create: () => extreme('min') },
  { name: 'max', field: 'required', create: () => extreme('max') },
  { name: 'median', field: 'required', create: () => collected((s) => s[Math.floor(s.length / 2)] as number) },
  { name: 'perc', aliases: ['p'], field: 'required', create: percentile },
  { name: 'exactperc', field: 'required', create: percentile },
  { name: 'upperperc', field: 'required', create: percentile },
  { name: 'mode', field: 'required', create: mode },
];
