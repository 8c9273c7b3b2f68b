/**
 * Reader for Splunk CSV exports: a header row, then one result per record. `_raw` holding event XML is
 * parsed (splunk-export.ts); otherwise the columns are the fields.
 *
 * Hand-written rather than csv-parse: after an unbalanced quote csv-parse swallows the following rows
 * into the bad record, while this reader reports the bad record and resumes at the line after its start,
 * so a good row after a bad one is still read. Records are RFC 4180: `,` separators, `"` quoting with
 * `""` escapes, quoted fields may span lines.
 */
import type { Event } from '../events/event.js';
import { EventBatcher, passesRawPrefilter, reportBad } from './batch.js';
import { LineSplitter } from './lines.js';
import { normalizeSplunkResult } from './splunk-export.js';
import { DEFAULT_MAX_RECORD_BYTES, type ReadOptions } from './types.js';

type Parsed = string[] | 'incomplete' | { readonly error: string };

/** Split one CSV record (possibly several physical lines joined with `\n`) into fields. */
export function parseCsvRecord(text: string): Parsed {
  const fields: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 0x22 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) return 'incomplete';
        if (text.charCodeAt(q + 1) === 0x22) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === n) return fields;
      if (text.charCodeAt(i) !== 0x2c /* , */) return { error: `unexpected character after a closing quote in field ${fields.length}` };
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      fields.push(text.slice(i, end));
      if (comma === -1) return fields;
      i = comma + 1;
    }
  }
}

interface PhysicalLine {
  readonly text: string;
  readonly offset: number;
  readonly line: number;
}

export async function* readCsv(input: AsyncIterable<Uint8Array>, opts: ReadOptions): AsyncIterable<Event[]> {
  const batcher = new EventBatcher(opts);
  const keepRaw = opts.keepRaw !== false;
  const maxBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let header: string[] | null = null;
  let pending: PhysicalLine[] = [];
  let pendingBytes = 0;

  const record = (fields: string[], raw: string, at: PhysicalLine): void => {
    if (header === null) {
      header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
      return;
    }
    if (fields.length !== header.length) {
      reportBad(opts, at.offset, at.line, `record has ${fields.length} fields, the header has ${header.length}`);
      return;
    }
    if (!passesRawPrefilter(opts, raw)) return;
    const result: Record<string, string> = Object.create(null) as Record<string, string>;
    for (let i = 0; i < header.length; i++) if (fields[i] !== '') result[header[i]!] = fields[i]!;
    const event = normalizeSplunkResult(result, opts.meta, keepRaw, 'csv');
    if (typeof event === 'string') {
      reportBad(opts, at.offset, at.line, event);
      return;
    }
    if (keepRaw && event['_raw'] === undefined) event['_raw'] = raw;
    batcher.add(event);
  };

  // Lines waiting to be read (a bad record's later lines are put back here), and the lines of the
  // record being assembled with their count of `"` (an odd count means a quoted field is still open).
  let queue: PhysicalLine[] = [];
  let qi = 0;
  let quotes = 0;

  const fail = (reason: string): void => {
    const first = pending[0]!;
    reportBad(opts, first.offset, first.line, `malformed CSV: ${reason}`);
    queue = pending.slice(1).concat(queue.slice(qi));
    qi = 0;
    pending = [];
    pendingBytes = 0;
    quotes = 0;
  };

  const pump = (): void => {
    while (qi < queue.length) {
      const l = queue[qi++]!;
      if (pending.length === 0 && l.text.trim() === '') continue;
      pending.push(l);
      pendingBytes += l.text.length + 1;
      for (let q = l.text.indexOf('"'); q !== -1; q = l.text.indexOf('"', q + 1)) quotes++;
      if (quotes % 2 === 1) {
        if (pendingBytes > maxBytes) fail(`record exceeds ${maxBytes} bytes (unbalanced quote?)`);
        continue;
      }
      const text = pending.length === 1 ? l.text : pending.map((p) => p.text).join('\n');
      const parsed = parseCsvRecord(text);
      if (Array.isArray(parsed)) {
        const first = pending[0]!;
        pending = [];
        pendingBytes = 0;
        quotes = 0;
        record(parsed, text, first);
      } else {
        fail(parsed === 'incomplete' ? 'unbalanced quote' : parsed.error);
      }
    }
    queue = [];
    qi = 0;
  };

  const splitter = new LineSplitter(
    maxBytes,
    {
      line(buf, start, end, offset, line) {
        queue.push({ text: buf.toString('utf8', start, end), offset, line });
        pump();
      },
      bad(offset, line, reason) {
        reportBad(opts, offset, line, reason);
      },
    },
    true,
  );
  for await (const chunk of input) {
    splitter.push(chunk);
    if (batcher.full) yield batcher.take();
  }
  splitter.finish();
  while (pending.length > 0) {
    fail('unbalanced quote at end of input');
    pump();
  }
  if (batcher.length > 0) yield batcher.take();
}
