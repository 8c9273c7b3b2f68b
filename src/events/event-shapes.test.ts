import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Value } from './event.js';
import { builderSource, eventFromFields, type LazyField } from './event-shapes.js';

describe('eventFromFields = createEvent() and one assignment per field, in order', () => {
  // Names that would break generated source if they were not quoted properly, besides odd property keys.
  const name = fc.oneof(
    fc.constantFrom('Image', 'host', '_time', '__proto__', 'constructor', '0', '10', '2', 'a.b', '', 'toString', 'x'),
    fc.constantFrom('a"b', "a'b", 'a\\', '\n', '\u2028', '\u2029', '}); throw 1; ({', '`${x}`', '*/', 'x'.repeat(300), '\ud800'),
    fc.string({ maxLength: 6 }),
  );
  const value = fc.oneof(fc.string({ maxLength: 4 }), fc.double(), fc.integer(), fc.array(fc.string({ maxLength: 2 }), { minLength: 2, maxLength: 3 }), fc.constant(null));

  it('same fields, order and values, repeated names and integer-like names included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 40 }), (pairs) => {
        const names = pairs.map(([n]) => n);
        const values: Value[] = pairs.map(([, v]) => v);
        const expected = createEvent();
        for (let i = 0; i < names.length; i++) expected[names[i]!] = values[i]!;
        // Twice: the first call makes the template, the second copies it.
        for (let round = 0; round < 2; round++) {
          const e = eventFromFields(names, values, names.length);
          expect(Object.entries(e)).toEqual(Object.entries(expected));
          expect('hasOwnProperty' in e).toBe(false);
          expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(createEvent()));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('with a lazy field: the same, then the accessor and its hidden state', () => {
    const slot = Symbol('state');
    const descriptor: PropertyDescriptor = {
      enumerable: true,
      configurable: true,
      get(this: Record<symbol, unknown>) {
        return `lazy:${String(this[slot])}`;
      },
    };
    const lazy: LazyField = { name: 'L', descriptor, slot };
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 40 }), fc.integer(), (pairs, hidden) => {
        const names = pairs.map(([n]) => n);
        const values: Value[] = pairs.map(([, v]) => v);
        const expected = createEvent();
        for (let i = 0; i < names.length; i++) expected[names[i]!] = values[i]!;
        Object.defineProperty(expected, 'L', descriptor);
        (expected as unknown as Record<symbol, unknown>)[slot] = hidden;
        for (let round = 0; round < 2; round++) {
          const e = eventFromFields(names, values, names.length, lazy, hidden);
          expect(Object.entries(e)).toEqual(Object.entries(expected));
          expect(e['L']).toBe(`lazy:${hidden}`);
          expect(Object.getOwnPropertySymbols(e)).toEqual([slot]);
          expect(Object.getPrototypeOf(e)).toBe(Object.getPrototypeOf(createEvent()));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('generated source: names only as JSON string literals', () => {
    const src = builderSource(['a"b', '}); x(); ({', 'c'], 3, '_raw');
    expect(src).toContain('this["a\\"b"] = v[0];');
    expect(src).toContain('this["}); x(); ({"] = v[1];');
    expect(src).toContain('D(this, "_raw", L); this[S] = r;');
  });

  it('reads only the first n entries and leaves the template untouched', () => {
    const a = eventFromFields(['a', 'b', 'c'], ['1', '2', '3'], 2);
    a['a'] = 'changed';
    const b = eventFromFields(['a', 'b'], ['x', 'y'], 2);
    expect(Object.entries(b)).toEqual([['a', 'x'], ['b', 'y']]);
    expect(Object.entries(a)).toEqual([['a', 'changed'], ['b', '2']]);
  });
});
