/**
 * Splits a byte stream of Windows event XML into `<Event>…</Event>` records without holding the input in
 * memory: one record per line (Splunk XmlWinEventLog), pretty-printed, or inside an `<Events>` wrapper
 * (wevtutil, Get-WinEvent, python-evtx) all look the same at this level.
 *
 * Between records only whitespace, the XML declaration, comments and the `<Events>` wrapper tags may
 * appear; anything else is reported as a bad record and skipped, and so is a DOCTYPE (never expanded).
 * A record whose `</Event>` is missing ends where the next `<Event` starts (it is bad, the next one is
 * read), and a record longer than the size limit is reported and skipped up to the next `<Event`.
 */

const EVENT_OPEN = Buffer.from('<Event');
const EVENT_CLOSE = Buffer.from('</Event');
const EVENT_CLOSE_EXACT = Buffer.from('</Event>');
const MARKUP_DECL = Buffer.from('<!');
/** Outside a record, junk is reported once it grows past this without a record start in sight. */
const MAX_GAP_BYTES = 64 * 1024;

const enum Mode {
  Outside,
  Inside,
  /** After an oversized record: discard until the next `<Event`. */
  Skipping,
}

export interface RecordSink {
  record(buf: Buffer, start: number, end: number, offset: number, line: number): void;
  bad(offset: number, line: number, reason: string): void;
}

function isTagEnd(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x3e || b === 0x2f;
}

const EVENTS_TAG_RE = /<\/?(?:[\w.-]{1,64}:)?Events(?:[ \t\r\n][^>]*)?>/y;

/**
 * Index of the first byte between records that is not whitespace, a UTF-8 BOM (seen as latin1), an XML
 * declaration or processing instruction, a comment, or an `<Events>` wrapper tag; -1 when there is none.
 * A loop rather than one regex, so adversarial gaps cannot make it backtrack.
 */
function firstJunk(text: string): number {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else if (text.startsWith('\u00ef\u00bb\u00bf', i)) {
      i += 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return i;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return i;
      i = end + 3;
    } else {
      EVENTS_TAG_RE.lastIndex = i;
      if (!EVENTS_TAG_RE.test(text)) return i;
      i = EVENTS_TAG_RE.lastIndex;
    }
  }
  return -1;
}

export class XmlRecordSplitter {
  private buf: Buffer = Buffer.alloc(0);
  /** Stream offset of buf[0]. */
  private base = 0;
  private pos = 0;
  private mode = Mode.Outside;
  /** Start of the current record (Inside) in buf. */
  private recStart = 0;
  private recLine = 1;
  private line = 1;
  private lineScanned = 0;

  constructor(
    private readonly maxRecordBytes: number,
    private readonly sink: RecordSink,
  ) {}

  push(chunk: Uint8Array): void {
    const keep = this.mode === Mode.Inside ? this.recStart : this.pos;
    this.lineAt(keep);
    const rest = this.buf.subarray(keep);
    this.buf = rest.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([rest, chunk]);
    this.base += keep;
    this.pos -= keep;
    this.recStart -= keep;
    this.lineScanned -= keep;
    this.scan(false);
  }

  finish(): void {
    this.scan(true);
  }

  /** 1-based line of a position in buf (positions are asked for in increasing order). */
  private lineAt(p: number): number {
    const buf = this.buf;
    let i = buf.indexOf(0x0a, this.lineScanned);
    while (i !== -1 && i < p) {
      this.line++;
      i = buf.indexOf(0x0a, i + 1);
    }
    if (p > this.lineScanned) this.lineScanned = p;
    return this.line;
  }

  /** Next `<Event` start tag at or after `from` (not `<EventData`, `<Events`…), or -1. */
  private findOpen(from: number, limit: number): number {
    const buf = this.buf;
    let i = buf.indexOf(EVENT_OPEN, from);
    while (i !== -1 && i < limit) {
      if (isTagEnd(buf[i + 6])) return i;
      if (i + 6 >= buf.length) return -2; // cannot tell yet: need more bytes
      i = buf.indexOf(EVENT_OPEN, i + 1);
    }
    return -1;
  }

