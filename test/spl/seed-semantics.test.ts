/**
 * The seed detection's value semantics, step by step (spl-semantics §9), composed from the semantic core
 * only: search matchers, eval functions and operators, aggregates and orderings. The command operators
 * and the parser are tested elsewhere; this pins what each step computes on hand-made events.
 */
import { describe, expect, it } from 'vitest';
import { compareGroupKeys, makeSortComparator } from '../../src/events/compare.js';
import { getAggregate } from '../../src/engine/aggregates/index.js';
import { compileSearchMatcher } from '../../src/engine/search/value-matcher.js';
import { divide, add, greaterThan, greaterOrEqual, lessThan, and } from '../../src/engine/expr/ops.js';
import { call, dynamic } from '../helpers/eval-call.js';
import { createEvent } from '../../src/events/event.js';
import type { Value } from '../../src/events/event.js';
import type { Aggregator } from '../../src/engine/aggregates/types.js';

const hour = (h: number, m = 0): number => Date.UTC(2024, 4, 1, h, m) / 1000;

describe('seed detection semantics (spl-semantics §9)', () => {
  it('step 2: NOT (hostname globs) keeps "-" and missing hostnames, drops Microsoft ones', () => {
    const excluded = ['*microsoft.com', '*ocsp.*', '*akamai*'].map((g) => compileSearchMatcher('=', g));
    const kept = (v: Value | undefined): boolean => !excluded.some((m) => m(v));
    expect(kept('-')).toBe(true); // Sysmon writes "-" for an empty hostname (§8)
    expect(kept(undefined)).toBe(true); // NOT keeps events without the field (SM-NOT)
    expect(kept('settings-win.data.MICROSOFT.com')).toBe(false);
    expect(kept('ocsp.digicert.com')).toBe(false);
    expect(kept('beacon.c2.example')).toBe(true);
  });

  it('step 2: private-range globs are string prefixes, and Image globs need the backslash', () => {
    const ip = compileSearchMatcher('=', '172.16.*');
    expect(ip('172.16.4.2')).toBe(true);
    expect(ip('172.160.4.2')).toBe(false);
    const image = compileSearchMatcher('=', '*\\chrome.exe');
    expect(image('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe')).toBe(true);
    expect(image('C:\\Users\\a\\AppData\\Local\\Temp\\notchrome.exe')).toBe(false);
  });

  it('steps 3–5: hourly buckets, counts, values(ports), then the per-destination statistics', () => {
    // One destination seen 3×, 2×, 4× in three hours, on ports 443 and 8443.
    const events: { t: number; port: string }[] = [
      { t: hour(9, 1), port: '443' }, { t: hour(9, 20), port: '443' }, { t: hour(9, 40), port: '8443' },
      { t: hour(10, 5), port: '443' }, { t: hour(10, 50), port: '443' },
      { t: hour(13, 0), port: '443' }, { t: hour(13, 15), port: '443' }, { t: hour(13, 30), port: '443' }, { t: hour(13, 45), port: '80' },
    ];
    const buckets = new Map<string, { count: Aggregator; ports: Aggregator }>();
    const event = createEvent();
    for (const e of events) {
      const bucket = call('strftime', dynamic(e.t), '%Y-%m-%d %H:00:00') as string;
      let b = buckets.get(bucket);
      if (b === undefined) {
        b = { count: getAggregate('count')!.create(false), ports: getAggregate('values')!.create(true) };
        buckets.set(bucket, b);
      }
      b.count.add(undefined, event);
      b.ports.add(e.port, event);
    }
    const rows = [...buckets.entries()]
      .map(([HourBucket, b]) => ({ HourBucket, HourlyConnections: b.count.result(), Ports: b.ports.result() }))
      .sort((x, y) => compareGroupKeys([x.HourBucket], [y.HourBucket]));
    expect(rows.map((r) => r.HourBucket)).toEqual(['2024-05-01 09:00:00', '2024-05-01 10:00:00', '2024-05-01 13:00:00']);
    expect(rows[0]?.Ports).toEqual(['443', '8443']);
    expect(rows[2]?.Ports).toEqual(['443', '80']); // lexicographic: "443" < "80"

    const second = Object.fromEntries(
      ['sum', 'count', 'avg', 'stdev', 'values', 'min', 'max'].map((n) => [n, getAggregate(n)!.create(true)]),
    );
    for (const r of rows) {
      second['sum']!.add(r.HourlyConnections, event);
      second['count']!.add(r.HourlyConnections, event);
      second['avg']!.add(r.HourlyConnections, event);
      second['stdev']!.add(r.HourlyConnections, event);
      second['values']!.add(r.Ports, event);
      second['min']!.add(r.HourBucket, event);
      second['max']!.add(r.HourBucket, event);
    }
    const TotalConnections = second['sum']!.result();
    const HoursActive = second['count']!.result();
    const AvgPerHour = second['avg']!.result();
    const StdDevPerHour = second['stdev']!.result();
    expect(TotalConnections).toBe(9);
    expect(HoursActive).toBe(3);
    expect(AvgPerHour).toBe(3);
    // Sample stdev of 3, 2, 4 by hand: deviations 0, -1, 1 → sqrt(2/2) = 1.
    expect(StdDevPerHour).toBe(1);
    expect(second['values']!.result()).toEqual(['443', '80', '8443']); // flattened, deduplicated, re-sorted
    expect(second['min']!.result()).toBe('2024-05-01 09:00:00');
    expect(second['max']!.result()).toBe('2024-05-01 13:00:00');

    // Step 6: where TotalConnections >= 10 AND HoursActive >= 2 drops this row (9 < 10).
    expect(and(greaterOrEqual(TotalConnections, 10), greaterOrEqual(HoursActive, 2))).toBe(false);

    // Step 7: ConsistencyRatio = StdDevPerHour / AvgPerHour, a double in shortest form.
    const ratio = call('if', dynamic(greaterThan(AvgPerHour, 0)), dynamic(divide(StdDevPerHour, AvgPerHour)), 99);
    expect(ratio).toBe(1 / 3);
    // Step 9: if(ConsistencyRatio < 0.50 AND AvgPerHour >= 0.5, 1, 0)
    expect(call('if', dynamic(and(lessThan(ratio, 0.5), greaterOrEqual(AvgPerHour, 0.5))), 1, 0)).toBe(1);
  });

  it('step 8: the suspicious-process regex is case-insensitive and unanchored', () => {
    const pattern =
      '(?i)(powershell\\.exe|pwsh\\.exe|cmd\\.exe|wscript\\.exe|cscript\\.exe|rundll32\\.exe|regsvr32\\.exe|mshta\\.exe|certutil\\.exe|bitsadmin\\.exe|curl\\.exe|wget\\.exe|msiexec\\.exe|wmic\\.exe|msbuild\\.exe)';
    expect(call('if', dynamic(call('match', dynamic('C:\\Windows\\System32\\RUNDLL32.EXE'), pattern)), 1, 0)).toBe(1);
    expect(call('if', dynamic(call('match', dynamic('C:\\Windows\\explorer.exe'), pattern)), 1, 0)).toBe(0);
  });

  it('step 10: RiskScore adds integers to an integer', () => {
    expect(add(add(1, 1), call('if', dynamic(greaterThan('51', 50)), 1, 0))).toBe(3);
  });

  it('step 12: sort - RiskScore, - TotalConnections is numeric descending with missing values last', () => {
    const rows = [
      { RiskScore: '1', TotalConnections: '12' },
      { RiskScore: '3', TotalConnections: '40' },
      { RiskScore: undefined, TotalConnections: '99' },
      { RiskScore: '1', TotalConnections: '120' },
    ];
    const byRisk = makeSortComparator('auto', true);
    const byTotal = makeSortComparator('auto', true);
    const sorted = rows.slice().sort((a, b) => byRisk(a.RiskScore, b.RiskScore) || byTotal(a.TotalConnections, b.TotalConnections));
    expect(sorted.map((r) => r.TotalConnections)).toEqual(['40', '120', '12', '99']);
  });
});
