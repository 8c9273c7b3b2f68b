/**
 * EVTX reading speed: c2hunt's reader side by side with evtxexport (Debian libevtx-utils) and python-evtx
 * (Debian python3-evtx) on the same files, in the same run.
 *
 *   apt-get install -y libevtx-utils python3-evtx
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/evtx/bench.js [--no-python] [FILE.evtx ...]
 *
 * Default files: every sample in ../shared/data/evtx. Per file, measured one right after the other so that
 * load changes on a shared machine hit all tools alike:
 * - c2hunt in-process after a warm-up, three ways: `fields` (no `_raw`), `lazy` (the default: `_raw`
 *   rendered on first read, never read here) and `xml` (every `_raw` read, i.e. full XML rendering);
 *   median of ≥ 5 reads;
 * - evtxexport with its default text output and with `-f xml`, median of ≥ 5 processes (≥ 300 ms CPU);
 * - python-evtx's evtx_dump.py, once.
 * Rates use CPU time (user + system) of the process doing the work, the figure least disturbed by other
 * jobs; wall-clock rates are printed too. Each tool's own record count is used (expected.json for the
 * reference tools, which read fewer records on some files). Finally one cold `c2hunt` process reads all
 * files (node start-up included) against the sum of the per-file evtxexport processes.
 * Peak RSS: getrusage of the c2hunt processes, /usr/bin/time %M for the reference tools.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const samples = resolve(here, '../../../../../shared/data/evtx');
const args = process.argv.slice(2);
const noPython = args.includes('--no-python');
const named = args.filter((a) => !a.startsWith('--'));
const inputs = named.length > 0 ? named.map((f) => resolve(f)) : readdirSync(samples).filter((f) => f.endsWith('.evtx')).sort().map((f) => join(samples, f));

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

interface Run {
  records: number;
  cpuMs: number;
  wallMs: number;
  rssKb: number;
}

const MODES = ['fields', 'lazy', 'xml'] as const;

/** Each mode in its own process, so one mode's heap growth and GC state do not carry into the next. */
function ours(file: string): Record<(typeof MODES)[number], Run> {
  const one = (mode: string): Run => {
    const r = spawnSync(process.execPath, [join(here, 'bench-child.js'), 'warm', file, mode], { encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout) as { modes: Record<string, { records: number; cpuMs: number; wallMs: number }>; maxRssBytes: number };
    return { ...out.modes[mode]!, rssKb: out.maxRssBytes / 1024 };
  };
  return Object.fromEntries(MODES.map((m) => [m, one(m)])) as Record<(typeof MODES)[number], Run>;
}

/** One process under /usr/bin/time: wall, user+system CPU and peak RSS. */
function timed(cmd: string, cmdArgs: readonly string[]): { wallMs: number; cpuMs: number; rssKb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...cmdArgs], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 16 << 20 });
  const last = (r.stderr ?? '').trim().split('\n').pop() ?? '';
  const [e, u, s, m] = last.split(' ').map(Number);
  return { wallMs: e! * 1000, cpuMs: (u! + s!) * 1000, rssKb: m! };
}

