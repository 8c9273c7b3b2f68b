/**
 * Line-oriented output files with a fixed buffer: lines are encoded straight into a 4 MiB buffer that is
 * written out synchronously when full, so memory stays flat however many events are written. With gzip,
 * each full buffer becomes one gzip member; a file of concatenated members is a valid gzip stream
 * (RFC 1952 §2.2) that gunzip, zcat and Node's zlib read as one.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

const CAPACITY = 4 << 20;

/** Buffers of closed files, reused by the next host's files instead of waiting for the GC. */
const pool: Buffer[] = [];

export class LineFile {
  private readonly fd: number;
  private buf: Buffer = pool.pop() ?? Buffer.allocUnsafe(CAPACITY);
  private used = 0;
  lines = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    private readonly gzip: boolean,
    /** zlib level for gzip output; 1 trades a little size for several times the speed. */
    private readonly level = 1,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  push(line: string): void {
    // A UTF-16 code unit encodes to at most 3 UTF-8 bytes.
    const worst = line.length * 3 + 1;
    if (this.used + worst > CAPACITY) this.flush();
    if (worst > CAPACITY) {
      this.emit(Buffer.from(`${line}\n`, 'utf8'));
    } else {
      this.used += this.buf.write(line, this.used, 'utf8');
      this.buf[this.used++] = 10;
    }
    this.lines++;
  }

  private emit(data: Buffer): void {
    this.bytes += data.length;
    const out = this.gzip ? gzipSync(data, { level: this.level }) : data;
    let off = 0;
    while (off < out.length) off += writeSync(this.fd, out, off, out.length - off);
  }

  flush(): void {
    if (this.used === 0) return;
    this.emit(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    if (pool.length < 8) pool.push(this.buf);
    this.buf = Buffer.alloc(0);
  }
}
