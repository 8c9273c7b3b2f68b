/**
 * Building events whose field names come in recurring sequences (every Sysmon EID 3 record of one
 * source has the same fields in the same order) as objects in V8's fast representation.
 *
 * Adding fields one by one with computed names makes V8 turn an object into a hash table once it has
 * about 20 of them; a Windows event has 30–40. An object that is created with every field at once stays
 * compact: about a fifth of the memory, faster to build and to read. So a sequence of names is looked
 * up in a trie of the sequences seen so far, whose nodes hold a builder for that sequence.
 *
 * A builder is a constructor compiled once per sequence with `new Function`, whose body assigns each
 * name in turn (`this["Image"] = v[0]; this["host"] = v[1]; …`) and whose prototype is the events'
 * prototype. That is the only way found to fill a compact object quickly once a reader sees more than a
 * couple of sequences: copying a template object (`{...t}`) and assigning each value by name costs as
 * much as the hash-table path then, because every copy and every assignment goes through V8's generic
 * (megamorphic) paths; an object literal is fast too but then takes about 1 µs to gain an accessor
 * (measured on 40-field events with 10–200 sequences: 2.1–3.2 µs per event by template, 0.2–1.2 µs by
 * literal, 0.1–0.2 µs by constructor, 0.4–0.6 µs with a lazy accessor). The source text is made only from
 * this module's fixed skeleton, each name as `JSON.stringify(name)` (a string literal that cannot end
 * early or escape its position) and array indices. `__proto__` and very long names never go into one:
 * such sequences, and all sequences past a bound on the number of builders, use the template copy, as do
 * sequences that name a field twice (through the plain assignment path).
 *
 * A builder can also give the event one lazily computed field (`LazyField`): an accessor defined last,
 * with a hidden symbol-keyed slot for its state (the EVTX reader's `_raw`).
 *
 * The result is the same as `createEvent()` followed by `event[names[i]] = values[i]` for each i: the
 * same fields in the same order with the same values. A sequence that names a field twice takes exactly
 * that path. The trie is bounded; past the bound, new sequences take that path too.
 */
import { createEvent, type Event, type Value } from './event.js';

/** Makes the event of one sequence of names from its values (indices 0..n-1 of the array). */
export type ShapeBuilder = (values: readonly Value[], hidden?: unknown) => Event;

/**
 * A field defined after the others as an accessor (`descriptor`, shared by every event), whose state
 * lives under `slot` (a symbol: not enumerable by Object.keys, not in JSON): the builder's `hidden` value.
 */
export interface LazyField {
  readonly name: string;
  readonly descriptor: PropertyDescriptor;
  readonly slot: symbol;
}

interface ShapeNode {
  readonly next: Map<string, ShapeNode>;
  /** The builder for the sequence ending here, made on first use; null when a name repeats in it. */
  builder: ShapeBuilder | null | undefined;
  /** Builders of the same sequence plus a lazy field, by field. */
  lazy: Map<LazyField, ShapeBuilder | null> | undefined;
}

const MAX_NODES = 50_000;
/** Compiled constructors kept at most (each is a small function); later sequences copy a template instead. */
const MAX_COMPILED = 1_000;
const MAX_COMPILED_NAME = 256;
let nodes = 0;
let compiled = 0;
const root: ShapeNode = { next: new Map(), builder: undefined, lazy: undefined };
const EVENT_PROTOTYPE = Object.getPrototypeOf(createEvent()) as object;

function templateFor(names: readonly string[], n: number): Event | null {
  const fields = Object.create(null) as Record<string, null>;
  for (let i = 0; i < n; i++) fields[names[i]!] = null;
  if (Object.keys(fields).length !== n) return null;
  return Object.setPrototypeOf(JSON.parse(JSON.stringify(fields)) as object, EVENT_PROTOTYPE) as Event;
}

function compilable(names: readonly string[], n: number, lazy: LazyField | undefined): boolean {
  if (compiled >= MAX_COMPILED) return false;
  if (lazy !== undefined && (lazy.name === '__proto__' || lazy.name.length > MAX_COMPILED_NAME)) return false;
  for (let i = 0; i < n; i++) {
    const name = names[i]!;
    if (name === '__proto__' || name.length > MAX_COMPILED_NAME) return false;
  }
  return true;
}

