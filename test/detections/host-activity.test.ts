/**
 * LOLBin connections to non-standard ports, the scheduled-task callback and the threat-intel match, on
 * hand-made events through the engine with the pack's macros and commands.
 */
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/events/event.js';
import { IndicatorSet } from '../../src/intel/indicator-set.js';
import { readPlainFeed } from '../../src/intel/readers/plain.js';
import { AGENT, conn, conns, CURL, dns, proc, PS, RUNDLL, runDetection, series, SVCHOST, T0, task4698 } from '../helpers/pack.js';

const SCHTASKS = 'C:\\Windows\\System32\\schtasks.exe';
const SCHEDULE = 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule';
const exe = (r: Record<string, unknown>) => String(r['Image']).split('\\').pop();

describe('c2_lolbin_nonstandard_port', () => {
  // The seed's test 3: powershell tries 127.0.0.1 on 4444, 8080 and 8443 → 3 ports, high (lab profile;
  // loopback is excluded under enterprise). rundll32 → 203.0.113.5:8888 once → medium. Near misses: curl to
  // 443 (standard), agent.exe to 4444 (no LOLBin), powershell inbound (Initiated=false) on 5985.
  function events(): Event[] {
    const ev: Event[] = [];
    [4444, 8080, 8443].forEach((port, i) => ev.push(conn(T0 + i, { image: PS, ip: '127.0.0.1', port })));
    ev.push(conn(T0 + 100, { image: RUNDLL, ip: '203.0.113.5', port: 8888, host: 'WKS-002' }));
    ev.push(conn(T0 + 200, { image: CURL, ip: '203.0.113.6', port: 443 }));
    ev.push(conn(T0 + 300, { image: AGENT, ip: '203.0.113.7', port: 4444 }));
    const inbound = conn(T0 + 400, { image: PS, ip: '203.0.113.8', port: 5985 });
    inbound['Initiated'] = 'false';
    ev.push(inbound);
    return ev;
  }

  it('lab profile: the port sweep is high, a single odd port medium', async () => {
    const { rows, findings } = await runDetection('c2_lolbin_nonstandard_port.yml', events(), { profile: 'lab' });
    expect(rows.map((r) => `${exe(r)} ${String(r['DestinationIp'])} ${String(r['port_count'])} ${String(r['severity'])}`)).toEqual([
      'powershell.exe 127.0.0.1 3 high',
      'rundll32.exe 203.0.113.5 1 medium',
    ]);
    expect(findings[0]?.ports).toEqual([4444, 8080, 8443]);
  });

  it('enterprise profile leaves loopback out', async () => {
    const { rows } = await runDetection('c2_lolbin_nonstandard_port.yml', events());
    expect(rows.map(exe)).toEqual(['rundll32.exe']);
  });
});

