/**
 * Builds small synthetic .evtx files for tests, byte by byte from the format description
 * (../shared/design/evtx-format.md), independently of the reader's code: element trees with every BinXML
 * token kind, template definitions (inline on first use in a chunk, referenced afterwards), substitution
 * values of any type, names stored inline on first use and referenced back afterwards, chunk and file
 * headers with correct CRCs.
 */
import { crc32 } from 'node:zlib';

export type BValue =
  | { readonly text: string }
  | { readonly sub: number; readonly opt?: boolean; readonly type?: number }
  | { readonly charref: number }
  | { readonly entity: string }
  | { readonly cdata: string }
  | { readonly pi: readonly [string, string] };

export interface BElement {
  readonly el: string;
  readonly dep?: number;
  readonly attrs?: readonly (readonly [string, readonly BValue[]])[];
  /** Child elements and content values, in order. Omit (and set `empty`) for `<X/>`. */
  readonly children?: readonly (BElement | BValue)[];
  readonly empty?: boolean;
}

/** One substitution value: its type byte and raw bytes (or a nested BinXML builder for type 0x21). */
export type BSubst = { readonly type: number; readonly bytes: Uint8Array } | { readonly type: 0x21; readonly nested: BFragment };

export type BFragment =
  | { readonly kind: 'template'; readonly guid: string; readonly root: BElement; readonly values: readonly BSubst[]; readonly header?: boolean }
  | { readonly kind: 'tree'; readonly root: BElement; readonly header?: boolean };

function isElement(x: BElement | BValue): x is BElement {
  return 'el' in x;
}

/** Little-endian byte writer positioned at a chunk offset. */
class Writer {
  readonly out: number[] = [];
  constructor(readonly base: number, readonly chunk: ChunkState) {}
  get pos(): number {
    return this.base + this.out.length;
  }
  u8(v: number): void {
    this.out.push(v & 0xff);
  }
  u16(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number): void {
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
  }
  bytes(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.out.push(b[i]!);
  }
  utf16(s: string): void {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
  }
  patch32(at: number, v: number): void {
    const i = at - this.base;
    this.out[i] = v & 0xff;
    this.out[i + 1] = (v >>> 8) & 0xff;
    this.out[i + 2] = (v >>> 16) & 0xff;
    this.out[i + 3] = (v >>> 24) & 0xff;
  }
  /** A name reference: inline (offset = own position) on first use in the chunk, back-reference afterwards. */
  name(s: string): void {
    const known = this.chunk.names.get(s);
    if (known !== undefined) {
      this.u32(known);
      return;
    }
    const at = this.pos + 4;
    this.chunk.names.set(s, at);
    this.u32(at);
    this.u32(0); // next in bucket
    this.u16(nameHash(s));
    this.u16(s.length);
    this.utf16(s);
    this.u16(0);
  }
}

/** MS-EVEN6 name hash: h = h·65599 + unit, low 16 bits. */
export function nameHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 65599) + s.charCodeAt(i)) >>> 0;
  return h & 0xffff;
}

interface ChunkState {
  names: Map<string, number>;
  templates: Map<string, number>;
}

function writeValue(w: Writer, v: BValue, inContent: boolean): void {
  if ('text' in v) {
    w.u8(0x05);
    w.u8(0x01);
    w.u16(v.text.length);
    w.utf16(v.text);
  } else if ('sub' in v) {
    w.u8(v.opt ? 0x0e : 0x0d);
    w.u16(v.sub);
    w.u8(v.type ?? 0x01);
  } else if ('charref' in v) {
    w.u8(0x08);
    w.u16(v.charref);
  } else if ('entity' in v) {
    w.u8(0x09);
    w.name(v.entity);
  } else if ('cdata' in v) {
    if (!inContent) throw new Error('CDATA only in content');
    w.u8(0x07);
    w.u16(v.cdata.length);
    w.utf16(v.cdata);
  } else {
    if (!inContent) throw new Error('PI only in content');
    w.u8(0x0a);
    w.name(v.pi[0]);
    w.u8(0x0b);
    w.u16(v.pi[1].length);
    w.utf16(v.pi[1]);
  }
}

