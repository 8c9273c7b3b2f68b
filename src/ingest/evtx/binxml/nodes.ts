/**
 * The parsed shape of a BinXML fragment: template definitions and literal element trees become readonly
 * node trees (tagged with `kind`), parsed once per chunk and shared by every record that instantiates them.
 * A record is a Fragment: a template plus its substitution values, or a literal tree.
 */

export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

export interface SubstNode {
  readonly kind: 'subst';
  readonly index: number;
  /** 0x0E: a NULL value removes the enclosing attribute (MS-EVEN6 §3.1.4.7.2). */
  readonly optional: boolean;
  /** The type the template declares; the instance descriptor's type is what decodes the value. */
  readonly declaredType: number;
}

export interface CharRefNode {
  readonly kind: 'charref';
  readonly code: number;
}

export interface EntityRefNode {
  readonly kind: 'entity';
  readonly name: string;
}

export interface CDataNode {
  readonly kind: 'cdata';
  readonly text: string;
}

export interface PINode {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
}

/** What an attribute value or element text is built from. */
export type TextPart = TextNode | SubstNode | CharRefNode | EntityRefNode;

export interface AttrNode {
  readonly name: string;
  readonly xmlName: string;
  readonly parts: readonly TextPart[];
}

export interface ElementNode {
  readonly kind: 'element';
  readonly name: string;
  /** The name made safe to print inside `<...>` (names come from the file and are attacker-controlled). */
  readonly xmlName: string;
  /** Dependency id from a template definition, or -1 (absent or 0xFFFF). */
  readonly depId: number;
  readonly attrs: readonly AttrNode[];
  readonly content: readonly ContentNode[];
  /** Closed with CloseEmptyElement (`<X/>`). */
  readonly empty: boolean;
  /** Substitution indices directly in this element's attributes or content: an array value among them repeats the element. */
  readonly substs: readonly number[];
  /** Has element children of its own (substitutions can add more at run time via BinXml values). */
  readonly hasElements: boolean;
}

export type ContentNode = ElementNode | TextPart | CDataNode | PINode;

export interface Template {
  /** First four bytes of the GUID; a template instance names it and must match. */
  readonly id: number;
  readonly guid: string;
  readonly root: ElementNode;
  /**
   * Compiled forms of the template, made on first use by the modules that own them (fields-plan.ts,
   * render-plan.ts), one slot each (TEMPLATE_SLOT): a property read per record instead of a WeakMap lookup.
   */
  readonly compiled: unknown[];
}

/** Slots of `Template.compiled`. */
export const TEMPLATE_SLOT = {
  FieldsRecord: 0,
  FieldsSection: 1,
  FieldsSystem: 2,
  FieldsEventData: 3,
  FieldsLeaf: 4,
  XmlRecord: 5,
  XmlNested: 6,
} as const;

/** Decoded substitution values of one template instance. Offsets point into the chunk bytes. */
export interface Values {
  readonly bytes: Uint8Array;
  readonly types: readonly number[];
  readonly offs: readonly number[];
  readonly sizes: readonly number[];
  /** Parsed BinXml (0x21) values by index; null where the value is not BinXml. */
  readonly nested: readonly (Fragment | null)[] | null;
  /** Array items per index, filled on first use (allocated only for records with array values). */
  items: (readonly string[] | undefined)[] | null;
}

export interface InstanceFragment {
  readonly kind: 'instance';
  readonly template: Template;
  readonly values: Values;
  readonly prolog: readonly PINode[];
}

export interface TreeFragment {
  readonly kind: 'tree';
  readonly root: ElementNode;
  readonly prolog: readonly PINode[];
}

export type Fragment = InstanceFragment | TreeFragment;

export const NO_VALUES: Values = {
  bytes: new Uint8Array(0),
  types: [],
  offs: [],
  sizes: [],
  nested: null,
  items: null,
};

export const NO_PI: readonly PINode[] = [];

export function fragmentRoot(f: Fragment): { readonly root: ElementNode; readonly values: Values } {
  return f.kind === 'instance' ? { root: f.template.root, values: f.values } : { root: f.root, values: NO_VALUES };
}
