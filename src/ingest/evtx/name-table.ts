/**
 * Per-chunk names (the chunk's "string table", evtx-format.md §2.2 and §4.6).
 *
 * A name structure is `[next u32][hash u16][count u16][count UTF-16 units][NUL]`, referenced by its
 * chunk-relative offset. Names are decoded by offset and cached per chunk; the 64-bucket hash table in the
 * chunk header is never needed, so a damaged table cannot make names unreadable
 * (`security_bad_string_cache.evtx`, PR omerbenamram/evtx#238). The stored hash is checked, which catches
 * offsets that point at something other than a name in damaged records.
 */
import { EvtxParseError, readU16 } from './cursor.js';
import { decodeUtf16 } from './binxml/utf16.js';

export interface DecodedName {
  readonly text: string;
  /** Bytes the structure occupies (10 + 2n), to skip it when it is stored inline. */
  readonly size: number;
  /** The name made safe to print in a tag (binxml/parse.ts), computed on first use. */
  xml: string | undefined;
}

/** The MS-EVEN6 name hash: h = h·65599 + unit over the UTF-16 code units, low 16 bits kept. */
export function nameHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 65599) + text.charCodeAt(i)) >>> 0;
  return h & 0xffff;
}

export class NameTable {
  private readonly bytes: Uint8Array;
  private readonly limit: number;
  private readonly cache = new Map<number, DecodedName>();

  constructor(bytes: Uint8Array, limit: number) {
    this.bytes = bytes;
    this.limit = limit;
  }

  get(offset: number): DecodedName {
    const hit = this.cache.get(offset);
    if (hit !== undefined) return hit;
    const decoded = this.decode(offset);
    this.cache.set(offset, decoded);
    return decoded;
  }

  private decode(offset: number): DecodedName {
    const b = this.bytes;
    if (offset < 0 || offset + 8 > this.limit) {
      throw new EvtxParseError('name', offset, `offset outside the chunk (limit ${this.limit})`);
    }
    const hash = readU16(b, offset + 4);
    const count = readU16(b, offset + 6);
    const size = 10 + 2 * count;
    if (offset + size > this.limit) {
      throw new EvtxParseError('name', offset, `truncated (need ${size} bytes, have ${this.limit - offset})`);
    }
    if (count === 0) throw new EvtxParseError('name', offset, 'empty name');
    const text = decodeUtf16(b, offset + 8, count);
    if (nameHash(text) !== hash) throw new EvtxParseError('name', offset, 'stored hash does not match the name');
    return { text, size, xml: undefined };
  }
}
