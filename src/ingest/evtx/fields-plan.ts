/**
 * Field extraction compiled per template: the template tree is turned once into a flat list of "append
 * field N from these parts" steps, so a record costs one pass over that list instead of a tree walk.
 *
 * The rules are those of `fields-walk.ts` (the reference implementation, kept and compared against this
 * one on every shared sample in test/evtx/fields-plan.test.ts):
 * - `<System>` children: attributes → `systemFieldName(element, attribute)` (empty values omitted),
 *   element text → the element name;
 * - `<EventData>` children: `<Data Name="X">` → X, unnamed `<Data>` → `Data`, others → element name;
 * - other sections (`<UserData>` …): leaf elements with content → element name.
 * Dependency ids (NULL value → element omitted), array values (one field value per item) and BinXml values
 * (walked in place, in the context where they are substituted) are decided per record.
 */
import type { Event } from '../../events/event.js';
import { appendField } from '../../events/event.js';
import { systemFieldName } from '../../events/windows.js';
import type { ElementNode, Fragment, TextPart, Values } from './binxml/nodes.js';
import { NO_VALUES } from './binxml/nodes.js';
import { nestedFragment, partsText, repeatCount } from './binxml/values.js';
import { VT } from './binxml/value-types.js';

/** What the element being compiled is, relative to the event structure. */
export type FieldContext = 'record' | 'section' | 'system' | 'eventdata' | 'leaf';

interface FieldStep {
  readonly kind: 'field';
  readonly deps: readonly number[];
  /** Static field name, or null when it comes from `nameParts` (`<Data Name="%n">`). */
  readonly name: string | null;
  readonly nameParts: readonly TextPart[];
  readonly parts: readonly TextPart[];
  /** Attributes that render empty are not emitted, so they make no field. */
  readonly skipEmpty: boolean;
  /** The element's substitutions: an array value among them gives one field value per item. */
  readonly repeatOn: ElementNode;
}

/** Element text, unless one of its substitutions turns out to be BinXml: then those are walked instead. */
interface ContentStep {
  readonly kind: 'content';
  readonly deps: readonly number[];
  readonly field: FieldStep;
  readonly substs: readonly number[];
  readonly childContext: FieldContext;
}

interface NestedStep {
  readonly kind: 'nested';
  readonly deps: readonly number[];
  readonly index: number;
  readonly context: FieldContext;
}

type Step = FieldStep | ContentStep | NestedStep;
export type FieldPlan = readonly Step[];

function withDep(deps: readonly number[], el: ElementNode): readonly number[] {
  return el.depId >= 0 ? [...deps, el.depId] : deps;
}

/** Text-like content of an element as value parts (CDATA counts as text, child elements do not). */
function textParts(el: ElementNode): TextPart[] {
  const parts: TextPart[] = [];
  for (const c of el.content) {
    if (c.kind === 'text' || c.kind === 'subst' || c.kind === 'charref' || c.kind === 'entity') parts.push(c);
    else if (c.kind === 'cdata') parts.push({ kind: 'text', text: c.text });
  }
  return parts;
}

function contentSubsts(el: ElementNode): number[] {
  const out: number[] = [];
  for (const c of el.content) if (c.kind === 'subst') out.push(c.index);
  return out;
}

function compileChildren(el: ElementNode, context: FieldContext, deps: readonly number[], steps: Step[]): void {
  for (const c of el.content) {
    if (c.kind === 'element') compileElement(c, context, deps, steps);
    else if (c.kind === 'subst') steps.push({ kind: 'nested', deps, index: c.index, context });
  }
}

function fieldStep(name: string | null, nameParts: readonly TextPart[], parts: readonly TextPart[], skipEmpty: boolean, el: ElementNode, deps: readonly number[]): FieldStep {
  return { kind: 'field', deps, name, nameParts, parts, skipEmpty, repeatOn: el };
}

function contentStep(field: FieldStep, el: ElementNode, childContext: FieldContext): ContentStep {
  return { kind: 'content', deps: field.deps, field, substs: contentSubsts(el), childContext };
}

/** The `Name` attribute of a `<Data>` element: a static name when it is literal text. */
function dataName(el: ElementNode): { name: string | null; parts: readonly TextPart[] } {
  for (const a of el.attrs) {
    if (a.name !== 'Name') continue;
    if (a.parts.every((p) => p.kind === 'text')) {
      const text = a.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      return { name: text === '' ? 'Data' : text, parts: [] };
    }
    return { name: null, parts: a.parts };
  }
  return { name: 'Data', parts: [] };
}