/** Repeat a reference tool until 300 ms of CPU (its rusage has 10 ms resolution); median per run. */
function repeated(cmd: string, cmdArgs: readonly string[], records: number): Run {
  const cpu: number[] = [];
  const wall: number[] = [];
  let total = 0;
  let rss = 0;
  while (cpu.length < 5 || total < 300) {
    const t = timed(cmd, cmdArgs);
    cpu.push(t.cpuMs);
    wall.push(t.wallMs);
    total += t.cpuMs;
    rss = Math.max(rss, t.rssKb);
    if (cpu.length >= 200) break;
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // A median of 0 (below the 10 ms resolution) falls back to the mean, which is > 0 once the total is.
  const c = median(cpu) || total / cpu.length;
  const w = median(wall) || wall.reduce((a, b) => a + b, 0) / wall.length;
  return { records, cpuMs: c, wallMs: w, rssKb: rss };
}

function libRecords(file: string): number {
  const known = expected[basename(file)]?.libevtx;
  if (known !== undefined) return known;
  const out = spawnSync('evtxexport', [file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
  return (out.match(/^Event number/gm) ?? []).length;
}

function pyRecords(file: string): number {
  const known = expected[basename(file)]?.python_evtx;
  if (known !== undefined) return known[0];
  const out = spawnSync('/usr/bin/python3', ['/usr/bin/evtx_dump.py', file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout ?? '';
  return (out.match(/<Event /g) ?? []).length;
}

const f0 = (n: number): string => (Number.isFinite(n) ? n.toFixed(0) : '-');
const rate = (r: Run, cpu = true): number => (r.records === 0 ? NaN : r.records / ((cpu ? r.cpuMs : r.wallMs) / 1000));

function main(): void {
  const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
  const rows = inputs.map((file) => {
    const lib = libRecords(file);
    const text = repeated('evtxexport', [file], lib);
    const o = ours(file);
    const xml = repeated('evtxexport', ['-f', 'xml', file], lib);
    const py = noPython ? null : { ...timed('/usr/bin/python3', ['/usr/bin/evtx_dump.py', file]), records: pyRecords(file) };
    return { file: basename(file), bytes: statSync(file).size, o, text, xml, py };
  });
  const t0 = performance.now();
  const coldTime = timed(process.execPath, [join(here, 'bench-child.js'), 'cold', ...inputs]);
  const coldWall = performance.now() - t0;
  const coldRecords = (JSON.parse(spawnSync(process.execPath, [join(here, 'bench-child.js'), 'cold', ...inputs], { encoding: 'utf8' }).stdout) as { records: number }).records;
  const loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');

  console.log(`EVTX reading speed over ${inputs.length} files; load average before ${loadBefore}, after ${loadAfter} (2 cores)`);
  console.log('records per CPU second (c2hunt in-process after warm-up; reference tools per process)\n');
  console.log(['file', 'MB', 'c2hunt recs', 'fields', 'lazy', 'xml', 'evtxexport recs', 'text', '-f xml', 'python recs', 'python', 'lazy÷text'].join('\t'));
  const sum = { bytes: 0, fields: 0, lazy: 0, xml: 0, fieldsW: 0, lazyW: 0, xmlW: 0, recs: 0, lib: 0, text: 0, textW: 0, libXml: 0, libXmlW: 0, py: 0, pyS: 0, pyW: 0 };
  let rss = { ours: 0, lib: 0, py: 0 };
  for (const r of rows) {
    sum.bytes += r.bytes;
    sum.recs += r.o.lazy.records;
    sum.fields += r.o.fields.cpuMs;
    sum.lazy += r.o.lazy.cpuMs;
    sum.xml += r.o.xml.cpuMs;
    sum.fieldsW += r.o.fields.wallMs;
    sum.lazyW += r.o.lazy.wallMs;
    sum.xmlW += r.o.xml.wallMs;
    sum.lib += r.text.records;
    sum.text += r.text.cpuMs;
    sum.textW += r.text.wallMs;
    sum.libXml += r.xml.cpuMs;
    sum.libXmlW += r.xml.wallMs;
    rss = { ours: Math.max(rss.ours, r.o.xml.rssKb), lib: Math.max(rss.lib, r.text.rssKb, r.xml.rssKb), py: Math.max(rss.py, r.py?.rssKb ?? 0) };
    if (r.py) {
      sum.py += r.py.records;
      sum.pyS += r.py.cpuMs;
      sum.pyW += r.py.wallMs;
    }
    console.log(
      [
        r.file.slice(0, 46),
        (r.bytes / 1e6).toFixed(2),
        r.o.lazy.records,
        f0(rate(r.o.fields)),
        f0(rate(r.o.lazy)),
        f0(rate(r.o.xml)),
        r.text.records,
        f0(rate(r.text)),
        f0(rate(r.xml)),
        r.py ? r.py.records : '-',
        r.py ? f0(rate(r.py as Run)) : '-',
        r.text.records > 0 && r.text.cpuMs > 0 ? (rate(r.o.lazy) / rate(r.text)).toFixed(1) + '×' : '-',
      ].join('\t'),
    );
  }
  const mb = sum.bytes / 1e6;
  const line = (name: string, records: number, cpuMs: number, wallMs: number, rssKb: number): void =>
    console.log(
      `${name.padEnd(30)} ${f0(records / (cpuMs / 1000)).padStart(8)} rec/s ${(mb / (cpuMs / 1000)).toFixed(1).padStart(6)} MB/s (CPU)` +
        `  ${f0(records / (wallMs / 1000)).padStart(8)} rec/s ${(mb / (wallMs / 1000)).toFixed(1).padStart(6)} MB/s (wall)  peak RSS ${f0(rssKb / 1024)} MB`,
    );
  console.log('\ntotals (sum over files)');
  line('c2hunt fields', sum.recs, sum.fields, sum.fieldsW, rss.ours);
  line('c2hunt lazy (default)', sum.recs, sum.lazy, sum.lazyW, rss.ours);
  line('c2hunt xml (every _raw read)', sum.recs, sum.xml, sum.xmlW, rss.ours);
  line('evtxexport (text)', sum.lib, sum.text, sum.textW, rss.lib);
  line('evtxexport -f xml', sum.lib, sum.libXml, sum.libXmlW, rss.lib);
  if (!noPython) line('python-evtx evtx_dump.py', sum.py, sum.pyS, sum.pyW, rss.py);
  line('c2hunt cold, one process', coldRecords, coldTime.cpuMs, coldWall, coldTime.rssKb);
  const libRate = sum.lib / sum.text;
  console.log(
    `\nc2hunt ÷ evtxexport, records per CPU second: fields ${(sum.recs / sum.fields / libRate).toFixed(1)}×, lazy ${(sum.recs / sum.lazy / libRate).toFixed(1)}×, ` +
      `xml vs -f xml ${(sum.recs / sum.xml / (sum.lib / sum.libXml)).toFixed(1)}×; cold process vs evtxexport processes ${((coldRecords / coldTime.cpuMs) / libRate).toFixed(1)}×` +
      (noPython ? '' : `; lazy vs python-evtx ${(sum.recs / sum.lazy / (sum.py / sum.pyS)).toFixed(0)}×`),
  );
}

main();
