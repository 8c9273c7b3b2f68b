/**
 * `c2hunt spl` in-process: argument handling, --check reports and exit codes, output formats. Queries
 * that read telemetry are covered by the engine tests; here the inputs are generating queries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerSpl } from '../../src/cli/spl.js';
import { reportError } from '../../src/cli/exit.js';
import { SEED_DETECTION } from '../helpers/seed.js';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const program = new Command('c2hunt').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerSpl(program, { stdout, stderr });
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(['node', 'c2hunt', 'spl', ...args]);
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode !== undefined ? 2 : reportError(e, stderr);
  } finally {
    process.exitCode = undefined;
  }
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out, stderr: err };
}

const dir = mkdtempSync(join(tmpdir(), 'c2hunt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spl --check', () => {
  it('passes the seed detection', async () => {
    const r = await cli('--check', '-f', SEED_DETECTION);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${SEED_DETECTION}: ok (search | eval | stats | stats | where | eval | eval | eval | eval | where | table | sort)\n`);
  });

  it('reports a syntax error with its position and caret, exit 2', async () => {
    const r = await cli('--check', 'index=x\n| stats count by');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("query: syntax error: line 2, col 17: expected a field name after 'by'\n    | stats count by\n                    ^\n");
  });

  it('lists what cannot run, grouped, apart from syntax errors', async () => {
    const r = await cli('--check', 'index=x | tstats count | eval a=frob(1) | `filter` | bin _time span=3w');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(
      'query: cannot run\n' +
        '  commands:\n' +
        "    line 1, col 11: command 'tstats' is not supported by c2hunt\n" +
        '  functions:\n' +
        "    line 1, col 33: eval function 'frob' is not supported by c2hunt\n" +
        '  macros:\n' +
        '    line 1, col 43: macro `filter` is not defined\n' +
        '  other:\n' +
        "    line 1, col 64: bin span: unknown time unit 'w' in span '3w' (use s, m, h, d, mon, or us, ms, cs, ds)\n",
    );
  });

  it('also reports what only fails when built (a regex RE2 cannot run), in query order', async () => {
    const r = await cli('--check', 'index=x | eval a=foo(1) | rex "(?<=x)y" | eval b=if(1,2)');
    expect(r.stdout).toBe(
      'query: cannot run\n' +
        '  functions:\n' +
        "    line 1, col 18: eval function 'foo' is not supported by c2hunt\n" +
        '  other:\n' +
        '    line 1, col 27: rex: lookbehind "(?<=" at position 1 is not supported (c2hunt runs regexes on RE2, which has no backtracking); match more and extract with a group\n' +
        '    line 1, col 50: if() takes 3 arguments, got 2\n',
    );
  });

  it('checks several files at once, as JSON for CI', async () => {
    const good = join(dir, 'good.spl');
    const bad = join(dir, 'bad.yml');
    writeFileSync(good, 'EventCode=3 | stats count by host\n');
    writeFileSync(bad, 'name: bad\nid: x\nsearch: EventCode=3 | rex "(?<=a)b"\n');
    const r = await cli('--check', '--format', 'json', '-f', good, bad);
    expect(r.code).toBe(2);
    const items = JSON.parse(r.stdout) as { source: string; ok: boolean; problems: { kind: string; message: string }[] }[];
    expect(items.map((i) => [i.source, i.ok])).toEqual([
      [good, true],
      [bad, false],
    ]);
    expect(items[1]?.problems[0]?.message).toMatch(/^rex: lookbehind "\(\?<=" at position 1 is not supported/);
    expect(r.stderr).toBe('c2hunt: 1 of 2 queries can run\n');
  });

  it('names a typo in a detection file', async () => {
    const typo = join(dir, 'typo.yml');
    writeFileSync(typo, 'name: t\nid: x\nserach: index=x\n');
    const r = await cli('--check', '-f', typo);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`c2hunt: ${typo}: unknown key 'serach' (did you mean 'search'?)\n`);
  });
});

describe('spl', () => {
  it('prints an aligned table by default, and each format on request', async () => {
    const q = '| makeresults count=2 | streamstats count AS n | eval port=if(n=1, split("80,443", ","), "=1+1") | table n, port';
    const table = await cli(q, '--quiet');
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      ['┌───┬──────┐', '│ n │ port │', '├───┼──────┤', '│ 1 │ 80   │', '│   │ 443  │', '├───┼──────┤', '│ 2 │ =1+1 │', '└───┴──────┘', ''].join('\n'),
    );
    expect((await cli(q, '--quiet', '--format', 'ndjson')).stdout).toBe('{"n":1,"port":[80,443]}\n{"n":2,"port":"=1+1"}\n');
    expect((await cli(q, '--quiet', '--format', 'csv')).stdout).toBe('n,port\r\n1,"80\n443"\r\n2,\'=1+1\r\n');
  });

  it('renders strftime and _time in --tz', async () => {
    const r = await cli('| makeresults | eval _time=1714557600, h=strftime(_time, "%H:%M") | table _time, h', '--tz', 'Asia/Tokyo', '--format', 'ndjson', '-q');
    // 1714557600 is 2024-05-01T10:00:00Z, 19:00 in Tokyo (+09:00).
    expect(r.stdout).toBe('{"_time":"2024-05-01T19:00:00.000+09:00","h":"19:00"}\n');
  });

  it('needs a query and, unless it generates results, a path', async () => {
    expect(await cli()).toMatchObject({ code: 2, stderr: expect.stringMatching(/^c2hunt: spl needs a QUERY/) });
    expect(await cli('EventCode=3')).toMatchObject({ code: 2, stderr: 'c2hunt: spl needs at least one PATH (a file, a directory, or - for standard input)\n' });
  });

  it('reads telemetry files with the readers and reports the run on stderr', async () => {
    const record = (id: number, eventId: number, image: string, time: string) =>
      `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
      `<EventID>${eventId}</EventID><TimeCreated SystemTime='${time}'/><EventRecordID>${id}</EventRecordID>` +
      `<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>ws01.corp.example</Computer></System>` +
      `<EventData><Data Name='Image'>${image}</Data><Data Name='DestinationIp'>203.0.113.5</Data></EventData></Event>`;
    const file = join(dir, 'sysmon.xml');
    writeFileSync(
      file,
      [
        record(1, 3, 'C:\\Windows\\System32\\curl.exe', '2024-05-01T10:00:00.0000000Z'),
        record(2, 3, 'C:\\Windows\\System32\\curl.exe', '2024-05-01T10:05:00.0000000Z'),
        record(3, 1, 'C:\\Windows\\System32\\curl.exe', '2024-05-01T10:06:00.0000000Z'),
        record(4, 3, 'C:\\Tools\\agent.exe', '2024-05-01T11:00:00.0000000Z'),
      ].join('\n') + '\n',
    );
    const r = await cli('index=wineventlog sourcetype="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=3 | stats count by host, Image', file, '--format', 'csv');
    expect(r.code).toBe(0);
    // Records 1, 2 and 4 are EID 3; record 3 (EID 1) is skipped before it is parsed.
    expect(r.stdout).toBe('host,Image,count\r\nws01.corp.example,C:\\Tools\\agent.exe,1\r\nws01.corp.example,C:\\Windows\\System32\\curl.exe,2\r\n');
    expect(r.stderr).toMatch(/^c2hunt: read 1 file, 3 events, 0 bad records, 1 records pre-filtered \(0\.0 MiB\)\nc2hunt: 2 results from 3 events in \d+\.\d\d s\n$/);
  });

  it('fails with one line on a query that cannot run, before reading anything', async () => {
    const r = await cli('EventCode=3 | tstats count', 'no-such-file.evtx');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("c2hunt: cannot run this query: command 'tstats' is not supported by c2hunt (line 1, col 15)\n");
  });
});
