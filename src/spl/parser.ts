/**
 * Recursive-descent parser: SPL text → `Pipeline` AST.
 *
 * Any syntactically valid SPL parses, including commands c2hunt does not run (tstats, join, timechart...),
 * which become `GenericCommand`s; the planner decides what can run. Errors are `SplSyntaxError`s that name
 * line and column, show the line with a caret and say what was expected.
 *
 * Precedence differs between the two boolean languages (spl-semantics §1.4, §3):
 * - search: ( ) > NOT > OR > AND, AND implicit between terms, so `a b OR c` is `a AND (b OR c)`;
 * - eval/where: ( ) > unary - > * / % > + - > . > < <= > >= > = != > LIKE > NOT > AND > OR > XOR.
 *   The relative order of `.`, comparisons and LIKE is not documented; this order is the conventional one.
 * Boolean operators must be upper case (Search Manual, "Boolean expressions": "The operators must be
 * capitalized"); `and` is an ordinary word.
 */
import { Ast, located } from './ast.js';
import type {
  Aggregation,
  AggregationArg,
  BinaryOp,
  Command,
  CommandOption,
  ConvertFunction,
  EvalAssignment,
  Expr,
  FieldMapping,
  GenericArg,
  MacroCall,
  Pipeline,
  SearchExpr,
  SearchOp,
  SearchValue,
  SortCollation,
  SortKey,
  Span,
} from './ast.js';
import { Lexer, type LexMode, type Token } from './lexer.js';
import { splitArgs } from './macros.js';
import type { SplSyntaxError } from '../errors.js';

/** Parse a whole query. Throws SplSyntaxError. */
export function parseSpl(text: string): Pipeline {
  return new Parser(text).parseQuery();
}

/** Parse one eval expression (used for option values such as `reset_after="(x>1)"`). */
export function parseSplExpression(text: string): Expr {
  const p = new Parser(text);
  const expr = p.parseExprOnly();
  return expr;
}

/** Parse a search clause on its own (used for `inputlookup ... where`, Sigma conversion and tests). */
export function parseSearchExpression(text: string): SearchExpr | null {
  return new Parser(text).parseSearchOnly();
}

type CommandParser = (p: Parser, name: Token) => Command;

const SORT_COLLATIONS = new Set<string>(['auto', 'str', 'num', 'ip']);
const EXPR_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'XOR', 'LIKE']);

function describe(tok: Token): string {
  switch (tok.kind) {
    case 'eof':
      return 'the end of the query';
    case 'string':
      return `the string ${tok.text.length > 30 ? `${tok.text.slice(0, 27)}..."` : tok.text}`;
    case 'macro':
      return `the macro ${tok.text}`;
    default:
      return `'${tok.text.length > 30 ? `${tok.text.slice(0, 27)}...` : tok.text}'`;
  }
}

function isCommandEnd(tok: Token): boolean {
  return tok.kind === 'eof' || (tok.kind === 'punct' && (tok.text === '|' || tok.text === ']'));
}

export class Parser {
  readonly lx: Lexer;
  /** Depth of nested subsearches; `]` ends a pipeline only inside one. */
  private depth = 0;

  constructor(text: string) {
    this.lx = new Lexer(text);
  }

  // ---------------------------------------------------------------------------------------------------
  // Plumbing

  peek(mode: LexMode): Token {
    return this.lx.peek(mode);
  }

  next(mode: LexMode): Token {
    return this.lx.next(mode);
  }

  error(at: Token | number, message: string): SplSyntaxError {
    return this.lx.error(typeof at === 'number' ? at : at.start, message);
  }

  /** "expected X after 'prev'" at the next token, or "expected X, found Y" when `after` is not given. */
  expected(what: string, after?: Token | string): SplSyntaxError {
    const tok = this.peek('arg');
    const prev = typeof after === 'string' ? after : after?.text;
    if (prev !== undefined) {
      return this.error(tok, `expected ${what} after '${prev}'${tok.kind === 'eof' ? '' : `, found ${describe(tok)}`}`);
    }
    return this.error(tok, `expected ${what}, found ${describe(tok)}`);
  }

  isPunct(tok: Token, text: string): boolean {
    return tok.kind === 'punct' && tok.text === text;
  }

  acceptPunct(mode: LexMode, text: string): Token | null {
    const tok = this.peek(mode);
    if (this.isPunct(tok, text)) return this.next(mode);
    return null;
  }

  expectPunct(mode: LexMode, text: string, what: string, after?: Token | string): Token {
    const tok = this.peek(mode);
    if (this.isPunct(tok, text)) return this.next(mode);
    throw this.expected(what, after);
  }

  /** The next arg-mode token is the (case-insensitive) keyword. */
  isKeyword(tok: Token, ...words: string[]): boolean {
    return tok.kind === 'word' && words.includes(tok.text.toLowerCase());
  }

  acceptKeyword(...words: string[]): Token | null {
    const tok = this.peek('arg');
    return this.isKeyword(tok, ...words) ? this.next('arg') : null;
  }

  atCommandEnd(): boolean {
    return isCommandEnd(this.peek('arg'));
  }

  /** Whether the token right after `tok` is the punctuation `punct`. */
  peekAfter(tok: Token, punct: string): boolean {
    const save = this.lx.pos;
    this.lx.pos = tok.end;
    const next = this.peek('arg');
    this.lx.pos = save;
    return this.isPunct(next, punct);
  }

  /** `tok` starts a `name=value` option. */
  peekIsOption(tok: Token): boolean {
    return this.peekAfter(tok, '=');
  }

  /** Inside a subsearch, where `]` ends the pipeline. */
  depthOpen(): boolean {
    return this.depth > 0;
  }

  span<T extends object>(node: T, start: number): T {
    return located(node, { start, end: this.lx.pos } satisfies Span);
  }

  // ---------------------------------------------------------------------------------------------------
  // Pipelines

  parseQuery(): Pipeline {
    const pipeline = this.parsePipeline();
    const tok = this.peek('arg');
    if (tok.kind !== 'eof') throw this.error(tok, `unexpected ${describe(tok)}: no subsearch is open`);
    return pipeline;
  }

