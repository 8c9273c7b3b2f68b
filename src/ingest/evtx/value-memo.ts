/**
 * Remembering the last value a compiled step formatted: its type, bytes and text. Values repeat from
 * record to record (Computer, Channel, provider GUID, user SID, Keywords, most EventData of a busy
 * source), and comparing a value's bytes with the last ones costs less than decoding them again; every
 * event then shares one string, which also leaves less for the garbage collector. A step whose values
 * change every time (record ids, process ids) stops comparing for a while after a few misses in a row.
 */
import { VT } from './binxml/value-types.js';
import { formatScalar } from './binxml/format-value.js';
import { escapeText } from './render-xml.js';

/** Value types worth remembering: everything but timestamps (always new), NULL, BinXml, arrays and reals. */
const MEMO_TYPES: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const type of [VT.String, VT.AnsiString, VT.Int8, VT.UInt8, VT.Int16, VT.UInt16, VT.Int32, VT.UInt32, VT.Int64, VT.UInt64, VT.Bool, VT.Binary, VT.Guid, VT.SizeT, VT.Sid, VT.HexInt32, VT.HexInt64, VT.EvtHandle, VT.EvtXml]) {
    t[type] = 1;
  }
  return t;
})();
/** Longer values are decoded every time: comparing them costs about as much as decoding. */
const MEMO_MAX_BYTES = 256;
/** After this many misses in a row a memo stops comparing for this many values. */
const MAX_MISSES = 8;
const PAUSE = 64;

/** Whether a scalar value of this type and size goes through a memo. */
export function memoable(type: number, size: number): boolean {
  return MEMO_TYPES[type] === 1 && size > 0 && size <= MEMO_MAX_BYTES;
}

/** A DataView of the chunk whose values are being read (one per chunk buffer, made on first use). */
let viewBytes: Uint8Array | null = null;
let view: DataView = new DataView(new ArrayBuffer(0));

function viewOf(b: Uint8Array): DataView {
  if (b !== viewBytes) {
    viewBytes = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  return view;
}

export class ValueMemo {
  private type = -1;
  private size = -1;
  private bytes: Uint8Array | null = null;
  private view: DataView | null = null;
  private text = '';
  private misses = 0;
  private pause = 0;

  /**
   * The text of the scalar value at `b[off, off + size)` of `type` (memoable), as formatScalar gives it,
   * XML-escaped as element text when `escape` says so. A memo serves one form only.
   */
  get(b: Uint8Array, type: number, off: number, size: number, escape: Escape): string {
    if (this.pause > 0) {
      this.pause--;
      return format(b, type, off, size, escape);
    }
    if (this.type === type && this.size === size) {
      // Four bytes at a time (through DataViews: values sit at any alignment), then the rest.
      const bv = viewOf(b);
      const mv = this.view!;
      const words = size & ~3;
      let j = 0;
      while (j < words && mv.getInt32(j) === bv.getInt32(off + j)) j += 4;
      if (j === words) {
        const mb = this.bytes!;
        while (j < size && mb[j] === b[off + j]) j++;
      }
      if (j === size) {
        this.misses = 0;
        return this.text;
      }
    }
    if (++this.misses >= MAX_MISSES) {
      this.misses = 0;
      this.pause = PAUSE;
    }
    const text = format(b, type, off, size, escape);
    let mb = this.bytes;
    if (mb === null || mb.length < size) {
      mb = new Uint8Array(Math.max(size, 16));
      this.bytes = mb;
      this.view = new DataView(mb.buffer);
    }
    for (let j = 0; j < size; j++) mb[j] = b[off + j]!;
    this.type = type;
    this.size = size;
    this.text = text;
    return text;
  }
}

/** How a memo's text is escaped: not at all (field values, attribute values), as XML element text. */
export const ESCAPE = { None: 0, Text: 1 } as const;
export type Escape = (typeof ESCAPE)[keyof typeof ESCAPE];

function format(b: Uint8Array, type: number, off: number, size: number, escape: Escape): string {
  const text = formatScalar(b, type, off, size);
  return escape === ESCAPE.None ? text : escapeText(text);
}
