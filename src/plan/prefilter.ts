/**
 * Push the leading search clause down into a reader prefilter: a cheap test on a record's raw text that
 * lets a reader skip records that cannot match, before parsing them. It must be conservative: a record it
 * rejects must be one the exact search would reject (a property test generates events in several
 * formats and checks exactly that). The exact filter always runs afterwards.
 *
 * What it uses, from the AND-ed top level of the clause (OR and IN keep any branch; NOT keeps everything):
 * - `EventCode=N` / `EventID=N`: in Windows event XML the value is element text, so the raw text must
 *   contain `>N<` (spaces allowed); in any other format (NDJSON with a number or a string, ECS nested,
 *   CSV, XML inside a JSON string) it must contain N as a run of digits not touching other digits. The
 *   values also go to `eventCodes`, which an EVTX reader checks right after the System block.
 * - `Field=value` on a field read verbatim from the record: Windows and Sysmon fields, which are
 *   PascalCase (`Image`, `DestinationIp`), unlike fields a reader derives (`host`, `index`, `source`,
 *   `sourcetype`, CIM aliases such as `dest_ip`). Bare terms are matched against `_raw`, which is the
 *   record text. The value's literal pieces must appear, case-insensitively (search values are
 *   case-insensitive, spl-semantics §1.1). A piece is a run of characters that no JSON, XML or CSV writer
 *   escapes and that a reader would not split a value at: letters, digits and `_.:@#+=~!?;()$%^{}[]-`.
 *   Wildcards, backslashes, quotes, spaces and other characters split pieces. CIDR values are skipped.
 * - Text with a JSON `\uXXXX` escape or an XML `&#` reference always passes (any character may hide
 *   behind one). Text with characters outside ASCII passes every test on letters, because some of them
 *   lower-case to ASCII letters (KELVIN SIGN to `k`), as the case-insensitive match does.
 * Assumption, stated in docs/spl.md: readers copy those fields' values from the record text unchanged
 * (numbers in plain decimal notation).
 */
import type { SearchExpr, SearchValue } from '../spl/ast.js';

/** Structurally the reader contract's `Prefilter` (src/ingest/types.ts); plan/ does not import ingest/. */
export interface RawPrefilter {
  readonly raw?: (text: string) => boolean;
  readonly eventCodes?: ReadonlySet<string>;
}

type Need =
  | { readonly kind: 'any' }
  | { readonly kind: 'piece'; readonly text: string }
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'and'; readonly parts: readonly Need[] }
  | { readonly kind: 'or'; readonly parts: readonly Need[] };

