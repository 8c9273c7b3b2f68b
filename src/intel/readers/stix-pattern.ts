/**
 * The part of STIX 2.1 patterning (OASIS STIX 2.1, section 9) that can become plain indicators:
 * observation expressions `[ ... ]` joined by OR, each an OR of comparisons
 * `ipv4-addr:value | ipv6-addr:value | domain-name:value | url:value` with `=`, `IN (...)` or, for
 * addresses, `ISSUBSET 'cidr'`. Everything else parses but is reported: AND (needs correlation), NOT and
 * negated operators, other objects and properties, LIKE/MATCHES, FOLLOWEDBY. Qualifiers (WITHIN, REPEATS,
 * START/STOP) only narrow when a match counts; they are ignored with a warning (the match is broader).
 */

export interface PatternValue {
  readonly objectType: 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url';
  readonly value: string;
}

export interface PatternResult {
  readonly values: PatternValue[];
  /** Parts that could not be evaluated (reported, not loaded). */
  readonly unsupported: string[];
  readonly warnings: string[];
}

type Token =
  | { readonly t: 'punct'; readonly v: string }
  | { readonly t: 'word'; readonly v: string }
  | { readonly t: 'path'; readonly v: string }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'other'; readonly v: string };

export class StixPatternError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new StixPatternError('unterminated string');
        const d = src[i] as string;
        if (d === '\\') {
          const e = src[i + 1];
          if (e !== "'" && e !== '\\') throw new StixPatternError('bad escape in string');
          v += e;
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          v += d;
          i++;
        }
      }
      out.push({ t: 'string', v });
    } else if ('[]()'.includes(c) || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = src.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : c;
      out.push({ t: 'punct', v: op });
      i += op.length;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j] as string)) j++;
      if (src[j] === ':') {
        // object path: type:prop(.prop | .'quoted' | [n] | [*])*
        j++;
        while (j < src.length) {
          const d = src[j] as string;
          if (/[A-Za-z0-9_.-]/.test(d)) j++;
          else if (d === "'") {
            const end = src.indexOf("'", j + 1);
            if (end < 0) throw new StixPatternError('unterminated quoted path');
            j = end + 1;
          } else if (d === '[' && /^\[(\d+|\*)\]/.test(src.slice(j))) {
            j = src.indexOf(']', j) + 1;
          } else break;
        }
        out.push({ t: 'path', v: src.slice(i, j) });
      } else if (/^[bht]$/.test(src.slice(i, j)) && src[j] === "'") {
        // b'..', h'..', t'..' literals: not matchable values here
        const end = src.indexOf("'", j + 1);
        if (end < 0) throw new StixPatternError('unterminated literal');
        out.push({ t: 'other', v: src.slice(i, end + 1) });
        j = end + 1;
      } else out.push({ t: 'word', v: src.slice(i, j).toUpperCase() });
      i = j;
    } else if (/[0-9.-]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[0-9.eE+-]/.test(src[j] as string)) j++;
      out.push({ t: 'other', v: src.slice(i, j) });
      i = j;
    } else throw new StixPatternError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

const SUPPORTED_PATHS: Readonly<Record<string, PatternValue['objectType']>> = {
  'ipv4-addr:value': 'ipv4-addr',
  'ipv6-addr:value': 'ipv6-addr',
  'domain-name:value': 'domain-name',
  'url:value': 'url',
};

/** A disjunct set: the values a sub-expression matches, or null when it cannot be evaluated alone. */
type Disjuncts = PatternValue[] | null;

class Parser {
  private pos = 0;
  readonly unsupported: string[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new StixPatternError('unexpected end of pattern');
    return t;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'word' && t.v === v;
  }
  private isPunct(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t === 'punct' && t.v === v;
  }
  private expectPunct(v: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw new StixPatternError(`expected ${v}, found ${t.v}`);
  }

  pattern(): Disjuncts {
    const result = this.observationOr();
    if (this.pos < this.tokens.length) throw new StixPatternError(`unexpected ${this.peek()?.v}`);
    return result;
  }

  private observationOr(): Disjuncts {
    let acc = this.observationAnd();
    while (this.isWord('OR')) {
      this.pos++;
      const rhs = this.observationAnd();
      acc = union(acc, rhs);
    }
    return acc;
  }

  private observationAnd(): Disjuncts {
    return this.joined('AND', 'observations joined by AND need correlation', () => this.observationFollowed());
  }

