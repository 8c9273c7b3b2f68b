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
 *
 * Fields go into a FieldList (field-list.ts), not straight onto an event: the reader then builds the
 * event in one go. A step whose text is one substitution remembers the bytes and text of its last value,
 * so a value that repeats from record to record (Computer, Channel, provider GUID, user SID, Keywords,
 * most EventData of a busy source) is compared instead of decoded, and every event shares one string.
 */
import type { Event, Value } from '../../events/event.js';
import type { LazyField, ShapeBuilder } from '../../events/event-shapes.js';
import { systemFieldName } from '../../events/windows.js';
import type { ElementNode, Fragment, InstanceFragment, Template, TextPart, Values } from './binxml/nodes.js';
import { NO_VALUES, TEMPLATE_SLOT } from './binxml/nodes.js';
import { readU32 } from './cursor.js';
import { fileTimeEpoch, formatFileTime } from './binxml/filetime.js';
import { ESCAPE, ValueMemo, memoable } from './value-memo.js';
import { charRefText, entityText, nestedFragment, partsText, repeatCount, valueText } from './binxml/values.js';
import { VT } from './binxml/value-types.js';
import { FieldList, ROLE, roleOf } from './field-list.js';

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
  /** Another step of the plan has the same static name: look for an earlier occurrence when adding. */
  check: boolean;
  /** ROLE of the static name (field-list.ts). */
  readonly role: number;
  /** The substitution index when the text is exactly one substitution, else -1. */
  readonly single: number;
  /** The last value this step formatted (value-memo.ts); null until one is. */
  memo: ValueMemo | null;
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

/** Names the record builder sets itself (decoder.ts); a plan that can produce one takes the slow path. */
const DERIVED = new Set(['EventCode', '_time', 'host', 'source', 'sourcetype', 'index', '_raw']);

/** A plan for one template (or literal tree) in one context, with what the record builder needs to know. */
export interface FieldPlan {
  readonly steps: readonly Step[];
  /** The static field names of the plan. */
  readonly names: ReadonlySet<string>;
  /** Some step takes its name from a value (`<Data Name="%n">`). */
  readonly dynamic: boolean;
  /** A static name of the plan is one the record builder derives (`host`, `_time`…). */
  readonly derived: boolean;
  /** Whether this plan's names are disjoint from another plan's, by plan (bounded; see runNested). */
  readonly disjoint: Map<FieldPlan, boolean>;
  /** Recent record shapes ending in this plan (names in order) and their event builders, most recent first. */
  readonly shapes: { names: readonly string[]; lazy: LazyField | undefined; build: ShapeBuilder }[];
}

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
  const only = parts.length === 1 ? parts[0]! : null;
  return {
    kind: 'field',
    deps,
    name,
    nameParts,
    parts,
    skipEmpty,
    repeatOn: el,
    check: name === null,
    role: name === null ? ROLE.None : roleOf(name),
    single: only !== null && only.kind === 'subst' ? only.index : -1,
    memo: null,
  };
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
  // Static names used by more than one step may repeat within a record: those steps check.
  const fields = steps.map((s) => (s.kind === 'field' ? s : s.kind === 'content' ? s.field : null));
  const count = new Map<string, number>();
  for (const f of fields) if (f !== null && f.name !== null) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  for (const f of fields) if (f !== null && f.name !== null && count.get(f.name)! > 1) f.check = true;
  const derived = [...count.keys()].some((n) => DERIVED.has(n));
  const dynamic = fields.some((f) => f !== null && f.name === null);
  return { steps, names: new Set(count.keys()), dynamic, derived, disjoint: new Map(), shapes: [] };
}

const CONTEXT_SLOT: Record<FieldContext, number> = {
  record: TEMPLATE_SLOT.FieldsRecord,
  section: TEMPLATE_SLOT.FieldsSection,
  system: TEMPLATE_SLOT.FieldsSystem,
  eventdata: TEMPLATE_SLOT.FieldsEventData,
  leaf: TEMPLATE_SLOT.FieldsLeaf,
};

