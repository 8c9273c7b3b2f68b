/**
 * BinXML token bytes (MS-EVEN6 §2.2.12, evtx-format.md §4.1). The 0x40 bit means "has attributes" on an
 * element start and "more data follows" on the others; dispatch masks it off only for the token kinds where
 * the spec allows it, so a bogus byte is an error rather than silently accepted.
 */
export const TOK = {
  EOF: 0x00,
  OpenStartElement: 0x01,
  CloseStartElement: 0x02,
  CloseEmptyElement: 0x03,
  EndElement: 0x04,
  Value: 0x05,
  Attribute: 0x06,
  CDataSection: 0x07,
  CharRef: 0x08,
  EntityRef: 0x09,
  PITarget: 0x0a,
  PIData: 0x0b,
  TemplateInstance: 0x0c,
  NormalSubstitution: 0x0d,
  OptionalSubstitution: 0x0e,
  FragmentHeader: 0x0f,
} as const;

export const MORE_BIT = 0x40;

/** Token kinds that may carry the 0x40 bit. */
export function baseToken(t: number): number {
  if (t & MORE_BIT) {
    const base = t & ~MORE_BIT;
    if (
      base === TOK.OpenStartElement ||
      base === TOK.Value ||
      base === TOK.Attribute ||
      base === TOK.CDataSection ||
      base === TOK.CharRef ||
      base === TOK.EntityRef
    )
      return base;
    return -1;
  }
  return t;
}

export function tokenHex(t: number): string {
  return `0x${t.toString(16).padStart(2, '0')}`;
}