  parseExprOnly(): Expr {
    const expr = this.parseExpr();
    const tok = this.peek('expr');
    if (tok.kind !== 'eof') throw this.error(tok, `expected an operator or the end of the expression, found ${describe(tok)}`);
    return expr;
  }

  parseSearchOnly(): SearchExpr | null {
    const expr = this.parseSearch();
    const tok = this.peek('search');
    if (tok.kind !== 'eof') throw this.error(tok, `unexpected ${describe(tok)} in the search`);
    return expr;
  }

  /** A pipeline up to the end of input, or up to `]` inside a subsearch. */
  parsePipeline(): Pipeline {
    const start = this.peek('arg').start;
    const commands: Command[] = [];
    const first = this.peek('search');
    if (this.isPunct(first, '|')) {
      this.next('search');
      commands.push(this.parseCommand(first));
    } else if (isCommandEnd(first)) {
      throw this.error(first, this.depth > 0 ? 'expected a search or a command in the subsearch' : 'expected a search or a command');
    } else {
      commands.push(this.parseLeadingSearch());
    }
    for (;;) {
      const tok = this.peek('arg');
      if (tok.kind === 'eof' || (this.depth > 0 && this.isPunct(tok, ']'))) break;
      if (this.isPunct(tok, '|')) {
        this.next('arg');
        commands.push(this.parseCommand(tok));
        continue;
      }
      if (this.isPunct(tok, ']')) throw this.error(tok, "unexpected ']': no subsearch is open");
      if (this.isPunct(tok, ')')) throw this.error(tok, "unexpected ')': no '(' is open");
      throw this.error(tok, `expected '|' or the end of the query, found ${describe(tok)}`);
    }
    return this.span(Ast.pipeline(commands), start);
  }

  /** The clause before the first pipe: a search, with or without the `search` keyword. */
  private parseLeadingSearch(): Command {
    const start = this.peek('search').start;
    const tok = this.peek('arg');
    if (tok.kind === 'word' && tok.text.toLowerCase() === 'search') {
      const save = this.lx.pos;
      this.next('arg');
      if (!this.isPunct(this.peek('search'), '=')) {
        return this.span(Ast.search(this.parseSearch(), true), start);
      }
      this.lx.pos = save;
    }
    const expr = this.parseSearch();
    return this.span(Ast.search(expr, false), start);
  }

