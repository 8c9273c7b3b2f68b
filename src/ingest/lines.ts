/**
 * Splits a byte stream into lines for the line-oriented readers (NDJSON), with byte offsets and line
 * numbers, without holding more than one line (up to the record size limit) in memory. A line longer than
 * the limit is reported once and skipped through its newline. Blank lines are no records unless asked for.
 */

export interface LineSink {
  line(buf: Buffer, start: number, end: number, offset: number, line: number): void;
  bad(offset: number, line: number, reason: string): void;
}

export class LineSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private base = 0;
  private lineNo = 1;
  /** Skipping the rest of an oversized line (already reported). */
  private skipping = false;

  constructor(
    private readonly maxRecordBytes: number,
    private readonly sink: LineSink,
    /** Pass blank lines on (CSV needs them inside quoted fields). */
    private readonly keepBlank = false,
  ) {}

  push(chunk: Uint8Array): void {
    const incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.buf = this.buf.length === 0 ? incoming : Buffer.concat([this.buf, incoming]);
    const buf = this.buf;
    let start = 0;
    let nl = buf.indexOf(0x0a, start);
    while (nl !== -1) {
      this.emit(buf, start, nl);
      start = nl + 1;
      nl = buf.indexOf(0x0a, start);
    }
    if (!this.skipping && buf.length - start > this.maxRecordBytes) {
      this.sink.bad(this.base + start, this.lineNo, `line exceeds ${this.maxRecordBytes} bytes`);
      this.skipping = true;
    }
    if (this.skipping) start = buf.length;
    this.base += start;
    this.buf = buf.subarray(start);
  }

  finish(): void {
    if (this.buf.length > 0) this.emit(this.buf, 0, this.buf.length);
    this.buf = Buffer.alloc(0);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    const line = this.lineNo++;
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    let e = end;
    if (e > start && buf[e - 1] === 0x0d) e--;
    // Skip blank lines cheaply: only whitespace between start and e.
    let s = start;
    while (s < e && (buf[s] === 0x20 || buf[s] === 0x09 || buf[s] === 0x0d)) s++;
    if (s === e && !this.keepBlank) return;
    if (e - start > this.maxRecordBytes) {
      this.sink.bad(this.base + start, line, `line exceeds ${this.maxRecordBytes} bytes`);
      return;
    }
    this.sink.line(buf, start, e, this.base + start, line);
  }
}
