import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUtcTimestamp } from '../../../events/time.js';
import { fileTimeEpoch, formatFileTime, parseWindowsTime } from './filetime.js';

/** FILETIME from its definition: 100 ns ticks since 1601-01-01T00:00:00Z (11644473600 s before 1970). */
function split(ticks: bigint): [number, number] {
  return [Number(ticks & 0xffffffffn), Number(ticks >> 32n)];
}

describe('formatFileTime', () => {
  it.each([
    [0n, '1601-01-01T00:00:00.0000000Z'],
    [116444736000000000n, '1970-01-01T00:00:00.0000000Z'],
    // 2016-07-08T18:12:51Z = Unix 1468001571: (1468001571 + 11644473600)·10^7 + 6816408
    [131124751716816408n, '2016-07-08T18:12:51.6816408Z'],
    // A leap day: 2000-02-29T23:59:59Z = Unix 951868799
    [(951868799n + 11644473600n) * 10000000n + 9999999n, '2000-02-29T23:59:59.9999999Z'],
    // 2^63-1 ticks, the largest time Windows' FileTimeToSystemTime accepts: 30828-09-14T02:48:05.4775807Z
    [2n ** 63n - 1n, '30828-09-14T02:48:05.4775807Z'],
  ])('%s → %s', (ticks, text) => {
    const [lo, hi] = split(ticks);
    expect(formatFileTime(lo, hi)).toBe(text);
  });

  it('agrees with BigInt arithmetic and Date for any tick count, and round-trips through _time', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), (ticks) => {
        const [lo, hi] = split(ticks);
        const text = formatFileTime(lo, hi);
        const secs = ticks / 10000000n - 11644473600n;
        const frac = String(ticks % 10000000n).padStart(7, '0');
        const d = new Date(Number(secs) * 1000);
        if (d.getUTCFullYear() >= 1000 && d.getUTCFullYear() <= 9999) {
          expect(text).toBe(`${d.toISOString().slice(0, 19)}.${frac}Z`);
          // The fast parser gives exactly the double the shared parser gives.
          expect(parseWindowsTime(text)).toBe(parseUtcTimestamp(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fileTimeEpoch is parseWindowsTime of the formatted text, for any tick count', () => {
    const edges = [0n, 2_650_467_743_999_999_999n, 2_650_467_744_000_000_000n, 2n ** 63n - 1n, 2n ** 64n - 1n];
    fc.assert(
      fc.property(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(...edges)), (ticks) => {
        const [lo, hi] = split(ticks);
        expect(fileTimeEpoch(lo, hi)).toBe(parseWindowsTime(formatFileTime(lo, hi)));
      }),
      { numRuns: 500 },
    );
  });

  it('parseWindowsTime rejects other shapes', () => {
    expect(parseWindowsTime('2016-07-08 18:12:51.681641')).toBeNull();
    expect(parseWindowsTime('2016-13-08T18:12:51.6816408Z')).toBeNull();
  });
});