  private observationFollowed(): Disjuncts {
    return this.joined('FOLLOWEDBY', 'FOLLOWEDBY needs correlation', () => this.observationUnit());
  }

  /**
   * `unit (KEYWORD unit)*`: a conjunction cannot become plain indicators. It is reported once, in place of
   * whatever its operands reported.
   */
  private joined(keyword: string, message: string, unit: () => Disjuncts): Disjuncts {
    const mark = this.unsupported.length;
    const acc = unit();
    if (!this.isWord(keyword)) return acc;
    while (this.isWord(keyword)) {
      this.pos++;
      unit();
    }
    this.unsupported.length = mark;
    this.unsupported.push(message);
    return null;
  }

  private observationUnit(): Disjuncts {
    let result: Disjuncts;
    if (this.isPunct('(')) {
      this.pos++;
      result = this.observationOr();
      this.expectPunct(')');
    } else {
      this.expectPunct('[');
      result = this.comparisonOr();
      this.expectPunct(']');
    }
    this.qualifiers();
    return result;
  }

  private qualifiers(): void {
    for (;;) {
      if (this.isWord('WITHIN')) {
        this.pos += 3; // WITHIN n SECONDS
        this.warnings.push('WITHIN qualifier ignored');
      } else if (this.isWord('REPEATS')) {
        this.pos += 3; // REPEATS n TIMES
        this.warnings.push('REPEATS qualifier ignored');
      } else if (this.isWord('START')) {
        this.pos += 4; // START t'..' STOP t'..'
        this.warnings.push('START/STOP qualifier ignored');
      } else return;
    }
  }

  private comparisonOr(): Disjuncts {
    let acc = this.comparisonAnd();
    while (this.isWord('OR')) {
      this.pos++;
      acc = union(acc, this.comparisonAnd());
    }
    return acc;
  }

  private comparisonAnd(): Disjuncts {
    return this.joined('AND', 'comparisons joined by AND need correlation', () => this.comparisonUnit());
  }

  private comparisonUnit(): Disjuncts {
    if (this.isPunct('(')) {
      this.pos++;
      const r = this.comparisonOr();
      this.expectPunct(')');
      return r;
    }
    if (this.isWord('EXISTS')) {
      this.pos++;
      this.next();
      this.unsupported.push('EXISTS');
      return null;
    }
    const path = this.next();
    if (path.t !== 'path') throw new StixPatternError(`expected an object path, found ${path.v}`);
    let negated = false;
    if (this.isWord('NOT')) {
      this.pos++;
      negated = true;
    }
    const op = this.next();
    const operator = op.v;
    const values: Token[] = [];
    if (operator === 'IN') {
      this.expectPunct('(');
      for (;;) {
        values.push(this.next());
        if (this.isPunct(',')) this.pos++;
        else break;
      }
      this.expectPunct(')');
    } else values.push(this.next());
    const objectType = SUPPORTED_PATHS[path.v.toLowerCase()];
    const what = `${path.v} ${negated ? 'NOT ' : ''}${operator}`;
    if (objectType === undefined) {
      this.unsupported.push(`${path.v} comparison`);
      return null;
    }
    const isAddress = objectType === 'ipv4-addr' || objectType === 'ipv6-addr';
    if (negated || !(operator === '=' || operator === 'IN' || (operator === 'ISSUBSET' && isAddress))) {
      this.unsupported.push(what);
      return null;
    }
    const out: PatternValue[] = [];
    for (const v of values) {
      if (v.t !== 'string') {
        this.unsupported.push(`${what} with a non-string value`);
        return null;
      }
      out.push({ objectType, value: v.v });
    }
    return out;
  }
}

/** OR: whatever either side matches. An unevaluable side is dropped with a warning, since the other is still sound. */
function union(a: Disjuncts, b: Disjuncts): Disjuncts {
  if (a === null) return b;
  if (b === null) return a;
  return [...a, ...b];
}

/** Parse a STIX pattern. Throws StixPatternError on a syntax error. */
export function evaluateStixPattern(pattern: string): PatternResult {
  const parser = new Parser(tokenize(pattern));
  const values = parser.pattern();
  const unsupported = [...new Set(parser.unsupported)];
  const warnings = [...new Set(parser.warnings)];
  if (values !== null && values.length > 0 && unsupported.length > 0) {
    // Some OR branches were usable: load those and downgrade the rest to a warning.
    return { values, unsupported: [], warnings: [...warnings, ...unsupported.map((u) => `${u} ignored (OR branch)`)] };
  }
  return { values: values ?? [], unsupported, warnings };
}