  parseCommand(pipe: Token): Command {
    const tok = this.peek('arg');
    if (tok.kind === 'macro') {
      this.next('arg');
      const macro = this.macroFromToken(tok);
      const cmd = this.span(Ast.macroCommand(macro), tok.start);
      if (!this.atCommandEnd()) {
        throw this.error(this.peek('arg'), `expected '|' after the macro ${tok.text}, found ${describe(this.peek('arg'))}`);
      }
      return cmd;
    }
    if (tok.kind !== 'word') throw this.expected('a command name', pipe);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tok.text)) {
      throw this.error(tok, `expected a command name after '|', found ${describe(tok)}`);
    }
    this.next('arg');
    const name = tok.text.toLowerCase();
    const parser = COMMANDS[name];
    const command = parser !== undefined ? parser(this, tok) : parseGeneric(this, tok);
    const end = this.peek('arg');
    if (!isCommandEnd(end)) {
      throw this.error(end, `unexpected ${describe(end)} in '${name}': expected '|' or the end of the query`);
    }
    return this.span(command, tok.start);
  }

  // ---------------------------------------------------------------------------------------------------
  // Search clause

  /** Zero or more AND-ed operands, up to `|`, `)`, `]` or the end. */
  parseSearch(): SearchExpr | null {
    const start = this.peek('search').start;
    const operands: SearchExpr[] = [];
    for (;;) {
      const tok = this.peek('search');
      if (isCommandEnd(tok) || this.isPunct(tok, ')')) break;
      if (tok.kind === 'word' && tok.text === 'AND') {
        if (operands.length === 0) throw this.error(tok, "expected a search term before 'AND'");
        this.next('search');
        const after = this.peek('search');
        if (isCommandEnd(after) || this.isPunct(after, ')') || (after.kind === 'word' && (after.text === 'OR' || after.text === 'AND'))) {
          throw this.error(after, `expected a search term after 'AND'${after.kind === 'eof' ? '' : `, found ${describe(after)}`}`);
        }
        continue;
      }
      operands.push(this.parseSearchOr());
    }
    if (operands.length === 0) return null;
    if (operands.length === 1) return operands[0] as SearchExpr;
    return this.span(Ast.and(operands), start);
  }

  private parseSearchOr(): SearchExpr {
    const start = this.peek('search').start;
    const operands = [this.parseSearchNot()];
    for (;;) {
      const tok = this.peek('search');
      if (tok.kind !== 'word' || tok.text !== 'OR') break;
      this.next('search');
      const after = this.peek('search');
      if (isCommandEnd(after) || this.isPunct(after, ')') || (after.kind === 'word' && (after.text === 'OR' || after.text === 'AND'))) {
        throw this.error(after, `expected a search term after 'OR'${after.kind === 'eof' ? '' : `, found ${describe(after)}`}`);
      }
      operands.push(this.parseSearchNot());
    }
    return operands.length === 1 ? (operands[0] as SearchExpr) : this.span(Ast.or(operands), start);
  }

  private parseSearchNot(): SearchExpr {
    const tok = this.peek('search');
    if (tok.kind === 'word' && tok.text === 'NOT') {
      this.next('search');
      const after = this.peek('search');
      if (isCommandEnd(after) || this.isPunct(after, ')') || (after.kind === 'word' && (after.text === 'OR' || after.text === 'AND'))) {
        throw this.error(after, `expected a search term after 'NOT'${after.kind === 'eof' ? '' : `, found ${describe(after)}`}`);
      }
      return this.span(Ast.not(this.parseSearchNot()), tok.start);
    }
    return this.parseSearchPrimary();
  }

  private parseSearchPrimary(): SearchExpr {
    const tok = this.peek('search');
    const start = tok.start;
    if (this.isPunct(tok, '(')) {
      this.next('search');
      const inner = this.parseSearch();
      const close = this.peek('search');
      if (!this.isPunct(close, ')')) {
        const { line, column } = this.lx.lineCol(tok.start);
        throw this.error(close, `expected ')' to close the '(' at line ${line}, col ${column}, found ${describe(close)}`);
      }
      if (inner === null) throw this.error(close, "expected a search term after '('");
      this.next('search');
      return inner;
    }
    if (this.isPunct(tok, '[')) {
      this.next('search');
      return this.span(Ast.subsearch(this.parseSubsearchBody(tok)), start);
    }
    if (tok.kind === 'macro') {
      this.next('search');
      return this.span(Ast.searchMacro(this.macroFromToken(tok)), start);
    }
    if (tok.kind === 'string') {
      this.next('search');
      const op = this.peek('search');
      if (op.kind === 'punct' && isSearchOp(op.text)) {
        throw this.error(tok, `expected a field name before '${op.text}', found ${describe(tok)} (field names are not quoted in a search)`);
      }
      return this.span(Ast.term(Ast.value(tok.value)), start);
    }
    if (tok.kind === 'word') {
      this.next('search');
      const directive = this.tryDirective(tok);
      if (directive !== null) return this.span(Ast.term(directive), start);
      const op = this.peek('search');
      if (op.kind === 'punct' && isSearchOp(op.text)) {
        this.next('search');
        const value = this.parseSearchValue(op);
        const normalized: SearchOp = op.text === '==' ? '=' : (op.text as SearchOp);
        return this.span(Ast.compare(tok.text, normalized, value), start);
      }
      if (op.kind === 'word' && (op.text === 'IN' || op.text === 'in')) {
        const save = this.lx.pos;
        this.next('search');
        if (this.isPunct(this.peek('list'), '(')) return this.span(this.parseInList(tok), start);
        this.lx.pos = save;
      }
      return this.span(Ast.term(Ast.value(tok.text)), start);
    }
    if (tok.kind === 'punct' && isSearchOp(tok.text)) {
      throw this.error(tok, `expected a field name before '${tok.text}'`);
    }
    throw this.error(tok, `expected a search term, found ${describe(tok)}`);
  }

  /** `CASE(value)` / `TERM(value)` right after the word, with no space before `(`. */
  private tryDirective(word: Token): SearchValue | null {
    if ((word.text !== 'CASE' && word.text !== 'TERM') || !this.lx.atChar('(')) return null;
    this.next('search');
    const inner = this.next('search');
    if (inner.kind !== 'word' && inner.kind !== 'string') throw this.error(inner, `expected a value inside ${word.text}(...), found ${describe(inner)}`);
    this.expectPunct('search', ')', `')' to close ${word.text}(`, inner);
    return Ast.value(inner.value, word.text);
  }

  private parseSearchValue(op: Token): SearchValue {
    const tok = this.peek('value');
    if (tok.kind === 'string') {
      this.next('value');
      return Ast.value(tok.value);
    }
    if (tok.kind === 'word') {
      this.next('value');
      return this.tryDirective(tok) ?? Ast.value(tok.text);
    }
    throw this.error(tok, `expected a value after '${op.text}'${tok.kind === 'eof' ? '' : `, found ${describe(tok)}`}`);
  }

  private parseInList(field: Token): SearchExpr {
    const open = this.next('list');
    const values: SearchValue[] = [];
    for (;;) {
      const tok = this.next('list');
      if (tok.kind === 'word' || tok.kind === 'string') {
        values.push(tok.kind === 'word' ? (this.tryDirective(tok) ?? Ast.value(tok.text)) : Ast.value(tok.value));
      } else {
        throw this.error(tok, `expected a value in the IN list of '${field.text}', found ${describe(tok)}`);
      }
      const sep = this.peek('list');
      if (this.isPunct(sep, ',')) {
        this.next('list');
        continue;
      }
      if (this.isPunct(sep, ')')) {
        this.next('list');
        break;
      }
      if (sep.kind === 'word' || sep.kind === 'string') continue; // Splunk also accepts space-separated lists
      const { line, column } = this.lx.lineCol(open.start);
      throw this.error(sep, `expected ',' or ')' in the IN list opened at line ${line}, col ${column}, found ${describe(sep)}`);
    }
    return Ast.in(field.text, values);
  }

  parseSubsearchBody(open: Token): Pipeline {
    this.depth++;
    const pipeline = this.parsePipeline();
    this.depth--;
    const close = this.peek('arg');
    if (!this.isPunct(close, ']')) {
      const { line, column } = this.lx.lineCol(open.start);
      throw this.error(close, `expected ']' to close the subsearch opened at line ${line}, col ${column}`);
    }
    this.next('arg');
    return pipeline;
  }

  macroFromToken(tok: Token): MacroCall {
    const body = tok.value.trim();
    const m = /^([A-Za-z0-9_.:-]+)\s*(?:\(([\s\S]*)\))?$/.exec(body);
    if (m === null) throw this.error(tok, `invalid macro ${tok.text}: expected \`name\` or \`name(arguments)\``);
    const name = m[1] as string;
    if (m[2] === undefined) return Ast.macro(name, null);
    return Ast.macro(name, splitArgs(m[2]));
  }

  // ---------------------------------------------------------------------------------------------------
  // Eval expressions

  parseExpr(): Expr {
    return this.parseBinaryLevel(0);
  }

  private parseBinaryLevel(level: number): Expr {
    if (level === NOT_LEVEL) {
      const tok = this.peek('expr');
      if (tok.kind === 'word' && tok.text === 'NOT') {
        this.next('expr');
        return this.span(Ast.unary('NOT', this.parseBinaryLevel(NOT_LEVEL)), tok.start);
      }
      return this.parseBinaryLevel(level + 1);
    }
    if (level >= LEVELS.length) return this.parseUnary();
    const ops = LEVELS[level] as readonly BinaryOp[];
    const start = this.peek('expr').start;
    let left = this.parseBinaryLevel(level + 1);
    for (;;) {
      const tok = this.peek('expr');
      const op = binaryOpOf(tok);
      if (op === null || !ops.includes(op)) break;
      this.next('expr');
      const after = this.peek('expr');
      if (isExprEnd(after)) throw this.error(after, `expected an expression after '${tok.text}'${after.kind === 'eof' ? '' : `, found ${describe(after)}`}`);
      const right = this.parseBinaryLevel(level + 1);
      left = this.span(Ast.binary(op, left, right), start);
    }
    return left;
  }

  private parseUnary(): Expr {
    const tok = this.peek('expr');
    if (this.isPunct(tok, '-') || this.isPunct(tok, '+')) {
      this.next('expr');
      return this.span(Ast.unary(tok.text as '-' | '+', this.parseUnary()), tok.start);
    }
    return this.parsePrimaryExpr();
  }

  private parsePrimaryExpr(): Expr {
    const tok = this.next('expr');
    switch (tok.kind) {
      case 'number':
        return this.span(Ast.number(tok.text), tok.start);
      case 'string':
        return this.span(Ast.string(tok.value), tok.start);
      case 'field':
        return this.span(Ast.field(tok.value), tok.start);
      case 'macro':
        return this.span(Ast.macroExpr(this.macroFromToken(tok)), tok.start);
      case 'word': {
        if (EXPR_KEYWORDS.has(tok.text)) throw this.error(tok, `expected an expression, found the operator '${tok.text}'`);
        if (this.isPunct(this.peek('expr'), '(')) return this.parseCall(tok);
        if (tok.text === 'null') return this.span(Ast.null(), tok.start);
        return this.span(Ast.field(tok.text), tok.start);
      }
      case 'punct':
        if (tok.text === '(') {
          const inner = this.parseExpr();
          const close = this.peek('expr');
          if (!this.isPunct(close, ')')) {
            const { line, column } = this.lx.lineCol(tok.start);
            throw this.error(close, `expected ')' to close the '(' at line ${line}, col ${column}, found ${describe(close)}`);
          }
          this.next('expr');
          return inner;
        }
        throw this.error(tok, `expected an expression, found ${describe(tok)}`);
      case 'eof':
        throw this.error(tok, 'expected an expression, found the end of the query');
    }
  }

  private parseCall(name: Token): Expr {
    const open = this.next('expr');
    const args: Expr[] = [];
    if (!this.acceptPunct('expr', ')')) {
      for (;;) {
        const tok = this.peek('expr');
        if (this.isPunct(tok, ',') || this.isPunct(tok, ')')) {
          throw this.error(tok, `expected an argument of ${name.text}(), found ${describe(tok)}`);
        }
        args.push(this.parseExpr());
        const sep = this.peek('expr');
        if (this.isPunct(sep, ',')) {
          this.next('expr');
          continue;
        }
        if (this.isPunct(sep, ')')) {
          this.next('expr');
          break;
        }
        const { line, column } = this.lx.lineCol(open.start);
        throw this.error(
          sep,
          `expected ',' or ')' in the arguments of ${name.text}() opened at line ${line}, col ${column}, found ${describe(sep)}`,
        );
      }
    }
    return this.span(Ast.call(name.text, args), name.start);
  }

  // ---------------------------------------------------------------------------------------------------
  // Command-argument helpers

  /** A field name argument: a word, a quoted string or a single-quoted name. */
  acceptFieldName(): Token | null {
    const tok = this.peek('arg');
    if (tok.kind === 'word' || tok.kind === 'string' || tok.kind === 'field') return this.next('arg');
    return null;
  }

  expectFieldName(after: Token | string, what = 'a field name'): string {
    const tok = this.acceptFieldName();
    if (tok === null) throw this.expected(what, after);
    return tok.value;
  }

  /** `name=value` if the next two tokens are a word and `=`. */
  tryOption(allowed?: ReadonlySet<string>): CommandOption | null {
    const tok = this.peek('arg');
    if (tok.kind !== 'word') return null;
    const save = this.lx.pos;
    this.next('arg');
    if (!this.isPunct(this.peek('arg'), '=') || (allowed !== undefined && !allowed.has(tok.text.toLowerCase()))) {
      this.lx.pos = save;
      return null;
    }
    const eq = this.next('arg');
    const value = this.peek('arg');
    if (value.kind !== 'word' && value.kind !== 'string' && value.kind !== 'field') {
      throw this.expected(`a value for '${tok.text}'`, eq);
    }
    this.next('arg');
    return this.span(Ast.option(tok.text.toLowerCase(), value.value), tok.start);
  }

  /**
   * Options (`name=value`) up to the next other argument are added to `options`; that argument's token is
   * returned (not consumed), or null at the command's end. The loop of commands that mix options with
   * their own arguments.
   */
  argAfterOptions(options: CommandOption[]): Token | null {
    for (let opt = this.tryOption(); opt !== null; opt = this.tryOption()) options.push(opt);
    const tok = this.peek('arg');
    return isCommandEnd(tok) ? null : tok;
  }

  /** Field names separated by spaces and/or commas, up to the command's end or a stop word. */
  parseFieldList(stop: (tok: Token) => boolean = () => false): string[] {
    const fields: string[] = [];
    for (;;) {
      const tok = this.peek('arg');
      if (isCommandEnd(tok) || stop(tok)) break;
      if (this.isPunct(tok, ',')) {
        if (fields.length === 0) throw this.error(tok, "expected a field name before ','");
        this.next('arg');
        continue;
      }
      if (tok.kind !== 'word' && tok.kind !== 'string' && tok.kind !== 'field') {
        throw this.error(tok, `expected a field name, found ${describe(tok)}`);
      }
      this.next('arg');
      fields.push(tok.value);
    }
    return fields;
  }

  /** An optional leading count (`head 5`, `sort 100`, `dedup 2`). */
  acceptCount(): number | null {
    const tok = this.peek('arg');
    if (tok.kind === 'word' && /^\d+$/.test(tok.text)) {
      this.next('arg');
      return Number(tok.text);
    }
    return null;
  }

  parseSortKey(): SortKey | null {
    let tok = this.peek('arg');
    if (tok.kind !== 'word' && tok.kind !== 'string' && tok.kind !== 'field') return null;
    let descending = false;
    let signed = false;
    if (tok.kind === 'word' && (tok.text === '-' || tok.text === '+')) {
      this.next('arg');
      descending = tok.text === '-';
      signed = true;
      tok = this.peek('arg');
      if (tok.kind !== 'word' && tok.kind !== 'string' && tok.kind !== 'field') throw this.expected('a field name', `${descending ? '-' : '+'}`);
    }
    this.next('arg');
    let name = tok.value;
    if (!signed && tok.kind === 'word' && (name.startsWith('-') || name.startsWith('+'))) {
      descending = name.startsWith('-');
      name = name.slice(1);
    }
    let collation: SortCollation = 'auto';
    if (tok.kind === 'word' && SORT_COLLATIONS.has(name.toLowerCase()) && this.isPunct(this.peek('arg'), '(')) {
      collation = name.toLowerCase() as SortCollation;
      const open = this.next('arg');
      name = this.expectFieldName(open);
      this.expectPunct('arg', ')', `')' to close ${collation}(`, name);
    }
    if (name === '') throw this.error(tok, `expected a field name after '${descending ? '-' : '+'}'`);
    return Ast.sortKey(name, descending, collation);
  }
}

