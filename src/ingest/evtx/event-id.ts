/**
 * The record's EventID text without walking the whole record, for the EventCode prefilter.
 *
 * Per template, once: find `<System><EventID>` under the root and note whether its text is literal or one
 * substitution (and which dependency value can remove it). Per record this is one value lookup. Any other
 * shape answers `undefined` ("cannot tell"), and the record goes through the full parse.
 */
import type { ElementNode, Fragment, Template } from './binxml/nodes.js';
import { isOmitted, valueText } from './binxml/values.js';
import { VT } from './binxml/value-types.js';

function childElement(el: ElementNode, name: string): ElementNode | undefined {
  for (const c of el.content) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
}

type EventIdSource =
  | { readonly kind: 'literal'; readonly text: string }
  | SubstSource
  | { readonly kind: 'unknown' };

interface SubstSource {
  readonly kind: 'subst';
  readonly index: number;
  readonly element: ElementNode;
  readonly system: ElementNode;
}

function sourceOf(root: ElementNode): EventIdSource {
  const system = childElement(root, 'System');
  const eventId = system && childElement(system, 'EventID');
  if (system === undefined || eventId === undefined) return { kind: 'unknown' };
  if (eventId.content.length === 1) {
    const c = eventId.content[0]!;
    if (c.kind === 'text') return { kind: 'literal', text: c.text };
    if (c.kind === 'subst') return { kind: 'subst', index: c.index, element: eventId, system };
  }
  return { kind: 'unknown' };
}

const cache = new WeakMap<Template, EventIdSource>();

/** EventID text; `null` when the record has no EventID element; `undefined` when it cannot be told cheaply. */
export function quickEventId(f: Fragment): string | null | undefined {
  if (f.kind === 'tree') {
    const src = sourceOf(f.root);
    return src.kind === 'literal' ? src.text : undefined;
  }
  let src = cache.get(f.template);
  if (src === undefined) {
    src = sourceOf(f.template.root);
    cache.set(f.template, src);
  }
  if (src.kind === 'literal') return src.text;
  if (src.kind !== 'subst') return undefined;
  const v = f.values;
  if (isOmitted(src.system, v) || isOmitted(src.element, v)) return null;
  const type = src.index < v.types.length ? v.types[src.index]! : VT.Null;
  if (type & 0x80 || type === VT.BinXml) return undefined;
  return valueText(v, src.index, -1);
}
