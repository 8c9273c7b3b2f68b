/**
 * XML rendering compiled per template: the tree is flattened once into literal text runs (start tags with
 * literal attributes, end tags, literal text) and the few steps that depend on the record (substituted
 * values, attributes with substitutions, elements with a dependency id or substitutions that could be
 * arrays). Output is identical to the tree renderer in render-xml.ts, which stays as the reference
 * (test/evtx/render-plan.test.ts compares the two on every shared sample).
 */
import type { ElementNode, Fragment, PINode, Template, TextPart, Values } from './binxml/nodes.js';
import { NO_VALUES, TEMPLATE_SLOT } from './binxml/nodes.js';
import { needsEscape } from './binxml/format-value.js';
import { isOmitted, nestedFragment, partsText, repeatCount, valueText } from './binxml/values.js';
import { VT } from './binxml/value-types.js';
import { escapeAttr, escapeText, renderCData, renderEntity, renderPI } from './render-xml.js';
import { ESCAPE, ValueMemo, memoable } from './value-memo.js';

const Op = { Lit: 0, Value: 1, Attr: 2, Element: 3 } as const;
type Op = typeof Op;

interface LitStep {
  readonly op: Op['Lit'];
  readonly text: string;
}

/** A substitution in element content. */
interface ValueStep {
  readonly op: Op['Value'];
  readonly index: number;
  /** The last scalar value and its escaped text (value-memo.ts), made on first use. */
  memo: ValueMemo | null;
}

/** An attribute that contains a substitution: ` name='…'`, left out when it renders empty. */
interface AttrStep {
  readonly op: Op['Attr'];
  readonly prefix: string;
  readonly parts: readonly TextPart[];
  /** The substitution index when the value is exactly one substitution, else -1. */
  readonly single: number;
  memo: ValueMemo | null;
}

/**
 * An element whose output depends on the record: dropped when its dependency value is NULL, repeated per
 * item when one of its own substitutions is an array. Its steps are `body`; `k` (the array item) applies to
 * its own substitutions only.
 */
interface ElementStep {
  readonly op: Op['Element'];
  readonly el: ElementNode;
  readonly omittable: boolean;
  readonly body: readonly Step[];
}

type Step = LitStep | ValueStep | AttrStep | ElementStep;

class Emitter {
  readonly steps: Step[] = [];
  private lit = '';

  text(s: string): void {
    this.lit += s;
  }

  step(s: Step): void {
    this.flush();
    this.steps.push(s);
  }

  flush(): void {
    if (this.lit !== '') {
      this.steps.push({ op: Op.Lit, text: this.lit });
      this.lit = '';
    }
  }
}

function isLiteral(parts: readonly TextPart[]): boolean {
  return parts.every((p) => p.kind !== 'subst');
}

function compileBody(el: ElementNode, out: Emitter): void {
  out.text('<' + el.xmlName);
  for (const a of el.attrs) {
    if (isLiteral(a.parts)) {
      const value = partsText(a.parts, NO_VALUES, -1);
      if (value !== '') out.text(' ' + a.xmlName + "='" + escapeAttr(value) + "'");
    } else {
      const only = a.parts.length === 1 ? a.parts[0]! : null;
      const single = only !== null && only.kind === 'subst' ? only.index : -1;
      out.step({ op: Op.Attr, prefix: ' ' + a.xmlName + "='", parts: a.parts, single, memo: null });
    }
  }
  if (el.empty) {
    out.text('/>');
    return;
  }
  out.text('>');
  for (const c of el.content) {
    switch (c.kind) {
      case 'element':
        compileElement(c, out, false);
        break;
      case 'text':
        out.text(escapeText(c.text));
        break;
      case 'subst':
        out.step({ op: Op.Value, index: c.index, memo: null });
        break;
      case 'charref':
        out.text('&#' + c.code + ';');
        break;
      case 'entity':
        out.text(renderEntity(c.name));
        break;
      case 'cdata':
        out.text(renderCData(c.text));
        break;
      case 'pi':
        out.text(renderPI(c));
        break;
    }
  }
  out.text('</' + el.xmlName + '>');
}

