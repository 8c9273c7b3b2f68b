/**
 * The pack's extension commands through the engine: arguments checked at plan time with positions,
 * outputs on small hand-made inputs, bounded per-group state, and the registry's naming rules.
 */
import { describe, expect, it } from 'vitest';
import { checkSpl, runSpl } from '../../engine/run-spl.js';
import { commandRegistry, type CustomCommand } from '../../engine/custom-commands.js';
import { createEvent, type Event } from '../../events/event.js';
import { IndicatorSet } from '../../intel/indicator-set.js';
import { readPlainFeed } from '../../intel/readers/plain.js';
import { createPackCommands } from './index.js';
import { StrideSample } from './sampler.js';
import { parseIntervalEntries } from '../../findings/timeline.js';

const commands = createPackCommands();
const ev = (f: Record<string, string | number>): Event => Object.assign(createEvent(), f);
async function run(query: string, events: Event[], registry = commands) {
  return (await runSpl(query, [events], { commands: registry })).rows.map((r) => ({ ...r }));
}

describe('planning', () => {
  it('pack commands are runnable only when registered', () => {
    expect(checkSpl('index=x | c2beacon by host').ok).toBe(false);
    expect(checkSpl('index=x | c2beacon by host', { commands }).ok).toBe(true);
  });

  it('reports bad options at the command, with the command and option named', () => {
    const check = checkSpl('index=x\n| c2beacon by host min_checkins=2', { commands });
    expect(check.problems.map((p) => [p.kind, p.line, p.message])).toEqual([
      ['invalid-argument', 2, "c2beacon: option 'min_checkins' must be a whole number in 3..1000000, not '2'"],
    ]);
    expect(checkSpl('| c2beacon host', { commands }).problems[0]?.message).toBe("c2beacon: needs 'by' and at least one field");
    expect(checkSpl('| c2dga feild=QueryName', { commands }).problems[0]?.message).toBe("c2dga: unknown option 'feild' (options: field)");
    expect(checkSpl('| c2resolved dns=maybe', { commands }).problems[0]?.message).toBe("c2resolved: option 'dns' must be one of keep, drop, not 'maybe'");
    expect(checkSpl('| c2nxburst by host', { commands }).problems[0]?.message).toBe("c2nxburst: takes no 'by' clause");
  });

  it('the registry refuses Splunk command names and duplicates', () => {
    const fake = (name: string) => ({ name, summary: '', configure: () => null, create: () => ({ push: (b: Event[]) => b, finish: () => [] }) }) as unknown as CustomCommand<never>;
    expect(() => commandRegistry([fake('stats')])).toThrow("would shadow the Splunk command");
    expect(() => commandRegistry([fake('c2a'), fake('c2a')])).toThrow('registered twice');
    expect(() => commandRegistry([fake('C2A')])).toThrow('lower-case');
  });
});

