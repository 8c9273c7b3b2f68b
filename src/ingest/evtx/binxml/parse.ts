/**
 * BinXML token stream → node trees (evtx-format.md §4–§5).
 *
 * Used for template definitions (element starts carry a dependency id) and for literal element trees
 * stored directly in a record or inside a BinXml value (no dependency id: forwarded events in
 * `MSExchange_Management_wec.evtx`, CAPI2 values in the two CAPI2 samples). Names and template definitions
 * are resolved by chunk-relative offset; a structure stored inline (offset == current position) is decoded
 * and skipped. Every read goes through the Cursor; nesting is capped so crafted input cannot exhaust the stack.
 */
import { Cursor, EvtxParseError, readU32 } from '../cursor.js';
import type { SharedTemplates } from '../template-cache.js';
import { templateSignature } from './template-signature.js';
import type { DecodedName, NameTable } from '../name-table.js';
import type {
  AttrNode,
  CDataNode,
  ContentNode,
  ElementNode,
  Fragment,
  InstanceFragment,
  PINode,
  SubstNode,
  Template,
  TextPart,
  Values,
} from './nodes.js';
import { NO_PI } from './nodes.js';
import { guidText, valueSizeProblem } from './format-value.js';
import { TOK, baseToken, tokenHex } from './tokens.js';
import { decodeUtf16 } from './utf16.js';
import { VALUE_SIZE_RULE, VT, isKnownValueType, valueTypeName } from './value-types.js';

/** Element nesting allowed inside one fragment. */
export const MAX_ELEMENT_DEPTH = 128;
/** BinXml-in-BinXml nesting (the Rust crate caps at 64 as well, CHANGELOG 0.12.2). */
export const MAX_FRAGMENT_DEPTH = 64;

/** What a chunk offers its records: bytes, names and templates, all addressed by chunk-relative offset. */
export interface ChunkContext {
  readonly bytes: Uint8Array;
  /** Usable length of the chunk (65536, less for a truncated trailing chunk). */
  readonly limit: number;
  readonly names: NameTable;
  /** Template definitions by offset; a definition that failed to parse is cached as its error. */
  readonly templates: Map<number, Template | EvtxParseError>;
  /** Definitions already parsed in earlier chunks of the same file (null: no sharing). */
  readonly shared: SharedTemplates | null;
}

/** `what` names the structure in errors; constant strings keep the hot path free of string building. */
function readNameEntry(cur: Cursor, ctx: ChunkContext, what: string): DecodedName {
  const off = cur.u32(what);
  const name = ctx.names.get(off);
  // Inline-vs-cached rule (evtx-format.md §4.6): the structure is stored right here iff it points here.
  if (off === cur.pos) cur.skip(name.size, what);
  return name;
}

function readName(cur: Cursor, ctx: ChunkContext, what: string): string {
  return readNameEntry(cur, ctx, what).text;
}