// -------------------------------------------------------------------------------------------------------
// Expression precedence table, lowest first. NOT sits between AND and LIKE (handled in parseBinaryLevel).

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ['XOR'],
  ['OR'],
  ['AND'],
  [], // NOT (unary)
  ['LIKE'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['.'],
  ['+', '-'],
  ['*', '/', '%'],
];
const NOT_LEVEL = 3;

/** Binding strength of an operator (higher binds tighter); shared with the printer. */
export const EXPR_PRECEDENCE: Readonly<Record<BinaryOp | 'NOT', number>> = Object.freeze({
  XOR: 0,
  OR: 1,
  AND: 2,
  NOT: 3,
  LIKE: 4,
  '=': 5,
  '!=': 5,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  '.': 7,
  '+': 8,
  '-': 8,
  '*': 9,
  '/': 9,
  '%': 9,
});

function binaryOpOf(tok: Token): BinaryOp | null {
  if (tok.kind === 'word') {
    if (tok.text === 'AND' || tok.text === 'OR' || tok.text === 'XOR' || tok.text === 'LIKE') return tok.text;
    return null;
  }
  if (tok.kind !== 'punct') return null;
  switch (tok.text) {
    case '==':
    case '=':
      return '=';
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '.':
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return tok.text;
    default:
      return null;
  }
}

