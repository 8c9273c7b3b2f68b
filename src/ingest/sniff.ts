/**
 * Recognise an input's format from its first bytes (after decompression), not from its name:
 * EVTX by its file magic, XML by a leading `<`, NDJSON by a first line that is a JSON object, CSV by a
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
export function sniffFormat(head: Buffer, complete: boolean): SniffResult {
  if (head.length >= 8 && head.subarray(0, 8).equals(EVTX_MAGIC)) return { format: 'evtx' };
  const start = firstNonSpace(head, head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  if (start >= head.length) return { format: null, reason: 'empty input' };
  const c = head[start];
  if (c === 0x3c /* < */) return { format: 'xml' };
  if (c === 0x7b /* { */) {
    // NDJSON when one of the first complete lines is a JSON value; a first line of just `{` is a
    // pretty-printed JSON document instead. A damaged first line alone does not decide.
    const lines = head.toString('utf8', start).split('\n');
    if (!complete) lines.pop();
    if (lines.length === 0) return { format: 'ndjson' }; // first line longer than the sniff window
    if (lines[0]!.trim() === '{') return { format: null, reason: 'a JSON document; c2hunt reads NDJSON (one object per line)' };
    return { format: 'ndjson' };
  }
  if (c === 0x5b /* [ */) return { format: null, reason: 'a JSON array; c2hunt reads NDJSON (one object per line)' };
  const nl = head.indexOf(0x0a, start);
  const firstLine = head.toString('utf8', start, nl === -1 ? head.length : nl);
  if (CSV_HEADER_RE.test(firstLine)) return { format: 'csv' };
  return { format: null, reason: 'not EVTX, event XML, NDJSON or CSV with a header row' };
}
