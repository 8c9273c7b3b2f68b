/**
 * One measurement process for bench.ts: reads the given .evtx files with c2hunt's reader in one mode and
 * prints JSON (per-file steady-state rates, a cold first pass, peak RSS). Run through bench.ts.
 *
 * Modes: `fields` (keepRaw false), `lazy` (keepRaw, `_raw` never read), `xml` (every `_raw` read, i.e. the
 * record rendered as event XML), `parallel` (fields through readEvtxFile's worker pool, when built).
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { readEvtxFile } from '../../src/ingest/evtx/index.js';
import type { ReadOptions } from '../../src/ingest/types.js';

type Mode = 'fields' | 'lazy' | 'xml' | 'parallel';

const [modeArg, minMsArg, ...files] = process.argv.slice(2);
const mode = modeArg as Mode;
const minMs = Number(minMsArg ?? '300');

function options(file: string): ReadOptions {
  return {
    meta: { file, index: 'wineventlog', naming: 'legacy' },
    onBadRecord: () => {},
    keepRaw: mode === 'lazy' || mode === 'xml',
    ...(mode === 'parallel' ? { workers: 2 } : {}),
  } as ReadOptions;
}

async function readOnce(file: string): Promise<number> {
  let n = 0;
  let chars = 0;
  for await (const batch of readEvtxFile(file, options(file))) {
    n += batch.length;
    if (mode === 'xml') for (const e of batch) chars += (e['_raw'] as string).length;
  }
  if (mode === 'xml' && chars === 0 && n > 0) throw new Error('no XML rendered');
  return n;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  let coldRecords = 0;
  for (const f of files) coldRecords += await readOnce(f);
  const coldMs = performance.now() - t0;

  const perFile: { file: string; bytes: number; records: number; ms: number }[] = [];
  for (const f of files) {
    const bytes = statSync(f).size;
    let records = 0;
    let runs = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < minMs || runs < 3) {
      records = await readOnce(f);
      runs++;
      elapsed = performance.now() - start;
    }
    perFile.push({ file: basename(f), bytes, records, ms: elapsed / runs });
  }
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ mode, coldRecords, coldMs, perFile, maxRssBytes: rss }));
}

await main();
