/**
 * The SPL abstract syntax tree: readonly nodes tagged with `kind`, built only through the frozen factories
 * in `Ast` below, so every consumer (printer, planner, compiler, transpilers) can dispatch through a
 * `Record<Kind, Handler>` and a new node kind fails to compile until each of them handles it.
 *
 * The tree is syntax, not semantics: option values stay strings, unknown commands keep their argument
 * tokens (`GenericCommand`), and a macro call stays a node until the planner expands it. Positions are
 * kept out of the nodes (in a side table, see `spanOf`) so that two parses of equivalent text compare
 * equal with a plain deep equality, which is what the parse → print → parse round trip relies on.
 */

/** Offsets into the query text, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------------------
// Search clause (the `search` command and the leading clause of a query)

/** Comparison operators of the search command (`==` is read as `=`). */
export type SearchOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A value in the search language, already unescaped (`"*\\msedge.exe"` → `*\msedge.exe`). `*` is a wildcard
 * and cannot be escaped (spl-semantics §1.2). `CASE(x)` makes the match case-sensitive, `TERM(x)` matches
 * x as one indexed term.
 */
export interface SearchValue {
  readonly kind: 'SearchValue';
  readonly text: string;
  readonly modifier: 'CASE' | 'TERM' | null;
}

/** Implicit or explicit AND of two or more operands. */
export interface SearchAnd {
  readonly kind: 'SearchAnd';
  readonly operands: readonly SearchExpr[];
}

export interface SearchOr {
  readonly kind: 'SearchOr';
  readonly operands: readonly SearchExpr[];
}

export interface SearchNot {
  readonly kind: 'SearchNot';
  readonly operand: SearchExpr;
}

/** `field=value`, `field!=value`, `field<value`...; the field name is exact-case, possibly with `*`. */
export interface SearchCompare {
  readonly kind: 'SearchCompare';
  readonly field: string;
  readonly op: SearchOp;
  readonly value: SearchValue;
}

/** `field IN (v1, v2, ...)`: an OR of `field=v` terms. */
export interface SearchIn {
  readonly kind: 'SearchIn';
  readonly field: string;
  readonly values: readonly SearchValue[];
}

/** A bare keyword or quoted phrase, matched against `_raw`. */
export interface SearchTerm {
  readonly kind: 'SearchTerm';
  readonly value: SearchValue;
}

/** `[ search ... ]`: a subsearch whose results become search terms. */
export interface SearchSubsearch {
  readonly kind: 'SearchSubsearch';
  readonly pipeline: Pipeline;
}

/** A macro used inside the search clause: `` `sysmon` ``. */
export interface SearchMacro {
  readonly kind: 'SearchMacro';
  readonly macro: MacroCall;
}

export type SearchExpr =
  | SearchAnd
  | SearchOr
  | SearchNot
  | SearchCompare
  | SearchIn
  | SearchTerm
  | SearchSubsearch
  | SearchMacro;

// ---------------------------------------------------------------------------------------------------------
// Eval expressions (eval, where, stats eval(...), head (...))

export type BinaryOp =
  | 'OR'
  | 'XOR'
  | 'AND'
  | 'LIKE'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '.'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export type UnaryOp = 'NOT' | '-' | '+';

export interface StringLiteral {
  readonly kind: 'StringLiteral';
  /** Unescaped value. */
  readonly value: string;
}

/** A number as written (`0.50` keeps its text: Splunk's literal-precision rule may need it). */
export interface NumberLiteral {
  readonly kind: 'NumberLiteral';
  readonly text: string;
}

/** The bare word `null`. */
export interface NullLiteral {
  readonly kind: 'NullLiteral';
}

/** A field: an unquoted identifier or a single-quoted name. */
export interface FieldRef {
  readonly kind: 'FieldRef';
  readonly name: string;
}

export interface Call {
  readonly kind: 'Call';
  /** As written; function names are looked up case-insensitively. */
  readonly name: string;
  readonly args: readonly Expr[];
}

export interface Unary {
  readonly kind: 'Unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
}

export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** A macro used where an expression is expected. */
export interface MacroExpr {
  readonly kind: 'MacroExpr';
  readonly macro: MacroCall;
}

export type Expr = StringLiteral | NumberLiteral | NullLiteral | FieldRef | Call | Unary | Binary | MacroExpr;