describe('c2beacon', () => {
  // 20 connections 60 s apart and 3 connections: the first is scored; the second has fewer than 4
  // check-ins and comes out unscored (score 0) so prevalence over groups still sees it. Inbound ignored.
  it('emits one row per group, scored groups first', async () => {
    const events = [
      ...Array.from({ length: 20 }, (_, i) => ev({ _time: 1000 + 60 * i, host: 'h', Image: 'a.exe', DestinationIp: '192.0.2.1', DestinationPort: '443' })),
      ...Array.from({ length: 3 }, (_, i) => ev({ _time: 1000 + 60 * i, host: 'h', Image: 'b.exe', DestinationIp: '192.0.2.2', DestinationPort: '80' })),
      ev({ _time: 5000, host: 'h', Image: 'a.exe', DestinationIp: '192.0.2.1', Initiated: 'false' }),
    ];
    const rows = await run('| c2beacon by host, Image, DestinationIp values=DestinationPort', events);
    expect(rows.map((r) => [r['Image'], r['connections'], r['beacon_scored'], r['DestinationPort'], r['DestinationPort_count']])).toEqual([
      ['a.exe', 20, 1, '443', 1],
      ['b.exe', 3, 0, '80', 1],
    ]);
    expect(rows[0]!['period']).toBe(60);
    expect(rows[1]!['beacon_score']).toBe(0);
    expect((rows[0]!['beacon_times'] as string[]).length).toBe(20);
  });

  it('keeps at most `timeline` times, spread over the whole series', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => ev({ _time: 1000 + 10 * i, host: 'h', Image: 'a.exe', DestinationIp: '192.0.2.1' }));
    const rows = await run('| c2beacon by host timeline=100', events);
    const times = (rows[0]!['beacon_times'] as string[]).map(Number);
    expect(times.length).toBe(100);
    expect(times[0]).toBe(1000);
    expect(times[99]).toBeGreaterThan(1000 + 10 * 4900);
    expect(rows[0]!['connections']).toBe(5000);
  });

  it('carries the interval histogram over every connection, not over the sampled times', async () => {
    // 5,000 connections 10 s apart, plus a second connection 0.5 s after every 100th: a burst, which
    // the scorer merges into one check-in, so there are 4,999 check-in intervals, every one 10 s.
    const events = Array.from({ length: 5000 }, (_, i) => ev({ _time: 1000 + 10 * i, host: 'h', Image: 'a.exe' }));
    for (let i = 0; i < 5000; i += 100) events.push(ev({ _time: 1000 + 10 * i + 0.5, host: 'h', Image: 'a.exe' }));
    const rows = await run('| c2beacon by host timeline=100', events);
    expect(rows[0]!['connections']).toBe(5050);
    // Over 2,048 times the accumulator keeps a sketch: an interval is its 2 % bin's centre, within 1 %.
    const entries = rows[0]!['beacon_intervals'] as string[];
    expect(entries).toHaveLength(3);
    const [total, median, bin] = entries;
    expect(total).toBe('total 4999');
    expect(Math.abs(Number(median!.split(' ')[1]) - 10) / 10).toBeLessThan(0.01);
    expect(bin).toMatch(/^(\S+) \1 4999$/);
    expect(Math.abs(Number(bin!.split(' ')[0]) - 10) / 10).toBeLessThan(0.01);
    // The sampled times alone would show gaps of about 5,050 / 100 × 10 s ≈ 500 s.
    const times = (rows[0]!['beacon_times'] as string[]).map(Number);
    expect(times[1]! - times[0]!).toBeGreaterThan(400);
  });

  it('bins exact check-in intervals, empty bins included, that findings read back', async () => {
    // Gaps 60, 60, 120, 60 (exact tier): 4 intervals over [60, 120] in 24 log bins; 60 goes to the first
    // bin, 120 (the top edge) to the last; median of 60, 60, 60, 120 is 60.
    const events = [0, 60, 120, 240, 300].map((t) => ev({ _time: 1000 + t, host: 'h' }));
    const rows = await run('| c2beacon by host', events);
    const entries = rows[0]!['beacon_intervals'] as string[];
    expect(entries.slice(0, 2)).toEqual(['total 4', 'median 60']);
    expect(entries).toHaveLength(2 + 24);
    expect(entries[2]).toMatch(/^60 \S+ 3$/);
    expect(entries[25]).toMatch(/^\S+ 120 1$/);
    const h = parseIntervalEntries(entries)!;
    expect(h).toMatchObject({ total: 4, median: 60, zero: 0, kind: 'checkins' });
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.edges).toHaveLength(25);
  });
});

describe('StrideSample', () => {
  it('holds at most 2·cap values and returns at most cap, evenly by arrival', () => {
    const s = new StrideSample(10);
    for (let i = 0; i < 1000; i++) s.add(i);
    const out = s.result();
    expect(out.length).toBe(10);
    // Gaps between kept values differ by at most a factor of two (stride doubling).
    const gaps = out.slice(1).map((v, i) => v - (out[i] as number));
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeLessThanOrEqual(2);
  });
});

describe('c2resolved', () => {
  // WKS-1 powershell resolved c2.example.test → 192.0.2.10 before connecting; the connection to
  // 192.0.2.11 has only Sysmon's reverse lookup (a PTR); 192.0.2.12 has neither. A connection on another
  // host to 192.0.2.10 is not named by WKS-1's answer.
  it('names connections from the same host’s answers, else the PTR, else the address', async () => {
    const events = [
      ev({ _time: 1, host: 'WKS-1', Image: 'p.exe', EventCode: '22', QueryName: 'c2.example.test', QueryResults: 'type:  5 edge.cdn.test;::ffff:192.0.2.10;' }),
      ev({ _time: 2, host: 'WKS-1', Image: 'p.exe', EventCode: '3', DestinationIp: '192.0.2.10', DestinationHostname: '-' }),
      ev({ _time: 3, host: 'WKS-1', Image: 'p.exe', EventCode: '3', DestinationIp: '192.0.2.11', DestinationHostname: 'vps-11.Hosting.example.' }),
      ev({ _time: 4, host: 'WKS-1', Image: 'p.exe', EventCode: '3', DestinationIp: '192.0.2.12', DestinationHostname: '-' }),
      ev({ _time: 5, host: 'WKS-2', Image: 'p.exe', EventCode: '3', DestinationIp: '192.0.2.10', DestinationHostname: '-' }),
    ];
    const rows = await run('| c2resolved dns=drop | table host DestinationIp resolved_name dest_name dest_name_source dest_domain', events);
    expect(rows).toEqual([
      { host: 'WKS-1', DestinationIp: '192.0.2.10', resolved_name: 'c2.example.test', dest_name: 'c2.example.test', dest_name_source: 'dns', dest_domain: 'example.test' },
      { host: 'WKS-1', DestinationIp: '192.0.2.11', resolved_name: null, dest_name: 'vps-11.hosting.example', dest_name_source: 'ptr', dest_domain: 'hosting.example' },
      { host: 'WKS-1', DestinationIp: '192.0.2.12', resolved_name: null, dest_name: null, dest_name_source: 'ip', dest_domain: '192.0.2.12' },
      { host: 'WKS-2', DestinationIp: '192.0.2.10', resolved_name: null, dest_name: null, dest_name_source: 'ip', dest_domain: '192.0.2.10' },
    ]);
  });
});

