/**
 * BinXML value types (MS-EVEN6 §2.2.18 / evtx-format.md §6). The array flag 0x80 combines with any base type.
 */

export const VT = {
  Null: 0x00,
  String: 0x01,
  AnsiString: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SysTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  EvtHandle: 0x20,
  BinXml: 0x21,
  EvtXml: 0x23,
} as const;

export const ARRAY_FLAG = 0x80;

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(VT).map(([k, v]) => [v, k]));

export function valueTypeName(type: number): string {
  const base = NAMES[type & 0x7f];
  if (base === undefined) return `0x${type.toString(16).padStart(2, '0')}`;
  return type & ARRAY_FLAG ? `${base}[]` : base;
}

/** Whether a descriptor type byte is one this reader can decode. */
export function isKnownValueType(type: number): boolean {
  const base = type & 0x7f;
  if (NAMES[base] === undefined) return false;
  // MS-EVEN6 §3.1.4.7.5 forbids arrays of BinXml; an array of Null means nothing either.
  if (type & ARRAY_FLAG) return base !== VT.BinXml && base !== VT.Null;
  return true;
}

/** Fixed item width of a base type, 0 for variable-size types. */
export function fixedWidth(base: number, size: number): number {
  switch (base) {
    case VT.Int8:
    case VT.UInt8:
      return 1;
    case VT.Int16:
    case VT.UInt16:
      return 2;
    case VT.Int32:
    case VT.UInt32:
    case VT.Real32:
    case VT.Bool:
    case VT.HexInt32:
      return 4;
    case VT.Int64:
    case VT.UInt64:
    case VT.Real64:
    case VT.FileTime:
    case VT.HexInt64:
      return 8;
    case VT.Guid:
    case VT.SysTime:
      return 16;
    case VT.SizeT:
    case VT.EvtHandle:
      // Pointer-sized: 8 on 64-bit writers, 4 on 32-bit ones. An array whose size is not a multiple of 8
      // can only be 32-bit.
      return size % 8 === 0 ? 8 : 4;
    default:
      return 0;
  }
}

/**
 * Per descriptor type byte: -1 when the type is unknown, -2 for pointer-sized types (4 or 8 bytes),
 * otherwise the smallest size a non-empty value can have (0 for variable-size types and arrays).
 * Lets the instance reader check every value with one lookup; parse.ts builds the detailed message only
 * when a check fails.
 */
export const VALUE_SIZE_RULE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let type = 0; type < 256; type++) {
    if (!isKnownValueType(type)) continue;
    if (type & ARRAY_FLAG) t[type] = 0;
    else if (type === VT.SizeT || type === VT.EvtHandle) t[type] = -2;
    else if (type === VT.Sid) t[type] = 8;
    else t[type] = fixedWidth(type, 0) === 0 || type === VT.Bool ? 0 : fixedWidth(type, 0);
  }
  return t;
})();
