/**
 * SPL tokens, read on demand in one of four modes, because SPL is three languages behind one pipe:
 *
 * - `search`: the search clause. Words run until whitespace or one of `( ) [ ] | " = < > !=`, so
 *   `DestinationIp=10.*`, `C:\Windows`, `::1` and `10.0.0.0/8` are single words.
 * - `value`: the value after `field=`, which may itself hold `=`, `<`, `>` and `!`
 *   (`url=http://a.example/?q=1`); only whitespace, brackets, pipes and quotes end it.
 * - `list`: the search mode inside `IN (...)`, where a comma also ends a word.
 * - `expr`: eval/where expressions: numbers, identifiers, `'field names'`, operators.
 * - `arg`: command arguments: words run until whitespace or one of `= , ( ) [ ] | "`, so `-_time`,
 *   `values(*)`'s `*`, `1h` and `a*` are words.
 *
 * Double-quoted strings are the same in every mode; escapes differ: the search language expands
 * `\\`, `\"` and `\|` and keeps every other backslash sequence (spl-semantics §1.3); eval strings also
 * expand `\t`, `\n` and `\r` ("The \t in the path is interpreted as a tab", §2.1).
 * Triple-backtick comments (```` ``` like this ``` ````) are whitespace. A single backtick starts a macro.
 */
import { SplSyntaxError } from '../errors.js';

export type LexMode = 'search' | 'value' | 'list' | 'expr' | 'arg';

export type TokenKind = 'word' | 'string' | 'field' | 'number' | 'punct' | 'macro' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token. */
  readonly text: string;
  /** Decoded value: the unescaped string, the macro body, otherwise the text. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** Whitespace or a comment came right before this token. */
  readonly spaced: boolean;
}

const SEARCH_PUNCT = ['!=', '==', '<=', '>=', '(', ')', '[', ']', '|', '=', '<', '>'];
const LIST_PUNCT = [...SEARCH_PUNCT, ','];
const EXPR_PUNCT = ['==', '!=', '<=', '>=', '(', ')', '[', ']', '|', ',', '=', '<', '>', '+', '-', '*', '/', '%', '.'];
const ARG_PUNCT = ['(', ')', '[', ']', '|', ',', '='];
const VALUE_PUNCT = ['(', ')', '[', ']', '|'];

const SEARCH_STOP = new Set([...' \t\r\n\f\v()[]|"=<>`']);
const LIST_STOP = new Set([...SEARCH_STOP, ',']);
const ARG_STOP = new Set([...' \t\r\n\f\v()[]|"=,`']);
const VALUE_STOP = new Set([...' \t\r\n\f\v()[]|"`']);

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const NUMBER_RE = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;

export interface LineCol {
  readonly line: number;
  readonly column: number;
}

export class Lexer {
  readonly source: string;
  private readonly lineStarts: number[];
  pos = 0;

  constructor(source: string) {
    this.source = source;
    this.lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  lineCol(offset: number): LineCol {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  /** A syntax error at `offset`: "line L, col C: message" plus the source line and a caret under it. */
  error(offset: number, message: string): SplSyntaxError {
    const { line, column } = this.lineCol(offset);
    const startOfLine = this.lineStarts[line - 1] ?? 0;
    let endOfLine = this.source.indexOf('\n', startOfLine);
    if (endOfLine < 0) endOfLine = this.source.length;
    const text = this.source.slice(startOfLine, endOfLine).replace(/\r$/, '');
    // Tabs are kept in the excerpt and in the caret's padding so the caret lines up in any terminal.
    const pad = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
    return new SplSyntaxError(`line ${line}, col ${column}: ${message}\n  ${text}\n  ${pad}^`, {
      line,
      column,
      offset,
    });
  }

  /** Skip whitespace and comments; true if anything was skipped. */
  skipSpace(): boolean {
    const s = this.source;
    const begin = this.pos;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || (c >= 9 && c <= 13)) {
        this.pos++;
      } else if (s.startsWith('```', this.pos)) {
        const close = s.indexOf('```', this.pos + 3);
        if (close < 0) throw this.error(this.pos, "unterminated comment: expected a closing '```'");
        this.pos = close + 3;
      } else {
        return this.pos > begin;
      }
    }
  }

