import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exactToSystemTime, formatSystemTime, parseExactTime, parseUtcTimestamp } from './time.js';

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

describe('the hand-read timestamp path agrees with ISO_RE (the definition)', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const piece = fc.oneof(
    digits(1), digits(2), digits(4), digits(9), digits(10),
    fc.constantFrom('-', ':', 'T', 't', ' ', 'Z', 'z', '.', ',', '+', '+05:30', '-0800', '+00:00', '\t', '\u00a0', '\ufeff', 'x'),
  );
  const stamp = fc.record({
    y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 61 }), s: fc.integer({ min: 0, max: 61 }),
    sep: fc.constantFrom('T', 't', ' ', '_'), frac: fc.oneof(fc.constant(''), fc.constantFrom('.', ','). chain((c) => digits(1).map((x) => c + x)), digits(9).map((x) => `.${x}`), digits(10).map((x) => `.${x}`), fc.constant('.')),
    zone: fc.constantFrom('', 'Z', 'z', '+02:00', '-0500', '+1', ' Z', '+99:99', '-00:00', 'Zx'),
    pad: fc.constantFrom('', ' ', '\n'),
  }).map((r) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${r.pad}${p(r.y, 4)}-${p(r.mo)}-${p(r.d)}${r.sep}${p(r.h)}:${p(r.mi)}:${p(r.s)}${r.frac}${r.zone}${r.pad}`;
  });
  const text = fc.oneof(stamp, fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), fc.string());

  it('parseUtcTimestamp and parseExactTime give the same result either way', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(parseUtcTimestamp(t)).toBe(parseUtcTimestamp(t, false));
        expect(parseExactTime(t)).toEqual(parseExactTime(t, false));
      }),
      { numRuns: 3000 },
    );
  });

  it('exactToSystemTime renders as Date.toISOString does', () => {
    const seconds = fc.oneof(fc.integer({ min: -62167219200, max: 253402300799 + 86400 * 400 }), fc.integer({ min: 1.5e9, max: 1.8e9 }));
    fc.assert(
      fc.property(seconds, fc.integer({ min: -86400, max: 86400 }), digits(3), (s, shift, frac) => {
        const t = { seconds: s, fraction: frac };
        expect(exactToSystemTime(t, shift)).toBe(exactToSystemTime(t, shift, false));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the common forms by hand to the values written out by hand', () => {
    // 2017-12-26T13:10:29Z = 1514293829 (see above); +05:30 is 19800 s east, -0800 is 28800 s west.
    expect(parseUtcTimestamp('2017-12-26T18:40:29.25+05:30')).toBe(1514293829.25);
    expect(parseUtcTimestamp('2017-12-26 05:10:29-0800')).toBe(1514293829);
    expect(parseExactTime('2017-12-26T13:10:29.1368791z')).toEqual({ seconds: 1514293829, fraction: '1368791' });
    expect(exactToSystemTime({ seconds: 1514293829, fraction: '1368791' }, -3600)).toBe('2017-12-26T12:10:29.1368791Z');
  });
});