  private scan(atEnd: boolean): void {
    const buf = this.buf;
    for (;;) {
      if (this.mode === Mode.Skipping) {
        const next = this.findOpen(this.pos, buf.length);
        if (next < 0) {
          this.pos = Math.max(this.pos, buf.length - 7);
          if (atEnd) this.pos = buf.length;
          return;
        }
        this.pos = next;
        this.mode = Mode.Outside;
      }
      if (this.mode === Mode.Outside) {
        const open = this.findOpen(this.pos, buf.length);
        if (open === -2 && !atEnd) return;
        const gapEnd = open >= 0 ? open : buf.length;
        if (open < 0 && !atEnd) {
          if (gapEnd - this.pos > MAX_GAP_BYTES) {
            this.checkGap(this.pos, gapEnd - 7);
            this.pos = gapEnd - 7;
          }
          return;
        }
        this.checkGap(this.pos, gapEnd);
        if (open < 0) {
          this.pos = buf.length;
          return;
        }
        this.mode = Mode.Inside;
        this.recStart = open;
        this.recLine = this.lineAt(open);
        this.pos = open + 6;
      }
      // Inside a record.
      const end = this.findClose(this.recStart);
      if (end === -1) {
        // No end yet: too long already, or cut off by the end of input.
        if (buf.length - this.recStart > this.maxRecordBytes) {
          this.sink.bad(this.base + this.recStart, this.recLine, `record exceeds ${this.maxRecordBytes} bytes`);
          this.mode = Mode.Skipping;
          this.pos = this.recStart + 6;
          continue;
        }
        if (atEnd) {
          this.sink.bad(this.base + this.recStart, this.recLine, 'truncated record: no </Event> before end of input');
          this.mode = Mode.Outside;
          this.pos = buf.length;
        }
        return;
      }
      if (end < 0) {
        // A new `<Event` began before this one closed.
        const next = -end - 2;
        this.sink.bad(this.base + this.recStart, this.recLine, 'unterminated record: <Event> without </Event>');
        this.mode = Mode.Outside;
        this.pos = next;
        continue;
      }
      if (end - this.recStart > this.maxRecordBytes) {
        this.sink.bad(this.base + this.recStart, this.recLine, `record exceeds ${this.maxRecordBytes} bytes`);
      } else {
        this.sink.record(buf, this.recStart, end, this.base + this.recStart, this.recLine);
      }
      this.mode = Mode.Outside;
      this.pos = end;
    }
  }

  /**
   * End (exclusive) of the record starting at `s`; -1 when more input is needed; `-(next + 2)` when
   * another `<Event` starts at `next` before this record's end tag.
   */
  private findClose(s: number): number {
    const buf = this.buf;
    let close = buf.indexOf(EVENT_CLOSE_EXACT, s + 6);
    let end = close === -1 ? -1 : close + 8;
    if (close === -1) {
      // `</Event >` (whitespace before `>`) is legal but rare: look for it only when the exact form is missing.
      const loose = this.findCloseLoose(s);
      if (loose !== null) {
        close = loose[0];
        end = loose[1];
      }
    }
    const limit = close === -1 ? buf.length : close;
    // Search only this record's bytes: a search to the end of the buffer per record would be quadratic.
    if (buf.subarray(s + 6, limit).indexOf(MARKUP_DECL) !== -1) return this.findCloseCareful(s);
    const next = this.findOpen(s + 6, limit);
    if (next >= 0) return -(next + 2);
    return end;
  }

  /** `[start, end]` of the first `</Event` + whitespace + `>` after `s`, or null. */
  private findCloseLoose(s: number): [number, number] | null {
    const buf = this.buf;
    let c = buf.indexOf(EVENT_CLOSE, s + 6);
    while (c !== -1) {
      const gt = this.tagEnd(c + 7);
      if (gt === -1) return null;
      if (gt >= 0) return [c, gt];
      c = buf.indexOf(EVENT_CLOSE, c + 1);
    }
    return null;
  }

  /** After `</Event` at `at`: optional whitespace then `>`. Returns the index after `>`, -1 (need more), -2 (not an end tag). */
  private tagEnd(at: number): number {
    const buf = this.buf;
    let p = at;
    while (p < buf.length) {
      const b = buf[p]!;
      if (b === 0x3e) return p + 1;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return -2;
      p++;
    }
    return -1;
  }

  /** Slow path for records with comments or CDATA, whose text may contain `</Event>` literally. */
  private findCloseCareful(s: number): number {
    const buf = this.buf;
    let p = s + 6;
    for (;;) {
      const lt = buf.indexOf(0x3c, p);
      if (lt === -1) return -1;
      if (buf[lt + 1] === 0x21) {
        if (buf.length - lt < 9) return -1;
        const isCdata = buf.toString('latin1', lt, lt + 9) === '<![CDATA[';
        const isComment = buf.toString('latin1', lt, lt + 4) === '<!--';
        if (isCdata || isComment) {
          const end = buf.indexOf(isCdata ? ']]>' : '-->', lt + 4, 'latin1');
          if (end === -1) return -1;
          p = end + 3;
          continue;
        }
        p = lt + 2;
        continue;
      }
      if (buf.length - lt < 8) return -1;
      if (buf[lt + 1] === 0x2f && buf.subarray(lt, lt + 7).equals(EVENT_CLOSE)) {
        const gt = this.tagEnd(lt + 7);
        if (gt === -1) return -1;
        if (gt >= 0) return gt;
      } else if (buf.subarray(lt, lt + 6).equals(EVENT_OPEN) && isTagEnd(buf[lt + 6])) {
        return -(lt + 2);
      }
      p = lt + 1;
    }
  }

  private checkGap(from: number, to: number): void {
    if (to <= from) return;
    const text = this.buf.toString('latin1', from, to);
    const skip = firstJunk(text);
    if (skip === -1) return;
    const at = from + skip;
    const reason = text.startsWith('<!DOCTYPE', skip)
      ? 'DOCTYPE declaration (DTDs and entities are never expanded)'
      : `unexpected content outside <Event> records: ${JSON.stringify(text.slice(skip, skip + 40))}`;
    this.sink.bad(this.base + at, this.lineAt(at), reason);
  }
}
