/**
 * Splunk's orderings: lexicographic (values(), min/max over strings, search `<`), the `sort` collations
 * (auto, str, num, ip) and the order of stats BY groups.
 *
 * - Lexicographic means UTF-8 byte order (spl-semantics §4.3: "Numbers are sorted before letters…
 *   Uppercase letters are sorted before lowercase", `10, 100, 70, 9`). UTF-8 byte order equals Unicode
 *   code point order, which differs from JavaScript's UTF-16 `<` only for astral characters against
 *   U+E000–U+FFFF; compareLexicographic handles that.
 * - `auto` compares two numbers numerically and two strings lexicographically (SPL2-sortusage, §6).
 *   A literal "pairwise" rule is not a total order ("9" < "10" numerically, "10" < "1a" and "1a" < "9"
 *   lexicographically: a cycle), and a sort needs one to be deterministic. c2hunt therefore orders a
 *   number against a string the way stats min/max do, numbers first (SR-Agg: "all numbers sorted
 *   before non-numeric items"). Same-type pairs follow the documented rule exactly. [UNCONFIRMED for
 *   mixed pairs; docs/spl-semantics.md]
 * - Missing values sort last in both directions (SR-sort).
 * - A multivalue sorts by its first value. [UNCONFIRMED]
 */
import type { Value } from './event.js';
import { formatNumber } from './format.js';
import { parseIp } from './ip.js';
import { parseNumber } from './number.js';

/** Map a UTF-16 code unit so that unit order equals code point order (surrogates above U+FFFF). */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** UTF-8 byte order (= code point order): negative, zero or positive. */
export function compareLexicographic(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function compareNumbers(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  // NaN sorts after every other number and equal to itself, so the order stays total.
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  return xn === yn ? 0 : xn ? 1 : -1;
}

/**
 * The `auto` order on two scalars: both numeric → numeric; both text → lexicographic; a number before a
 * string (see the module header). `"1"`, `"01"` and `1` compare equal.
 */
export function compareAuto(a: string | number, b: string | number): number {
  const x = typeof a === 'number' ? a : parseNumber(a);
  const y = typeof b === 'number' ? b : parseNumber(b);
  if (x !== null) return y !== null ? compareNumbers(x, y) : -1;
  if (y !== null) return 1;
  // Both are non-numeric strings here.
  return compareLexicographic(a as string, b as string);
}

/** The `str()` order: lexicographic on the text form. */
export function compareStr(a: string | number, b: string | number): number {
  return compareLexicographic(
    typeof a === 'number' ? formatNumber(a) : a,
    typeof b === 'number' ? formatNumber(b) : b,
  );
}

/** The `num()` order: numbers numerically, then non-numeric values lexicographically after them. */
export function compareNum(a: string | number, b: string | number): number {
  return compareAuto(a, b);
}

/** An IP as 17 sortable bytes (family tag + 16 bytes), or null when the text is not an IP. */
export function ipSortKey(text: string): Uint8Array | null {
  const addr = parseIp(text);
  if (addr === null) return null;
  const key = new Uint8Array(17);
  key[0] = addr.kind() === 'ipv4' ? 4 : 6;
  key.set(addr.toByteArray(), 1);
  return key;
}

// A sort compares each value about log2(n) times; parse each address once.
const ipKeys = new Map<string, Uint8Array | null>();
function cachedIpKey(text: string): Uint8Array | null {
  let key = ipKeys.get(text);
  if (key === undefined) {
    key = ipSortKey(text);
    if (ipKeys.size >= 100_000) ipKeys.clear();
    ipKeys.set(text, key);
  }
  return key;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The `ip()` order: IPv4 addresses numerically, then IPv6 numerically, then anything that is not an IP,
 * lexicographically. [UNCONFIRMED placement of IPv6 and non-IPs]
 */
export function compareIp(a: string | number, b: string | number): number {
  const sa = typeof a === 'number' ? formatNumber(a) : a;
  const sb = typeof b === 'number' ? formatNumber(b) : b;
  const ka = cachedIpKey(sa);
  const kb = cachedIpKey(sb);
  if (ka !== null) return kb !== null ? compareBytes(ka, kb) : -1;
  if (kb !== null) return 1;
  return compareLexicographic(sa, sb);
}

export type SortKind = 'auto' | 'str' | 'num' | 'ip';

const SCALAR_COMPARATORS: Record<SortKind, (a: string | number, b: string | number) => number> = {
  auto: compareAuto,
  str: compareStr,
  num: compareNum,
  ip: compareIp,
};

/** The scalar a value sorts by: itself, or the first value of a multivalue; undefined when missing. */
export function sortScalar(v: Value | undefined): string | number | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.length > 0 ? v[0] : undefined;
  return v;
}

/**
 * A comparator for one `sort` key. Missing values (absent, null, empty multivalue) sort last whether the
 * order is ascending or descending (SR-sort). Ties return 0: the sort operator must use a stable sort.
 */
export function makeSortComparator(
  kind: SortKind,
  descending: boolean,
): (a: Value | undefined, b: Value | undefined) => number {
  const cmp = SCALAR_COMPARATORS[kind];
  return (a, b) => {
    const x = sortScalar(a);
    const y = sortScalar(b);
    if (x === undefined) return y === undefined ? 0 : 1;
    if (y === undefined) return -1;
    const c = cmp(x, y);
    return descending ? -c : c;
  };
}

/** `compareAuto` over two values; missing values last (the plain ascending `sort field` order). */
export const compareSortAuto = makeSortComparator('auto', false);

/**
 * The order of stats BY groups: ascending by the tuple, first field first (SR-stats examples), each
 * field in the `auto` order. Values that are equal as numbers but differ as text (`1`, `01`) are
 * distinct groups; they are ordered lexicographically so the output is deterministic.
 */
export function compareGroupKeys(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    const c = compareAuto(x, y);
    if (c !== 0) return c;
    const t = compareStr(x, y);
    if (t !== 0) return t;
  }
  return a.length - b.length;
}

