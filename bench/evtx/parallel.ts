/**
 * Does parsing chunks on worker threads pay on this machine? Reads the larger shared samples with
 * readEvtxFile (one thread) and with a pool of workers that decode 4-chunk tasks (parallel-worker.ts),
 * the main thread only turning each batch back into null-prototype events, and prints both rates.
 *
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/evtx/parallel.js [workers=2]
 *
 * The events must end up as objects on the consumer's thread, so the main thread always pays about as
 * much per event as building it (JSON.parse + prototype change, ~4 µs here); parallelism can only win the
 * parse/format share, and only with idle cores. docs/evtx.md records the outcome.
 */
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Event } from '../../src/events/event.js';
import { readEvtxFile } from '../../src/ingest/evtx/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const samples = resolve(here, '../../../../../shared/data/evtx');
const files = [
  'security.evtx',
  'system.evtx',
  'sample-with-irregular-bool-values.evtx',
  '2-vss_0-Microsoft-Windows-RemoteDesktopServices-RdpCoreTS%4Operational.evtx',
  'security_bad_string_cache.evtx',
  'sysmon.evtx',
  'Security_with_size_t.evtx',
].map((f) => join(samples, f));
const n = Number(process.argv[2] ?? '2');
const CHUNKS_PER_TASK = 4;

const workers = Array.from({ length: n }, () => new Worker(join(here, 'parallel-worker.js')));
const waiting = new Map<number, (m: { json: string }) => void>();
let nextId = 0;
for (const w of workers) w.on('message', (m: { id: number; json: string }) => waiting.get(m.id)!(m));

function task(w: Worker, path: string, start: number, count: number): Promise<{ json: string }> {
  const id = nextId++;
  return new Promise((res) => {
    waiting.set(id, (m) => {
      waiting.delete(id);
      res(m);
    });
    w.postMessage({ id, path, start, count });
  });
}

async function* readParallel(path: string): AsyncIterable<Event[]> {
  const chunks = Math.ceil((statSync(path).size - 4096) / 65536);
  const starts: number[] = [];
  for (let s = 0; s < chunks; s += CHUNKS_PER_TASK) starts.push(s);
  const inflight: Promise<{ json: string }>[] = [];
  let next = 0;
  const launch = () => {
    const s = starts[next]!;
    inflight.push(task(workers[next % n]!, path, s, Math.min(CHUNKS_PER_TASK, chunks - s)));
    next++;
  };
  while (next < starts.length && inflight.length < 2 * n) launch();
  while (inflight.length > 0) {
    const m = await inflight.shift()!;
    if (next < starts.length) launch();
    const events = JSON.parse(m.json) as Event[];
    for (const e of events) Object.setPrototypeOf(e, null);
    yield events;
  }
}

async function rate(read: (f: string) => AsyncIterable<Event[]>): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    let records = 0;
    for (const f of files) for await (const batch of read(f)) records += batch.length;
    rates.push(records / ((performance.now() - t0) / 1000));
  }
  return rates.sort((a, b) => b - a)[2]!;
}

const single = (f: string) => readEvtxFile(f, { meta: { file: f, index: 'wineventlog', naming: 'legacy' }, onBadRecord: () => {}, keepRaw: false });
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; median of 5 runs over ${files.length} files`);
for (let round = 0; round < 2; round++) {
  console.log(`one thread        ${(await rate(single)).toFixed(0)} rec/s`);
  console.log(`${n} worker(s)       ${(await rate(readParallel)).toFixed(0)} rec/s`);
}
for (const w of workers) await w.terminate();