function isExprEnd(tok: Token): boolean {
  return tok.kind === 'eof' || (tok.kind === 'punct' && (tok.text === '|' || tok.text === ']' || tok.text === ',' || tok.text === ')'));
}

function isSearchOp(text: string): boolean {
  return text === '=' || text === '==' || text === '!=' || text === '<' || text === '<=' || text === '>' || text === '>=';
}

// -------------------------------------------------------------------------------------------------------
// Commands

const COMMANDS: Readonly<Record<string, CommandParser>> = Object.freeze({
  search: (p: Parser) => Ast.search(p.parseSearch(), true),
  where: (p: Parser, name: Token) => {
    if (p.atCommandEnd()) throw p.expected('an expression', name);
    return Ast.where(parseWholeExpr(p, 'where'));
  },
  eval: parseEval,
  stats: (p: Parser, name: Token) => parseStats(p, name, 'stats'),
  eventstats: (p: Parser, name: Token) => parseStats(p, name, 'eventstats'),
  streamstats: (p: Parser, name: Token) => parseStats(p, name, 'streamstats'),
  bin: parseBin,
  bucket: parseBin,
  sort: parseSort,
  head: parseHead,
  tail: (p: Parser) => Ast.tail(p.acceptCount()),
  table: (p: Parser, name: Token) => {
    const fields = p.parseFieldList();
    if (fields.length === 0) throw p.expected('a field name', name);
    return Ast.table(fields);
  },
  fields: parseFields,
  rename: parseRename,
  dedup: parseDedup,
  fillnull: parseFillnull,
  rex: parseRex,
  regex: parseRegex,
  makemv: parseMakemv,
  mvexpand: parseMvexpand,
  top: (p: Parser, name: Token) => parseTop(p, name, 'top'),
  rare: (p: Parser, name: Token) => parseTop(p, name, 'rare'),
  lookup: parseLookup,
  inputlookup: parseInputlookup,
  convert: parseConvert,
  makeresults: (p: Parser) => {
    const options: CommandOption[] = [];
    for (;;) {
      const o = p.tryOption();
      if (o === null) break;
      options.push(o);
    }
    return Ast.makeresults(options);
  },
});

/** `convert [timeformat=...] func(field) [AS name] ...` (commas optional). */
function parseConvert(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  const conversions: ConvertFunction[] = [];
  for (;;) {
    const tok = p.argAfterOptions(options);
    if (tok === null) break;
    if (p.isPunct(tok, ',') && conversions.length > 0) {
      p.next('arg');
      continue;
    }
    if (tok.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tok.text) || !p.peekAfter(tok, '(')) {
      throw p.error(tok, `expected a conversion such as ctime(field) in 'convert', found ${describe(tok)}`);
    }
    p.next('arg');
    const open = p.next('arg');
    const field = p.expectFieldName(open);
    p.expectPunct('arg', ')', `')' to close ${tok.text}(`, field);
    let as: string | null = null;
    const asTok = p.acceptKeyword('as');
    if (asTok !== null) as = p.expectFieldName(asTok, 'a new field name');
    conversions.push(p.span(Ast.convertFunction(tok.text.toLowerCase(), field, as), tok.start));
  }
  if (conversions.length === 0) throw p.expected('a conversion such as ctime(field)', name);
  return Ast.convert(conversions, options);
}

