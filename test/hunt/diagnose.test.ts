/**
 * Miss explanations for validate, on the seed query and hand-made scenario events whose fate in the
 * query is worked out by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { compileSpl } from '../../src/engine/run-spl.js';
import { createEvent, type Event } from '../../src/events/event.js';
import { exclusionNotes, explainMiss, rejectingClauses, traceQuery, withoutNots } from '../../src/hunt/diagnose.js';
import { parseSearchExpression } from '../../src/spl/parser.js';
import { printSearch } from '../../src/spl/print.js';
import { seedQuery } from '../helpers/seed.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

function conn(i: number, ip: string, gap: number): Event {
  return Object.assign(createEvent(), {
    index: 'wineventlog',
    sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    EventCode: '3',
    host: 'WKS-003.corp.example',
    Image: PS,
    DestinationIp: ip,
    DestinationHostname: '-',
    DestinationPort: '8888',
    _time: T0 + i * gap,
  });
}

describe('miss explanations', () => {
  it("seed test 1: loopback is excluded, and 5 connections in one hour are under the 10-connection and 2-hour thresholds", () => {
    // Five connections 30 s apart to 127.0.0.1:8888, all inside 09:00–09:59: TotalConnections = 5,
    // HoursActive = 1. The search's NOT list contains DestinationIp="127.*".
    // The scenario's EID 1 (powershell's start) is among its events too: it is not what the search
    // selects (EventCode=3), so it is not counted as excluded.
    const start = conn(0, '-', 0);
    start['EventCode'] = '1';
    delete start['DestinationIp'];
    const events = [start, ...[0, 1, 2, 3, 4].map((i) => conn(i, '127.0.0.1', 30))];
    const reasons = explainMiss({ search: seedQuery(), options: {}, events, eventCodes: new Map([['3', 5], ['1', 1]]) });
    expect(reasons).toEqual([
      'the search excludes the 5 events it selects: NOT DestinationIp="127.*"',
      'without its NOT clauses, `where TotalConnections >= 10 AND HoursActive >= 2` drops them (TotalConnections=5, HoursActive=1)',
    ]);
  });

  it('seed with a routable destination but too few hours: only the where step', () => {
    // 12 connections 100 s apart from 09:00: all within 09:00–09:19, one hour bucket.
    const events = Array.from({ length: 12 }, (_, i) => conn(i, '203.0.113.9', 100));
    expect(explainMiss({ search: seedQuery(), options: {}, events, eventCodes: new Map([['3', 12]]) })).toEqual([
      '`where TotalConnections >= 10 AND HoursActive >= 2` drops them (TotalConnections=12, HoursActive=1)',
    ]);
  });

  it('a scenario without the event code the detection reads', () => {
    expect(explainMiss({ search: seedQuery(), options: {}, events: [], eventCodes: new Map([['22', 40], ['1', 1]]) })).toEqual([
      'it reads EID 3 and the scenario has none (it has EID 1, EID 22)',
    ]);
  });

  it('fires on the scenario alone: says so', () => {
    // 10 per hour for 2 hours to a routable address from powershell: TotalConnections 20, HoursActive 2,
    // ratio 0 → RiskScore 2: the seed returns one row.
    const events = Array.from({ length: 20 }, (_, i) => conn(i, '203.0.113.9', 360));
    const [reason] = explainMiss({ search: seedQuery(), options: {}, events, eventCodes: new Map([['3', 20]]) });
    expect(reason).toMatch(/^on the scenario's events alone it returns 1 row, but no finding in the full run matched/);
  });

  it('names the exclusion branches that matched, with counts when only some did', () => {
    const expr = parseSearchExpression('EventCode=3 NOT (DestinationIp="10.*" OR DestinationIp="127.*") NOT Image="*\\\\chrome.exe"')!;
    const events = [conn(0, '127.0.0.1', 1), conn(1, '127.0.0.2', 1), conn(2, '10.0.0.1', 1), conn(3, '203.0.113.1', 1)];
    expect(rejectingClauses(expr, events)).toEqual({ candidates: 4, clauses: ['NOT DestinationIp="127.*" (2 of 4)', 'NOT DestinationIp="10.*" (1 of 4)'] });
    // Nothing passes the positive terms: those are the reason.
    const dns = events.map((e) => Object.assign(createEvent(), { ...e, EventCode: '22' }));
    expect(rejectingClauses(expr, dns)).toEqual({ candidates: 0, clauses: ['EventCode=3'] });
    expect(printSearch(withoutNots(expr)!)).toBe('EventCode=3');
    expect(withoutNots(parseSearchExpression('NOT a=1')!)).toBeNull();
  });

  it('traces rows in and out of every step', () => {
    const events = Array.from({ length: 12 }, (_, i) => conn(i, '203.0.113.9', 100));
    const trace = traceQuery(compileSpl('EventCode=3 | stats count by host | where count > 20'), events);
    expect(trace.steps.map((s) => [s.kind, s.rowsIn, s.rowsOut])).toEqual([
      ['Filter', 12, 12],
      ['Stats', 12, 1],
      ['Where', 1, 0],
    ]);
    expect(trace.stoppedAt?.kind).toBe('Where');
  });

  it('marks the profile\'s own exclusions, and counts the event codes a step received', () => {
    const notes = exclusionNotes('search NOT (DestinationIp="10.0.0.0/8" OR DestinationIp="127.0.0.0/8")', 'the enterprise profile');
    expect([...notes.keys()]).toEqual(['DestinationIp="10.0.0.0/8"', 'DestinationIp="127.0.0.0/8"']);
    const events = [0, 1, 2].map((i) => conn(i, '127.0.0.1', 30));
    const macros = new Map([['excl', { name: 'excl', args: [], definition: 'search NOT (DestinationIp="10.0.0.0/8" OR DestinationIp="127.0.0.0/8")' }]]);
    expect(explainMiss({ search: 'EventCode=3 | `excl` | stats count by host', options: { macros }, events, eventCodes: new Map([['3', 3]]), notes })).toEqual([
      '`search` (step 2) excludes the 3 events it selects: NOT DestinationIp="127.0.0.0/8" (the enterprise profile)',
      'without its NOT clauses it would fire',
    ]);
    // A step other than search/where/stats that keeps nothing: the codes of what it received.
    const dns = events.map((e) => Object.assign(createEvent(), { ...e, EventCode: '22' }));
    expect(explainMiss({ search: 'EventCode IN (3, 22) | head 0', options: {}, events: dns, eventCodes: new Map([['22', 3]]) })).toEqual([
      '`head 0` kept none of its 3 rows (EID 22: 3)',
    ]);
  });

  it('says when a filter was judged on a sample, and shows each distinct where value once', () => {
    // 600 connections: the trace keeps the first 500 rows a step receives for judging its clauses.
    const many = Array.from({ length: 600 }, (_, i) => conn(i, '127.0.0.1', 30));
    const [first] = explainMiss({ search: seedQuery(), options: {}, events: many, eventCodes: new Map([['3', 600]]) });
    expect(first).toBe('the search excludes the events it selects: NOT DestinationIp="127.*" (judged on the first 500 of its 600 rows)');
    const four = [0, 1, 2, 3].map((i) => conn(i, '203.0.113.9', 30));
    expect(explainMiss({ search: 'EventCode=3 | where DestinationPort > 9000', options: {}, events: four, eventCodes: new Map([['3', 4]]) })).toEqual([
      '`where DestinationPort > 9000` drops them (DestinationPort=8888); 4 rows in all',
    ]);
  });
});