/**
 * A BY tuple prepared for sorting: each value's number (or null) and text, computed once per group
 * instead of in every comparison (a sort compares each group about log2(n) times).
 */
export interface GroupSortKey {
  readonly nums: readonly (number | null)[];
  readonly texts: readonly string[];
}

export function groupSortKey(values: readonly (string | number)[]): GroupSortKey {
  const nums: (number | null)[] = [];
  const texts: string[] = [];
  for (const v of values) {
    nums.push(typeof v === 'number' ? v : parseNumber(v));
    texts.push(typeof v === 'number' ? formatNumber(v) : v);
  }
  return { nums, texts };
}

/**
 * `compareGroupKeys` on prepared keys, with the same result: per field `compareAuto`, then `compareStr`.
 * (With both values non-numeric, compareAuto compares the strings, which are then their texts.)
 */
export function compareGroupSortKeys(a: GroupSortKey, b: GroupSortKey): number {
  const n = Math.min(a.texts.length, b.texts.length);
  for (let i = 0; i < n; i++) {
    const x = a.nums[i] as number | null;
    const y = b.nums[i] as number | null;
    const tx = a.texts[i] as string;
    const ty = b.texts[i] as string;
    let c: number;
    if (x !== null) c = y !== null ? compareNumbers(x, y) : -1;
    else c = y !== null ? 1 : compareLexicographic(tx, ty);
    if (c !== 0) return c;
    const t = compareLexicographic(tx, ty);
    if (t !== 0) return t;
  }
  return a.texts.length - b.texts.length;
}

/**
 * The order stats `min`/`max` and eval `min()`/`max()` use: "numeric and then lexicographical order
 * with all numbers sorted before non-numeric items" (SR-Agg). Identical to `compareAuto`.
 */
export const compareMinMax = compareAuto;