function writeElement(w: Writer, e: BElement, withDep: boolean): void {
  const hasAttrs = (e.attrs?.length ?? 0) > 0;
  w.u8(hasAttrs ? 0x41 : 0x01);
  if (withDep) w.u16(e.dep ?? 0xffff);
  const sizeAt = w.pos;
  w.u32(0);
  w.name(e.el);
  let attrSizeAt = -1;
  if (hasAttrs) {
    attrSizeAt = w.pos;
    w.u32(0);
  }
  const attrStart = w.pos;
  e.attrs?.forEach(([name, values], i) => {
    w.u8(i < e.attrs!.length - 1 ? 0x46 : 0x06);
    w.name(name);
    for (const v of values) writeValue(w, v, false);
  });
  if (hasAttrs) w.patch32(attrSizeAt, w.pos - attrStart);
  if (e.empty) {
    w.u8(0x03);
  } else {
    w.u8(0x02);
    for (const c of e.children ?? []) {
      if (isElement(c)) writeElement(w, c, withDep);
      else writeValue(w, c, true);
    }
    w.u8(0x04);
  }
  w.patch32(sizeAt, w.pos - sizeAt - 4);
}

function guidBytes(guid: string): number[] {
  const h = guid.replace(/[{}-]/g, '');
  const b = (i: number) => parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return [b(3), b(2), b(1), b(0), b(5), b(4), b(7), b(6), ...Array.from({ length: 8 }, (_, i) => b(8 + i))];
}

function writeFragment(w: Writer, f: BFragment): void {
  if (f.header !== false) w.bytes([0x0f, 0x01, 0x01, 0x00]);
  if (f.kind === 'tree') {
    writeElement(w, f.root, false);
    w.u8(0x00);
    return;
  }
  const g = guidBytes(f.guid);
  w.u8(0x0c);
  w.u8(0x01);
  w.bytes(g.slice(0, 4));
  const known = w.chunk.templates.get(f.guid);
  if (known !== undefined) {
    w.u32(known);
  } else {
    const defAt = w.pos + 4;
    w.chunk.templates.set(f.guid, defAt);
    w.u32(defAt);
    w.u32(0); // next in bucket
    w.bytes(g);
    const sizeAt = w.pos;
    w.u32(0);
    w.bytes([0x0f, 0x01, 0x01, 0x00]);
    writeElement(w, f.root, true);
    w.u8(0x00);
    w.patch32(sizeAt, w.pos - sizeAt - 4);
  }
  w.u32(f.values.length);
  // Nested BinXML sizes do not depend on where they land (only offset values do), so measure them first
  // with a copy of the chunk's name/template state, then write them at their real position.
  const sizes = f.values.map((v) => {
    if (!('nested' in v)) return v.bytes.length;
    const dry = new Writer(0, { names: new Map(w.chunk.names), templates: new Map(w.chunk.templates) });
    writeFragment(dry, v.nested);
    return dry.out.length;
  });
  f.values.forEach((v, i) => {
    w.u16(sizes[i]!);
    w.u8(v.type);
    w.u8(0);
  });
  for (const v of f.values) {
    if ('nested' in v) writeFragment(w, v.nested);
    else w.bytes(v.bytes);
  }
}

export interface BRecord {
  readonly id: number;
  readonly fragment: BFragment;
  /** Bytes written instead of the record's BinXML (for damaged records). */
  readonly raw?: Uint8Array;
  /** Overrides the size field (for damaged records). */
  readonly sizeField?: number;
}

const CHUNK = 65536;