function compileElement(el: ElementNode, out: Emitter, isRoot: boolean): void {
  const omittable = !isRoot && el.depId >= 0;
  if (!omittable && el.substs.length === 0) {
    compileBody(el, out);
    return;
  }
  const inner = new Emitter();
  compileBody(el, inner);
  inner.flush();
  out.step({ op: Op.Element, el, omittable, body: inner.steps });
}

function compile(root: ElementNode, isRecord: boolean): readonly Step[] {
  const out = new Emitter();
  compileElement(root, out, isRecord);
  out.flush();
  return out.steps;
}

/** Plans of literal trees (BinXml values without a template), which have no Template to hold them. */
const treePlans = new WeakMap<ElementNode, readonly Step[]>();
const nestedTreePlans = new WeakMap<ElementNode, readonly Step[]>();

function treePlanFor(root: ElementNode, isRecord: boolean): readonly Step[] {
  const cache = isRecord ? treePlans : nestedTreePlans;
  let plan = cache.get(root);
  if (plan === undefined) {
    plan = compile(root, isRecord);
    cache.set(root, plan);
  }
  return plan;
}

function templatePlanFor(t: Template, isRecord: boolean): readonly Step[] {
  const slot = isRecord ? TEMPLATE_SLOT.XmlRecord : TEMPLATE_SLOT.XmlNested;
  let plan = t.compiled[slot] as readonly Step[] | undefined;
  if (plan === undefined) {
    plan = compile(t.root, isRecord);
    t.compiled[slot] = plan;
  }
  return plan;
}

function run(steps: readonly Step[], v: Values, k: number): string {
  let out = '';
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    switch (s.op) {
      case Op.Lit:
        out += s.text;
        break;
      case Op.Value: {
        const i = s.index;
        const type = i < v.types.length ? v.types[i]! : VT.Null;
        if (type === VT.BinXml) {
          const f = nestedFragment(v, i);
          if (f !== null) out += renderPlanned(f, false);
        } else if (type !== VT.Null) {
          const size = v.sizes[i]!;
          if (memoable(type, size)) {
            out += (s.memo ??= new ValueMemo()).get(v.bytes, type, v.offs[i]!, size, needsEscape(type) ? ESCAPE.Text : ESCAPE.None);
          } else {
            const text = valueText(v, i, k);
            out += needsEscape(type) ? escapeText(text) : text;
          }
        }
        break;
      }
      case Op.Attr: {
        const i = s.single;
        if (i >= 0 && i < v.types.length && memoable(v.types[i]!, v.sizes[i]!)) {
          // A scalar value: the same text whatever the array item. Escaped here: a value of control
          // characters only escapes to '' but still makes an attribute.
          const value = (s.memo ??= new ValueMemo()).get(v.bytes, v.types[i]!, v.offs[i]!, v.sizes[i]!, ESCAPE.None);
          if (value !== '') out += s.prefix + escapeAttr(value) + "'";
        } else {
          const value = partsText(s.parts, v, k);
          if (value !== '') out += s.prefix + escapeAttr(value) + "'";
        }
        break;
      }
      case Op.Element: {
        if (s.omittable && isOmitted(s.el, v)) break;
        const n = repeatCount(s.el, v);
        if (n < 0) out += run(s.body, v, -1);
        else for (let j = 0, last = Math.max(n, 1) - 1; j <= last; j++) out += run(s.body, v, j);
        break;
      }
    }
  }
  return out;
}

function prologText(prolog: readonly PINode[]): string {
  let out = '';
  for (const pi of prolog) out += renderPI(pi);
  return out;
}

/** Same output as `renderFragment` (render-xml.ts), through the compiled plan of the template. */
export function renderPlanned(f: Fragment, isRecord = true): string {
  const pre = f.prolog.length > 0 ? prologText(f.prolog) : '';
  if (f.kind === 'instance') return pre + run(templatePlanFor(f.template, isRecord), f.values, -1);
  return pre + run(treePlanFor(f.root, isRecord), NO_VALUES, -1);
}
