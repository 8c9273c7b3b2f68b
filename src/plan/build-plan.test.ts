/**
 * Planner tests: typed steps from commands (defaults from spl-semantics §5-§6), and the "cannot run" list
 * with positions. Capabilities are a small fake registry so these tests do not depend on the function
 * registry's contents.
 */
import { describe, expect, it } from 'vitest';
import { SplSyntaxError } from '../errors.js';
import { planQuery } from './plan-query.js';
import type { Capabilities, PlanStep } from './types.js';
import type { MacroDefinition } from '../spl/macros.js';

const FUNCTIONS: Record<string, [number, number]> = { if: [3, 3], match: [2, 2], strftime: [2, 2], round: [1, 2], coalesce: [1, Infinity] };
const AGGREGATES: Record<string, 'required' | 'optional' | 'none'> = { count: 'optional', values: 'required', avg: 'required', perc: 'required', sum: 'required' };

const caps: Capabilities = {
  evalFunction: (name) => {
    const a = FUNCTIONS[name];
    return a === undefined ? undefined : { minArgs: a[0], maxArgs: a[1] };
  },
  aggregate: (name) => (AGGREGATES[name] === undefined ? undefined : { field: AGGREGATES[name] as 'required' }),
};

function plan(q: string, macros?: Map<string, MacroDefinition>) {
  return planQuery(q, { capabilities: caps, macros });
}

function steps(q: string): readonly PlanStep[] {
  const p = plan(q);
  expect(p.problems).toEqual([]);
  return p.steps;
}

