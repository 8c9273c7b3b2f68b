/**
 * Whether a query's results can depend on `_raw` (src/plan/raw-usage.ts). Expected answers come from what
 * each command reads (docs/spl.md): bare terms and rex/regex without field= read `_raw`; stats, top and
 * table without `_raw` replace the events. Then the claim itself is checked: when the planner says `_raw`
 * is not needed, dropping it from the events changes no result row.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { engineCapabilities } from '../../src/engine/capabilities.js';
import { runSpl } from '../../src/engine/run-spl.js';
import { planQuery } from '../../src/plan/plan-query.js';

const needs = (q: string): boolean => planQuery(q, { capabilities: engineCapabilities }).needsRaw;

const CASES: [string, boolean, string][] = [
  ['EventCode=3 | stats count by Image', false, 'field terms, then stats replaces the events'],
  ['EventCode=3 NOT Image="*\\\\chrome.exe" | eval h=strftime(_time, "%H") | stats count by h', false, 'no term reads _raw'],
  ['EventCode=3 | table _time, Image', false, 'table without _raw'],
  ['EventCode=3 | top Image', false, 'top replaces the events'],
  ['EventCode=3 | fields - _raw | head 5', false, 'removed before anything could see it'],
  ['* | stats count', false, '`*` alone matches without reading'],
  ['EventCode=3 | head 5', true, 'the events, _raw included, are the results'],
  ['powershell | stats count', true, 'a bare term matches _raw'],
  ['EventCode=3 "invoke-webrequest" | stats count', true, 'a quoted phrase matches _raw'],
  ['EventCode=3 | rex "(?<x>\\d+)" | stats count by x', true, 'rex reads _raw by default'],
  ['EventCode=3 | regex "abc" | stats count', true, 'regex reads _raw by default'],
  ['EventCode=3 | rex field=Image "(?<x>\\w+)" | stats count by x', false, 'rex on another field'],
  ['EventCode=3 | eval n=len(_raw) | stats avg(n)', true, 'eval reads it'],
  ['EventCode=3 | where searchmatch("beacon") | stats count', true, 'searchmatch matches _raw'],
  ['EventCode=3 | stats values(_raw) as r', true, 'an aggregate reads it'],
  ['EventCode=3 | stats count by _raw', true, 'a BY field'],
  ['EventCode=3 | table _*', true, 'a wildcard that matches _raw'],
  ['EventCode=3 | table *', true, 'the widest wildcard'],
  ['EventCode=3 | fields Image | stats count by Image', false, 'fields keeps _raw, stats never looks at it'],
  ['EventCode=3 | fields Image, _raw | stats count by Image', true, 'fields names it'],
  ['EventCode=3 | rename _raw as r | stats count by r', true, 'rename from _raw'],
  ['_r*=x | stats count', true, 'a field pattern in the search that matches _raw'],
  ['EventCode=3 | eval _raw="x" | stats count', true, 'eval writes it (conservative)'],
  ['EventCode=3 | dedup _raw | stats count', true, 'dedup on it'],
  ['EventCode=3 | sort _raw | table Image', true, 'sort on it'],
];

describe('needsRaw', () => {
  it.each(CASES)('%s → %s (%s)', (query, expected) => {
    expect(needs(query)).toBe(expected);
  });
});

function events(): Event[] {
  const rows: [string, string, string][] = [
    ['3', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '<Event>powershell beacon 1234</Event>'],
    ['3', 'C:\\Tools\\chrome.exe', '<Event>chrome 99</Event>'],
    ['1', 'C:\\Tools\\agent.exe', '<Event>invoke-webrequest</Event>'],
  ];
  return rows.map(([code, image, raw], i) => Object.assign(createEvent(), { _time: 1_700_000_000 + i * 3600, EventCode: code, Image: image, _raw: raw }));
}

function withoutRaw(es: Event[]): Event[] {
  return es.map((e) => {
    const c = Object.assign(createEvent(), e);
    delete c['_raw'];
    return c;
  });
}

describe('dropping _raw when it is not needed changes no result', () => {
  it.each(CASES.filter(([, expected]) => !expected))('%s', async (query) => {
    const full = await runSpl(query, [events()], { now: 1_700_000_000 });
    const lean = await runSpl(query, [withoutRaw(events())], { now: 1_700_000_000 });
    expect(lean.rows.map((r) => Object.entries(r))).toEqual(full.rows.map((r) => Object.entries(r)));
  });

  it('and it does change results where the planner says it is needed (the test can tell)', async () => {
    const query = 'powershell | stats count';
    const full = await runSpl(query, [events()], { now: 1_700_000_000 });
    const lean = await runSpl(query, [withoutRaw(events())], { now: 1_700_000_000 });
    expect(full.rows[0]!['count']).toBe(1);
    expect(lean.rows[0]!['count']).toBe(0);
  });

  it('the run hands the hint to the reader function', async () => {
    const seen: boolean[] = [];
    await runSpl('EventCode=3 | stats count', (_p, hints) => (seen.push(hints.keepRaw), [events()]));
    await runSpl('powershell | stats count', (_p, hints) => (seen.push(hints.keepRaw), [events()]));
    expect(seen).toEqual([false, true]);
  });
});
