/**
 * One measurement process for bench.ts.
 *
 *   bench-child.js warm FILE [MODE...]  per mode (default fields, lazy, xml): warm-up reads (≥ 300 ms of CPU), then reads
 *                                 until ≥ 500 ms of CPU and ≥ 5 reads; prints the median CPU and wall ms per read
 *   bench-child.js cold FILE...   one read of every file in the default mode (lazy), as a command would
 *
 * Modes: `fields` (keepRaw false), `lazy` (the default: `_raw` defined, rendered on first read, never read
 * here), `xml` (every `_raw` read: each record rendered as event XML).
 */
import { readEvtxFile } from '../../src/ingest/evtx/index.js';
import type { ReadOptions } from '../../src/ingest/types.js';

type Mode = 'fields' | 'lazy' | 'xml';
const MODES: readonly Mode[] = ['fields', 'lazy', 'xml'];

function options(file: string, mode: Mode): ReadOptions {
  return { meta: { file, index: 'wineventlog', naming: 'legacy' }, onBadRecord: () => {}, keepRaw: mode !== 'fields' };
}

async function readOnce(file: string, mode: Mode): Promise<number> {
  let n = 0;
  let chars = 0;
  for await (const batch of readEvtxFile(file, options(file, mode))) {
    n += batch.length;
    // Read a character, as any consumer of the text does (printing, regexes): it makes the string flat.
    if (mode === 'xml') for (const e of batch) chars += (e['_raw'] as string).charCodeAt(0) > 0 ? 1 : 0;
  }
  if (mode === 'xml' && n > 0 && chars === 0) throw new Error('no XML rendered');
  return n;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function warm(file: string, modes: readonly Mode[]): Promise<void> {
  const out: Record<string, { records: number; cpuMs: number; wallMs: number; runs: number }> = {};
  for (const mode of modes) {
    // Warm-up: let the JIT settle (300 ms of CPU or 3 reads, whichever is longer).
    const w0 = process.cpuUsage();
    for (let i = 0; i < 3 || cpuMs(process.cpuUsage(w0)) < 300; i++) await readOnce(file, mode);
    const cpu: number[] = [];
    const wall: number[] = [];
    let records = 0;
    let total = 0;
    while (cpu.length < 5 || total < 500) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      records = await readOnce(file, mode);
      const c = cpuMs(process.cpuUsage(c0));
      cpu.push(c);
      wall.push(performance.now() - t0);
      total += c;
    }
    out[mode] = { records, cpuMs: median(cpu), wallMs: median(wall), runs: cpu.length };
  }
  console.log(JSON.stringify({ modes: out, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

async function cold(files: readonly string[]): Promise<void> {
  let records = 0;
  for (const f of files) records += await readOnce(f, 'lazy');
  console.log(JSON.stringify({ records, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

const [how, ...rest] = process.argv.slice(2);
if (how === 'warm') await warm(rest[0]!, rest.length > 1 ? (rest.slice(1) as Mode[]) : MODES);
else await cold(rest);
