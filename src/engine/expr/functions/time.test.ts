import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, callOn, dynamic, eventOf, TEST_CONTEXT } from '../../../../test/helpers/eval-call.js';
import type { EvalContext } from '../types.js';
import { PlanError } from '../../../errors.js';
import { compileStrftime } from '../../../events/strftime.js';

// Reference instants come from Date.UTC, independent of the code under test.
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const T = utc(2024, 5, 1, 13, 34, 56); // Wednesday 2024-05-01 13:34:56 UTC, day 122 of a leap year
const NY: EvalContext = { ...TEST_CONTEXT, tz: 'America/New_York' };

function strftime(t: number, format: string, ctx: EvalContext = TEST_CONTEXT): unknown {
  return callOn(eventOf({}), ctx, 'strftime', dynamic(t), format);
}

describe('strftime (SR-DT, SR-TimeVars, spl-semantics §2.5)', () => {
  it('renders the seed query bucket "%Y-%m-%d %H:00:00" as 2024-05-01 13:00:00 in UTC (§2.5, §9 step 3)', () => {
    expect(strftime(T, '%Y-%m-%d %H:00:00')).toBe('2024-05-01 13:00:00');
  });

  it('renders in the run time zone (user-prefs tz): 09:00 in New York (EDT)', () => {
    expect(strftime(T, '%Y-%m-%d %H:00:00', NY)).toBe('2024-05-01 09:00:00');
    expect(strftime(T, '%z %:z %::z %Z', NY)).toBe('-0400 -04:00 -04:00:00 EDT');
    expect(strftime(T, '%z %Z')).toBe('+0000 UTC');
  });

  it.each([
    ['%T', '13:34:56'],
    ['%F', '2024-05-01'],
    ['%s', String(T)],
    ['%j', '122'],
    ['%a %A %b %B %h', 'Wed Wednesday May May May'],
    ['%I %p %l', '01 PM  1'],
    ['%e|%k', ' 1|13'],
    ['%y %m %d', '24 05 01'],
    ['%w %u', '3 3'],
    ['%U %W %V %G', '17 18 18 2024'],
    ['%c', 'Wed May  1 13:34:56 2024'],
    ['%x %X', '05/01/24 13:34:56'],
    ['%+', 'Wed May  1 13:34:56 UTC 2024'],
    ['100%% at %H', '100% at 13'],
    ['%q stays', '%q stays'],
  ])('%s → %j', (format, expected) => {
    expect(strftime(T, format)).toBe(expected);
  });

  it('prints subseconds with %N (9 digits), %3N, %6N, %Q (3) and %f (6), truncating', () => {
    const t = T + 0.136879;
    expect(strftime(t, '%N|%3N|%6N|%Q|%6Q|%f')).toBe('136879000|136|136879|136|136879|136879');
    expect(strftime(T + 0.9999, '%3N')).toBe('999');
  });

  it('follows DST transitions (US spring forward on 2024-03-10 at 07:00 UTC)', () => {
    expect(strftime(utc(2024, 3, 10, 6, 30), '%H:%M %Z', NY)).toBe('01:30 EST');
    expect(strftime(utc(2024, 3, 10, 7, 0), '%H:%M %Z', NY)).toBe('03:00 EDT');
  });

  it('is null for a non-numeric time', () => {
    expect(call('strftime', dynamic('soon'), '%F')).toBeNull();
  });
});

