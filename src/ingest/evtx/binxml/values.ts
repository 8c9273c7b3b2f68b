/**
 * Reading a template instance's substitution values as text (array items are cached per record: the
 * element holding them asks for them once per item).
 */
import type { ElementNode, Fragment, TextPart, Values } from './nodes.js';
import { arrayItems, formatScalar } from './format-value.js';
import { ARRAY_FLAG, VT } from './value-types.js';

export function valueType(v: Values, i: number): number {
  return i < v.types.length ? v.types[i]! : VT.Null;
}

export function nestedFragment(v: Values, i: number): Fragment | null {
  return v.nested !== null && i < v.nested.length ? (v.nested[i] ?? null) : null;
}

export function valueItems(v: Values, i: number): readonly string[] {
  const cache = (v.items ??= new Array<readonly string[] | undefined>(v.types.length));
  const hit = cache[i];
  if (hit !== undefined) return hit;
  const items = arrayItems(v.bytes, v.types[i]!, v.offs[i]!, v.sizes[i]!);
  cache[i] = items;
  return items;
}

/**
 * Text of value `i`; for an array value, item `k` of it (the element holding it is repeated per item,
 * MS-EVEN6 §3.1.4.7.5). BinXml values have no text here: callers splice the nested fragment instead.
 */
export function valueText(v: Values, i: number, k: number): string {
  if (i >= v.types.length) return '';
  const type = v.types[i]!;
  if (type & ARRAY_FLAG) {
    const items = valueItems(v, i);
    return k >= 0 ? (items[k] ?? '') : items.join(',');
  }
  if (type === VT.Null || type === VT.BinXml) return '';
  // Not cached: a record is walked once for its fields (and parsed again if `_raw` is read), so a value is
  // almost always formatted once; the per-record cache array cost more than the rare repeat.
  return formatScalar(v.bytes, type, v.offs[i]!, v.sizes[i]!);
}

/**
 * How many times to emit an element: the largest item count among array values substituted directly into
 * it, or -1 when there is none (emit once, no item index). An empty array still emits one empty element.
 */
export function repeatCount(el: ElementNode, v: Values): number {
  let n = -1;
  const s = el.substs;
  for (let j = 0; j < s.length; j++) {
    const i = s[j]!;
    if (i < v.types.length && v.types[i]! & ARRAY_FLAG) n = Math.max(n, valueItems(v, i).length);
  }
  return n;
}

/** MS-EVEN6 §2.2.12.1: an element whose dependency value is NULL is not emitted. */
export function isOmitted(el: ElementNode, v: Values): boolean {
  return el.depId >= 0 && el.depId < v.types.length && v.types[el.depId] === VT.Null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function entityText(name: string): string {
  return ENTITIES[name] ?? `&${name};`;
}

export function charRefText(code: number): string {
  return String.fromCharCode(code);
}

/** The plain (unescaped) text of attribute parts or element text parts, with references resolved. */
export function partsText(parts: readonly TextPart[], v: Values, k: number): string {
  if (parts.length === 1) {
    const p = parts[0]!;
    if (p.kind === 'subst') return valueText(v, p.index, k);
    if (p.kind === 'text') return p.text;
  }
  let s = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        s += p.text;
        break;
      case 'subst':
        s += valueText(v, p.index, k);
        break;
      case 'charref':
        s += charRefText(p.code);
        break;
      case 'entity':
        s += entityText(p.name);
        break;
    }
  }
  return s;
}