function templatePlanFor(t: Template, context: FieldContext): FieldPlan {
  const slot = CONTEXT_SLOT[context];
  let plan = t.compiled[slot] as FieldPlan | undefined;
  if (plan === undefined) {
    plan = compilePlan(t.root, context);
    t.compiled[slot] = plan;
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

/**
 * Text of the step's one substitution, through its memo (value-memo.ts). A FILETIME SystemTime also
 * leaves its `_time` on the list (the reader would otherwise parse the text back).
 */
function singleText(s: FieldStep, v: Values, out: FieldList): string {
  const i = s.single;
  if (i >= v.types.length) return '';
  const type = v.types[i]!;
  const size = v.sizes[i]!;
  if (memoable(type, size)) return (s.memo ??= new ValueMemo()).get(v.bytes, type, v.offs[i]!, size, ESCAPE.None);
  if (type === VT.FileTime && s.role === ROLE.SystemTime && size >= 8) {
    const b = v.bytes;
    const off = v.offs[i]!;
    const lo = readU32(b, off);
    const hi = readU32(b, off + 4);
    const text = formatFileTime(lo, hi);
    out.timeText = text;
    out.timeValue = fileTimeEpoch(lo, hi);
    return text;
  }
  return valueText(v, i, -1);
}

function runField(s: FieldStep, v: Values, out: FieldList): void {
  const n = s.repeatOn.substs.length === 0 ? -1 : repeatCount(s.repeatOn, v);
  if (n < 0) {
    const value = s.single >= 0 ? singleText(s, v, out) : partsText(s.parts, v, -1);
    if (s.skipEmpty && value === '') return;
    if (s.name !== null) out.add(s.name, value, s.check, s.role);
    else out.addDynamic(partsText(s.nameParts, v, -1) || 'Data', value);
    return;
  }
  // Array items after the first merge into the first: always checked.
  for (let k = 0, last = Math.max(n, 1) - 1; k <= last; k++) {
    const value = partsText(s.parts, v, k);
    if (s.skipEmpty && value === '') continue;
    if (s.name !== null) out.add(s.name, value, true, s.role);
    else out.addDynamic(partsText(s.nameParts, v, k) || 'Data', value);
  }
}

function hasBinXml(v: Values, substs: readonly number[]): boolean {
  if (v.nested === null) return false;
  for (let i = 0; i < substs.length; i++) if (nestedFragment(v, substs[i]!) !== null) return true;
  return false;
}

/** Plans whose fields the current record has so far: the first `runningCount` (collectFields resets it). */
const running: FieldPlan[] = [];
let runningCount = 0;
/** The last template plan that ran in the current record. */
let lastTemplatePlan: FieldPlan | null = null;
const MAX_DISJOINT_ENTRIES = 64;

function disjointFrom(plan: FieldPlan, other: FieldPlan): boolean {
  let known = plan.disjoint.get(other);
  if (known === undefined) {
    known = plan !== other;
    for (const name of plan.names) {
      if (!known) break;
      if (other.names.has(name)) known = false;
    }
    // Literal trees get a plan per record: keep the map small rather than keyed weakly.
    if (plan.disjoint.size >= MAX_DISJOINT_ENTRIES) plan.disjoint.clear();
    plan.disjoint.set(other, known);
  }
  return known;
}

/**
 * A fragment walked in place (a BinXml value: in most logs the whole `<EventData>` or `<UserData>` is one).
 * Its names need no check against the record's so far when its plan's static names are disjoint from those
 * of every plan that has run in this record; otherwise, from here on every add checks.
 */
function runNested(f: Fragment, context: FieldContext, out: FieldList): void {
  if (f.kind === 'tree') {
    walkTree(f.root, context, out);
    return;
  }
  if (!out.dirty) {
    const plan = templatePlanFor(f.template, context);
    let clean = !plan.dynamic;
    for (let i = 0; clean && i < runningCount; i++) clean = disjointFrom(plan, running[i]!);
    if (!clean) out.dirty = true;
  }
  runFragment(f, context, out);
}

function runFragment(f: InstanceFragment, context: FieldContext, out: FieldList): FieldPlan {
  const plan = templatePlanFor(f.template, context);
  running[runningCount++] = plan;
  lastTemplatePlan = plan;
  if (plan.derived) out.derived = true;
  runPlan(plan.steps, f.values, out);
  return plan;
}

/**
 * A literal tree (a BinXml value without a template, as CAPI2 logs store their payload, or a whole
 * forwarded record) is parsed once per record, so compiling it would cost more than walking it once. The
 * walk follows compileElement's rules for a plan run without values (no dependency can be NULL, every
 * substitution is empty, nothing nests: the plan's steps reduce to these). Its names are checked against
 * the record's, and every later add checks too.
 */
function walkTree(el: ElementNode, context: FieldContext, out: FieldList): void {
  out.dirty = true;
  switch (context) {
    case 'record':
      walkChildren(el, 'section', out);
      return;
    case 'section':
      walkChildren(el, el.name === 'System' ? 'system' : el.name === 'EventData' ? 'eventdata' : 'leaf', out);
      return;
    case 'system':
      for (const a of el.attrs) addTreeField(out, systemFieldName(el.name, a.name), partsText(a.parts, NO_VALUES, -1));
      if (el.content.length === 0) return;
      if (el.hasElements) walkChildren(el, 'leaf', out);
      else addTreeField(out, el.name, treeText(el));
      return;
    case 'eventdata':
      if (el.hasElements) walkChildren(el, el.name === 'Data' ? 'eventdata' : 'leaf', out);
      else addTreeField(out, el.name === 'Data' ? treeDataName(el) : el.name, treeText(el));
      return;
    case 'leaf':
      if (el.empty) return;
      if (el.hasElements) walkChildren(el, 'leaf', out);
      else addTreeField(out, el.name, treeText(el));
      return;
  }
}

function walkChildren(el: ElementNode, context: FieldContext, out: FieldList): void {
  const content = el.content;
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (c.kind === 'element') walkTree(c, context, out);
  }
}

function addTreeField(out: FieldList, name: string, value: string): void {
  if (value !== '') out.add(name, value, true, roleOf(name));
}

/** textParts(el) as text with no values: substitutions empty, CDATA as text, child elements ignored. */
function treeText(el: ElementNode): string {
  const content = el.content;
  if (content.length === 1) {
    const c = content[0]!;
    if (c.kind === 'text' || c.kind === 'cdata') return c.text;
  }
  let s = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (c.kind === 'text' || c.kind === 'cdata') s += c.text;
    else if (c.kind === 'charref') s += charRefText(c.code);
    else if (c.kind === 'entity') s += entityText(c.name);
  }
  return s;
}