// ---------------------------------------------------------------------------------------------------------
// Shared pieces of commands

/** `` `name` `` or `` `name(arg1, arg2)` ``; arguments are kept as trimmed source text. */
export interface MacroCall {
  readonly kind: 'MacroCall';
  readonly name: string;
  readonly args: readonly string[] | null;
}

/** `name=value` on a command; values are strings, interpreted by the planner. */
export interface CommandOption {
  readonly kind: 'CommandOption';
  readonly name: string;
  readonly value: string;
}

export type SortCollation = 'auto' | 'str' | 'num' | 'ip';

export interface SortKey {
  readonly kind: 'SortKey';
  readonly field: string;
  readonly descending: boolean;
  readonly collation: SortCollation;
}

/** A stats function call: `count`, `values(Ports) AS Ports`, `count(eval(x>1))`, `perc95(t)`. */
export interface Aggregation {
  readonly kind: 'Aggregation';
  /** As written (`dc`, `perc95`, `values`). */
  readonly func: string;
  readonly arg: AggregationArg | null;
  readonly as: string | null;
}

export type AggregationArg = { readonly kind: 'FieldArg'; readonly field: string } | { readonly kind: 'EvalArg'; readonly expr: Expr };

/** `field [AS other]` in lookup. */
export interface FieldMapping {
  readonly kind: 'FieldMapping';
  readonly field: string;
  readonly as: string | null;
}

export interface RenamePair {
  readonly kind: 'RenamePair';
  readonly from: string;
  readonly to: string;
}

/** One `convert` conversion: `ctime(firstTime) [AS first]`; the field may hold `*`. */
export interface ConvertFunction {
  readonly kind: 'ConvertFunction';
  /** As written, lower-cased (`ctime`, `mktime`, `num`, ...). */
  readonly func: string;
  readonly field: string;
  readonly as: string | null;
}

export interface EvalAssignment {
  readonly kind: 'EvalAssignment';
  readonly field: string;
  readonly expr: Expr;
}

/** One token of a command c2hunt does not interpret, kept so the query still parses and prints. */
export type GenericArg =
  | { readonly kind: 'GenericWord'; readonly text: string }
  | { readonly kind: 'GenericString'; readonly value: string }
  | { readonly kind: 'GenericField'; readonly name: string }
  | { readonly kind: 'GenericPunct'; readonly text: '=' | ',' | '(' | ')' }
  | { readonly kind: 'GenericBracket'; readonly args: readonly GenericArg[] }
  | { readonly kind: 'GenericMacro'; readonly macro: MacroCall };

// ---------------------------------------------------------------------------------------------------------
// Commands

/** `search ...`, or the leading search clause (`keyword` false). `expr` is null for a bare `search`. */
export interface SearchCommand {
  readonly kind: 'SearchCommand';
  readonly keyword: boolean;
  readonly expr: SearchExpr | null;
}

export interface WhereCommand {
  readonly kind: 'WhereCommand';
  readonly expr: Expr;
}

export interface EvalCommand {
  readonly kind: 'EvalCommand';
  readonly assignments: readonly EvalAssignment[];
}

export type StatsVariant = 'stats' | 'eventstats' | 'streamstats';

export interface StatsCommand {
  readonly kind: 'StatsCommand';
  readonly command: StatsVariant;
  readonly options: readonly CommandOption[];
  readonly aggregations: readonly Aggregation[];
  readonly by: readonly string[];
}

/** `bin` and its alias `bucket`. */
export interface BinCommand {
  readonly kind: 'BinCommand';
  readonly options: readonly CommandOption[];
  readonly field: string;
  readonly as: string | null;
}

export interface SortCommand {
  readonly kind: 'SortCommand';
  /** `sort 100 ...` or `limit=100`; null means the default (10000); 0 means all. */
  readonly limit: number | null;
  readonly keys: readonly SortKey[];
  /** A trailing `desc` / `d` reverses the whole order. */
  readonly reverse: boolean;
}

export interface HeadCommand {
  readonly kind: 'HeadCommand';
  readonly limit: number | null;
  readonly expr: Expr | null;
  /** `keeplast=`, `null=`. */
  readonly options: readonly CommandOption[];
}

export interface TailCommand {
  readonly kind: 'TailCommand';
  readonly limit: number | null;
}