/** Characters that would break out of a tag; names come from the file and are printed as-is otherwise. */
const UNSAFE_NAME = /[\s<>&'"=/]/;
const UNSAFE_NAME_ALL = /[\s<>&'"=/]/g;

function xmlSafeName(name: string): string {
  return UNSAFE_NAME.test(name) ? name.replace(UNSAFE_NAME_ALL, '_') : name;
}

/** The printable form of a chunk name, computed once per chunk and name. */
function xmlNameOf(entry: DecodedName): string {
  return (entry.xml ??= xmlSafeName(entry.text));
}

/** Shared by elements without attributes or substitutions (nodes are never modified once parsed). */
const NO_ATTRS: readonly AttrNode[] = Object.freeze([]);
const NO_SUBSTS: readonly number[] = Object.freeze([]);

function parseLengthPrefixed(cur: Cursor, what: string): string {
  const n = cur.u16(what);
  const at = cur.take(2 * n, what);
  let s = decodeUtf16(cur.buf, at, n);
  // MS-EVEN6: the count includes a terminator when one is present.
  if (s.endsWith('\0')) s = s.replace(/\0+$/, '');
  return s;
}

/** Value text token: type byte, then (for StringType, the only type MS-EVEN6 allows here) a counted string. */
function parseValueText(cur: Cursor): TextPart {
  const type = cur.u8('value text type');
  if (type !== VT.String) {
    throw new EvtxParseError('value text', cur.pos - 1, `unsupported value text type ${valueTypeName(type)}`);
  }
  return { kind: 'text', text: parseLengthPrefixed(cur, 'value text') };
}

function parseSubst(cur: Cursor, optional: boolean): SubstNode {
  const index = cur.u16('substitution index');
  const declaredType = cur.u8('substitution value type');
  return { kind: 'subst', index, optional, declaredType };
}

function parseCharRef(cur: Cursor): TextPart {
  return { kind: 'charref', code: cur.u16('character reference') };
}

function parseEntityRef(cur: Cursor, ctx: ChunkContext): TextPart {
  return { kind: 'entity', name: readName(cur, ctx, 'entity reference name') };
}

function parsePI(cur: Cursor, ctx: ChunkContext): PINode {
  cur.u8('PI target token');
  const target = readName(cur, ctx, 'PI target name');
  let data = '';
  if (cur.remaining > 0 && cur.peekU8('PI data token') === TOK.PIData) {
    cur.u8('PI data token');
    data = parseLengthPrefixed(cur, 'PI data');
  }
  return { kind: 'pi', target, data };
}

/** Attribute value: value text, substitutions and references until the next attribute or the close token. */
function parseAttrValue(cur: Cursor, ctx: ChunkContext): TextPart[] {
  const parts: TextPart[] = [];
  for (;;) {
    const t = baseToken(cur.peekU8('attribute value token'));
    if (t === TOK.Value) {
      cur.u8('value token');
      parts.push(parseValueText(cur));
    } else if (t === TOK.NormalSubstitution || t === TOK.OptionalSubstitution) {
      cur.u8('substitution token');
      parts.push(parseSubst(cur, t === TOK.OptionalSubstitution));
    } else if (t === TOK.CharRef) {
      cur.u8('character reference token');
      parts.push(parseCharRef(cur));
    } else if (t === TOK.EntityRef) {
      cur.u8('entity reference token');
      parts.push(parseEntityRef(cur, ctx));
    } else {
      return parts;
    }
  }
}

export function parseElement(cur: Cursor, ctx: ChunkContext, hasDepId: boolean, depth: number): ElementNode {
  if (depth > MAX_ELEMENT_DEPTH) throw new EvtxParseError('element', cur.pos, `nesting deeper than ${MAX_ELEMENT_DEPTH}`);
  const start = cur.pos;
  const tok = cur.u8('element start token');
  if (baseToken(tok) !== TOK.OpenStartElement) {
    throw new EvtxParseError('element start token', start, `unexpected token ${tokenHex(tok)}`);
  }
  let depId = -1;
  if (hasDepId) {
    const d = cur.u16('element dependency id');
    if (d !== 0xffff) depId = d;
  }
  const dataSize = cur.u32('element data size');
  if (cur.pos + dataSize > cur.end) {
    throw new EvtxParseError('element', start, `data size ${dataSize} runs past the enclosing structure`);
  }
  const nameEntry = readNameEntry(cur, ctx, 'element name');
  const name = nameEntry.text;
  const xmlName = xmlNameOf(nameEntry);
  if (tok & 0x40) cur.u32('attribute list size');

  let attrs: AttrNode[] | null = null;
  let substs: number[] | null = null;
  while (baseToken(cur.peekU8('attribute or close token')) === TOK.Attribute) {
    cur.u8('attribute token');
    const attrEntry = readNameEntry(cur, ctx, 'attribute name');
    const parts = parseAttrValue(cur, ctx);
    for (const p of parts) if (p.kind === 'subst') (substs ??= []).push(p.index);
    (attrs ??= []).push({ name: attrEntry.text, xmlName: xmlNameOf(attrEntry), parts });
  }

  const close = cur.u8('element close token');
  const content: ContentNode[] = [];
  let hasElements = false;
  if (close === TOK.CloseEmptyElement) {
    return { kind: 'element', name, xmlName, depId, attrs: attrs ?? NO_ATTRS, content, empty: true, substs: substs ?? NO_SUBSTS, hasElements };
  }
  if (close !== TOK.CloseStartElement) {
    throw new EvtxParseError('element close token', cur.pos - 1, `unexpected token ${tokenHex(close)} in <${name}>`);
  }
  for (;;) {
    const at = cur.pos;
    const raw = cur.peekU8('element content token');
    const t = baseToken(raw);
    switch (t) {
      case TOK.EndElement:
        cur.u8('end element token');
        return { kind: 'element', name, xmlName, depId, attrs: attrs ?? NO_ATTRS, content, empty: false, substs: substs ?? NO_SUBSTS, hasElements };
      case TOK.OpenStartElement:
        content.push(parseElement(cur, ctx, hasDepId, depth + 1));
        hasElements = true;
        break;
      case TOK.Value:
        cur.u8('value token');
        content.push(parseValueText(cur));
        break;
      case TOK.NormalSubstitution:
      case TOK.OptionalSubstitution: {
        cur.u8('substitution token');
        const s = parseSubst(cur, t === TOK.OptionalSubstitution);
        (substs ??= []).push(s.index);
        content.push(s);
        break;
      }
      case TOK.CharRef:
        cur.u8('character reference token');
        content.push(parseCharRef(cur));
        break;
      case TOK.EntityRef:
        cur.u8('entity reference token');
        content.push(parseEntityRef(cur, ctx));
        break;
      case TOK.CDataSection: {
        cur.u8('CDATA token');
        const node: CDataNode = { kind: 'cdata', text: parseLengthPrefixed(cur, 'CDATA section') };
        content.push(node);
        break;
      }
      case TOK.PITarget:
        content.push(parsePI(cur, ctx));
        break;
      default:
        throw new EvtxParseError('element content', at, `unexpected token ${tokenHex(raw)} inside <${name}>`);
    }
  }
}

/** The template definition at `offset`, parsed once per chunk (failures are cached too). */
export function getTemplate(ctx: ChunkContext, offset: number): Template {
  const hit = ctx.templates.get(offset);
  if (hit !== undefined) {
    if (hit instanceof EvtxParseError) throw hit;
    return hit;
  }
  try {
    const t = sharedOrParse(ctx, offset);
    ctx.templates.set(offset, t);
    return t;
  } catch (e) {
    if (e instanceof EvtxParseError) ctx.templates.set(offset, e);
    throw e;
  }
}

function sharedOrParse(ctx: ChunkContext, offset: number): Template {
  const shared = ctx.shared;
  if (shared === null) return parseTemplateDefinition(ctx, offset);
  const signature = templateSignature(ctx, offset);
  if (signature === null) return parseTemplateDefinition(ctx, offset);
  const hit = shared.get(signature);
  if (hit !== undefined) return hit;
  const t = parseTemplateDefinition(ctx, offset);
  shared.add(signature, t);
  return t;
}

/** `[next u32][GUID 16][data size u32]` then fragment header, one element with dependency ids, EOF (§5.2). */
function parseTemplateDefinition(ctx: ChunkContext, offset: number): Template {
  if (offset < 0 || offset >= ctx.limit) throw new EvtxParseError('template definition', offset, 'offset outside the chunk');
  const cur = new Cursor(ctx.bytes, offset, ctx.limit);
  cur.u32('template next offset');
  const guidAt = cur.take(16, 'template GUID');
  const dataSize = cur.u32('template data size');
  const bodyStart = cur.take(dataSize, 'template body');
  const body = new Cursor(ctx.bytes, bodyStart, bodyStart + dataSize);
  while (body.remaining > 0 && body.peekU8('template fragment header') === TOK.FragmentHeader) {
    body.skip(4, 'template fragment header');
  }
  const root = parseElement(body, ctx, true, 0);
  const b = ctx.bytes;
  const id = (b[guidAt]! | (b[guidAt + 1]! << 8) | (b[guidAt + 2]! << 16) | (b[guidAt + 3]! << 24)) >>> 0;
  return { id, guid: guidText(b, guidAt), root, compiled: [] };
}

function valueProblem(i: number, type: number, size: number, at: number): EvtxParseError {
  if (!isKnownValueType(type)) return new EvtxParseError(`value #${i}`, at, `unknown value type ${valueTypeName(type)}`);
  return new EvtxParseError(`value #${i} (${valueTypeName(type)})`, at, valueSizeProblem(type, size) ?? 'bad size');
}

/** Template instance (§5.1): template reference or inline definition, value descriptors, values. */
function parseInstance(cur: Cursor, ctx: ChunkContext, depth: number, prolog: readonly PINode[]): InstanceFragment {
  const start = cur.pos;
  cur.u8('template instance token');
  cur.u8('template instance version');
  const id = cur.u32('template id');
  const defOffset = cur.u32('template definition offset');
  const template = getTemplate(ctx, defOffset);
  // Skip an inline definition by its size here: a template shared from another chunk can differ in size.
  if (defOffset === cur.pos) cur.skip(24 + readU32(ctx.bytes, defOffset + 20), 'inline template definition');
  if (template.id !== id) {
    // The instance names the first four GUID bytes of its definition; a mismatch means the offset points at
    // a different template (a record copied from another chunk generation, as in the VSS samples).
    throw new EvtxParseError('template instance', start, `template id ${id.toString(16)} does not match the definition at ${defOffset}`);
  }
  const count = cur.u32('template value count');
  if (count * 4 > cur.remaining) {
    throw new EvtxParseError('template value descriptors', cur.pos, `${count} values do not fit in ${cur.remaining} bytes`);
  }
  const b = ctx.bytes;
  // Descriptors: `u16 size, u8 type, u8 0` each, bounds-checked once for all of them.
  const d = cur.take(count * 4, 'template value descriptors');
  const sizes: number[] = new Array<number>(count);
  const types: number[] = new Array<number>(count);
  const offs: number[] = new Array<number>(count);
  let at = cur.pos;
  for (let i = 0; i < count; i++) {
    const p = d + 4 * i;
    const size = b[p]! | (b[p + 1]! << 8);
    const type = b[p + 2]!;
    sizes[i] = size;
    types[i] = type;
    offs[i] = at;
    // Always advance by the descriptor size, whatever the value turns out to hold (§5.3).
    at += size;
    const rule = VALUE_SIZE_RULE[type]!;
    if (rule === -1 || (size !== 0 && (rule === -2 ? size !== 4 && size !== 8 : size < rule))) {
      throw valueProblem(i, type, size, offs[i]!);
    }
  }
  cur.take(at - cur.pos, 'substitution values');
  let nested: (Fragment | null)[] | null = null;
  for (let i = 0; i < count; i++) {
    const type = types[i]!;
    const size = sizes[i]!;
    const at = offs[i]!;
    if (type === VT.BinXml && size > 0) {
      if (depth >= MAX_FRAGMENT_DEPTH) throw new EvtxParseError('BinXml value', at, `nested deeper than ${MAX_FRAGMENT_DEPTH}`);
      const vcur = new Cursor(b, at, at + size);
      // A value that is only an EOF token is an empty fragment: half-written records zero the tail of their
      // values (`Microsoft-Windows-LanguagePackSetup%4Operational.evtx` record 17; the Rust crate reads it too).
      if (skipFragmentHeaders(vcur) === TOK.EOF) continue;
      nested ??= new Array<Fragment | null>(count);
      nested[i] = parseFragment(vcur, ctx, depth + 1);
    }
  }
  const values: Values = { bytes: b, types, offs, sizes, nested, items: null };
  return { kind: 'instance', template, values, prolog };
}

/**
 * A fragment: optional fragment headers and processing instructions, then a template instance or a literal
 * element. Bytes after it (padding, or stale data after the EOF token, as in the Shell-Core sample) are ignored.
 */
/** Skip fragment headers and return the next token byte (EOF when nothing is left). */
function skipFragmentHeaders(cur: Cursor): number {
  while (cur.remaining > 0) {
    const t = cur.peekU8('fragment token');
    if (t !== TOK.FragmentHeader) return t;
    cur.skip(4, 'fragment header');
  }
  return TOK.EOF;
}

export function parseFragment(cur: Cursor, ctx: ChunkContext, depth: number): Fragment {
  let prolog: readonly PINode[] = NO_PI;
  for (;;) {
    const t = cur.peekU8('fragment token');
    if (t === TOK.FragmentHeader) cur.skip(4, 'fragment header');
    else if (t === TOK.PITarget) prolog = [...prolog, parsePI(cur, ctx)];
    else break;
  }
  const t = cur.peekU8('fragment token');
  if (t === TOK.TemplateInstance) return parseInstance(cur, ctx, depth, prolog);
  if (baseToken(t) === TOK.OpenStartElement) return { kind: 'tree', root: parseElement(cur, ctx, false, 0), prolog };
  throw new EvtxParseError('fragment', cur.pos, `unexpected token ${tokenHex(t)} (expected a template instance or an element)`);
}