describe('strptime (SR-DT)', () => {
  it.each<[string, string, number]>([
    ['2024-05-01 13:00:00', '%Y-%m-%d %H:%M:%S', utc(2024, 5, 1, 13)],
    ['2024-05-01T13:00:00+0200', '%Y-%m-%dT%H:%M:%S%z', utc(2024, 5, 1, 11)],
    ['2024-05-01T13:00:00Z', '%Y-%m-%dT%H:%M:%S%z', utc(2024, 5, 1, 13)],
    ['2024-05-01 13:00:00 UTC', '%Y-%m-%d %H:%M:%S %Z', utc(2024, 5, 1, 13)],
    ['May 1 2024', '%b %d %Y', utc(2024, 5, 1)],
    ['1 March 2024', '%d %B %Y', utc(2024, 3, 1)],
    ['5/1/24 01:30 PM', '%m/%d/%y %I:%M %p', utc(2024, 5, 1, 13, 30)],
    ['12:00 AM', '%I:%M %p', utc(1970, 1, 1, 0)],
    ['1714570496', '%s', 1714570496],
    ['69-01-01', '%y-%m-%d', utc(1969, 1, 1)],
    ['2024/122', '%Y/%j', utc(2024, 5, 1)],
  ])('strptime(%j, %j)', (text, format, expected) => {
    expect(call('strptime', text, format)).toBe(expected);
  });

  it('keeps subseconds', () => {
    expect(call('strptime', '13:00:00.250', '%H:%M:%S.%3N')).toBe(utc(1970, 1, 1, 13) + 0.25);
  });

  it('parses in the run time zone when the text has none', () => {
    expect(callOn(eventOf({}), NY, 'strptime', '2024-05-01 09:00:00', '%Y-%m-%d %H:%M:%S')).toBe(utc(2024, 5, 1, 13));
    expect(callOn(eventOf({}), TEST_CONTEXT, 'strptime', '2024-05-01 09:00:00 America/New_York', '%Y-%m-%d %H:%M:%S %Z')).toBe(
      utc(2024, 5, 1, 13),
    );
  });

  it('accepts numbers without leading zeros (SR-TimeVars)', () => {
    expect(call('strptime', '2024-5-1 9:5:7', '%Y-%m-%d %H:%M:%S')).toBe(utc(2024, 5, 1, 9, 5, 7));
  });

  it('is null when the text does not fit the format', () => {
    expect(call('strptime', '2024-13-01', '%Y-%m-%d')).toBeNull();
    expect(call('strptime', '2024-02-30', '%Y-%m-%d')).toBeNull();
    expect(call('strptime', '2024/05/01', '%Y-%m-%d')).toBeNull();
    expect(call('strptime', 'x 2024', '%Y')).toBeNull();
    expect(call('strptime', '2024 Nowhere/Zone', '%Y %Z')).toBeNull();
  });

  it('reads back what strftime writes, in zones without DST', () => {
    for (const tz of ['UTC', 'Asia/Kolkata']) {
      const ctx = { ...TEST_CONTEXT, tz };
      fc.assert(
        fc.property(fc.integer({ min: utc(1971, 1, 1), max: utc(2037, 12, 31) }), (t) => {
          const text = callOn(eventOf({}), ctx, 'strftime', dynamic(t), '%Y-%m-%d %H:%M:%S');
          expect(callOn(eventOf({}), ctx, 'strptime', dynamic(text), '%Y-%m-%d %H:%M:%S')).toBe(t);
        }),
        { numRuns: 200 },
      );
    }
  });
});