/** An expression that must run to the end of the command (where, head (...)). */
function parseWholeExpr(p: Parser, command: string): Expr {
  const expr = p.parseExpr();
  const tok = p.peek('expr');
  if (!isCommandEnd(tok)) throw p.error(tok, `expected an operator or the end of '${command}', found ${describe(tok)}`);
  return expr;
}

function parseEval(p: Parser, name: Token): Command {
  const assignments: EvalAssignment[] = [];
  let after: Token | string = name;
  for (;;) {
    const start = p.peek('arg').start;
    const target = p.acceptFieldName();
    if (target === null) throw p.expected('a field name to assign', after);
    const eq = p.peek('arg');
    if (!p.isPunct(eq, '=')) throw p.expected("'='", target);
    p.next('arg');
    if (isExprEnd(p.peek('expr'))) throw p.expected('an expression', eq);
    const expr = p.parseExpr();
    assignments.push(p.span(Ast.assign(target.value, expr), start));
    const sep = p.peek('expr');
    if (p.isPunct(sep, ',')) {
      after = p.next('expr');
      continue;
    }
    if (isCommandEnd(sep)) break;
    throw p.error(sep, `expected an operator, ',' or the end of 'eval', found ${describe(sep)}`);
  }
  return Ast.eval(assignments);
}

function parseStats(p: Parser, name: Token, command: 'stats' | 'eventstats' | 'streamstats'): Command {
  const options: CommandOption[] = [];
  const aggregations: Aggregation[] = [];
  let by: string[] = [];
  for (;;) {
    const tok = p.argAfterOptions(options);
    if (tok === null) break;
    if (p.isKeyword(tok, 'by')) {
      if (aggregations.length === 0) throw p.error(tok, `expected a statistical function before 'by'`);
      p.next('arg');
      by = p.parseFieldList((t) => t.kind === 'word' && p.peekIsOption(t));
      if (by.length === 0) throw p.expected('a field name', tok);
      continue;
    }
    if (by.length > 0) throw p.error(tok, `expected an option or the end of '${command}', found ${describe(tok)}`);
    if (p.isPunct(tok, ',')) {
      if (aggregations.length === 0) throw p.error(tok, `expected a statistical function before ','`);
      p.next('arg');
      continue;
    }
    aggregations.push(parseAggregation(p));
  }
  if (aggregations.length === 0) throw p.expected('a statistical function', name);
  return Ast.stats(command, aggregations, by, options);
}

function parseAggregation(p: Parser): Aggregation {
  const tok = p.next('arg');
  const start = tok.start;
  if (tok.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tok.text)) {
    throw p.error(tok, `expected a statistical function, found ${describe(tok)}`);
  }
  let arg: AggregationArg | null = null;
  const open = p.acceptPunct('arg', '(');
  if (open !== null) {
    const inner = p.peek('arg');
    if (inner.kind === 'word' && inner.text === 'eval' && p.peekAfter(inner, '(')) {
      p.next('arg');
      const evalOpen = p.next('arg');
      const expr = p.parseExpr();
      p.expectPunct('expr', ')', `')' to close eval(`, evalOpen);
      arg = Ast.evalArg(expr);
    } else if (inner.kind === 'word' || inner.kind === 'string' || inner.kind === 'field') {
      p.next('arg');
      arg = Ast.fieldArg(inner.value);
    } else if (!p.isPunct(inner, ')')) {
      throw p.expected('a field name', open);
    }
    p.expectPunct('arg', ')', `')' to close ${tok.text}(`, arg === null ? open : undefined);
  }
  let as: string | null = null;
  const asTok = p.acceptKeyword('as');
  if (asTok !== null) as = p.expectFieldName(asTok, 'a new field name');
  return p.span(Ast.aggregation(tok.text, arg, as), start);
}

function parseBin(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  let field: string | null = null;
  let as: string | null = null;
  for (;;) {
    const tok = p.argAfterOptions(options);
    if (tok === null) break;
    if (field !== null && p.isKeyword(tok, 'as')) {
      p.next('arg');
      as = p.expectFieldName(tok, 'a new field name');
      continue;
    }
    if (field !== null) throw p.error(tok, `expected an option, 'as' or the end of '${name.text}', found ${describe(tok)}`);
    field = p.expectFieldName(name);
  }
  if (field === null) throw p.expected('a field name', name);
  return Ast.bin(field, options, as);
}

function parseSort(p: Parser, name: Token): Command {
  let limit = p.acceptCount();
  const keys: SortKey[] = [];
  let reverse = false;
  for (;;) {
    const opt = p.tryOption(new Set(['limit']));
    if (opt !== null) {
      if (!/^\d+$/.test(opt.value)) throw p.error(p.lx.pos - opt.value.length, `expected a whole number for 'limit', found '${opt.value}'`);
      limit = Number(opt.value);
      continue;
    }
    const tok = p.peek('arg');
    if (isCommandEnd(tok)) break;
    if (p.isPunct(tok, ',')) {
      if (keys.length === 0) throw p.error(tok, "expected a field name before ','");
      p.next('arg');
      continue;
    }
    if (keys.length > 0 && p.isKeyword(tok, 'desc', 'd')) {
      const save = p.lx.pos;
      p.next('arg');
      if (p.atCommandEnd()) {
        reverse = true;
        break;
      }
      p.lx.pos = save;
    }
    const key = p.parseSortKey();
    if (key === null) throw p.error(tok, `expected a field name to sort by, found ${describe(tok)}`);
    keys.push(key);
  }
  if (keys.length === 0) throw p.expected('a field name to sort by', limit === null ? name : String(limit));
  return Ast.sort(keys, limit, reverse);
}

