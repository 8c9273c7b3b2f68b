/**
 * `c2hunt events PATH...`: read telemetry and print the normalized events as NDJSON, their `_raw` XML,
 * or counts by sourcetype and EventCode. The quickest way to see what the detections will see.
 */
import type { Command } from 'commander';
import { isCanonicalNumber, type Event, type Value } from '../events/event.js';
import { readInputs } from '../ingest/open.js';
import { addInputOptions, inputSession, type InputFlags } from './input-options.js';
import { createWriter, PROCESS_IO, type CliIo } from './io.js';

interface EventsFlags extends InputFlags {
  readonly fields?: string;
  readonly count?: boolean;
  readonly xml?: boolean;
}

/** Printed first, in this order; the rest follow as the reader produced them, `_raw` last. */
const LEADING_FIELDS = ['_time', 'index', 'host', 'source', 'sourcetype'];

function jsonValue(v: Value, asText: boolean): unknown {
  if (typeof v === 'string') return !asText && isCanonicalNumber(v) ? Number(v) : v;
  if (Array.isArray(v)) return v.map((s) => (!asText && isCanonicalNumber(s) ? Number(s) : s));
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return v;
}

/** One event as a JSON line: multivalues as arrays, canonical numbers as numbers, `_raw` as text. */
export function eventToJson(event: Event, fields?: readonly string[]): string {
  const out: Record<string, unknown> = {};
  const put = (name: string): void => {
    const v = event[name];
    if (v !== undefined && v !== null) out[name] = jsonValue(v, name === '_raw');
  };
  if (fields !== undefined) {
    for (const f of fields) put(f);
  } else {
    for (const f of LEADING_FIELDS) put(f);
    for (const f of Object.keys(event)) if (!LEADING_FIELDS.includes(f) && f !== '_raw') put(f);
    put('_raw');
  }
  return JSON.stringify(out);
}

function compareCodes(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plain aligned columns (no box drawing, so it pastes and diffs well). */
function countTable(rows: readonly [string, string, string][], total: number): string {
  const head: [string, string, string] = ['sourcetype', 'EventCode', 'count'];
  const all = [head, ...rows, ['total', '', String(total)] as [string, string, string]];
  const w = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => `${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2].padStart(w[2]!)}`.trimEnd()).join('\n') + '\n';
}

export function registerEvents(program: Command, io: CliIo = PROCESS_IO): void {
  const cmd = program
    .command('events')
    .description('print the normalized events of telemetry files (EVTX, event XML, NDJSON, CSV) as NDJSON')
    .argument('<paths...>', 'files, directories (read recursively) or - for stdin; gzip is read transparently')
    .option('--fields <list>', 'print only these fields, in this order (comma-separated)')
    .option('--count', 'print a table of event counts by sourcetype and EventCode instead of the events')
    .option('--xml', "print each event's original XML (_raw) instead of JSON");
  addInputOptions(cmd);
  cmd.action(async (paths: string[], flags: EventsFlags) => {
    const session = inputSession(flags, io.stderr);
    const fields = flags.fields
      ?.split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '');
    const out = createWriter(io.stdout);
    const counts = new Map<string, Map<string, number>>();
    let withoutXml = 0;
    for await (const batch of readInputs(paths, session.options)) {
      if (flags.count === true) {
        for (const e of batch) {
          const st = typeof e['sourcetype'] === 'string' ? e['sourcetype'] : '';
          const code = typeof e['EventCode'] === 'string' ? e['EventCode'] : '';
          let byCode = counts.get(st);
          if (byCode === undefined) counts.set(st, (byCode = new Map()));
          byCode.set(code, (byCode.get(code) ?? 0) + 1);
        }
        continue;
      }
      let text = '';
      for (const e of batch) {
        if (flags.xml === true) {
          const raw = e['_raw'];
          if (typeof raw === 'string' && raw.trimStart().startsWith('<')) text += `${raw}\n`;
          else withoutXml++;
        } else {
          text += `${eventToJson(e, fields)}\n`;
        }
      }
      if (!(await out.write(text))) break;
    }
    if (flags.count === true) {
      const rows: [string, string, string][] = [];
      let total = 0;
      for (const st of [...counts.keys()].sort()) {
        const byCode = counts.get(st)!;
        for (const code of [...byCode.keys()].sort(compareCodes)) {
          const n = byCode.get(code)!;
          total += n;
          rows.push([st, code, String(n)]);
        }
      }
      await out.write(countTable(rows, total));
    }
    if (withoutXml > 0) io.stderr.write(`c2hunt: ${withoutXml} events have no XML (not from event XML or EVTX) and were not printed\n`);
    io.stderr.write(session.summary());
  });
}
