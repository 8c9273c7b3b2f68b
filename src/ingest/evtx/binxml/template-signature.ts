/**
 * An offset-independent identity for a template definition, so a template parsed in one chunk can be reused
 * in the next ones (template-cache.ts). The same template sits at a different offset in every chunk, and
 * its bytes differ with it: names are either stored inline (their offset field equals their own position)
 * or referenced back, and element data sizes include the inline names. The signature therefore hashes the
 * definition token by token, with each name reference replaced by the name's text and the size fields left
 * out. Returns null when the definition does not tokenize; the caller then parses it normally, which
 * reports the problem.
 */
import { EvtxParseError, readU16, readU32 } from '../cursor.js';
import type { ChunkContext } from './parse.js';
import { TOK, baseToken } from './tokens.js';

class Hasher {
  a = 0x811c9dc5;
  b = 0x9747b28c;
  mix(v: number): void {
    this.a = Math.imul(this.a ^ v, 0x01000193);
    this.b = Math.imul(this.b ^ v, 0x5bd1e995) ^ (this.b >>> 15);
  }
}

/** Signature of the definition at `offset` (GUID + normalized body hash), or null. */
export function templateSignature(ctx: ChunkContext, offset: number): string | null {
  const b = ctx.bytes;
  if (offset < 0 || offset + 24 > ctx.limit) return null;
  const start = offset + 24;
  const end = start + readU32(b, offset + 20);
  if (end > ctx.limit) return null;
  const h = new Hasher();
  for (let i = offset + 4; i < start - 4; i++) h.mix(b[i]!);
  let p = start;

  const need = (n: number): boolean => p + n <= end;
  /** Hash the name referenced at p (4-byte offset) and step over it and any inline structure. */
  const name = (): boolean => {
    if (!need(4)) return false;
    const off = readU32(b, p);
    p += 4;
    let text: string;
    let size: number;
    try {
      const n = ctx.names.get(off);
      text = n.text;
      size = n.size;
    } catch (e) {
      if (e instanceof EvtxParseError) return false;
      throw e;
    }
    for (let i = 0; i < text.length; i++) h.mix(text.charCodeAt(i));
    h.mix(0x10000);
    if (off === p) {
      if (!need(size)) return false;
      p += size;
    }
    return true;
  };
  const counted = (): boolean => {
    if (!need(2)) return false;
    const n = readU16(b, p);
    h.mix(n);
    p += 2;
    if (!need(2 * n)) return false;
    for (let i = 0; i < 2 * n; i++) h.mix(b[p + i]!);
    p += 2 * n;
    return true;
  };

  while (p < end) {
    const t = b[p]!;
    const base = baseToken(t);
    h.mix(t);
    p++;
    switch (base) {
      case TOK.EOF:
      case TOK.CloseStartElement:
      case TOK.CloseEmptyElement:
      case TOK.EndElement:
        break;
      case TOK.FragmentHeader:
        if (!need(3)) return null;
        p += 3;
        break;
      case TOK.OpenStartElement:
        if (!need(6)) return null;
        h.mix(readU16(b, p)); // dependency id
        p += 6; // and the data size, which varies with inline names
        if (!name()) return null;
        if (t & 0x40) {
          if (!need(4)) return null;
          p += 4;
        }
        break;
      case TOK.Attribute:
      case TOK.EntityRef:
      case TOK.PITarget:
        if (!name()) return null;
        break;
      case TOK.Value:
        if (!need(1)) return null;
        h.mix(b[p]!);
        if (b[p++] !== 0x01 || !counted()) return null;
        break;
      case TOK.CDataSection:
      case TOK.PIData:
        if (!counted()) return null;
        break;
      case TOK.CharRef:
        if (!need(2)) return null;
        h.mix(readU16(b, p));
        p += 2;
        break;
      case TOK.NormalSubstitution:
      case TOK.OptionalSubstitution:
        if (!need(3)) return null;
        h.mix(readU16(b, p));
        h.mix(b[p + 2]!);
        p += 3;
        break;
      default:
        return null;
    }
  }
  return `${(h.a >>> 0).toString(36)}.${(h.b >>> 0).toString(36)}`;
}