/**
 * The source of a builder: the fixed skeleton, JSON string literals for the names, indices. Its
 * parameters: P the events' prototype, D Object.defineProperty, L the lazy field's descriptor, S its slot.
 */
export function builderSource(names: readonly string[], n: number, lazyName?: string): string {
  const body: string[] = [];
  for (let i = 0; i < n; i++) body.push(`this[${JSON.stringify(names[i]!)}] = v[${i}];`);
  if (lazyName !== undefined) body.push(`D(this, ${JSON.stringify(lazyName)}, L);`, 'this[S] = r;');
  return `function E(v, r) { ${body.join(' ')} }\nE.prototype = P;\nreturn function (v, r) { return new E(v, r); };`;
}

function builderFor(names: readonly string[], n: number, lazy: LazyField | undefined): ShapeBuilder | null {
  const template = templateFor(names, n);
  if (template === null) return null;
  if (compilable(names, n, lazy)) {
    compiled++;
    const make = new Function('P', 'D', 'L', 'S', builderSource(names, n, lazy?.name));
    return make(EVENT_PROTOTYPE, Object.defineProperty, lazy?.descriptor, lazy?.slot) as ShapeBuilder;
  }
  const own = names.slice(0, n);
  if (lazy === undefined) return (values) => fromTemplate(template, own, values, n);
  return (values, hidden) => withLazy(fromTemplate(template, own, values, n), lazy, hidden);
}

function withLazy(event: Event, lazy: LazyField, hidden: unknown): Event {
  Object.defineProperty(event, lazy.name, lazy.descriptor);
  (event as unknown as Record<symbol, unknown>)[lazy.slot] = hidden;
  return event;
}

/**
 * The event with fields `names[i] = values[i]` for i < n, set in that order (see the module header), then
 * the lazy field if one is given, with `hidden` in its slot.
 */
export function eventFromFields(names: readonly string[], values: readonly Value[], n: number, lazy?: LazyField, hidden?: unknown): Event {
  const builder = shapeBuilder(names, n, lazy);
  if (builder !== null) return builder(values, hidden);
  const event = createEvent();
  for (let i = 0; i < n; i++) event[names[i]!] = values[i]!;
  return lazy === undefined ? event : withLazy(event, lazy, hidden);
}

/** As eventFromFields without a lazy field, or null when a name repeats in the sequence or the trie is full. */
export function shapedEvent(names: readonly string[], values: readonly Value[], n: number): Event | null {
  const builder = shapeBuilder(names, n);
  return builder === null ? null : builder(values);
}

/**
 * The builder for the sequence `names[0..n)` (plus the lazy field, if given), or null when a name repeats
 * in it or the trie is full. A reader that sees the same sequence again and again can keep the builder.
 */
export function shapeBuilder(names: readonly string[], n: number, lazy?: LazyField): ShapeBuilder | null {
  let node: ShapeNode | undefined = root;
  for (let i = 0; i < n && node !== undefined; i++) {
    let next: ShapeNode | undefined = node.next.get(names[i]!);
    if (next === undefined && nodes < MAX_NODES) {
      next = { next: new Map(), builder: undefined, lazy: undefined };
      node.next.set(names[i]!, next);
      nodes++;
    }
    node = next;
  }
  if (node === undefined) return null;
  if (lazy === undefined) {
    if (node.builder === undefined) node.builder = builderFor(names, n, undefined);
    return node.builder;
  }
  node.lazy ??= new Map();
  let builder = node.lazy.get(lazy);
  if (builder === undefined) {
    builder = builderFor(names, n, lazy);
    node.lazy.set(lazy, builder);
  }
  return builder;
}

/** Copy of the template with `names[i] = values[i]` (the path for sequences without a compiled builder). */
function fromTemplate(template: Event, names: readonly string[], values: readonly Value[], n: number): Event {
  const event = Object.setPrototypeOf({ ...template }, EVENT_PROTOTYPE) as Event;
  for (let i = 0; i < n; i++) event[names[i]!] = values[i]!;
  return event;
}
