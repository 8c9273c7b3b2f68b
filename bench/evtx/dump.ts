/**
 * Print every record of .evtx files, for manual checks and for conformance.py.
 *
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/evtx/dump.js [--json|--fields] FILE...
 *
 * Default output is one line of event XML per record (the `_raw` text). `--json` prints one JSON object per
 * record or problem with its absolute file offset (what conformance.py matches on); `--fields` prints the
 * normalized event as the readers produce it.
 */
import { readFileSync } from 'node:fs';
import { parseChunk } from '../../src/ingest/evtx/chunk.js';
import { CHUNK_SIZE } from '../../src/ingest/evtx/chunk-header.js';
import { FILE_FLAG_NO_CRC32, FILE_HEADER_BLOCK, parseFileHeader } from '../../src/ingest/evtx/file-header.js';
import { renderFragment } from '../../src/ingest/evtx/render-xml.js';
import { readEvtxFile } from '../../src/ingest/evtx/index.js';
import { SharedTemplates } from '../../src/ingest/evtx/template-cache.js';

const args = process.argv.slice(2);
const mode = args[0] === '--json' || args[0] === '--fields' ? args.shift() : '--xml';

async function main(): Promise<void> {
  for (const file of args) {
    if (mode === '--fields') {
      const opts = {
        meta: { file, index: 'wineventlog', naming: 'legacy' as const },
        onBadRecord: (b: unknown) => console.error(JSON.stringify(b)),
        keepRaw: false,
      };
      for await (const batch of readEvtxFile(file, opts)) for (const e of batch) console.log(JSON.stringify(e));
      continue;
    }
    const bytes = readFileSync(file);
    let noCrc = false;
    try {
      noCrc = (parseFileHeader(bytes).flags & FILE_FLAG_NO_CRC32) !== 0;
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
    }
    const templates = new SharedTemplates();
    for (let i = 0, at = FILE_HEADER_BLOCK; at < bytes.length; i++, at += CHUNK_SIZE) {
      const chunk = new Uint8Array(CHUNK_SIZE);
      const avail = Math.min(CHUNK_SIZE, bytes.length - at);
      chunk.set(bytes.subarray(at, at + avail));
      parseChunk(chunk, avail, { noCrc, templates }, {
        record(frag, offset, id) {
          const xml = renderFragment(frag);
          if (mode === '--json') console.log(JSON.stringify({ offset: at + offset, chunk: i, id, xml }));
          else console.log(xml);
        },
        problem(p) {
          const line = { offset: at + p.offset, chunk: i, id: p.recordId ?? null, error: p.reason };
          if (mode === '--json') console.log(JSON.stringify(line));
          else console.error(JSON.stringify(line));
        },
      });
    }
  }
}

await main();
