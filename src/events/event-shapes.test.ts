import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Value } from './event.js';
import { eventFromFields } from './event-shapes.js';

describe('eventFromFields = createEvent() and one assignment per field, in order', () => {
  const name = fc.constantFrom('Image', 'host', '_time', '__proto__', 'constructor', '0', '10', '2', 'a.b', '', 'toString', 'x');
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

  it('reads only the first n entries and leaves the template untouched', () => {
    const a = eventFromFields(['a', 'b', 'c'], ['1', '2', '3'], 2);
    a['a'] = 'changed';
    const b = eventFromFields(['a', 'b'], ['x', 'y'], 2);
    expect(Object.entries(b)).toEqual([['a', 'x'], ['b', 'y']]);
    expect(Object.entries(a)).toEqual([['a', 'changed'], ['b', '2']]);
  });
});
