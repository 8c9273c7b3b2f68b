/**
 * Fast path for one Windows event XML record: a scanner for the plain XML that Windows, Splunk and
 * wevtutil write, which drives the same element callbacks as saxes (xml-event.ts) at several times its
 * speed. It accepts only input it can check completely and returns false for anything else, so the
 * caller hands that record to saxes; every malformed record takes that path, and so does every error
 * message. What it accepts:
 * - characters: XML 1.0 characters without CR (saxes normalizes line ends) and without surrogates;
 * - markup: start, end and empty-element tags only (no comment, CDATA, processing instruction or
 *   DOCTYPE), one root, ASCII names (`[A-Za-z_:][A-Za-z0-9_:.-]*`), end tags that match;
 * - attributes: quoted values without `<`, tab or newline (saxes turns those into spaces), separated
 *   by whitespace, no name twice;
 * - references: `&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, and character references to XML characters
 *   (`&#13;`, `&#x41;`; wevtutil writes line breaks in messages so); no `]]>` in text.
 * Nothing in it backtracks: one regex with a single character class, then indexOf and charCodeAt.
 */

/** The attributes of a start tag, in document order (reused between tags). */
export interface Attributes {
  names: string[];
  values: string[];
  count: number;
}

/**
 * What the scanner reports, in document order (as saxes' opentag, text and closetag events). Text is
 * reported only where it can be a value: directly before an end tag. (The builder clears its text at
 * every start tag, so text before one is never read.)
 */
export interface ElementSink {
  open(name: string, attrs: Attributes): void;
  text(text: string): void;
  close(name: string): void;
}

/** Characters the fast path leaves to saxes: C0 controls but tab and LF, CR, surrogates, U+FFFE/FFFF. */
const NOT_PLAIN = /[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]/;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09;

/** ASCII name characters: 1 may start a name (`A-Za-z_:`), 2 may only continue one (`0-9.-`). */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a;
  NAME[c] = letter ? 1 : (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e ? 2 : 0;
}

/** End of the name starting at `i`, or -1 when no name starts there. */
function nameEnd(t: string, i: number): number {
  if (NAME[t.charCodeAt(i)] !== 1) return -1;
  let j = i + 1;
  while (NAME[t.charCodeAt(j)]! > 0) j++;
  return j;
}

function skipSpaces(t: string, i: number): number {
  while (isSpace(t.charCodeAt(i))) i++;
  return i;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 `Char` (§2.2), which a character reference must denote. */
const isXmlChar = (c: number): boolean =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** The character of `&#N;` / `&#xH;` (lower-case x, as saxes reads them), or null. */
function charRef(name: string): string | null {
  const hex = name.charCodeAt(1) === 0x78;
  if (name.length < (hex ? 3 : 2)) return null;
  let code = 0;
  for (let i = hex ? 2 : 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (d < 0) return null;
    code = code * (hex ? 16 : 10) + d;
  }
  return isXmlChar(code) ? String.fromCodePoint(code) : null;
}

/** `raw` with the predefined entities and character references replaced; null for any other reference. */
function decode(raw: string): string | null {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp + 1);
    // Longer than any reference this path reads (`&#x10FFFF;`): leave it to saxes.
    if (semi === -1 || semi - amp > 10) return null;
    const name = raw.slice(amp + 1, semi);
    let ch: string | null | undefined;
    if (name.charCodeAt(0) === 0x23) ch = charRef(name);
    else ch = name === 'lt' || name === 'gt' || name === 'amp' || name === 'quot' || name === 'apos' ? ENTITIES[name] : undefined;
    if (ch === undefined || ch === null) return null;
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
  }
  return out + raw.slice(from);
}

const attrs: Attributes = { names: [], values: [], count: 0 };
const open: string[] = [];

/**
 * The next position of `needle` at or after `from` (n when none). Each is asked for with increasing
 * `from` and kept until passed, so all searches together read the record about once.
 */
