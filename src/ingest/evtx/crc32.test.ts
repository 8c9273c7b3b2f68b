import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, crc32Table } from './crc32.js';

describe('crc32', () => {
  // The standard CRC-32 check value: CRC of the ASCII digits "123456789" is 0xCBF43926.
  const digits = new TextEncoder().encode('123456789');

  it('gives the standard check value', () => {
    expect(crc32(digits)).toBe(0xcbf43926);
    expect(crc32Table(digits)).toBe(0xcbf43926);
  });

  it('continues over ranges (as the chunk header CRC does over two ranges)', () => {
    expect(crc32(digits, 4, 9, crc32(digits, 0, 4))).toBe(0xcbf43926);
    expect(crc32Table(digits, 4, 9, crc32Table(digits, 0, 4))).toBe(0xcbf43926);
  });

  it('native and table implementations agree', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const mid = bytes.length === 0 ? 0 : cut % (bytes.length + 1);
        expect(crc32(bytes, mid, bytes.length, crc32(bytes, 0, mid))).toBe(crc32Table(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