describe('c2domain and c2dga', () => {
  it('split names with the public suffix list, private section included', async () => {
    const rows = await run('| c2domain field=QueryName prefix=q_ | table QueryName q_domain q_subdomain q_name_length q_max_label_length', [
      ev({ QueryName: 'A.B.Example.CO.UK.' }),
      ev({ QueryName: 'x.customer1.azurewebsites.net' }),
      ev({ QueryName: '192.0.2.1' }),
    ]);
    expect(rows).toEqual([
      { QueryName: 'A.B.Example.CO.UK.', q_domain: 'example.co.uk', q_subdomain: 'a.b', q_name_length: 17, q_max_label_length: 7 },
      { QueryName: 'x.customer1.azurewebsites.net', q_domain: 'customer1.azurewebsites.net', q_subdomain: 'x', q_name_length: 29, q_max_label_length: 13 },
      { QueryName: '192.0.2.1', q_domain: '192.0.2.1', q_subdomain: null, q_name_length: 9, q_max_label_length: 3 },
    ]);
  });

  it('scores the registrable label: a random string high, a word low', async () => {
    const rows = await run('| c2dga | table QueryName dga_label dga_score', [ev({ QueryName: 'www.xkqjzpvbnrtwg.com' }), ev({ QueryName: 'mail.weather.com' })]);
    expect(rows.map((r) => r['dga_label'])).toEqual(['xkqjzpvbnrtwg', 'weather']);
    expect(rows[0]!['dga_score'] as number).toBeGreaterThan(0.8);
    expect(rows[1]!['dga_score'] as number).toBeLessThan(0.2);
  });
});

describe('c2tunnel and c2nxburst', () => {
  it('counts distinct subdomains per parent within each group, estimating beyond 256', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => ev({ _time: i, host: 'h', Image: 'd.exe', QueryName: `n${i}.t.tunnel.test` }));
    const rows = await run('| c2tunnel by host', events);
    expect(rows.length).toBe(1);
    expect(rows[0]!['parent']).toBe('tunnel.test');
    // HyperLogLog beyond the exact cap: within 5 % of 5,000.
    expect(Math.abs((rows[0]!['distinct_subdomains'] as number) - 5000)).toBeLessThan(250);
    expect(rows[0]!['tunnel_score']).toBe(1);
  });

  it('finds the largest window of distinct NXDOMAIN names', async () => {
    // 12 distinct names 4 s apart (44 s span) then 12 more an hour later but 10 s apart (110 s span):
    // the largest 60 s window holds 12 of the first set and 6–7 of the second.
    const events = [
      ...Array.from({ length: 12 }, (_, i) => ev({ _time: 1000 + 4 * i, host: 'h', Image: 'x.exe', QueryName: `a${i}.test`, QueryStatus: '9003' })),
      ...Array.from({ length: 12 }, (_, i) => ev({ _time: 5000 + 10 * i, host: 'h', Image: 'x.exe', QueryName: `b${i}.test`, QueryStatus: '9003' })),
      ev({ _time: 9000, host: 'h', Image: 'x.exe', QueryName: 'ok.test', QueryStatus: '0' }),
    ];
    const rows = await run('| c2nxburst window=60 threshold=10', events);
    expect(rows.map((r) => [r['max_burst'], r['is_burst'], r['burst_start'], r['nxdomains'], r['queries'], r['distinct_nx_names']])).toEqual([[12, 1, 1000, 24, 25, 24]]);
  });
});

describe('c2intel', () => {
  it('adds the match and drops other events; keep=all keeps them', async () => {
    const intel = new IndicatorSet(readPlainFeed('evil.test c2 server\n192.0.2.0/24', 'f.txt').indicators);
    const registry = createPackCommands({ intel });
    const events = [ev({ QueryName: 'a.evil.test' }), ev({ DestinationIp: '192.0.2.7' }), ev({ QueryName: 'good.test' })];
    const rows = await run('| c2intel | table QueryName DestinationIp intel_indicator intel_how intel_field intel_description', events, registry);
    expect(rows).toEqual([
      { QueryName: 'a.evil.test', DestinationIp: null, intel_indicator: 'evil.test', intel_how: 'parent-domain', intel_field: 'QueryName', intel_description: 'c2 server' },
      { QueryName: null, DestinationIp: '192.0.2.7', intel_indicator: '192.0.2.0/24', intel_how: 'cidr', intel_field: 'DestinationIp', intel_description: '-' },
    ]);
    expect((await run('| c2intel keep=all', events, registry)).length).toBe(3);
  });
});