export interface TableCommand {
  readonly kind: 'TableCommand';
  readonly fields: readonly string[];
}

export interface FieldsCommand {
  readonly kind: 'FieldsCommand';
  readonly remove: boolean;
  readonly fields: readonly string[];
}

export interface RenameCommand {
  readonly kind: 'RenameCommand';
  readonly renames: readonly RenamePair[];
}

export interface DedupCommand {
  readonly kind: 'DedupCommand';
  readonly count: number | null;
  readonly fields: readonly string[];
  /** `keepevents=`, `keepempty=`, `consecutive=`. */
  readonly options: readonly CommandOption[];
  readonly sortby: readonly SortKey[];
}

export interface FillnullCommand {
  readonly kind: 'FillnullCommand';
  readonly value: string | null;
  readonly fields: readonly string[];
}

export interface RexCommand {
  readonly kind: 'RexCommand';
  /** `field=`, `max_match=`, `offset_field=`, `mode=`. */
  readonly options: readonly CommandOption[];
  readonly pattern: string;
}

export interface RegexCommand {
  readonly kind: 'RegexCommand';
  readonly field: string | null;
  readonly negate: boolean;
  readonly pattern: string;
}

export interface MakemvCommand {
  readonly kind: 'MakemvCommand';
  /** `delim=`, `tokenizer=`, `allowempty=`, `setsv=`. */
  readonly options: readonly CommandOption[];
  readonly field: string;
}

export interface MvexpandCommand {
  readonly kind: 'MvexpandCommand';
  readonly field: string;
  readonly limit: number | null;
}

export interface TopCommand {
  readonly kind: 'TopCommand';
  readonly command: 'top' | 'rare';
  readonly limit: number | null;
  /** `countfield=`, `percentfield=`, `showcount=`, `showperc=`, `useother=`, `otherstr=`. */
  readonly options: readonly CommandOption[];
  readonly fields: readonly string[];
  readonly by: readonly string[];
}

export interface LookupCommand {
  readonly kind: 'LookupCommand';
  /** `local=`, `update=`. */
  readonly options: readonly CommandOption[];
  readonly table: string;
  readonly inputs: readonly FieldMapping[];
  readonly outputMode: 'OUTPUT' | 'OUTPUTNEW' | null;
  readonly outputs: readonly FieldMapping[];
}

export interface InputlookupCommand {
  readonly kind: 'InputlookupCommand';
  /** `append=`, `start=`, `max=`. */
  readonly options: readonly CommandOption[];
  readonly table: string;
  readonly where: SearchExpr | null;
}

export interface ConvertCommand {
  readonly kind: 'ConvertCommand';
  /** `timeformat=`. */
  readonly options: readonly CommandOption[];
  readonly conversions: readonly ConvertFunction[];
}

export interface MakeresultsCommand {
  readonly kind: 'MakeresultsCommand';
  /** `count=`, `annotate=`. */
  readonly options: readonly CommandOption[];
}

/** A pipeline stage that is only a macro: `` | `security_content_ctime(firstTime)` ``. */
export interface MacroCommand {
  readonly kind: 'MacroCommand';
  readonly macro: MacroCall;
}

/** Any other command (tstats, timechart, join, ...): parsed so the query is valid, not interpreted. */
export interface GenericCommand {
  readonly kind: 'GenericCommand';
  /** Lower-cased command name. */
  readonly name: string;
  readonly args: readonly GenericArg[];
}

export type Command =
  | SearchCommand
  | WhereCommand
  | EvalCommand
  | StatsCommand
  | BinCommand
  | SortCommand
  | HeadCommand
  | TailCommand
  | TableCommand
  | FieldsCommand
  | RenameCommand
  | DedupCommand
  | FillnullCommand
  | RexCommand
  | RegexCommand
  | MakemvCommand
  | MvexpandCommand
  | TopCommand
  | LookupCommand
  | InputlookupCommand
  | MakeresultsCommand
  | ConvertCommand
  | MacroCommand
  | GenericCommand;

export interface Pipeline {
  readonly kind: 'Pipeline';
  readonly commands: readonly Command[];
}

export type CommandKind = Command['kind'];
export type SearchKind = SearchExpr['kind'];
export type ExprKind = Expr['kind'];

// ---------------------------------------------------------------------------------------------------------
// Positions: a side table so nodes stay plain data.