/** One chunk with the given records (ids should be consecutive). */
export function buildChunk(records: readonly BRecord[], opts: { noCrc?: boolean } = {}): Uint8Array {
  const chunk = new Uint8Array(CHUNK);
  const state: ChunkState = { names: new Map(), templates: new Map() };
  let off = 512;
  let lastOff = 512;
  for (const r of records) {
    const w = new Writer(off, state);
    w.u32(0x2a2a);
    w.u32(0); // size, patched
    w.u32(r.id);
    w.u32(0);
    w.u32(0x5a5a5a5a); // written time, unused by the reader
    w.u32(0x01d00000);
    if (r.raw) w.bytes(r.raw);
    else writeFragment(w, r.fragment);
    while ((w.out.length + 4) % 8 !== 0) w.u8(0);
    const size = w.out.length + 4;
    w.u32(size);
    w.patch32(off + 4, r.sizeField ?? size);
    if (off + w.out.length > CHUNK) throw new Error('records do not fit in one chunk');
    chunk.set(w.out, off);
    lastOff = off;
    off += w.out.length;
  }
  const dv = new DataView(chunk.buffer);
  chunk.set([...'ElfChnk'].map((c) => c.charCodeAt(0)), 0);
  const first = records[0]?.id ?? 1;
  const last = records[records.length - 1]?.id ?? 0;
  dv.setBigUint64(8, BigInt(1), true);
  dv.setBigUint64(16, BigInt(records.length), true);
  dv.setBigUint64(24, BigInt(first), true);
  dv.setBigUint64(32, BigInt(last), true);
  dv.setUint32(40, 128, true);
  dv.setUint32(44, lastOff, true);
  dv.setUint32(48, off, true);
  dv.setUint32(120, opts.noCrc ? 0x5 : 0x1, true);
  if (!opts.noCrc) {
    dv.setUint32(52, crc32(chunk.subarray(512, off)) >>> 0, true);
    const head = new Uint8Array(120 + 384);
    head.set(chunk.subarray(0, 120), 0);
    head.set(chunk.subarray(128, 512), 120);
    dv.setUint32(124, crc32(head) >>> 0, true);
  }
  return chunk;
}

/** A file: header block plus the given chunks. */
export function buildFile(chunks: readonly Uint8Array[], opts: { noCrc?: boolean; flags?: number } = {}): Uint8Array {
  const file = new Uint8Array(4096 + CHUNK * chunks.length);
  const dv = new DataView(file.buffer);
  file.set([...'ElfFile'].map((c) => c.charCodeAt(0)), 0);
  dv.setBigUint64(8, 0n, true);
  dv.setBigUint64(16, BigInt(Math.max(0, chunks.length - 1)), true);
  dv.setBigUint64(24, 1n, true);
  dv.setUint32(32, 128, true);
  dv.setUint16(36, 1, true);
  dv.setUint16(38, 3, true);
  dv.setUint16(40, 4096, true);
  dv.setUint16(42, chunks.length, true);
  dv.setUint32(120, opts.flags ?? (opts.noCrc ? 0x4 : 0), true);
  if (!opts.noCrc) dv.setUint32(124, crc32(file.subarray(0, 120)) >>> 0, true);
  chunks.forEach((c, i) => file.set(c, 4096 + i * CHUNK));
  return file;
}

/** Value encoders for template instances. */
export const V = {
  string: (s: string): BSubst => ({ type: 0x01, bytes: utf16z(s) }),
  ansi: (bytes: number[]): BSubst => ({ type: 0x02, bytes: Uint8Array.from(bytes) }),
  null: (size = 0): BSubst => ({ type: 0x00, bytes: new Uint8Array(size) }),
  raw: (type: number, bytes: ArrayLike<number>): BSubst => ({ type, bytes: Uint8Array.from(bytes) }),
  le: (type: number, value: bigint, width: number): BSubst => {
    const b = new Uint8Array(width);
    let v = BigInt.asUintN(width * 8, value);
    for (let i = 0; i < width; i++) {
      b[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return { type, bytes: b };
  },
  guid: (g: string): BSubst => ({ type: 0x0f, bytes: Uint8Array.from(guidBytes(g)) }),
  stringArray: (items: readonly string[]): BSubst => ({ type: 0x81, bytes: Uint8Array.from(items.flatMap((s) => [...utf16z(s)])) }),
  nested: (f: BFragment): BSubst => ({ type: 0x21, nested: f }),
};

export function utf16z(s: string): Uint8Array {
  const b = new Uint8Array(2 * s.length + 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) & 0xff;
    b[2 * i + 1] = s.charCodeAt(i) >>> 8;
  }
  return b;
}