class NextOf {
  private at = -1;
  constructor(
    private readonly t: string,
    private readonly needle: string,
  ) {}
  from(from: number): number {
    if (this.at < from) {
      const i = this.t.indexOf(this.needle, from);
      this.at = i === -1 ? this.t.length : i;
    }
    return this.at;
  }
}

/**
 * Scan one record (`<Event …>…</Event>`) into `sink`. Returns false when the record is not in the
 * subset above: the sink may then have been called, and the caller starts over with saxes.
 */
export function scanEventXml(t: string, sink: ElementSink): boolean {
  const n = t.length;
  if (n === 0 || t.charCodeAt(0) !== LT || NOT_PLAIN.test(t)) return false;
  const lts = new NextOf(t, '<');
  const amps = new NextOf(t, '&');
  const brackets = new NextOf(t, ']]>');
  const tabs = new NextOf(t, '\t');
  const newlines = new NextOf(t, '\n');
  let depth = 0;
  let rootDone = false;
  let i = 0;
  while (i < n) {
    const lt = lts.from(i);
    if (lt === n) return false; // text after the root
    const c = t.charCodeAt(lt + 1);
    if (lt > i) {
      if (depth === 0 || brackets.from(i) + 3 <= lt) return false;
      const hasAmp = amps.from(i) < lt;
      if (hasAmp || c === SLASH) {
        let text = t.slice(i, lt);
        if (hasAmp) {
          const decoded = decode(text);
          if (decoded === null) return false;
          text = decoded;
        }
        if (c === SLASH) sink.text(text);
      }
    }
    if (c === SLASH) {
      if (depth === 0) return false;
      const name = open[depth - 1]!;
      // (A loop: String#startsWith with a position is much slower here.)
      const from = lt + 2;
      for (let k = 0; k < name.length; k++) if (t.charCodeAt(from + k) !== name.charCodeAt(k)) return false;
      let gt = from + name.length;
      // `</name>` or `</name >`; a longer name than the start tag's fails here too.
      if (t.charCodeAt(gt) !== GT) gt = skipSpaces(t, gt);
      if (t.charCodeAt(gt) !== GT) return false;
      depth--;
      sink.close(name);
      i = gt + 1;
      if (depth === 0) rootDone = true;
      continue;
    }
    if (rootDone) return false;
    const end = nameEnd(t, lt + 1);
    if (end === -1) return false; // `<!`, `<?` or a character saxes must judge
    const name = t.slice(lt + 1, end);
    attrs.count = 0;
    let j = end;
    let selfClosing = false;
    for (;;) {
      const k = skipSpaces(t, j);
      const ch = t.charCodeAt(k);
      if (ch === GT) {
        j = k + 1;
        break;
      }
      if (ch === SLASH) {
        if (t.charCodeAt(k + 1) !== GT) return false;
        selfClosing = true;
        j = k + 2;
        break;
      }
      // An attribute: it must follow whitespace.
      if (k === j) return false;
      const attrEnd = nameEnd(t, k);
      if (attrEnd === -1) return false;
      const eq = skipSpaces(t, attrEnd);
      if (t.charCodeAt(eq) !== EQ) return false;
      const q = skipSpaces(t, eq + 1);
      const quote = t.charCodeAt(q);
      if (quote !== QUOT && quote !== APOS) return false;
      const close = t.indexOf(quote === QUOT ? '"' : "'", q + 1);
      if (close === -1 || lts.from(q + 1) < close || tabs.from(q + 1) < close || newlines.from(q + 1) < close) return false;
      let value = t.slice(q + 1, close);
      if (amps.from(q + 1) < close) {
        const decoded = decode(value);
        if (decoded === null) return false;
        value = decoded;
      }
      const attrName = t.slice(k, attrEnd);
      for (let a = 0; a < attrs.count; a++) if (attrs.names[a] === attrName) return false;
      attrs.names[attrs.count] = attrName;
      attrs.values[attrs.count++] = value;
      j = close + 1;
    }
    open[depth++] = name;
    sink.open(name, attrs);
    if (selfClosing) {
      depth--;
      sink.close(name);
      if (depth === 0) rootDone = true;
    }
    i = j;
  }
  return rootDone && depth === 0;
}