const ANY: Need = { kind: 'any' };
const CODE_FIELDS = new Set(['EventCode', 'EventID']);
const SAFE_RUN = /[A-Za-z0-9_.:@#+=~!?;()$%^{}[\]-]{2,}/g;
const CIDR = /^[0-9A-Fa-f:.]+\/\d{1,3}$/;
/**
 * Escapes that may hide any character from a byte-level test: JSON `\uXXXX`, XML `&#` references. This
 * regex is the definition; `hasEscape` finds the same by hand (it runs on every record).
 */
export const ESCAPED = /(?<!\\)(?:\\\\)*\\u[0-9A-Fa-f]{4}|&#/;

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** `ESCAPED.test(text)`: `&#`, or `\u` and four hex digits after an odd run of backslashes. */
export function hasEscape(text: string): boolean {
  if (text.includes('&#')) return true;
  for (let i = text.indexOf('\\u'); i !== -1; i = text.indexOf('\\u', i + 1)) {
    if (!(isHex(text.charCodeAt(i + 2)) && isHex(text.charCodeAt(i + 3)) && isHex(text.charCodeAt(i + 4)) && isHex(text.charCodeAt(i + 5)))) continue;
    let k = i;
    while (k > 0 && text.charCodeAt(k - 1) === 0x5c) k--;
    if ((i - k) % 2 === 0) return true;
  }
  return false;
}

/** `/(?<![0-9])N(?![0-9])/.test(text)` for a digit string N: N as a number not touching other digits. */
export function hasStandaloneNumber(text: string, digits: string): boolean {
  for (let i = text.indexOf(digits); i !== -1; i = text.indexOf(digits, i + 1)) {
    if (!isDigit(text.charCodeAt(i - 1)) && !isDigit(text.charCodeAt(i + digits.length))) return true;
  }
  return false;
}
/** Characters outside ASCII: some lower-case to ASCII letters (KELVIN SIGN → k), so letter tests skip. */
const NON_ASCII = /[^\x00-\x7f]/;

function and(parts: Need[]): Need {
  const useful = parts.filter((p) => p.kind !== 'any');
  if (useful.length === 0) return ANY;
  return useful.length === 1 ? (useful[0] as Need) : { kind: 'and', parts: useful };
}

function or(parts: Need[]): Need {
  if (parts.length === 0 || parts.some((p) => p.kind === 'any')) return ANY;
  return parts.length === 1 ? (parts[0] as Need) : { kind: 'or', parts };
}

function pieces(value: SearchValue): Need {
  if (CIDR.test(value.text)) return ANY;
  const runs = value.text.match(SAFE_RUN) ?? [];
  return and(runs.map((text) => ({ kind: 'piece', text: text.toLowerCase() })));
}

function isRawBacked(field: string): boolean {
  return /^[A-Z][A-Za-z0-9_]*$/.test(field);
}

function equalsNeed(field: string, value: SearchValue): Need {
  if (CODE_FIELDS.has(field) && /^\d+$/.test(value.text)) return { kind: 'code', code: value.text };
  if (!isRawBacked(field)) return ANY;
  return pieces(value);
}

function need(expr: SearchExpr): Need {
  switch (expr.kind) {
    case 'SearchAnd':
      return and(expr.operands.map(need));
    case 'SearchOr':
      return or(expr.operands.map(need));
    case 'SearchCompare':
      return expr.op === '=' ? equalsNeed(expr.field, expr.value) : ANY;
    case 'SearchIn':
      return or(expr.values.map((v) => equalsNeed(expr.field, v)));
    case 'SearchTerm':
      return pieces(expr.value);
    case 'SearchNot':
    case 'SearchSubsearch':
    case 'SearchMacro':
      return ANY;
  }
}

/** The EventCode values a matching event must have, or null when the clause does not pin them. */
function eventCodes(expr: SearchExpr): Set<string> | null {
  switch (expr.kind) {
    case 'SearchCompare':
      return expr.field === 'EventCode' && expr.op === '=' && /^\d+$/.test(expr.value.text) ? new Set([expr.value.text]) : null;
    case 'SearchIn':
      return expr.field === 'EventCode' && expr.values.every((v) => /^\d+$/.test(v.text)) ? new Set(expr.values.map((v) => v.text)) : null;
    case 'SearchOr': {
      const union = new Set<string>();
      for (const op of expr.operands) {
        const codes = eventCodes(op);
        if (codes === null) return null;
        for (const c of codes) union.add(c);
      }
      return union;
    }
    case 'SearchAnd': {
      let result = null as Set<string> | null;
      for (const op of expr.operands) {
        const codes = eventCodes(op);
        if (codes === null) continue;
        result = result === null ? codes : new Set([...result].filter((c) => codes.has(c)));
      }
      return result;
    }
    default:
      return null;
  }
}

/** One record's text and what the tests ask of it, each computed at most once and only when asked. */
class Record {
  private lowered: string | undefined;
  private isXml: boolean | undefined;
  private hasNonAscii: boolean | undefined;
  constructor(readonly text: string) {}
  lower(): string {
    return (this.lowered ??= this.text.toLowerCase());
  }
  // Windows event XML starts with `<Event`, possibly after whitespace.
  xml(): boolean {
    return (this.isXml ??= /^\s*</.test(this.text));
  }
  nonAscii(): boolean {
    return (this.hasNonAscii ??= NON_ASCII.test(this.text));
  }
}

type Test = (r: Record) => boolean;

function compile(n: Need): Test {
  switch (n.kind) {
    case 'any':
      return () => true;
    case 'piece': {
      const needle = n.text;
      if (!/[a-z]/.test(needle)) return (r) => r.text.includes(needle);
      return (r) => r.nonAscii() || r.lower().includes(needle);
    }
    case 'code': {
      const inXml = new RegExp(`>\\s*${n.code}\\s*<`);
      const code = n.code;
      return (r) => (r.xml() ? inXml.test(r.text) : hasStandaloneNumber(r.text, code));
    }
    case 'and': {
      const parts = n.parts.map(compile);
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = n.parts.map(compile);
      return (r) => parts.some((p) => p(r));
    }
  }
}

/** The prefilter for a leading search clause, or null when it cannot exclude anything. */
export function buildPrefilter(expr: SearchExpr): RawPrefilter | null {
  const root = need(expr);
  const codes = eventCodes(expr);
  if (root.kind === 'any' && codes === null) return null;
  const result: { raw?: (text: string) => boolean; eventCodes?: ReadonlySet<string> } = {};
  if (codes !== null) result.eventCodes = codes;
  if (root.kind !== 'any') {
    const test = compile(root);
    result.raw = (text: string) => {
      if (hasEscape(text)) return true;
      return test(new Record(text));
    };
  }
  return result;
}