  /** Read the next token in `mode`. */
  next(mode: LexMode): Token {
    const spaced = this.skipSpace();
    const s = this.source;
    const start = this.pos;
    if (start >= s.length) return { kind: 'eof', text: '', value: '', start, end: start, spaced };
    const c = s[start] as string;
    if (c === '"') return this.readString(start, spaced, mode === 'expr');
    if (c === '`') return this.readMacro(start, spaced);
    if (c === "'" && (mode === 'expr' || mode === 'arg')) return this.readQuotedField(start, spaced);

    if (mode === 'expr') {
      NUMBER_RE.lastIndex = start;
      const num = NUMBER_RE.exec(s);
      if (num !== null && (c !== '.' || /\d/.test(s[start + 1] ?? ''))) {
        const end = start + num[0].length;
        if (IDENT_PART.test(s[end] ?? '')) {
          throw this.error(start, `invalid number '${s.slice(start, this.identEnd(end))}'`);
        }
        return this.token('number', start, end, spaced);
      }
      if (IDENT_START.test(c)) return this.token('word', start, this.identEnd(start + 1), spaced);
      const op = EXPR_PUNCT.find((p) => s.startsWith(p, start));
      if (op !== undefined) return this.token('punct', start, start + op.length, spaced);
      throw this.error(start, `unexpected character '${c}' in an expression`);
    }

    const puncts = mode === 'arg' ? ARG_PUNCT : mode === 'list' ? LIST_PUNCT : mode === 'value' ? VALUE_PUNCT : SEARCH_PUNCT;
    const op = puncts.find((p) => s.startsWith(p, start));
    if (op !== undefined) return this.token('punct', start, start + op.length, spaced);

    const stop = mode === 'arg' ? ARG_STOP : mode === 'list' ? LIST_STOP : mode === 'value' ? VALUE_STOP : SEARCH_STOP;
    let end = start;
    while (end < s.length) {
      const ch = s[end] as string;
      if (ch === '\\' && end + 1 < s.length) {
        // A backslash keeps the next character inside the word (`a\|b`, `C:\ `): it never ends a word.
        end += 2;
        continue;
      }
      if (stop.has(ch)) break;
      if ((mode === 'search' || mode === 'list') && ch === '!' && s[end + 1] === '=') break;
      if (s.startsWith('```', end)) break;
      end++;
    }
    return this.token('word', start, end, spaced);
  }

  /** Look at the next token without consuming it. */
  peek(mode: LexMode): Token {
    const save = this.pos;
    try {
      return this.next(mode);
    } finally {
      this.pos = save;
    }
  }

  /** Whether the character right at the current position (no whitespace skipped) is `ch`. */
  atChar(ch: string): boolean {
    return this.source.startsWith(ch, this.pos);
  }

  private identEnd(from: number): number {
    let end = from;
    while (end < this.source.length && IDENT_PART.test(this.source[end] as string)) end++;
    return end;
  }

  private token(kind: TokenKind, start: number, end: number, spaced: boolean, value?: string): Token {
    this.pos = end;
    const text = this.source.slice(start, end);
    return { kind, text, value: value ?? text, start, end, spaced };
  }

  private readString(start: number, spaced: boolean, evalEscapes: boolean): Token {
    const s = this.source;
    let out = '';
    let i = start + 1;
    while (i < s.length) {
      const ch = s[i] as string;
      if (ch === '"') return this.token('string', start, i + 1, spaced, out);
      if (ch === '\\' && i + 1 < s.length) {
        const nx = s[i + 1] as string;
        const decoded = decodeEscape(nx, evalEscapes);
        out += decoded ?? `\\${nx}`;
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
    throw this.error(start, 'unterminated string: expected a closing \'"\'');
  }

  private readQuotedField(start: number, spaced: boolean): Token {
    const s = this.source;
    let out = '';
    let i = start + 1;
    while (i < s.length) {
      const ch = s[i] as string;
      if (ch === "'") {
        if (out.length === 0) throw this.error(start, "empty field name ''");
        return this.token('field', start, i + 1, spaced, out);
      }
      if (ch === '\\' && (s[i + 1] === "'" || s[i + 1] === '\\')) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      out += ch;
      i++;
    }
    throw this.error(start, "unterminated field name: expected a closing \"'\"");
  }

  private readMacro(start: number, spaced: boolean): Token {
    const close = this.source.indexOf('`', start + 1);
    if (close < 0) throw this.error(start, 'unterminated macro: expected a closing \'`\'');
    return this.token('macro', start, close + 1, spaced, this.source.slice(start + 1, close));
  }
}

function decodeEscape(next: string, evalEscapes: boolean): string | undefined {
  switch (next) {
    case '\\':
      return '\\';
    case '"':
      return '"';
    case '|':
      return evalEscapes ? undefined : '|';
    case 't':
      return evalEscapes ? '\t' : undefined;
    case 'n':
      return evalEscapes ? '\n' : undefined;
    case 'r':
      return evalEscapes ? '\r' : undefined;
    default:
      return undefined;
  }
}

/** Quote a string for the search language or command arguments (inverse of the lexer's decoding). */
export function quoteSearchString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Quote a string literal for an eval expression. */
export function quoteEvalString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')}"`;
}

/** Single-quote a field name for an eval expression. */
export function quoteFieldName(name: string): string {
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
