/**
 * Reference implementation of field extraction: a direct walk of the record tree. The reader uses the
 * compiled form in fields-plan.ts; test/evtx/fields-plan.test.ts checks both agree on every shared sample.
 *
 * A parsed record → Splunk fields, the same names the event-XML reader produces (docs/evtx.md):
 * - `<System>` children: element text → the element name, attributes → the attribute name, except
 *   Provider@Name → ProviderName and Provider@Guid → Guid (`systemFieldName`).
 * - `<EventData>`: `<Data Name="X">` → X; unnamed `<Data>` → `Data` (multivalue when repeated); other
 *   children (`<Binary>`) → their element name.
 * - `<UserData>` and any other section: leaf elements → their element name.
 * Omission follows the XML rendering (NULL dependency → no element, empty attribute → no attribute), array
 * values repeat their element, and BinXml values are walked in place, so fields and `_raw` always agree.
 */
import type { Event } from '../../events/event.js';
import { appendField } from '../../events/event.js';
import { systemFieldName } from '../../events/windows.js';
import type { ElementNode, Fragment, Values } from './binxml/nodes.js';
import { fragmentRoot } from './binxml/nodes.js';
import {
  charRefText,
  entityText,
  isOmitted,
  nestedFragment,
  partsText,
  repeatCount,
  valueText,
} from './binxml/values.js';

type ChildVisitor = (el: ElementNode, v: Values, ev: Event) => void;

/** Visit the element children of `parent`, including the roots of BinXml values substituted into it. */
function eachChild(parent: ElementNode, v: Values, ev: Event, visit: ChildVisitor): void {
  const content = parent.content;
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (c.kind === 'element') {
      visit(c, v, ev);
    } else if (c.kind === 'subst') {
      const f = nestedFragment(v, c.index);
      if (f !== null) {
        const r = fragmentRoot(f);
        visit(r.root, r.values, ev);
      }
    }
  }
}

/** True when the element has child elements, directly or through a BinXml value. */
function hasChildElements(el: ElementNode, v: Values): boolean {
  if (el.hasElements) return true;
  if (v.nested === null) return false;
  for (const c of el.content) if (c.kind === 'subst' && nestedFragment(v, c.index) !== null) return true;
  return false;
}

/** Element text: its text parts, substitution values and resolved references (child elements ignored). */
export function elementText(el: ElementNode, v: Values, k: number): string {
  const content = el.content;
  if (content.length === 1) {
    const c = content[0]!;
    if (c.kind === 'subst') return valueText(v, c.index, k);
    if (c.kind === 'text') return c.text;
  }
  let s = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    switch (c.kind) {
      case 'text':
      case 'cdata':
        s += c.text;
        break;
      case 'subst':
        s += valueText(v, c.index, k);
        break;
      case 'charref':
        s += charRefText(c.code);
        break;
      case 'entity':
        s += entityText(c.name);
        break;
      default:
        break;
    }
  }
  return s;
}

function systemElement(el: ElementNode, v: Values, ev: Event): void {
  if (isOmitted(el, v)) return;
  const n = repeatCount(el, v);
  for (let k = n < 0 ? -1 : 0, last = n < 0 ? -1 : Math.max(n, 1) - 1; k <= last; k++) {
    for (const a of el.attrs) {
      const value = partsText(a.parts, v, k);
      if (value !== '') appendField(ev, systemFieldName(el.name, a.name), value);
    }
    if (el.content.length > 0) {
      if (hasChildElements(el, v)) eachChild(el, v, ev, leafElement);
      else appendNonEmpty(ev, el.name, elementText(el, v, k));
    }
  }
}

function eventDataElement(el: ElementNode, v: Values, ev: Event): void {
  if (isOmitted(el, v)) return;
  if (hasChildElements(el, v)) {
    eachChild(el, v, ev, el.name === 'Data' ? eventDataElement : leafElement);
    return;
  }
  const n = repeatCount(el, v);
  for (let k = n < 0 ? -1 : 0, last = n < 0 ? -1 : Math.max(n, 1) - 1; k <= last; k++) {
    let name = el.name;
    if (name === 'Data') {
      for (const a of el.attrs) {
        if (a.name === 'Name') {
          const key = partsText(a.parts, v, k);
          if (key !== '') name = key;
          break;
        }
      }
    }
    appendNonEmpty(ev, name, elementText(el, v, k));
  }
}

/**
 * UserData and other sections: every leaf element with content is a field named after it. Elements closed
 * empty (`<Object type='…'/>`, attributes only) add nothing: their attributes are not fields.
 */
function leafElement(el: ElementNode, v: Values, ev: Event): void {
  if (el.empty || isOmitted(el, v)) return;
  if (hasChildElements(el, v)) {
    eachChild(el, v, ev, leafElement);
    return;
  }
  const n = repeatCount(el, v);
  for (let k = n < 0 ? -1 : 0, last = n < 0 ? -1 : Math.max(n, 1) - 1; k <= last; k++) appendNonEmpty(ev, el.name, elementText(el, v, k));
}

/** An empty value is no field, as the XML reader does (docs/field-mapping.md): one rule for every format. */
function appendNonEmpty(ev: Event, name: string, value: string): void {
  if (value !== '') appendField(ev, name, value);
}

function section(el: ElementNode, v: Values, ev: Event): void {
  if (isOmitted(el, v)) return;
  switch (el.name) {
    case 'System':
      eachChild(el, v, ev, systemElement);
      break;
    case 'EventData':
      eachChild(el, v, ev, eventDataElement);
      break;
    default:
      eachChild(el, v, ev, leafElement);
      break;
  }
}

/** Add the record's fields to `ev`. The record root (normally `<Event>`) is never dropped. */
export function extractFieldsByWalk(frag: Fragment, ev: Event): void {
  const { root, values } = fragmentRoot(frag);
  eachChild(root, values, ev, section);
}
