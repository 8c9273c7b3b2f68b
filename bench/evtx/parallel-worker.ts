/**
 * Worker for parallel.ts: decodes the chunks it is given with the same decoder as readEvtxFile and sends the
 * events back as JSON (the cheapest transfer measured: JSON.parse plus a null prototype costs about as much
 * as structured clone without one).
 */
import { openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { BadRecord } from '../../src/ingest/types.js';
import { EvtxDecoder } from '../../src/ingest/evtx/decoder.js';

interface Task {
  readonly id: number;
  readonly path: string;
  readonly start: number;
  readonly count: number;
}

const open = new Map<string, { fd: number; dec: EvtxDecoder; bad: BadRecord[] }>();

parentPort!.on('message', (t: Task) => {
  let s = open.get(t.path);
  if (s === undefined) {
    const bad: BadRecord[] = [];
    const dec = new EvtxDecoder({ meta: { file: t.path, index: 'wineventlog', naming: 'legacy' }, onBadRecord: (b) => bad.push(b), keepRaw: false });
    s = { fd: openSync(t.path, 'r'), dec, bad };
    open.set(t.path, s);
  }
  const buf = Buffer.alloc(t.count * 65536);
  const n = readSync(s.fd, buf, 0, buf.length, 4096 + t.start * 65536);
  for (let j = 0; j * 65536 < n; j++) s.dec.chunk(buf.subarray(j * 65536, (j + 1) * 65536), Math.min(65536, n - j * 65536), t.start + j);
  parentPort!.postMessage({ id: t.id, json: JSON.stringify(s.dec.take()), bad: s.bad.splice(0) });
});