describe('relative_time (SR-DT)', () => {
  const rel = (t: number, modifier: string, ctx: EvalContext = TEST_CONTEXT): unknown =>
    callOn(eventOf({}), ctx, 'relative_time', dynamic(t), modifier);

  it.each<[string, number]>([
    ['-1d@d', utc(2024, 4, 30)],
    ['@d', utc(2024, 5, 1)],
    ['+2h', T + 7200],
    ['-30m@m', utc(2024, 5, 1, 13, 4)],
    ['@h+15m', utc(2024, 5, 1, 13, 15)],
    ['@w0', utc(2024, 4, 28)], // the Sunday before
    ['@w7', utc(2024, 4, 28)],
    ['@w1', utc(2024, 4, 29)],
    ['@w3', utc(2024, 5, 1)], // today is Wednesday
    ['@mon', utc(2024, 5, 1)],
    ['@q', utc(2024, 4, 1)],
    ['@y', utc(2024, 1, 1)],
    ['-1y', utc(2023, 5, 1, 13, 34, 56)],
    ['-d', utc(2024, 4, 30, 13, 34, 56)],
    ['+1w', utc(2024, 5, 8, 13, 34, 56)],
    ['now', T],
  ])('relative_time(T, %j)', (modifier, expected) => {
    expect(rel(T, modifier)).toBe(expected);
  });

  it('moves days by the wall clock across DST: -1d from 15:00 EDT is 15:00 EST the day before', () => {
    const t = utc(2024, 3, 10, 19); // 15:00 EDT, the day DST starts
    expect(rel(t, '-1d', NY)).toBe(utc(2024, 3, 9, 20));
    expect(rel(t, '@d', NY)).toBe(utc(2024, 3, 10, 5)); // midnight EST
  });

  it('[pinned] rolls impossible dates over like mktime: 2024-03-31 -1mon is 2024-03-02', () => {
    expect(rel(utc(2024, 3, 31), '-1mon')).toBe(utc(2024, 3, 2));
  });

  it('rejects an invalid literal modifier; a per-event one gives null', () => {
    expect(() => call('relative_time', dynamic(T), '-1fortnight')).toThrow(PlanError);
    expect(call('relative_time', dynamic(T), dynamic('bogus'))).toBeNull();
  });
});

describe('now() and time()', () => {
  it('now() is the search start time from the context', () => {
    expect(call('now')).toBe(TEST_CONTEXT.now);
  });

  it('time() is the wall clock', () => {
    const before = Date.now() / 1000;
    const t = call('time') as number;
    expect(t).toBeGreaterThanOrEqual(before - 1);
  });
});

describe('times outside the calendar', () => {
  it('give null rather than NaN text', () => {
    expect(call('strftime', dynamic(1e300), '%F')).toBeNull();
    expect(call('relative_time', dynamic(8.6e12), '+10000y')).toBeNull();
  });
});

describe('strftime remembers hourly formats per hour without changing a result', () => {
  // Zones with whole-hour offsets and DST (New York), a half-hour offset (Kolkata), a 30-minute DST
  // shift (Lord Howe) and a 45-minute offset (Chatham): only the first may reuse a text for a whole hour.
  const ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
  const FORMATS = ['%Y-%m-%d %H:00:00', '%F %H %z %:z', '%a %b %e %k %p %j %U %W %V %G', '%Y-%m-%d %H:%M'];

  it('gives what the unremembered format gives, in any order of times', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...FORMATS),
        // Around 2024's DST changes, with fractions, and anywhere.
        fc.array(fc.oneof(fc.integer({ min: 1710030000, max: 1710090000 }), fc.integer({ min: 1712420000, max: 1712480000 }), fc.double({ min: 0, max: 4e9, noNaN: true })), { minLength: 1, maxLength: 30 }),
        (tz, format, epochs) => {
          const remembered = compileStrftime(format);
          const plain = compileStrftime(format, false);
          for (const e of [...epochs, ...epochs.reverse()]) expect(remembered(e, tz)).toBe(plain(e, tz));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('across the 2024-03-10 New York change: 06:59:59Z is 01:00 EST, 07:00Z is 03:00 EDT', () => {
    const f = compileStrftime('%Y-%m-%d %H:00:00');
    expect([f(1710053999, 'America/New_York'), f(1710054000, 'America/New_York'), f(1710053999, 'America/New_York')]).toEqual([
      '2024-03-10 01:00:00', '2024-03-10 03:00:00', '2024-03-10 01:00:00',
    ]);
    // Kolkata is UTC+5:30, so one UTC hour spans two local hours: 09:00–09:29:59Z is 14:30–14:59 local.
    expect([f(1714554000, 'Asia/Kolkata'), f(1714555800, 'Asia/Kolkata'), f(1714554000, 'Asia/Kolkata')]).toEqual([
      '2024-05-01 14:00:00', '2024-05-01 15:00:00', '2024-05-01 14:00:00',
    ]);
  });
});