const spans = new WeakMap<object, Span>();

/** Where the parser found a node, when it came from text. */
export function spanOf(node: object): Span | undefined {
  return spans.get(node);
}

/** Record a node's position (the parser's job); returns the node. */
export function located<T extends object>(node: T, span: Span): T {
  spans.set(node, span);
  return node;
}

// ---------------------------------------------------------------------------------------------------------
// Factories

const f = Object.freeze;

export const Ast = f({
  pipeline: (commands: readonly Command[]): Pipeline => f({ kind: 'Pipeline', commands: f([...commands]) }),

  // search clause
  value: (text: string, modifier: SearchValue['modifier'] = null): SearchValue => f({ kind: 'SearchValue', text, modifier }),
  and: (operands: readonly SearchExpr[]): SearchAnd => f({ kind: 'SearchAnd', operands: f([...operands]) }),
  or: (operands: readonly SearchExpr[]): SearchOr => f({ kind: 'SearchOr', operands: f([...operands]) }),
  not: (operand: SearchExpr): SearchNot => f({ kind: 'SearchNot', operand }),
  compare: (field: string, op: SearchOp, value: SearchValue): SearchCompare => f({ kind: 'SearchCompare', field, op, value }),
  in: (field: string, values: readonly SearchValue[]): SearchIn => f({ kind: 'SearchIn', field, values: f([...values]) }),
  term: (value: SearchValue): SearchTerm => f({ kind: 'SearchTerm', value }),
  subsearch: (pipeline: Pipeline): SearchSubsearch => f({ kind: 'SearchSubsearch', pipeline }),
  searchMacro: (macro: MacroCall): SearchMacro => f({ kind: 'SearchMacro', macro }),

  // expressions
  string: (value: string): StringLiteral => f({ kind: 'StringLiteral', value }),
  number: (text: string): NumberLiteral => f({ kind: 'NumberLiteral', text }),
  null: (): NullLiteral => f({ kind: 'NullLiteral' }),
  field: (name: string): FieldRef => f({ kind: 'FieldRef', name }),
  call: (name: string, args: readonly Expr[]): Call => f({ kind: 'Call', name, args: f([...args]) }),
  unary: (op: UnaryOp, operand: Expr): Unary => f({ kind: 'Unary', op, operand }),
  binary: (op: BinaryOp, left: Expr, right: Expr): Binary => f({ kind: 'Binary', op, left, right }),
  macroExpr: (macro: MacroCall): MacroExpr => f({ kind: 'MacroExpr', macro }),

  // pieces
  macro: (name: string, args: readonly string[] | null): MacroCall =>
    f({ kind: 'MacroCall', name, args: args === null ? null : f([...args]) }),
  option: (name: string, value: string): CommandOption => f({ kind: 'CommandOption', name, value }),
  sortKey: (field: string, descending = false, collation: SortCollation = 'auto'): SortKey =>
    f({ kind: 'SortKey', field, descending, collation }),
  aggregation: (func: string, arg: AggregationArg | null = null, as: string | null = null): Aggregation =>
    f({ kind: 'Aggregation', func, arg, as }),
  fieldArg: (field: string): AggregationArg => f({ kind: 'FieldArg', field }),
  evalArg: (expr: Expr): AggregationArg => f({ kind: 'EvalArg', expr }),
  mapping: (field: string, as: string | null = null): FieldMapping => f({ kind: 'FieldMapping', field, as }),
  rename: (from: string, to: string): RenamePair => f({ kind: 'RenamePair', from, to }),
  convertFunction: (func: string, field: string, as: string | null = null): ConvertFunction =>
    f({ kind: 'ConvertFunction', func, field, as }),
  assign: (field: string, expr: Expr): EvalAssignment => f({ kind: 'EvalAssignment', field, expr }),

  // commands
  search: (expr: SearchExpr | null, keyword = false): SearchCommand => f({ kind: 'SearchCommand', keyword, expr }),
  where: (expr: Expr): WhereCommand => f({ kind: 'WhereCommand', expr }),
  eval: (assignments: readonly EvalAssignment[]): EvalCommand => f({ kind: 'EvalCommand', assignments: f([...assignments]) }),
  stats: (
    command: StatsVariant,
    aggregations: readonly Aggregation[],
    by: readonly string[] = [],
    options: readonly CommandOption[] = [],
  ): StatsCommand =>
    f({ kind: 'StatsCommand', command, options: f([...options]), aggregations: f([...aggregations]), by: f([...by]) }),
  bin: (field: string, options: readonly CommandOption[] = [], as: string | null = null): BinCommand =>
    f({ kind: 'BinCommand', options: f([...options]), field, as }),
  sort: (keys: readonly SortKey[], limit: number | null = null, reverse = false): SortCommand =>
    f({ kind: 'SortCommand', limit, keys: f([...keys]), reverse }),
  head: (limit: number | null, expr: Expr | null = null, options: readonly CommandOption[] = []): HeadCommand =>
    f({ kind: 'HeadCommand', limit, expr, options: f([...options]) }),
  tail: (limit: number | null): TailCommand => f({ kind: 'TailCommand', limit }),
  table: (fields: readonly string[]): TableCommand => f({ kind: 'TableCommand', fields: f([...fields]) }),
  fields: (fields: readonly string[], remove = false): FieldsCommand => f({ kind: 'FieldsCommand', remove, fields: f([...fields]) }),
  renameCommand: (renames: readonly RenamePair[]): RenameCommand => f({ kind: 'RenameCommand', renames: f([...renames]) }),
  dedup: (
    fields: readonly string[],
    count: number | null = null,
    options: readonly CommandOption[] = [],
    sortby: readonly SortKey[] = [],
  ): DedupCommand => f({ kind: 'DedupCommand', count, fields: f([...fields]), options: f([...options]), sortby: f([...sortby]) }),
  fillnull: (value: string | null, fields: readonly string[] = []): FillnullCommand =>
    f({ kind: 'FillnullCommand', value, fields: f([...fields]) }),
  rex: (pattern: string, options: readonly CommandOption[] = []): RexCommand => f({ kind: 'RexCommand', options: f([...options]), pattern }),
  regex: (pattern: string, field: string | null = null, negate = false): RegexCommand =>
    f({ kind: 'RegexCommand', field, negate, pattern }),
  makemv: (field: string, options: readonly CommandOption[] = []): MakemvCommand =>
    f({ kind: 'MakemvCommand', options: f([...options]), field }),
  mvexpand: (field: string, limit: number | null = null): MvexpandCommand => f({ kind: 'MvexpandCommand', field, limit }),
  top: (
    command: 'top' | 'rare',
    fields: readonly string[],
    by: readonly string[] = [],
    limit: number | null = null,
    options: readonly CommandOption[] = [],
  ): TopCommand => f({ kind: 'TopCommand', command, limit, options: f([...options]), fields: f([...fields]), by: f([...by]) }),
  lookup: (
    table: string,
    inputs: readonly FieldMapping[],
    outputMode: LookupCommand['outputMode'] = null,
    outputs: readonly FieldMapping[] = [],
    options: readonly CommandOption[] = [],
  ): LookupCommand =>
    f({ kind: 'LookupCommand', options: f([...options]), table, inputs: f([...inputs]), outputMode, outputs: f([...outputs]) }),
  inputlookup: (table: string, where: SearchExpr | null = null, options: readonly CommandOption[] = []): InputlookupCommand =>
    f({ kind: 'InputlookupCommand', options: f([...options]), table, where }),
  makeresults: (options: readonly CommandOption[] = []): MakeresultsCommand => f({ kind: 'MakeresultsCommand', options: f([...options]) }),
  convert: (conversions: readonly ConvertFunction[], options: readonly CommandOption[] = []): ConvertCommand =>
    f({ kind: 'ConvertCommand', options: f([...options]), conversions: f([...conversions]) }),
  macroCommand: (macro: MacroCall): MacroCommand => f({ kind: 'MacroCommand', macro }),
  generic: (name: string, args: readonly GenericArg[]): GenericCommand => f({ kind: 'GenericCommand', name, args: f([...args]) }),
});

/** Command names as the user writes them, for messages and listings. */
export function commandName(command: Command): string {
  switch (command.kind) {
    case 'SearchCommand':
      return 'search';
    case 'StatsCommand':
      return command.command;
    case 'TopCommand':
      return command.command;
    case 'GenericCommand':
      return command.name;
    case 'MacroCommand':
      return `\`${command.macro.name}\``;
    default:
      return command.kind.slice(0, -'Command'.length).toLowerCase();
  }
}