describe('c2_scheduled_task_callback', () => {
  const ACTION_ARGS = `-NoProfile -WindowStyle Hidden -Command "Invoke-WebRequest -Uri 'http://127.0.0.1:8888/health'"`;
  const SCHTASKS_CMD = `schtasks.exe /Create /TN "WindowsNetworkHealth" /TR "powershell.exe ${ACTION_ARGS.replace(/"/g, '\\"')}" /SC MINUTE /MO 5 /F`;

  function run(time: number, guid: string, host = 'WKS-001', args = ACTION_ARGS): Event[] {
    return [
      proc(time, { host, image: PS, commandLine: `powershell.exe ${args}`, parentImage: SVCHOST, parentCommandLine: SCHEDULE, guid }),
      conn(time + 1, { host, image: PS, ip: '127.0.0.1', port: 8888, guid }),
    ];
  }

  // The seed's test 4: schtasks /create and its 4698 at T0, then three runs 5 min apart, each with a
  // connection. One finding: host WKS-001, 3 runs, 3 connections, first run 300 s after creation.
  function test4(): Event[] {
    return [
      proc(T0, { image: SCHTASKS, commandLine: SCHTASKS_CMD, parentImage: 'C:\\Windows\\System32\\cmd.exe', guid: '{a}' }),
      task4698(T0 + 0.1, { name: 'WindowsNetworkHealth', command: 'powershell.exe', args: ACTION_ARGS }),
      ...run(T0 + 300, '{r1}'),
      ...run(T0 + 600, '{r2}'),
      ...run(T0 + 900, '{r3}'),
    ];
  }

  it('correlates creation, task-started script host and its connections', async () => {
    const { rows, findings } = await runDetection('c2_scheduled_task_callback.yml', test4(), { profile: 'lab' });
    expect(rows.length).toBe(1);
    const r = rows[0]!;
    expect([r['host'], r['TaskName'], r['runs'], r['connections'], r['delay']]).toEqual(['WKS-001', 'WindowsNetworkHealth', 3, 3, 300]);
    expect(r['created_by']).toEqual(['Security 4698', 'schtasks /create']);
    expect(findings[0]?.severity).toBe('high');
    expect(findings[0]?.context?.parentCommandLine).toBe(SCHEDULE);
  });

  it('either creation source alone is enough', async () => {
    const only4698 = test4().filter((e) => e['Image'] !== SCHTASKS);
    const onlySchtasks = test4().filter((e) => e['EventCode'] !== '4698');
    expect((await runDetection('c2_scheduled_task_callback.yml', only4698, { profile: 'lab' })).rows.length).toBe(1);
    expect((await runDetection('c2_scheduled_task_callback.yml', onlySchtasks, { profile: 'lab' })).rows.length).toBe(1);
  });

  it('near misses: a task run without a creation, a different command, another host, too late, no connection', async () => {
    const creation = test4().slice(0, 2);
    const cases: Record<string, Event[]> = {
      'no creation in the data': run(T0 + 300, '{x}'),
      'another command': [...creation, ...run(T0 + 300, '{x}', 'WKS-001', '-NoProfile -Command "Get-Date"')],
      'another host': [...creation, ...run(T0 + 300, '{x}', 'WKS-002')],
      'after the 24 h window': [...creation, ...run(T0 + 2 * 86400, '{x}')],
      'no network connection': [...creation, run(T0 + 300, '{x}')[0]!],
      'started by explorer, not the scheduler': [...creation, proc(T0 + 300, { image: PS, commandLine: `powershell.exe ${ACTION_ARGS}`, guid: '{x}' }), conn(T0 + 301, { image: PS, ip: '127.0.0.1', port: 8888, guid: '{x}' })],
    };
    for (const [name, events] of Object.entries(cases)) {
      expect((await runDetection('c2_scheduled_task_callback.yml', events, { profile: 'lab' })).rows, name).toEqual([]);
    }
  });

  it('enterprise profile: the loopback callback does not count', async () => {
    expect((await runDetection('c2_scheduled_task_callback.yml', test4())).rows).toEqual([]);
  });
});

describe('c2_threat_intel_match', () => {
  const feed = readPlainFeed(['203.0.113.0/24 # rented VPS range', 'evil.test # C2 domain', '198.51.100.99'].join('\n'), 'feed.txt');
  const intel = new IndicatorSet(feed.indicators);

  // WKS-001 powershell connects to 203.0.113.20 (CIDR match, high: a connection) and resolves
  // api.evil.test (parent-domain match, medium: a query only). Near misses: notevil.test, 198.51.100.98.
  function events(): Event[] {
    return [
      ...conns(series(T0, 3, 60), { image: PS, ip: '203.0.113.20' }),
      dns(T0 + 500, { image: PS, name: 'api.evil.test', answers: ['192.0.2.1'] }),
      dns(T0 + 600, { image: PS, name: 'notevil.test', answers: ['192.0.2.2'] }),
      conn(T0 + 700, { image: AGENT, ip: '198.51.100.98' }),
    ];
  }

  it('matches by CIDR and parent domain, one finding per host, process and indicator', async () => {
    const { rows } = await runDetection('c2_threat_intel_match.yml', events(), { intel });
    expect(rows.map((r) => `${String(r['intel_indicator'])} ${String(r['match_type'])} ${String(r['events'])} ${String(r['severity'])}`)).toEqual([
      '203.0.113.0/24 cidr 3 high',
      'evil.test parent-domain 1 medium',
    ]);
  });

  it('matches nothing without feeds', async () => {
    expect((await runDetection('c2_threat_intel_match.yml', events())).rows).toEqual([]);
  });

  it('declares that it needs feeds', async () => {
    const { detection } = await runDetection('c2_threat_intel_match.yml', []);
    expect(detection.requires).toEqual(['intel']);
  });
});