/** dataName(el) evaluated with no values: the first `Name` attribute's text, `Data` when absent or empty. */
function treeDataName(el: ElementNode): string {
  for (const a of el.attrs) if (a.name === 'Name') return partsText(a.parts, NO_VALUES, -1) || 'Data';
  return 'Data';
}

function runPlan(plan: readonly Step[], v: Values, out: FieldList): void {
  for (let i = 0; i < plan.length; i++) {
    const s = plan[i]!;
    if (s.deps.length > 0 && anyNull(v, s.deps)) continue;
    switch (s.kind) {
      case 'field':
        runField(s, v, out);
        break;
      case 'content':
        if (hasBinXml(v, s.substs)) {
          for (const idx of s.substs) {
            const f = nestedFragment(v, idx);
            if (f !== null) runNested(f, s.childContext, out);
          }
        } else {
          runField(s.field, v, out);
        }
        break;
      case 'nested': {
        const f = nestedFragment(v, s.index);
        if (f !== null) runNested(f, s.context, out);
        break;
      }
    }
  }
}

/**
 * Collect the record's fields into `out` (reset first). Returns the last template plan that ran (usually
 * the one of the `<EventData>` value, which sets the record's shape more than the outer template), whose
 * shape cache serves the record builder; null for a record that is a literal tree.
 */
export function collectFields(frag: Fragment, out: FieldList): FieldPlan | null {
  out.reset();
  runningCount = 0;
  lastTemplatePlan = null;
  if (frag.kind === 'tree') walkTree(frag.root, 'record', out);
  else runFragment(frag, 'record', out);
  // Stale entries past the count are overwritten by the next record; the array never shrinks (bounded
  // by the deepest nesting seen).
  runningCount = 0;
  return lastTemplatePlan;
}

/** Add the record's fields to `ev` (a fresh event), as the reader does. */
export function extractFields(frag: Fragment, ev: Event): void {
  const list = new FieldList();
  collectFields(frag, list);
  for (let i = 0; i < list.n; i++) ev[list.names[i]!] = list.values[i] as Value;
}