function parseHead(p: Parser): Command {
  let limit = p.acceptCount();
  let expr: Expr | null = null;
  const options: CommandOption[] = [];
  for (;;) {
    const opt = p.tryOption(new Set(['limit', 'null', 'keeplast']));
    if (opt !== null) {
      if (opt.name === 'limit') {
        if (!/^\d+$/.test(opt.value)) throw p.error(p.lx.pos - opt.value.length, `expected a whole number for 'limit', found '${opt.value}'`);
        limit = Number(opt.value);
      } else {
        options.push(opt);
      }
      continue;
    }
    const tok = p.peek('arg');
    if (isCommandEnd(tok)) break;
    if (expr === null && p.isPunct(tok, '(')) {
      p.next('expr');
      expr = p.parseExpr();
      p.expectPunct('expr', ')', "')' to close the head expression");
      continue;
    }
    if (limit === null && expr === null && tok.kind === 'word' && /^\d+$/.test(tok.text)) {
      limit = p.acceptCount();
      continue;
    }
    throw p.error(tok, `expected a number, an option or '(expression)' in 'head', found ${describe(tok)}`);
  }
  return Ast.head(limit, expr, options);
}

function parseFields(p: Parser, name: Token): Command {
  let remove = false;
  const sign = p.peek('arg');
  if (sign.kind === 'word' && (sign.text === '-' || sign.text === '+')) {
    p.next('arg');
    remove = sign.text === '-';
  }
  const fields = p.parseFieldList();
  if (fields.length === 0) throw p.expected('a field name', remove || sign.text === '+' ? sign : name);
  return Ast.fields(fields, remove);
}

function parseRename(p: Parser, name: Token): Command {
  const renames = [];
  let after: Token = name;
  for (;;) {
    const tok = p.peek('arg');
    if (isCommandEnd(tok)) break;
    if (p.isPunct(tok, ',') && renames.length > 0) {
      after = p.next('arg');
      continue;
    }
    const start = tok.start;
    const from = p.acceptFieldName();
    if (from === null) throw p.expected('a field name', after);
    const as = p.acceptKeyword('as');
    if (as === null) throw p.expected("'as'", from);
    const to = p.expectFieldName(as, 'a new field name');
    renames.push(p.span(Ast.rename(from.value, to), start));
    after = p.peek('arg');
  }
  if (renames.length === 0) throw p.expected('a field name', name);
  return Ast.renameCommand(renames);
}

function parseDedup(p: Parser, name: Token): Command {
  const count = p.acceptCount();
  const options: CommandOption[] = [];
  const fields: string[] = [];
  const sortby: SortKey[] = [];
  for (;;) {
    const tok = p.argAfterOptions(options);
    if (tok === null) break;
    if (p.isKeyword(tok, 'sortby')) {
      p.next('arg');
      for (;;) {
        if (p.acceptPunct('arg', ',') !== null) continue;
        const key = p.parseSortKey();
        if (key === null) break;
        sortby.push(key);
      }
      if (sortby.length === 0) throw p.expected('a field name', tok);
      continue;
    }
    if (p.isPunct(tok, ',')) {
      p.next('arg');
      continue;
    }
    if (sortby.length > 0) throw p.error(tok, `expected an option or the end of 'dedup', found ${describe(tok)}`);
    fields.push(p.expectFieldName(name));
  }
  if (fields.length === 0) throw p.expected('a field name', count === null ? name : String(count));
  return Ast.dedup(fields, count, options, sortby);
}

function parseFillnull(p: Parser): Command {
  let value: string | null = null;
  const fields: string[] = [];
  for (;;) {
    const opt = p.tryOption(new Set(['value']));
    if (opt !== null) {
      value = opt.value;
      continue;
    }
    const tok = p.peek('arg');
    if (isCommandEnd(tok)) break;
    if (p.isPunct(tok, ',')) {
      p.next('arg');
      continue;
    }
    const field = p.acceptFieldName();
    if (field === null) throw p.error(tok, `expected a field name, found ${describe(tok)}`);
    fields.push(field.value);
  }
  return Ast.fillnull(value, fields);
}

function parseRex(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  let pattern: string | null = null;
  for (;;) {
    const tok = p.argAfterOptions(options);
    if (tok === null) break;
    if (tok.kind === 'string' && pattern === null) {
      p.next('arg');
      pattern = tok.value;
      continue;
    }
    throw p.error(tok, `expected an option or a quoted regular expression in 'rex', found ${describe(tok)}`);
  }
  if (pattern === null) throw p.expected('a quoted regular expression', name);
  return Ast.rex(pattern, options);
}

function parseRegex(p: Parser, name: Token): Command {
  const tok = p.peek('arg');
  if (tok.kind === 'string') {
    p.next('arg');
    return Ast.regex(tok.value);
  }
  if (tok.kind === 'word') {
    p.next('arg');
    let field = tok.text;
    let negate = false;
    if (field.endsWith('!')) {
      negate = true;
      field = field.slice(0, -1);
    }
    const eq = p.expectPunct('arg', '=', "'=' or '!='", tok);
    const pat = p.peek('arg');
    if (pat.kind !== 'string') throw p.expected('a quoted regular expression', negate ? '!=' : eq);
    p.next('arg');
    if (field === '') throw p.error(tok, "expected a field name before '!='");
    return Ast.regex(pat.value, field, negate);
  }
  throw p.expected('a quoted regular expression', name);
}

function parseMakemv(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  let field: string | null = null;
  for (;;) {
    const opt = p.tryOption();
    if (opt !== null) {
      options.push(opt);
      continue;
    }
    if (p.atCommandEnd()) break;
    if (field !== null) throw p.error(p.peek('arg'), `expected an option or the end of 'makemv', found ${describe(p.peek('arg'))}`);
    field = p.expectFieldName(name);
  }
  if (field === null) throw p.expected('a field name', name);
  return Ast.makemv(field, options);
}

function parseMvexpand(p: Parser, name: Token): Command {
  let field: string | null = null;
  let limit: number | null = null;
  for (;;) {
    const opt = p.tryOption(new Set(['limit']));
    if (opt !== null) {
      if (!/^\d+$/.test(opt.value)) throw p.error(p.lx.pos - opt.value.length, `expected a whole number for 'limit', found '${opt.value}'`);
      limit = Number(opt.value);
      continue;
    }
    if (p.atCommandEnd()) break;
    if (field !== null) throw p.error(p.peek('arg'), `expected 'limit=' or the end of 'mvexpand', found ${describe(p.peek('arg'))}`);
    field = p.expectFieldName(name);
  }
  if (field === null) throw p.expected('a field name', name);
  return Ast.mvexpand(field, limit);
}

