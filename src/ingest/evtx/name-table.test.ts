import { describe, expect, it } from 'vitest';
import { NameTable, nameHash } from './name-table.js';
import { EvtxParseError } from './cursor.js';

describe('nameHash', () => {
  // MS-EVEN6 §4.4 (simple BinXml example) stores the names with their hashes: "Event" with 0x0CBA
  // (bytes `ba 0c 05 00 45 00 76 00 …`) and "Element1" with 0x79B5 (`b5 79 08 00 45 00 6c 00 …`).
  it('matches the hashes in the MS-EVEN6 example', () => {
    expect(nameHash('Event')).toBe(0x0cba);
    expect(nameHash('Element1')).toBe(0x79b5);
  });
});

describe('NameTable', () => {
  function chunkWithName(at: number, name: string, hash = nameHash(name)): Uint8Array {
    const b = new Uint8Array(256);
    const dv = new DataView(b.buffer);
    dv.setUint16(at + 4, hash, true);
    dv.setUint16(at + 6, name.length, true);
    for (let i = 0; i < name.length; i++) dv.setUint16(at + 8 + 2 * i, name.charCodeAt(i), true);
    return b;
  }

  it('decodes a name by offset and reports its size for skipping', () => {
    expect(new NameTable(chunkWithName(16, 'System'), 256).get(16)).toEqual({ text: 'System', size: 10 + 12 });
  });

  it('rejects a name whose stored hash does not match, an empty name, and one running past the chunk', () => {
    expect(() => new NameTable(chunkWithName(16, 'System', 1), 256).get(16)).toThrow(EvtxParseError);
    expect(() => new NameTable(new Uint8Array(256), 256).get(16)).toThrow(/empty name/);
    const short = new Uint8Array(256);
    new DataView(short.buffer).setUint16(246, 10, true); // 10 characters need 30 bytes from 240; 16 remain
    expect(() => new NameTable(short, 256).get(240)).toThrow(/truncated/);
    expect(() => new NameTable(new Uint8Array(256), 256).get(252)).toThrow(/outside the chunk/);
  });
});
