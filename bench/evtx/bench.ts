/**
 * EVTX reading speed: c2hunt's reader side by side with evtxexport (Debian libevtx-utils) and python-evtx
 * (Debian python3-evtx) on the same files, in the same run.
 *
 *   apt-get install -y libevtx-utils python3-evtx
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/evtx/bench.js [--no-python] [FILE.evtx ...]
 *
 * Default files: every sample in ../shared/data/evtx. For each file: records/s and MB/s of
 * - c2hunt `fields` (normalized events, no `_raw`), `lazy` (the default: `_raw` defined, rendered on first
 *   read, never read here) and `xml` (every `_raw` read: full XML rendering), measured in-process after a
 *   warm-up (the median-free mean of ≥3 runs or ≥300 ms), plus one cold pass over all files;
 * - evtxexport with its default text output and with `-f xml`, one process per file, output to /dev/null;
 * - python-evtx's evtx_dump.py, one process per file.
 * Records per second use each tool's own record count (expected.json for the reference tools: they read
 * fewer records on some files). Peak RSS is from getrusage (/usr/bin/time -f %M for the reference tools).
 * The machine may be shared: the load average is printed before and after; compare ratios, not absolutes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const samples = resolve(here, '../../../../../shared/data/evtx');
const args = process.argv.slice(2);
const noPython = args.includes('--no-python');
const files = args.filter((a) => !a.startsWith('--'));
const inputs = files.length > 0 ? files.map((f) => resolve(f)) : readdirSync(samples).filter((f) => f.endsWith('.evtx')).sort().map((f) => join(samples, f));

interface Expected {
  libevtx?: number;
  python_evtx?: [number, number];
}
let expected: Record<string, Expected> = {};
try {
  expected = (JSON.parse(readFileSync(join(samples, 'expected.json'), 'utf8')) as { files: Record<string, Expected> }).files;
} catch {
  // Counts for other files come from the tools' output instead.
}

interface ChildResult {
  mode: string;
  coldRecords: number;
  coldMs: number;
  perFile: { file: string; bytes: number; records: number; ms: number }[];
  maxRssBytes: number;
}

function runOurs(mode: string): ChildResult {
  const out = execFileSync(process.execPath, [join(here, 'bench-child.js'), mode, '300', ...inputs], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as ChildResult;
}

interface ToolRun {
  seconds: number;
  rssKb: number;
  ok: boolean;
}

function timed(cmd: string, cmdArgs: string[]): ToolRun {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...cmdArgs], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const lines = (r.stderr ?? '').trim().split('\n');
  const [secs, rss] = (lines[lines.length - 1] ?? '').split(' ');
  return { seconds: Number(secs), rssKb: Number(rss), ok: r.status === 0 };
}

function countEvtxexport(file: string): number {
  const known = expected[basename(file)]?.libevtx;
  if (known !== undefined) return known;
  const out = spawnSync('evtxexport', [file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
  return (out.match(/^Event number/gm) ?? []).length;
}

function countPython(file: string): number {
  const known = expected[basename(file)]?.python_evtx;
  if (known !== undefined) return known[0];
  const out = spawnSync('/usr/bin/python3', ['/usr/bin/evtx_dump.py', file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
  return (out.match(/<Event /g) ?? []).length;
}

const fmt = (n: number, d = 0): string => (Number.isFinite(n) ? n.toFixed(d) : '-');
const mb = (bytes: number): number => bytes / 1e6;

function main(): void {
  const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
  const modes = ['fields', 'lazy', 'xml'];
  const ours = Object.fromEntries(modes.map((m) => [m, runOurs(m)])) as Record<string, ChildResult>;

  const ref = inputs.map((f) => {
    const text = timed('evtxexport', [f]);
    const xml = timed('evtxexport', ['-f', 'xml', f]);
    const py = noPython ? null : timed('/usr/bin/python3', ['/usr/bin/evtx_dump.py', f]);
    return { file: basename(f), bytes: statSync(f).size, libRecords: countEvtxexport(f), pyRecords: noPython ? 0 : countPython(f), text, xml, py };
  });
  const loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');

  console.log(`EVTX reading speed, ${inputs.length} files; load average before ${loadBefore}, after ${loadAfter}`);
  console.log('records/s per file (c2hunt in-process after warm-up; reference tools one process per file)\n');
  const head = ['file', 'MB', 'c2h recs', 'fields', 'lazy', 'xml', 'lib recs', 'evtxexp', 'evtxexp-xml', 'py recs', 'python-evtx', 'lazy/evtxexp'];
  console.log(head.join('\t'));
  const tot = { bytes: 0, ours: { fields: 0, lazy: 0, xml: 0 } as Record<string, number>, oursRecords: 0, lib: 0, libS: 0, libXmlS: 0, py: 0, pyS: 0 };
  ref.forEach((r, i) => {
    const o = (m: string) => ours[m]!.perFile[i]!;
    const rate = (m: string) => o(m).records / (o(m).ms / 1000);
    const libRate = r.libRecords / r.text.seconds;
    tot.bytes += r.bytes;
    tot.oursRecords += o('lazy').records;
    for (const m of modes) tot.ours[m]! += o(m).ms / 1000;
    tot.lib += r.libRecords;
    tot.libS += r.text.seconds;
    tot.libXmlS += r.xml.seconds;
    if (r.py) {
      tot.py += r.pyRecords;
      tot.pyS += r.py.seconds;
    }
    console.log(
      [
        r.file.slice(0, 44),
        fmt(mb(r.bytes), 2),
        o('lazy').records,
        fmt(rate('fields')),
        fmt(rate('lazy')),
        fmt(rate('xml')),
        r.libRecords,
        fmt(libRate),
        fmt(r.libRecords / r.xml.seconds),
        r.py ? r.pyRecords : '-',
        r.py ? fmt(r.pyRecords / r.py.seconds) : '-',
        fmt(rate('lazy') / libRate, 1) + '×',
      ].join('\t'),
    );
  });
  const line = (name: string, records: number, seconds: number, rssKb: number) =>
    console.log(`${name.padEnd(34)} ${fmt(records / seconds).padStart(9)} rec/s ${fmt(mb(tot.bytes) / seconds, 1).padStart(7)} MB/s  peak RSS ${fmt(rssKb / 1024)} MB`);
  console.log('\ntotals over all files (sum of per-file times)');
  for (const m of modes) line(`c2hunt ${m} (warm)`, tot.oursRecords, tot.ours[m]!, ours[m]!.maxRssBytes / 1024);
  for (const m of modes) line(`c2hunt ${m} (cold, one process)`, ours[m]!.coldRecords, ours[m]!.coldMs / 1000, ours[m]!.maxRssBytes / 1024);
  line('evtxexport (text)', tot.lib, tot.libS, Math.max(...ref.map((r) => r.text.rssKb)));
  line('evtxexport -f xml', tot.lib, tot.libXmlS, Math.max(...ref.map((r) => r.xml.rssKb)));
  if (!noPython) line('python-evtx evtx_dump.py', tot.py, tot.pyS, Math.max(...ref.map((r) => r.py?.rssKb ?? 0)));
  const libRate = tot.lib / tot.libS;
  console.log(
    `\nratio c2hunt/evtxexport records/s: fields ${fmt(tot.oursRecords / tot.ours['fields']! / libRate, 1)}×, lazy ${fmt(tot.oursRecords / tot.ours['lazy']! / libRate, 1)}×, xml vs -f xml ${fmt(tot.oursRecords / tot.ours['xml']! / (tot.lib / tot.libXmlS), 1)}×`,
  );
}

main();
