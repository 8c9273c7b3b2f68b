import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LocalClock, isoMs, localEventTime, parseStart, parseUtcOffset, sysmonUtcTime, systemTimeFromUs, DEFAULT_START } from './clock.js';

describe('timestamp formats', () => {
  it('agree with Date for any time between 2000 and 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(isoMs(ms)).toBe(iso);
        expect(sysmonUtcTime(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
        const st = systemTimeFromUs(ms * 1000 + 123);
        // Seven fraction digits: the microseconds, then one 100-ns digit.
        expect(st).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
        expect(st.slice(0, 19)).toBe(iso.slice(0, 19));
        expect(st.slice(20, 26)).toBe(`${iso.slice(20, 23)}123`);
      }),
      { numRuns: 300 },
    );
  });

  it("NXLog's EventTime is local time without a zone", () => {
    // 2026-01-05T23:30:00Z at UTC+01:00 is 00:30 on the 6th.
    expect(localEventTime(Date.UTC(2026, 0, 5, 23, 30) * 1000, 60)).toBe('2026-01-06 00:30:00');
    expect(localEventTime(Date.UTC(2026, 0, 5, 3, 0, 7) * 1000, -300)).toBe('2026-01-04 22:00:07');
  });

  it('the default start is a Monday at midnight UTC', () => {
    expect(new Date(DEFAULT_START).toISOString()).toBe('2026-01-05T00:00:00.000Z');
    expect(new Date(DEFAULT_START).getUTCDay()).toBe(1);
  });
});

describe('LocalClock', () => {
  it('finds local midnight, hour and weekday for a fixed offset', () => {
    const c = new LocalClock(60);
    const t = Date.UTC(2026, 0, 10, 23, 30); // Saturday 23:30 UTC = Sunday 00:30 local
    expect(new Date(c.dayStart(t)).toISOString()).toBe('2026-01-10T23:00:00.000Z');
    expect(c.hourOfDay(t)).toBeCloseTo(0.5, 10);
    expect(c.weekday(t)).toBe(0);
    expect(c.isWeekend(t)).toBe(true);
    expect(c.isWeekend(Date.UTC(2026, 0, 5, 12))).toBe(false);
  });
});

describe('option parsing', () => {
  it('--start', () => {
    expect(parseStart('2026-01-05')).toBe(Date.UTC(2026, 0, 5));
    expect(parseStart('2026-01-05T08:00:00Z')).toBe(Date.UTC(2026, 0, 5, 8));
    expect(parseStart('2026-01-05T08:00+02:00')).toBe(Date.UTC(2026, 0, 5, 6));
    expect(parseStart('yesterday')).toBeNull();
  });
  it('--utc-offset', () => {
    expect(parseUtcOffset('+01:00')).toBe(60);
    expect(parseUtcOffset('-0530')).toBe(-330);
    expect(parseUtcOffset('0')).toBe(0);
    expect(parseUtcOffset('+25:00')).toBeNull();
    expect(parseUtcOffset('1')).toBeNull();
  });
});
