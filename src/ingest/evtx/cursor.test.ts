import { describe, expect, it } from 'vitest';
import { Cursor, EvtxParseError } from './cursor.js';

describe('Cursor', () => {
  it('reads little-endian values and advances', () => {
    const c = new Cursor(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0x80]), 0, 16);
    expect(c.u8('a')).toBe(1);
    expect(c.u16('b')).toBe(0x0302);
    expect(c.u32('c')).toBe(0x07060504);
    expect(c.pos).toBe(7);
    c.pos = 8;
    expect(c.u64('d')).toBe(9 + 0x80 * 2 ** 56);
  });

  it('names what it was reading, where, and how many bytes were missing', () => {
    const c = new Cursor(new Uint8Array(10), 8, 10);
    let err: unknown;
    try {
      c.u32('template value count');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EvtxParseError);
    expect((err as EvtxParseError).message).toBe('template value count at offset 8: truncated (need 4 bytes, have 2)');
    expect((err as EvtxParseError).offset).toBe(8);
    expect(c.pos).toBe(8);
  });

  it('never reads past the structure bound even inside a larger buffer', () => {
    const c = new Cursor(new Uint8Array(100), 0, 3);
    expect(() => c.take(4, 'value')).toThrow(/need 4 bytes, have 3/);
    expect(() => c.take(-1, 'value')).toThrow(EvtxParseError);
  });
});
