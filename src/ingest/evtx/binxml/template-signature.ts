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

/** Signature of the definition at `offset` (normalized body hash), or null. Two 32-bit FNV-style lanes. */
export function templateSignature(ctx: ChunkContext, offset: number): string | null {
  const b = ctx.bytes;
  if (offset < 0 || offset + 24 > ctx.limit) return null;
  const start = offset + 24;
  const end = start + readU32(b, offset + 20);
  if (end > ctx.limit) return null;
  let ha = 0x811c9dc5;
  let hb = 0x9747b28c;
  // Mixing is written out inline: this runs over every definition of every chunk.
  let p = offset + 4;
  for (; p < start - 4; p += 4) {
    const v = readU32(b, p);
    ha = Math.imul(ha ^ v, 0x01000193);
    hb = Math.imul(hb ^ v, 0x5bd1e995) ^ (hb >>> 15);
  }
  p = start;
  while (p < end) {
    const t = b[p]!;
    const base = baseToken(t);
    ha = Math.imul(ha ^ t, 0x01000193);
    hb = Math.imul(hb ^ t, 0x5bd1e995) ^ (hb >>> 15);
    p++;
    let nameAt = -1;
    let skip = 0;
    let mix = -1;
    let counted = false;
    switch (base) {
      case TOK.EOF:
      case TOK.CloseStartElement:
      case TOK.CloseEmptyElement:
      case TOK.EndElement:
        break;
      case TOK.FragmentHeader:
        skip = 3;
        break;
      case TOK.OpenStartElement:
        if (p + 6 > end) return null;
        mix = readU16(b, p); // dependency id; the data size after it varies with inline names
        p += 6;
        nameAt = p;
        break;
      case TOK.Attribute:
      case TOK.EntityRef:
      case TOK.PITarget:
        nameAt = p;
        break;
      case TOK.Value:
        if (p + 1 > end || b[p] !== 0x01) return null;
        p++;
        counted = true;
        break;
      case TOK.CDataSection:
      case TOK.PIData:
        counted = true;
        break;
      case TOK.CharRef:
        if (p + 2 > end) return null;
        mix = readU16(b, p);
        p += 2;
        break;
      case TOK.NormalSubstitution:
      case TOK.OptionalSubstitution:
        if (p + 3 > end) return null;
        mix = readU16(b, p) | (b[p + 2]! << 16);
        p += 3;
        break;
      default:
        return null;
    }
    if (mix >= 0) {
      ha = Math.imul(ha ^ mix, 0x01000193);
      hb = Math.imul(hb ^ mix, 0x5bd1e995) ^ (hb >>> 15);
    }
    if (skip > 0) {
      if (p + skip > end) return null;
      p += skip;
    }
    if (counted) {
      if (p + 2 > end) return null;
      const n = readU16(b, p);
      const stop = p + 2 + 2 * n;
      if (stop > end) return null;
      for (let i = p; i < stop; i += 2) {
        const v = b[i]! | (b[i + 1]! << 8);
        ha = Math.imul(ha ^ v, 0x01000193);
        hb = Math.imul(hb ^ v, 0x5bd1e995) ^ (hb >>> 15);
      }
      p = stop;
    }
    if (nameAt >= 0) {
      // The name's text stands in for its offset; an inline name structure is stepped over.
      if (p + 4 > end) return null;
      const off = readU32(b, p);
      p += 4;
      let text: string;
      let size: number;
      try {
        const n = ctx.names.get(off);
        text = n.text;
        size = n.size;
      } catch (e) {
        if (e instanceof EvtxParseError) return null;
        throw e;
      }
      for (let i = 0; i < text.length; i++) {
        const v = text.charCodeAt(i);
        ha = Math.imul(ha ^ v, 0x01000193);
        hb = Math.imul(hb ^ v, 0x5bd1e995) ^ (hb >>> 15);
      }
      ha = Math.imul(ha ^ 0x10000, 0x01000193);
      if (off === p) {
        if (p + size > end) return null;
        p += size;
      }
      if (base === TOK.OpenStartElement && t & 0x40) {
        if (p + 4 > end) return null;
        p += 4; // attribute list size
      }
    }
  }
  return `${(ha >>> 0).toString(36)}.${(hb >>> 0).toString(36)}`;
}