function compileElement(el: ElementNode, context: FieldContext, deps: readonly number[], steps: Step[]): void {
  switch (context) {
    case 'record':
      // The record root is never omitted; its children are the sections.
      compileChildren(el, 'section', deps, steps);
      return;
    case 'section': {
      const child = el.name === 'System' ? 'system' : el.name === 'EventData' ? 'eventdata' : 'leaf';
      compileChildren(el, child, withDep(deps, el), steps);
      return;
    }
    case 'system': {
      const d = withDep(deps, el);
      for (const a of el.attrs) steps.push(fieldStep(systemFieldName(el.name, a.name), [], a.parts, true, el, d));
      if (el.content.length === 0) return;
      if (el.hasElements) compileChildren(el, 'leaf', d, steps);
      else steps.push(contentStep(fieldStep(el.name, [], textParts(el), true, el, d), el, 'leaf'));
      return;
    }
    case 'eventdata': {
      const d = withDep(deps, el);
      const child = el.name === 'Data' ? 'eventdata' : 'leaf';
      if (el.hasElements) {
        compileChildren(el, child, d, steps);
        return;
      }
      const n = el.name === 'Data' ? dataName(el) : { name: el.name, parts: [] };
      steps.push(contentStep(fieldStep(n.name, n.parts, textParts(el), true, el, d), el, child));
      return;
    }
    case 'leaf': {
      if (el.empty) return;
      const d = withDep(deps, el);
      if (el.hasElements) compileChildren(el, 'leaf', d, steps);
      else steps.push(contentStep(fieldStep(el.name, [], textParts(el), true, el, d), el, 'leaf'));
      return;
    }
  }
}

export function compilePlan(root: ElementNode, context: FieldContext): FieldPlan {
  const steps: Step[] = [];
  compileElement(root, context, [], steps);
  return steps;
}

const plans = new WeakMap<ElementNode, Partial<Record<FieldContext, FieldPlan>>>();

function planFor(root: ElementNode, context: FieldContext): FieldPlan {
  let byContext = plans.get(root);
  if (byContext === undefined) {
    byContext = {};
    plans.set(root, byContext);
  }
  let plan = byContext[context];
  if (plan === undefined) {
    plan = compilePlan(root, context);
    byContext[context] = plan;
  }
  return plan;
}

function anyNull(v: Values, deps: readonly number[]): boolean {
  const types = v.types;
  for (let i = 0; i < deps.length; i++) {
    const d = deps[i]!;
    if (d < types.length && types[d] === VT.Null) return true;
  }
  return false;
}

function runField(s: FieldStep, v: Values, ev: Event): void {
  const n = s.repeatOn.substs.length === 0 ? -1 : repeatCount(s.repeatOn, v);
  if (n < 0) {
    const value = partsText(s.parts, v, -1);
    if (s.skipEmpty && value === '') return;
    appendField(ev, s.name ?? (partsText(s.nameParts, v, -1) || 'Data'), value);
    return;
  }
  for (let k = 0, last = Math.max(n, 1) - 1; k <= last; k++) {
    const value = partsText(s.parts, v, k);
    if (s.skipEmpty && value === '') continue;
    appendField(ev, s.name ?? (partsText(s.nameParts, v, k) || 'Data'), value);
  }
}

function hasBinXml(v: Values, substs: readonly number[]): boolean {
  if (v.nested === null) return false;
  for (let i = 0; i < substs.length; i++) if (nestedFragment(v, substs[i]!) !== null) return true;
  return false;
}

function runFragment(f: Fragment, context: FieldContext, ev: Event): void {
  if (f.kind === 'instance') runPlan(planFor(f.template.root, context), f.values, ev);
  else runPlan(planFor(f.root, context), NO_VALUES, ev);
}

function runPlan(plan: FieldPlan, v: Values, ev: Event): void {
  for (let i = 0; i < plan.length; i++) {
    const s = plan[i]!;
    if (s.deps.length > 0 && anyNull(v, s.deps)) continue;
    switch (s.kind) {
      case 'field':
        runField(s, v, ev);
        break;
      case 'content':
        if (hasBinXml(v, s.substs)) {
          for (const idx of s.substs) {
            const f = nestedFragment(v, idx);
            if (f !== null) runFragment(f, s.childContext, ev);
          }
        } else {
          runField(s.field, v, ev);
        }
        break;
      case 'nested': {
        const f = nestedFragment(v, s.index);
        if (f !== null) runFragment(f, s.context, ev);
        break;
      }
    }
  }
}

/** Add the record's fields to `ev`. */
export function extractFields(frag: Fragment, ev: Event): void {
  runFragment(frag, 'record', ev);
}
