import { describe, expect, it } from 'vitest';
import { cloneEvent, createEvent } from './event.js';

describe('createEvent: field names never meet inherited properties', () => {
  it('inherits nothing: constructor, toString, hasOwnProperty and __proto__ are absent', () => {
    const e = createEvent();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__']) {
      expect(name in e).toBe(false);
      expect(e[name]).toBeUndefined();
    }
  });

  it('stores such names as ordinary fields, enumerated in insertion order like any other', () => {
    const e = createEvent();
    e['b'] = '1';
    e['__proto__'] = 'x';
    e['constructor'] = 'y';
    e['a'] = ['p', 'q'];
    expect(Object.keys(e)).toEqual(['b', '__proto__', 'constructor', 'a']);
    expect(Object.hasOwn(e, '__proto__')).toBe(true);
    const names: string[] = [];
    for (const k in e) names.push(k);
    expect(names).toEqual(['b', '__proto__', 'constructor', 'a']);
    expect(JSON.stringify(e)).toBe('{"b":"1","__proto__":"x","constructor":"y","a":["p","q"]}');
  });

  it('writing __proto__ on one event changes no other event', () => {
    const a = createEvent();
    a['__proto__'] = 'x';
    const b = createEvent();
    expect('__proto__' in b).toBe(false);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(b))).toBeNull();
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(b))).toEqual([]);
  });

  it('cloneEvent copies fields in order, including such names', () => {
    const e = createEvent();
    e['__proto__'] = 'x';
    e['n'] = 3;
    expect(Object.entries(cloneEvent(e))).toEqual([['__proto__', 'x'], ['n', 3]]);
  });
});