function parseTop(p: Parser, name: Token, command: 'top' | 'rare'): Command {
  let limit = p.acceptCount();
  const options: CommandOption[] = [];
  const fields: string[] = [];
  let by: string[] = [];
  for (;;) {
    const opt = p.tryOption();
    if (opt !== null) {
      if (opt.name === 'limit') {
        if (!/^\d+$/.test(opt.value)) throw p.error(p.lx.pos - opt.value.length, `expected a whole number for 'limit', found '${opt.value}'`);
        limit = Number(opt.value);
      } else {
        options.push(opt);
      }
      continue;
    }
    const tok = p.peek('arg');
    if (isCommandEnd(tok)) break;
    if (p.isKeyword(tok, 'by')) {
      if (fields.length === 0) throw p.error(tok, "expected a field name before 'by'");
      p.next('arg');
      by = p.parseFieldList((t) => t.kind === 'word' && p.peekIsOption(t));
      if (by.length === 0) throw p.expected('a field name', tok);
      continue;
    }
    if (p.isPunct(tok, ',')) {
      p.next('arg');
      continue;
    }
    if (by.length > 0) throw p.error(tok, `expected an option or the end of '${command}', found ${describe(tok)}`);
    fields.push(p.expectFieldName(name));
  }
  if (fields.length === 0) throw p.expected('a field name', name);
  return Ast.top(command, fields, by, limit, options);
}

function parseLookup(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  for (;;) {
    const opt = p.tryOption(new Set(['local', 'update']));
    if (opt === null) break;
    options.push(opt);
  }
  const table = p.expectFieldName(name, 'a lookup table name');
  const isOutput = (t: Token) => p.isKeyword(t, 'output', 'outputnew');
  const inputs = parseMappings(p, table, isOutput);
  if (inputs.length === 0) throw p.expected('a lookup field name', table);
  let outputMode: 'OUTPUT' | 'OUTPUTNEW' | null = null;
  let outputs: FieldMapping[] = [];
  const out = p.peek('arg');
  if (isOutput(out)) {
    p.next('arg');
    outputMode = out.text.toUpperCase() as 'OUTPUT' | 'OUTPUTNEW';
    outputs = parseMappings(p, out.text, () => false);
    if (outputs.length === 0) throw p.expected('an output field name', out);
  }
  return Ast.lookup(table, inputs, outputMode, outputs, options);
}

function parseMappings(p: Parser, after: string, stop: (t: Token) => boolean): FieldMapping[] {
  const mappings: FieldMapping[] = [];
  for (;;) {
    const tok = p.peek('arg');
    if (isCommandEnd(tok) || stop(tok)) break;
    if (p.isPunct(tok, ',')) {
      if (mappings.length === 0) throw p.error(tok, `expected a field name after '${after}'`);
      p.next('arg');
      continue;
    }
    const field = p.acceptFieldName();
    if (field === null) throw p.error(tok, `expected a field name, found ${describe(tok)}`);
    let as: string | null = null;
    const asTok = p.acceptKeyword('as');
    if (asTok !== null) as = p.expectFieldName(asTok, 'a new field name');
    mappings.push(p.span(Ast.mapping(field.value, as), tok.start));
  }
  return mappings;
}

function parseInputlookup(p: Parser, name: Token): Command {
  const options: CommandOption[] = [];
  for (;;) {
    const opt = p.tryOption();
    if (opt === null) break;
    options.push(opt);
  }
  const table = p.expectFieldName(name, 'a lookup table name');
  let where: SearchExpr | null = null;
  const w = p.acceptKeyword('where');
  if (w !== null) {
    where = p.parseSearch();
    if (where === null) throw p.expected('a search expression', w);
  }
  return Ast.inputlookup(table, where, options);
}

/** Any other command: keep its tokens, with brackets nested, up to the next top-level `|`. */
function parseGeneric(p: Parser, name: Token): Command {
  return Ast.generic(name.text.toLowerCase(), parseGenericArgs(p, null));
}

function parseGenericArgs(p: Parser, open: Token | null): GenericArg[] {
  const args: GenericArg[] = [];
  let parens = 0;
  for (;;) {
    const tok = p.peek('arg');
    if (tok.kind === 'eof') {
      if (open !== null) {
        const { line, column } = p.lx.lineCol(open.start);
        throw p.error(tok, `expected ']' to close the '[' at line ${line}, col ${column}`);
      }
      break;
    }
    if (p.isPunct(tok, ']')) {
      if (open !== null || p.depthOpen()) break;
      throw p.error(tok, "unexpected ']': no '[' is open");
    }
    if (p.isPunct(tok, '|') && open === null) break;
    p.next('arg');
    switch (tok.kind) {
      case 'word':
        args.push({ kind: 'GenericWord', text: tok.text });
        break;
      case 'string':
        args.push({ kind: 'GenericString', value: tok.value });
        break;
      case 'field':
        args.push({ kind: 'GenericField', name: tok.value });
        break;
      case 'macro':
        args.push({ kind: 'GenericMacro', macro: p.macroFromToken(tok) });
        break;
      case 'number':
        args.push({ kind: 'GenericWord', text: tok.text });
        break;
      case 'punct':
        if (tok.text === '[') {
          const inner = parseGenericArgs(p, tok);
          p.next('arg');
          args.push({ kind: 'GenericBracket', args: inner });
        } else if (tok.text === '|') {
          // Inside brackets a pipe separates the commands of a nested search: keep it as a word.
          args.push({ kind: 'GenericWord', text: '|' });
        } else {
          if (tok.text === '(') parens++;
          if (tok.text === ')') {
            if (parens === 0) throw p.error(tok, "unexpected ')': no '(' is open");
            parens--;
          }
          args.push({ kind: 'GenericPunct', text: tok.text as '=' | ',' | '(' | ')' });
        }
        break;
    }
  }
  if (parens > 0 && open === null) throw p.error(p.peek('arg'), "expected ')' before the end of the command");
  return args;
}
