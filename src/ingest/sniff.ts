/**
 * Recognise an input's format from its first bytes (after decompression), not from its name:
 * EVTX by its file magic, XML by a leading `<`, JSON (NDJSON, arrays, pretty-printed) by a leading `{` or `[`, CSV by a
 * header row of field names. Returns why not, when none fits.
 */
import type { InputFormat } from './types.js';

export const SNIFF_BYTES = 64 * 1024;

const EVTX_MAGIC = Buffer.from('ElfFile\0', 'latin1');

export type SniffResult = { readonly format: InputFormat } | { readonly format: null; readonly reason: string };

function firstNonSpace(head: Buffer, from: number): number {
  let i = from;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return i;
}

/** A CSV header: two or more comma-separated names, each a plain field name, optionally quoted. */
const CSV_HEADER_RE = /^(?:"[^"\r\n]{1,200}"|[\w.:@\- ]{1,200})(?:,(?:"[^"\r\n]{1,200}"|[\w.:@\- ]{1,200}))+\r?$/;

/** `head` is the first bytes of the (decompressed, UTF-8) input; `complete` when that is all of it. */
export function sniffFormat(head: Buffer, _complete: boolean): SniffResult {
  if (head.length >= 8 && head.subarray(0, 8).equals(EVTX_MAGIC)) return { format: 'evtx' };
  const start = firstNonSpace(head, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  if (start >= head.length) return { format: null, reason: 'empty input' };
  const c = head[start];
  if (c === 0x3c /* < */) return { format: 'xml' };
  // JSON: one object per line, a JSON array of objects (the 2022 OTRF layout, ConvertTo-Json) or
  // pretty-printed objects; the JSON reader tells them apart (json-values.ts).
  if (c === 0x7b /* { */ || c === 0x5b /* [ */) return { format: 'ndjson' };
  const nl = head.indexOf(0x0a, start);
  const firstLine = head.toString('utf8', start, nl === -1 ? head.length : nl);
  if (CSV_HEADER_RE.test(firstLine)) return { format: 'csv' };
  return { format: null, reason: 'not EVTX, event XML, NDJSON or CSV with a header row' };
}
