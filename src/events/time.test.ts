import { describe, expect, it } from 'vitest';
import { formatSystemTime, parseUtcTimestamp } from './time.js';

// Expected epoch values computed independently: 2017-12-26T13:10:29Z is 1514293829
// (17526 days since 1970-01-01 × 86400 + 13h10m29s = 1514246400 + 47429).
describe('parseUtcTimestamp', () => {
  it.each([
    ['2017-12-26T13:10:29.136879100Z', 1514293829.1368791],
    ['2017-12-26 13:10:29.136879', 1514293829.136879],
    ['2017-12-26T13:10:29Z', 1514293829],
    ['2017-12-26 13:10:29.5', 1514293829.5],
    ['2017-12-26T15:10:29+02:00', 1514293829],
    ['2017-12-26T08:10:29-0500', 1514293829],
  ])('%s', (text, expected) => {
    expect(parseUtcTimestamp(text)).toBeCloseTo(expected, 6);
  });

  it.each(['', 'yesterday', '2017-13-01T00:00:00Z', '2017-12-26T25:00:00Z', '2017-12-26'])('rejects %j', (text) => {
    expect(parseUtcTimestamp(text)).toBeNull();
  });
});

describe('formatSystemTime', () => {
  // A double near 1.5e9 resolves about 2.4e-7 s, so only binary fractions are exact here; readers keep
  // the original SystemTime text rather than re-rendering it.
  it('writes seven fraction digits like Windows', () => {
    expect(formatSystemTime(1514293829.125)).toBe('2017-12-26T13:10:29.1250000Z');
    expect(formatSystemTime(1514293829)).toBe('2017-12-26T13:10:29.0000000Z');
  });
});
