/**
 * Splits a JSON document that is not one object per line into its records, for the NDJSON reader: a
 * top-level array of objects (the 2022 OTRF Security-Datasets layout, `ConvertTo-Json`, `jq -s`), or
 * objects one after another, pretty-printed. Each record goes to the same sink as a line from
 * LineSplitter, with its byte offset and the line it starts on, so the reader treats both alike.
 *
 * Streaming and linear: every byte is looked at once (structural characters are ASCII, so UTF-8 needs no
 * decoding here), and only the record being collected is held, up to the record size limit. The split is
 * by bracket depth outside strings; whether a record is valid JSON is JSON.parse's call, in the reader.
 * Damage: anything between records that does not start one is reported and skipped up to the next `{`;
 * a record over the size limit is reported and skipped. A record whose brackets do not balance runs on
 * to the end of the input or the size limit; at the end it is reported and its later lines that start
 * with `{` are read as records (the recovery NDJSON gets from its lines).
 */
import type { LineSink } from './lines.js';

const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) SPACE[c] = 1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * Whether a stream that starts with `head` is such a document (`document`) rather than NDJSON (`lines`):
 * its first non-blank byte opens an array, or its first line is a lone `{` (a pretty-printed object).
 * `undefined` while `head` is too short to tell (all blank, or a first line of `{` not yet ended).
 */
export function jsonLayout(head: Uint8Array): 'document' | 'lines' | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && SPACE[head[i]!] === 1) i++;
  if (i >= head.length) return undefined;
  if (head[i] === OPEN_ARRAY) return 'document';
  if (head[i] !== OPEN_OBJECT) return 'lines';
  for (let j = i + 1; j < head.length; j++) {
    const c = head[j]!;
    if (c === NEWLINE) return 'document';
    if (SPACE[c] !== 1) return 'lines';
  }
  return undefined;
}

export class JsonValueSplitter {
  private buf: Buffer = Buffer.alloc(0);
  /** Input offset of buf[0]. */
  private base = 0;
  /** Next byte of buf to scan. */
  private pos = 0;
  private lineNo = 1;
  private depth = 0;
  /** Depth at which records sit: 1 inside a top-level array, else 0. */
  private level = 0;
  private inString = false;
  private escaped = false;
  /** Start of the record being collected in buf, or -1. */
  private start = -1;
  private startLine = 0;
  /** The record being collected is over the limit (reported): scanned to its end, not kept. */
  private oversized = false;
  /** After junk between records: skipping to the next `{` (reported once). */
  private junk = false;

  constructor(
    private readonly maxRecordBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Uint8Array): void {
    const incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.buf = this.buf.length === 0 ? incoming : Buffer.concat([this.buf, incoming]);
    this.scan();
    // Keep only the record being collected (nothing when it is oversized): memory stays bounded.
    const keep = this.start >= 0 && !this.oversized ? this.start : this.buf.length;
    this.base += keep;
    this.pos -= keep;
    if (this.start >= 0) this.start -= keep;
    this.buf = this.buf.subarray(keep);
  }

  finish(): void {
    if (this.start >= 0 && !this.oversized) this.unclosed();
    this.buf = Buffer.alloc(0);
    this.start = -1;
    this.oversized = false;
  }

  /**
   * A record still open at the end: truncated, or its brackets do not balance and it took the records
   * after it along. It is reported once; then each later line of it that starts with `{` is offered as a
   * record of its own, so that one bad record in an NDJSON-like layout does not lose the rest.
   */
  private unclosed(): void {
    const rest = this.buf.subarray(this.start);
    const offset = this.base + this.start;
    this.sink.bad(offset, this.startLine, 'the record does not close (truncated, or its brackets do not balance)');
    let line = this.startLine;
    let nl = rest.indexOf(NEWLINE);
    while (nl !== -1) {
      line++;
      const next = rest.indexOf(NEWLINE, nl + 1);
      let a = nl + 1;
      let z = next === -1 ? rest.length : next;
      while (a < z && SPACE[rest[a]!] === 1) a++;
      while (z > a && SPACE[rest[z - 1]!] === 1) z--;
      if (z > a && rest[z - 1] === COMMA) z--; // an array element's separator
      if (z > a && rest[a] === OPEN_OBJECT) this.sink.line(rest, a, z, offset + a, line);
      nl = next;
    }
  }

  private scan(): void {
    const b = this.buf;
    const n = b.length;
    let i = this.pos;
    for (; i < n; i++) {
      const c = b[i]!;
      if (c === NEWLINE) this.lineNo++;
      if (this.start >= 0 && !this.oversized && i - this.start >= this.maxRecordBytes) {
        this.sink.bad(this.base + this.start, this.startLine, `record exceeds ${this.maxRecordBytes} bytes`);
        this.oversized = true;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth > this.level) {
        // Inside a record.
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) this.depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
          this.depth--;
          if (this.depth === this.level) this.end(i + 1);
        }
        continue;
      }
      // Between records. (A UTF-8 byte order mark can only be the input's first three bytes.)
      if (SPACE[c] === 1 || (this.base + i < 3 && (c === 0xef || c === 0xbb || c === 0xbf))) continue;
      if (c === OPEN_OBJECT) {
        this.junk = false;
        this.start = i;
        this.startLine = this.lineNo;
        this.depth++;
        continue;
      }
      if (this.junk) continue;
      if (this.level === 0 && this.depth === 0 && c === OPEN_ARRAY) {
        // A top-level array: its elements are the records.
        this.level = 1;
        this.depth = 1;
        continue;
      }
      if (this.level === 1 && c === COMMA) continue;
      if (this.level === 1 && c === CLOSE_ARRAY) {
        this.level = 0;
        this.depth = 0;
        continue;
      }
      this.sink.bad(this.base + i, this.lineNo, `expected a JSON object, found ${describe(c)}`);
      this.junk = true;
    }
    this.pos = i;
  }

  private end(endExclusive: number): void {
    if (this.start >= 0 && !this.oversized) this.sink.line(this.buf, this.start, endExclusive, this.base + this.start, this.startLine);
    this.start = -1;
    this.oversized = false;
  }
}

function describe(c: number): string {
  return c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
