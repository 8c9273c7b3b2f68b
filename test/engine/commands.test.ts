/**
 * Command semantics against spl-semantics.md, one small event set per rule. Section numbers refer to
 * that document; "[pinned]" marks an [UNCONFIRMED] rule whose choice docs/spl.md records.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlanError } from '../../src/errors.js';
import { runSpl } from '../../src/engine/run-spl.js';
import { directoryLookups } from '../../src/engine/lookups.js';
import { parseMacros } from '../../src/engine/macros.js';
import { column, ev, rows, type Fields } from '../helpers/run.js';

const ids = (q: string, events: Fields[]) => column(q, events, 'id');

describe('search (§1)', () => {
  const hosts: Fields[] = [
    { id: 1, DestinationHostname: 'x.MICROSOFT.com' },
    { id: 2, DestinationHostname: 'example.test' },
    { id: 3 },
    { id: 4, DestinationHostname: ['a.example', 'b.microsoft.com'] },
  ];
  it('NOT field=value keeps events without the field; field!=value does not (§1.4, SM-NOT)', async () => {
    expect(await ids('NOT DestinationHostname="*microsoft.com"', hosts)).toEqual([2, 3]);
    expect(await ids('DestinationHostname!="*microsoft.com"', hosts)).toEqual([2]);
  });
  it('matches values case-insensitively, field names case-sensitively (§1.1)', async () => {
    expect(await ids('DestinationHostname="*microsoft.COM"', hosts)).toEqual([1, 4]);
    expect(await ids('destinationhostname=*', hosts)).toEqual([]);
    expect(await ids('DestinationHostname=CASE(*microsoft.com)', hosts)).toEqual([4]);
  });
  it('reads a b OR c as a AND (b OR c) (§1.4)', async () => {
    const evs: Fields[] = [
      { id: 1, a: '1', b: '0', c: '1' },
      { id: 2, a: '0', b: '1', c: '0' },
      { id: 3, a: '1', b: '1', c: '0' },
    ];
    expect(await ids('a=1 b=1 OR c=1', evs)).toEqual([1, 3]);
  });
  it('compares = as strings, < > numerically when both are numbers (§1.1)', async () => {
    const evs: Fields[] = [
      { id: 1, EventCode: '3' },
      { id: 2, EventCode: '03' },
      { id: 3, EventCode: '3.0' },
      { id: 4, EventCode: '30' },
    ];
    expect(await ids('EventCode=3', evs)).toEqual([1]);
    expect(await ids('EventCode>=4', evs)).toEqual([4]);
  });
  it('matches IN lists with wildcards, CIDR values and bare terms against _raw', async () => {
    const evs: Fields[] = [
      { id: 1, ip: '10.1.2.3', _raw: 'Connection from powershell.exe' },
      { id: 2, ip: '192.0.2.7', _raw: 'nothing here' },
    ];
    expect(await ids('ip IN (172.16.*, 10.*)', evs)).toEqual([1]);
    expect(await ids('ip="192.0.2.0/24"', evs)).toEqual([2]);
    expect(await ids('POWERSHELL.exe', evs)).toEqual([1]);
    expect(await ids('"from powershell"', evs)).toEqual([1]);
    expect(await ids('*', [{ id: 9 }])).toEqual([9]);
  });
  it('runs a later search command on fields made by eval', async () => {
    expect(await ids('* | eval k=if(id>1, "big", "small") | search k=BIG', [{ id: 1 }, { id: 2 }])).toEqual([2]);
  });
});

describe('eval and where (§2, §3)', () => {
  it('runs assignments left to right; null clears a field; division by zero is null', async () => {
    const [r] = await rows('* | eval a=2, b=a*3, c=b . "x", d=1/0, x=null()', [{ x: 'old' }]);
    expect(r).toEqual({ a: 2, b: 6, c: '6x' });
  });
  it('refuses to store a boolean (SR-eval)', async () => {
    await expect(runSpl('* | eval ok=a>1', [[]])).rejects.toThrow(PlanError);
    await expect(runSpl('* | eval ok=a>1', [[]])).rejects.toThrow(/cannot be a boolean/);
  });
  it('where drops false and null, and binds AND tighter than OR', async () => {
    const evs: Fields[] = [
      { id: 1, a: 1, b: 0, c: 1 },
      { id: 2, a: 0, b: 1, c: 1 },
      { id: 3, a: 0, b: 0, c: 0 },
      { id: 4 },
    ];
    // a=1 OR b=1 AND c=1  is  a=1 OR (b=1 AND c=1)
    expect(await ids('* | where a=1 OR b=1 AND c=1', evs)).toEqual([1, 2]);
    expect(await ids('* | where a>0 OR a<=0', evs)).toEqual([1, 2, 3]);
  });
  it('compares two fields in where, a literal in search (§3)', async () => {
    const evs: Fields[] = [{ id: 1, a: 'x', b: 'x' }, { id: 2, a: 'b', b: 'y' }];
    expect(await ids('* | where a=b', evs)).toEqual([1]);
    expect(await ids('a=b', evs)).toEqual([2]);
  });
  it('binds the field in mvfilter and mvmap, and runs searchmatch', async () => {
    const [r] = await rows('* | eval net=mvfilter(match(mail, "net$")), up=mvmap(mail, upper(mail)), s=if(searchmatch("mail=*org"), 1, 0)', [
      { mail: ['a@x.net', 'b@y.org', 'c@z.net'] },
    ]);
    expect(r).toMatchObject({ net: ['a@x.net', 'c@z.net'], up: ['A@X.NET', 'B@Y.ORG', 'C@Z.NET'], s: 1 });
  });
});

describe('stats (§4)', () => {
  it('returns one row without BY even for no input', async () => {
    expect(await rows('* | stats count, sum(x) AS s', [])).toEqual([{ count: 0, s: null }]);
  });
  it('drops events whose BY field is missing [pinned] and orders rows ascending by the BY tuple', async () => {
    const evs: Fields[] = [{ h: 'b', s: '200' }, { h: 'a', s: '404' }, { h: 'a', s: '200' }, { s: '200' }, { h: 'b', s: '200' }];
    expect(await rows('* | stats count by s, h', evs)).toEqual([
      { s: '200', h: 'a', count: 1 },
      { s: '200', h: 'b', count: 2 },
      { s: '404', h: 'a', count: 1 },
    ]);
  });
  it('counts an event under each value of a multivalue BY field (SR-stats)', async () => {
    // Rows ascend by the BY value in the auto order, numeric for numbers (§4.1): 80 before 443.
    expect(await rows('* | stats count by p', [{ p: ['80', '443'] }, { p: '80' }])).toEqual([
      { p: '80', count: 2 },
      { p: '443', count: 1 },
    ]);
  });
  it('sorts values() lexicographically and names results by function text (§4.3)', async () => {
    const [r] = await rows('* | stats values(p), dc(p), count(eval(p>100)) AS big', [{ p: '80' }, { p: '443' }, { p: '3389' }, { p: '443' }]);
    expect(r).toEqual({ 'values(p)': ['3389', '443', '80'], 'dc(p)': 3, big: 3 });
  });
});

describe('eventstats and streamstats (§5)', () => {
  it('eventstats adds the group statistic to every event, keeping order', async () => {
    expect(await column('* | eventstats avg(x) AS m by g', [{ g: 'a', x: 1 }, { g: 'b', x: 10 }, { g: 'a', x: 3 }, { x: 5 }], 'm')).toEqual([
      2,
      10,
      2,
      undefined,
    ]);
  });
  it('streamstats reset_on_change follows the doc example: counts 1,2,1,2,3,4,1,1', async () => {
    const shifts = ['DAY', 'DAY', 'NIGHT', 'NIGHT', 'NIGHT', 'NIGHT', 'DAY', 'NIGHT'].map((s) => ({ shift: s }));
    expect(await column('* | streamstats reset_on_change=true count by shift', shifts, 'count')).toEqual([1, 2, 1, 2, 3, 4, 1, 1]);
  });
  it('streamstats window and current=f', async () => {
    const evs = [1, 2, 3, 4, 5].map((x) => ({ x }));
    // window=2: sums over the last two events including this one: 1, 1+2, 2+3, 3+4, 4+5
    expect(await column('* | streamstats window=2 sum(x) AS s', evs, 's')).toEqual([1, 3, 5, 7, 9]);
    // current=f: the running sum before this event; nothing before the first
    expect(await column('* | streamstats current=f sum(x) AS s', evs, 's')).toEqual([undefined, 1, 3, 6, 10]);
  });
  it('streamstats global=false keeps one window per group', async () => {
    const evs = [
      { g: 'a', x: 1 },
      { g: 'b', x: 10 },
      { g: 'a', x: 2 },
      { g: 'a', x: 4 },
    ];
    // global=true, window=2: the shared window holds the last two events of any group:
    // a:1 → 1; b:10 → 10; a:2 → window {b10, a2} → 2; a:4 → {a2, a4} → 6
    expect(await column('* | streamstats window=2 sum(x) AS s by g', evs, 's')).toEqual([1, 10, 2, 6]);
    // global=false: a's own last two: 1, (b) 10, 1+2, 2+4
    expect(await column('* | streamstats window=2 global=false sum(x) AS s by g', evs, 's')).toEqual([1, 10, 3, 6]);
  });
});

describe('bin (§5)', () => {
  const t = Date.UTC(2024, 4, 1, 13, 47, 12) / 1000;
  it('floors _time to the span from epoch 0', async () => {
    expect(await column('* | bin _time span=1h', [{ _time: t }], '_time')).toEqual([Date.UTC(2024, 4, 1, 13) / 1000]);
    expect(await column('* | bin _time span=15m AS q', [{ _time: t }], 'q')).toEqual([Date.UTC(2024, 4, 1, 13, 45) / 1000]);
  });
  it('aligns day spans to local midnight in the run time zone', async () => {
    // 13:47 UTC on May 1 is 06:47 in Los Angeles (PDT, UTC-7): local midnight is 07:00 UTC.
    expect(await column('* | bin _time span=1d', [{ _time: t }], '_time', { tz: 'America/Los_Angeles' })).toEqual([Date.UTC(2024, 4, 1, 7) / 1000]);
    expect(await column('* | bin _time span=1d', [{ _time: t }], '_time')).toEqual([Date.UTC(2024, 4, 1) / 1000]);
  });
  it('gives numeric fields a lower-upper range', async () => {
    expect(await column('* | bin bytes span=100', [{ bytes: '1234' }, { bytes: 'n/a' }], 'bytes')).toEqual(['1200-1300', 'n/a']);
  });
});

describe('sort (§6)', () => {
  it('truncates to 10000 by default; sort 0 keeps all', async () => {
    const many = Array.from({ length: 10005 }, (_, i) => ({ x: i }));
    expect((await rows('* | sort -x', many)).length).toBe(10000);
    expect((await rows('* | sort 0 -x', many)).length).toBe(10005);
    expect((await rows('* | sort 3 -x', many)).map((r) => r['x'])).toEqual([10004, 10003, 10002]);
  });
  it('puts missing values last in both directions and is stable', async () => {
    const evs: Fields[] = [{ id: 1 }, { id: 2, x: '10' }, { id: 3, x: '9' }, { id: 4, x: '10' }];
    expect(await ids('* | sort x', evs)).toEqual([3, 2, 4, 1]);
    expect(await ids('* | sort - x', evs)).toEqual([2, 4, 3, 1]);
    expect(await ids('* | sort str(x)', evs)).toEqual([2, 4, 3, 1]);
    expect(await ids('* | sort x desc', evs)).toEqual([2, 4, 3, 1]);
  });
  it('sorts by ip() and num() collations (§6)', async () => {
    const ips: Fields[] = [{ id: 1, a: '10.0.0.10' }, { id: 2, a: '10.0.0.9' }, { id: 3, a: '9.1.1.1' }];
    // As addresses: 9.1.1.1 < 10.0.0.9 < 10.0.0.10; as text "10.0.0.10" < "10.0.0.9" < "9.1.1.1".
    expect(await ids('* | sort ip(a)', ips)).toEqual([3, 2, 1]);
    expect(await ids('* | sort str(a)', ips)).toEqual([1, 2, 3]);
    const nums: Fields[] = [{ id: 1, n: '100' }, { id: 2, n: '9' }, { id: 3, n: '10' }];
    expect(await ids('* | sort num(n)', nums)).toEqual([2, 3, 1]);
    expect(await ids('* | sort -num(n), id', nums)).toEqual([1, 3, 2]);
  });
});

describe('head, tail, table, fields, rename', () => {
  const ten = Array.from({ length: 15 }, (_, i) => ({ id: i }));
  it('head defaults to 10 and stops reading early', async () => {
    let read = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        read++;
        yield [ev({ id: i })];
      }
    }
    const result = await runSpl('* | head 3', source());
    expect(result.rows.map((r) => r['id'])).toEqual([0, 1, 2]);
    expect(read).toBe(3);
    expect(result.stats.stoppedEarly).toBe(true);
    expect((await ids('* | head', ten)).length).toBe(10);
    expect(await ids('* | head (id < 2)', ten)).toEqual([0, 1]);
    expect(await ids('* | head keeplast=true (id < 2)', ten)).toEqual([0, 1, 2]);
  });
  it('tail returns the last N in reverse order (SR-tail)', async () => {
    expect(await ids('* | tail 3', ten)).toEqual([14, 13, 12]);
  });
  it('table keeps listed fields in order, missing ones empty, _time only if listed', async () => {
    const result = await runSpl('* | table b, a*, missing', [[ev({ _time: 1, a1: 'x', b: 'y', c: 'z', a2: 'w' })]]);
    expect(result.columns).toEqual(['b', 'a1', 'a2', 'missing']);
    expect({ ...result.rows[0] }).toEqual({ b: 'y', a1: 'x', a2: 'w', missing: null });
  });
  it('fields + keeps _raw and _time; fields - removes', async () => {
    expect(await rows('* | fields a', [{ _time: 1, _raw: 'r', a: 1, b: 2 }])).toEqual([{ a: 1, _time: 1, _raw: 'r' }]);
    expect(await rows('* | fields - b, _*', [{ _time: 1, _raw: 'r', a: 1, b: 2 }])).toEqual([{ a: 1 }]);
  });
  it('rename keeps field order and carries wildcard matches', async () => {
    const result = await runSpl('* | rename src_* AS Source*, x AS y', [[ev({ src_ip: '1', n: 2, src_port: '3', x: 4, y: 5 })]]);
    expect(Object.entries(result.rows[0] ?? {})).toEqual([
      ['Sourceip', '1'],
      ['n', 2],
      ['Sourceport', '3'],
      ['y', 4],
    ]);
  });
});

describe('dedup, fillnull (§5)', () => {
  const evs: Fields[] = [
    { id: 1, h: 'a', p: ['1', '2'] },
    { id: 2, h: 'a', p: ['2', '1'] },
    { id: 3, h: 'b' },
    { id: 4, h: 'a', p: ['1', '2'] },
    { id: 5, h: 'a' },
  ];
  it('keeps the first per combination, drops missing unless keepempty', async () => {
    expect(await ids('* | dedup h', evs)).toEqual([1, 3]);
    // multivalues must match in all their values
    expect(await ids('* | dedup p', evs)).toEqual([1, 2]);
    expect(await ids('* | dedup p keepempty=true', evs)).toEqual([1, 2, 3, 5]);
    expect(await ids('* | dedup 2 h', evs)).toEqual([1, 2, 3]);
    expect(await ids('* | dedup h consecutive=true', evs)).toEqual([1, 3, 4]);
    expect(await ids('* | dedup h sortby -id', evs)).toEqual([3, 1]);
  });
  it('fillnull fills listed fields, or every field seen, with 0 by default', async () => {
    expect(await rows('* | fillnull value=NULL x', [{ a: 1 }])).toEqual([{ a: 1, x: 'NULL' }]);
    expect(await rows('* | fillnull', [{ a: 1 }, { b: 2, _raw: 'r' }])).toEqual([
      { a: 1, b: '0' },
      { a: '0', b: 2, _raw: 'r' },
    ]);
  });
});

describe('rex, regex, makemv, mvexpand', () => {
  it('rex extracts named groups; max_match=0 makes a multivalue', async () => {
    const raw = 'src=192.0.2.1 dst=198.51.100.2 dst=203.0.113.3';
    expect(await rows('* | rex "src=(?<src>\\S+) dst=(?<dst>\\S+)"', [{ _raw: raw }])).toEqual([{ _raw: raw, src: '192.0.2.1', dst: '198.51.100.2' }]);
    expect(await column('* | rex max_match=0 "dst=(?<dst>\\S+)"', [{ _raw: raw }], 'dst')).toEqual([['198.51.100.2', '203.0.113.3']]);
    expect(await column('* | rex field=Image "(?<exe>[^\\\\\\\\]+)$"', [{ Image: 'C:\\Windows\\cmd.exe' }], 'exe')).toEqual(['cmd.exe']);
  });
  it('rex mode=sed rewrites the field', async () => {
    expect(await column('* | rex mode=sed field=x "s/(\\d+)/<\\1>/g"', [{ x: 'a1b22' }], 'x')).toEqual(['a<1>b<22>']);
    expect(await column('* | rex mode=sed field=x "s/a/A/2"', [{ x: 'aaa' }], 'x')).toEqual(['aAa']);
    expect(await column('* | rex mode=sed field=x "y/abc/xyz/"', [{ x: 'cab' }], 'x')).toEqual(['zxy']);
  });
  it('regex keeps matching events; != keeps the others', async () => {
    const evs: Fields[] = [{ id: 1, u: 'C:\\Temp\\a.exe' }, { id: 2, u: 'C:\\Windows\\b.exe' }];
    expect(await ids('* | regex u="(?i)\\\\\\\\temp\\\\\\\\"', evs)).toEqual([1]);
    expect(await ids('* | regex u!="(?i)temp"', evs)).toEqual([2]);
  });
  it('makemv splits and mvexpand expands', async () => {
    expect(await column('* | makemv delim="," p', [{ p: '80,,443' }], 'p')).toEqual([['80', '443']]);
    expect(await column('* | makemv tokenizer="(\\d+)" p | mvexpand p', [{ p: 'a1b22c333' }], 'p')).toEqual(['1', '22', '333']);
    expect(await column('* | mvexpand p limit=1', [{ p: ['x', 'y'] }, { p: 'z' }], 'p')).toEqual(['x', 'z']);
  });
});

describe('top and rare (§5)', () => {
  const evs: Fields[] = ['a', 'b', 'a', 'c', 'a', 'b'].map((x) => ({ x }));
  it('counts most common first with percent', async () => {
    // 6 events: a 3 (50%), b 2 (33.333333%), c 1 (16.666667%)
    expect(await rows('* | top x', evs)).toEqual([
      { x: 'a', count: 3, percent: 50 },
      { x: 'b', count: 2, percent: 33.333333 },
      { x: 'c', count: 1, percent: 16.666667 },
    ]);
    expect(await column('* | rare limit=1 x', evs, 'x')).toEqual(['c']);
    expect(await rows('* | top 1 x showperc=f useother=t', evs)).toEqual([
      { x: 'a', count: 3 },
      { x: 'OTHER', count: 3 },
    ]);
  });
});

describe('lookups, macros, makeresults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'c2hunt-lookups-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'c2.csv'), 'ip,owner,category\n203.0.113.5,actor-a,c2\n203.0.113.5,actor-b,c2\n198.51.100.9,vendor,benign\n');
  const lookups = directoryLookups(dir);

  it('lookup outputs matching rows; several matches make a multivalue; OUTPUTNEW keeps existing', async () => {
    const evs: Fields[] = [{ DestinationIp: '203.0.113.5' }, { DestinationIp: '198.51.100.9', owner: 'known' }, { DestinationIp: '192.0.2.1' }];
    expect(await rows('* | lookup c2 ip AS DestinationIp', evs, { lookups })).toEqual([
      // One value per matching row, in file order, so the output fields stay aligned row by row [pinned].
      { DestinationIp: '203.0.113.5', owner: ['actor-a', 'actor-b'], category: ['c2', 'c2'] },
      { DestinationIp: '198.51.100.9', owner: 'vendor', category: 'benign' },
      { DestinationIp: '192.0.2.1' },
    ]);
    expect(await column('* | lookup c2.csv ip AS DestinationIp OUTPUTNEW owner', evs, 'owner', { lookups })).toEqual([
      ['actor-a', 'actor-b'],
      'known',
      undefined,
    ]);
  });
  it('lookup matches case-sensitively (transforms.conf default)', async () => {
    expect(await column('* | lookup c2 owner OUTPUT ip', [{ owner: 'VENDOR' }, { owner: 'vendor' }], 'ip', { lookups })).toEqual([undefined, '198.51.100.9']);
  });
  it('inputlookup reads rows, filtered by where', async () => {
    expect(await column('| inputlookup c2 where category=c2', [], 'owner', { lookups })).toEqual(['actor-a', 'actor-b']);
  });
  it('refuses a table name with a path', async () => {
    await expect(runSpl('| inputlookup ../c2', [], { lookups })).rejects.toThrow(/cannot contain a path/);
  });
  it('expands macros from a YAML file', async () => {
    const macros = parseMacros('sysmon: EventCode=3\n"big(1)":\n  args: [f]\n  definition: where $f$ > 10\n', 'macros.yml');
    expect(await column('`sysmon` | `big(n)`', [{ EventCode: '3', n: 11 }, { EventCode: '3', n: 5 }, { EventCode: '1', n: 50 }], 'n', { macros })).toEqual([11]);
  });
  it('makeresults makes events at the search time', async () => {
    expect(await rows('| makeresults count=2 | eval x=1', [], { now: 1_700_000_000.5 })).toEqual([
      { _time: 1_700_000_000, x: 1 },
      { _time: 1_700_000_000, x: 1 },
    ]);
  });
});

describe('convert [pinned]', () => {
  const t = Date.UTC(2024, 4, 1, 10, 2, 3) / 1000;
  it('renders and parses times in timeformat and the run time zone', async () => {
    // security_content_ctime(1) is `convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)`.
    expect(await column('* | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)', [{ firstTime: t }], 'firstTime')).toEqual(['2024-05-01T10:02:03']);
    expect(await column('* | convert ctime(t) AS s', [{ t }], 's', { tz: 'Europe/Paris' })).toEqual(['05/01/2024 12:02:03']);
    expect(await column('* | convert mktime(s) AS t', [{ s: '05/01/2024 10:02:03' }], 't')).toEqual([t]);
  });
  it('converts durations, units and commas; num removes what does not convert', async () => {
    const [r] = await rows('* | convert dur2sec(d) rmcomma(c) rmunit(u) memk(m) mstime(ms) num(bad) auto(keep)', [
      { d: '1+02:03:04', c: '1,234,567', u: '42ms', m: '2m', ms: '01:02.5', bad: 'abc', keep: 'abc' },
    ]);
    // 1 day + 2 h + 3 min + 4 s = 86400 + 7200 + 180 + 4; 2m = 2048 KB; 1 min 2.5 s = 62.5
    expect(r).toEqual({ d: 93784, c: 1234567, u: 42, m: 2048, ms: 62.5, keep: 'abc' });
  });
  it('applies patterns with AS, and none() wherever it is written', async () => {
    expect(await rows('* | convert auto(*_n) AS *_num none(b_n)', [{ a_n: '1,000', b_n: '2,000' }])).toEqual([{ a_n: '1,000', b_n: '2,000', a_num: 1000 }]);
  });
  it('runs a security_content detection tail with its ctime macro', async () => {
    const macros = parseMacros('"security_content_ctime(1)":\n  args: [field]\n  definition: convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)\n', 'm.yml');
    expect(await rows('* | stats min(_time) as firstTime count by h | `security_content_ctime(firstTime)`', [{ h: 'a', _time: t }], { macros })).toEqual([
      { h: 'a', firstTime: '2024-05-01T10:02:03', count: 1 },
    ]);
  });
});