function problems(q: string): string[] {
  return plan(q).problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`);
}

describe('steps', () => {
  it('applies the documented defaults', () => {
    expect(steps('a | sort x | head | tail | top y | dedup z | fillnull | rex "(?<a>b)" | mvexpand m')).toEqual([
      { kind: 'Filter', expr: expect.anything() },
      // sort truncates to 10000 by default (SR-sort)
      { kind: 'Sort', keys: [{ field: 'x', descending: false, collation: 'auto' }], limit: 10000, reverse: false },
      { kind: 'Head', limit: 10, expr: null, keeplast: false, nullTrue: false },
      { kind: 'Tail', limit: 10 },
      {
        kind: 'Top', rare: false, limit: 10, fields: ['y'], by: [], countfield: 'count', percentfield: 'percent',
        showcount: true, showperc: true, useother: false, otherstr: 'OTHER',
      },
      { kind: 'Dedup', count: 1, fields: ['z'], keepempty: false, consecutive: false, keepevents: false, sortby: [] },
      { kind: 'Fillnull', value: '0', fields: [] },
      { kind: 'Rex', field: '_raw', pattern: '(?<a>b)', maxMatch: 1, offsetField: null, sed: false },
      { kind: 'Mvexpand', field: 'm', limit: 0 },
    ]);
  });

  it('reads sort 0 as no limit and top limit=0 as all', () => {
    const [, sort, top] = steps('a | sort 0 x | top limit=0 y');
    expect(sort).toMatchObject({ kind: 'Sort', limit: Infinity });
    expect(top).toMatchObject({ kind: 'Top', limit: Infinity });
  });

  it('names stats results by AS or by the function text', () => {
    const [, stats] = steps('a | stats count, count(x), avg(y) AS m, perc95(z), p50(z) by h');
    expect(stats).toEqual({
      kind: 'Stats',
      by: ['h'],
      dedupSplitvals: false,
      aggregates: [
        { func: 'count', param: undefined, input: null, output: 'count' },
        { func: 'count', param: undefined, input: { kind: 'field', field: 'x' }, output: 'count(x)' },
        { func: 'avg', param: undefined, input: { kind: 'field', field: 'y' }, output: 'm' },
        { func: 'perc', param: 95, input: { kind: 'field', field: 'z' }, output: 'perc95(z)' },
        { func: 'perc', param: 50, input: { kind: 'field', field: 'z' }, output: 'p50(z)' },
      ],
    });
  });

  it('types streamstats and bin options', () => {
    const [, ss, bin] = steps('a | streamstats window=3 current=f global=false reset_on_change=t time_window=5m reset_after="(x>1)" count | bin _time span=1h AS hour');
    expect(ss).toMatchObject({ kind: 'Streamstats', window: 3, current: false, global: false, resetOnChange: true, timeWindow: 300 });
    expect(ss).toHaveProperty('resetAfter.kind', 'Binary');
    expect(bin).toEqual({ kind: 'Bin', field: '_time', as: 'hour', span: { kind: 'seconds', seconds: 3600 }, aligntime: null });
    expect(steps('a | bin x span=2.5')[1]).toMatchObject({ span: { kind: 'number', size: 2.5 }, as: 'x' });
    expect(steps('a | bin _time span=1mon')[1]).toMatchObject({ span: { kind: 'months', months: 1 } });
    expect(steps('a | bin _time span=250ms')[1]).toMatchObject({ span: { kind: 'seconds', seconds: 0.25 } });
  });

  it('maps lookup columns to event fields', () => {
    expect(steps('a | lookup t ip AS DestinationIp OUTPUTNEW owner AS Owner, site')[1]).toEqual({
      kind: 'Lookup',
      table: 't',
      inputs: [{ column: 'ip', field: 'DestinationIp' }],
      outputs: [
        { column: 'owner', field: 'Owner' },
        { column: 'site', field: 'site' },
      ],
      outputNew: true,
    });
    expect(steps('a | lookup t ip')[1]).toMatchObject({ outputs: null, outputNew: false });
  });
});

describe('cannot-run items', () => {
  it('lists commands c2hunt does not run, apart from unknown ones, with positions', () => {
    expect(problems('a\n| tstats count | stast count | eval x=1')).toEqual([
      "2:3 unsupported-command: command 'tstats' is not supported by c2hunt",
      "2:18 unknown-command: unknown command 'stast'",
    ]);
  });

  it('lists unknown functions and wrong arities', () => {
    expect(problems('a | eval x=if(a, 1), y=frobnicate(1), z=round(1.5) | stats zap(x), sum by h')).toEqual([
      '1:12 invalid-argument: if() takes 3 arguments, got 2',
      "1:24 unknown-function: eval function 'frobnicate' is not supported by c2hunt",
      "1:60 unknown-function: stats function 'zap' is not supported by c2hunt",
      "1:68 invalid-argument: stats function 'sum' needs a field: sum(field)",
    ]);
  });

  it('accepts the functions the compiler owns', () => {
    expect(problems('a | eval x=mvfilter(match(y, "a")), z=mvmap(y, y . "!") | where searchmatch("a=1")')).toEqual([]);
    expect(problems('a | where searchmatch(x)')).toEqual(['1:11 unsupported-feature: searchmatch() needs a literal search string']);
  });

  it('lists subsearches, time modifiers, undefined macros and bad options', () => {
    expect(
      problems('`sysmon` earliest=-24h [search b] | `filter(1)` | bin _time span=1x | streamstats windw=2 count | sort limit=5 x | head null=maybe'),
    ).toEqual([
      '1:1 undefined-macro: macro `sysmon` is not defined',
      "1:10 unsupported-feature: time modifier 'earliest' is not supported (c2hunt searches all of its input)",
      '1:24 unsupported-feature: subsearches ([...]) are not supported',
      '1:37 undefined-macro: macro `filter` is not defined',
      "1:61 invalid-argument: bin span: unknown time unit 'x' in span '1x' (use s, m, h, d, mon, or us, ms, cs, ds)",
      "1:83 invalid-argument: unknown option 'windw' for streamstats (options: window, current, global, reset_on_change, reset_before, reset_after, time_window)",
      "1:121 invalid-argument: head option 'null' must be true or false, not 'maybe'",
    ]);
  });

  it('rejects wildcards in BY and mismatched rename wildcards', () => {
    expect(problems('a | stats count by x* | rename a* AS b')).toEqual([
      "1:5 invalid-argument: wildcards are not allowed in stats BY fields ('x*')",
      "1:32 invalid-argument: rename 'a*' AS 'b': both names need the same number of wildcards",
    ]);
  });
});

describe('macros', () => {
  const macros = new Map<string, MacroDefinition>([
    ['sysmon', { name: 'sysmon', args: [], definition: 'index=wineventlog source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"' }],
    ['filter_ip(1)', { name: 'filter_ip', args: ['ip'], definition: 'search NOT $ip$="10.*"' }],
    ['nested', { name: 'nested', args: [], definition: '`sysmon` EventCode=3' }],
    ['loop', { name: 'loop', args: [], definition: '`loop`' }],
    ['broken', { name: 'broken', args: [], definition: 'x=(' }],
  ]);

  it('expands definitions with arguments, recursively, and reparses', () => {
    const p = plan('`nested` | `filter_ip(DestinationIp)` | stats count by "`not a macro`"', macros);
    expect(p.problems).toEqual([]);
    expect(p.text).toBe(
      'index=wineventlog source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=3 | search NOT DestinationIp="10.*" | stats count by "`not a macro`"',
    );
    expect(p.source).toBe('`nested` | `filter_ip(DestinationIp)` | stats count by "`not a macro`"');
  });

  it('keys definitions by argument count', () => {
    expect(plan('a | `filter_ip`', macros).problems.map((x) => x.message)).toEqual(['macro `filter_ip` is not defined']);
  });

  it('reports recursion and syntax errors in expansions', () => {
    expect(() => plan('`loop`', macros)).toThrow(/macro `loop` calls itself \(loop → loop\)/);
    expect(() => plan('a `broken`', macros)).toThrow(SplSyntaxError);
    expect(() => plan('a `broken`', macros)).toThrow(/^after expanding macros, line 1, col 5: expected a value after '='/);
  });
});

describe('percentile stats functions (planner capability)', () => {
  it('accepts perc, p, exactperc and upperperc with a parameter', async () => {
    const { checkSpl } = await import('../engine/run-spl.js');
    expect(checkSpl('| makeresults | stats perc25(x) p50(x) exactperc99.9(x) upperperc5(x) median(x)').problems).toEqual([]);
    expect(checkSpl('| makeresults | stats perc101(x)').ok).toBe(false);
  });
});

describe('macros where the grammar wants a value', () => {
  it('expands before parsing when the unexpanded text does not parse', async () => {
    const { checkSpl } = await import('../engine/run-spl.js');
    const macros = new Map([['w', { name: 'w', args: [], definition: '60' }]]);
    const q = 'index=x | streamstats time_window=`w`s dc(q) as n by host';
    expect(checkSpl(q).syntaxError).not.toBeNull();
    expect(checkSpl(q, { macros }).ok).toBe(true);
  });
});
