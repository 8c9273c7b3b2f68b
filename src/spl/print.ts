/**
 * AST → canonical SPL text. `parseSpl(printSpl(ast))` equals `ast` (the round-trip tests hold it to that).
 *
 * Canonical form: commands joined by ` | `, the leading search without the `search` keyword, explicit
 * parentheses around every nested AND/OR group, `=` for equality, values quoted only when they must be.
 * Every consumer of the AST dispatches through a `Record<Kind, ...>` like the tables below.
 */
import type {
  Aggregation,
  Command,
  CommandKind,
  CommandOption,
  Expr,
  ExprKind,
  FieldMapping,
  GenericArg,
  MacroCall,
  Pipeline,
  SearchExpr,
  SearchKind,
  SearchValue,
  SortKey,
} from './ast.js';
import { quoteEvalString, quoteFieldName, quoteSearchString } from './lexer.js';
import { EXPR_PRECEDENCE } from './parser.js';

export function printSpl(pipeline: Pipeline): string {
  const text = pipeline.commands
    .map((cmd, i) => {
      if (i === 0) {
        if (cmd.kind === 'SearchCommand' && !cmd.keyword) return cmd.expr === null ? '' : printSearch(cmd.expr);
        return `| ${printCommand(cmd)}`;
      }
      return `| ${printCommand(cmd)}`;
    })
    .join(' ');
  return trimEndUnescaped(text.trimStart());
}

/** Without trailing whitespace, except one a backslash escapes (a word may end in `\ `, a literal space). */
function trimEndUnescaped(s: string): string {
  let end = s.length;
  while (end > 0 && /\s/.test(s[end - 1] as string)) {
    let slashes = 0;
    for (let k = end - 2; k >= 0 && s[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 1) break;
    end--;
  }
  return s.slice(0, end);
}

export function printCommand(cmd: Command): string {
  return (COMMAND_PRINTERS[cmd.kind] as (c: Command) => string)(cmd);
}

// -------------------------------------------------------------------------------------------------------
// Words and quoting

/**
 * Values printed without quotes: plain words only, so wildcards, paths and anything unusual stay quoted
 * the way detection authors write them (`Image="*\\msedge.exe"`, `DestinationIp="10.*"`).
 */
const SEARCH_BARE = /^[A-Za-z0-9_.:@-]+$/;
const SEARCH_KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'in', 'CASE', 'TERM', 'search']);
/** A bare word the argument lexer reads back as the same single word. */
const ARG_BARE = /^[A-Za-z0-9_.*:@/+%#&~$^?;<>!{}-][A-Za-z0-9_.*:@/+%#&~$^?;<>!{}'-]*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXPR_RESERVED = new Set(['AND', 'OR', 'NOT', 'XOR', 'LIKE', 'null']);

function searchWord(text: string): string {
  return SEARCH_BARE.test(text) && !SEARCH_KEYWORDS.has(text) && !text.includes('```') ? text : quoteSearchString(text);
}

/** A field name or value in command arguments. */
export function argWord(text: string): string {
  return ARG_BARE.test(text) && !text.includes('```') ? text : quoteSearchString(text);
}

/**
 * A field name in command arguments. Quoted when it would be read as a keyword of its command (`as`, `by`,
 * `output`...) or as a count (`sort 100`, `dedup 2`).
 */
function argName(text: string, keywords: readonly string[] = []): string {
  return keywords.includes(text.toLowerCase()) || /^\d+$/.test(text) ? quoteSearchString(text) : argWord(text);
}

function printMacro(m: MacroCall): string {
  return m.args === null ? `\`${m.name}\`` : `\`${m.name}(${m.args.join(', ')})\``;
}

function printOptions(options: readonly CommandOption[]): string[] {
  return options.map((o) => `${o.name}=${argWord(o.value)}`);
}

function join(parts: readonly (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}

// -------------------------------------------------------------------------------------------------------
// Search clause

function printValue(v: SearchValue): string {
  if (v.modifier !== null) return `${v.modifier}(${searchWord(v.text)})`;
  return searchWord(v.text);
}

/** Field names in a search: bare words only (the parser takes a quoted token before `=` as an error). */
function searchField(name: string): string {
  return name;
}

function searchOperand(e: SearchExpr): string {
  return e.kind === 'SearchAnd' || e.kind === 'SearchOr' ? `(${printSearch(e)})` : printSearch(e);
}

const SEARCH_PRINTERS: { readonly [K in SearchKind]: (e: Extract<SearchExpr, { kind: K }>) => string } = {
  SearchAnd: (e) => e.operands.map(searchOperand).join(' '),
  SearchOr: (e) => e.operands.map(searchOperand).join(' OR '),
  SearchNot: (e) => `NOT ${searchOperand(e.operand)}`,
  SearchCompare: (e) => `${searchField(e.field)}${e.op}${printValue(e.value)}`,
  SearchIn: (e) => `${searchField(e.field)} IN (${e.values.map(printValue).join(', ')})`,
  SearchTerm: (e) => printValue(e.value),
  SearchSubsearch: (e) => `[${printSpl(e.pipeline)}]`,
  SearchMacro: (e) => printMacro(e.macro),
};

export function printSearch(e: SearchExpr): string {
  return (SEARCH_PRINTERS[e.kind] as (x: SearchExpr) => string)(e);
}

// -------------------------------------------------------------------------------------------------------
// Expressions

const PRIMARY = 100;
const UNARY_MINUS = 50;

function precedence(e: Expr): number {
  if (e.kind === 'Binary') return EXPR_PRECEDENCE[e.op];
  if (e.kind === 'Unary') return e.op === 'NOT' ? EXPR_PRECEDENCE.NOT : UNARY_MINUS;
  return PRIMARY;
}

function wrap(e: Expr, needParens: boolean): string {
  const text = printExpr(e);
  return needParens ? `(${text})` : text;
}

const EXPR_PRINTERS: { readonly [K in ExprKind]: (e: Extract<Expr, { kind: K }>) => string } = {
  StringLiteral: (e) => quoteEvalString(e.value),
  NumberLiteral: (e) => e.text,
  NullLiteral: () => 'null',
  FieldRef: (e) => (IDENT.test(e.name) && !EXPR_RESERVED.has(e.name) ? e.name : quoteFieldName(e.name)),
  Call: (e) => `${e.name}(${e.args.map(printExpr).join(', ')})`,
  Unary: (e) => {
    const p = precedence(e);
    if (e.op === 'NOT') return `NOT ${wrap(e.operand, precedence(e.operand) < p)}`;
    // `- -x` keeps a space so it is not read as one token in other tools.
    const inner = wrap(e.operand, precedence(e.operand) < p);
    return `${e.op}${inner.startsWith(e.op) ? ' ' : ''}${inner}`;
  },
  Binary: (e) => {
    const p = EXPR_PRECEDENCE[e.op];
    const left = wrap(e.left, precedence(e.left) < p);
    const right = wrap(e.right, precedence(e.right) <= p);
    return `${left} ${e.op} ${right}`;
  },
  MacroExpr: (e) => printMacro(e.macro),
};

export function printExpr(e: Expr): string {
  return (EXPR_PRINTERS[e.kind] as (x: Expr) => string)(e);
}

// -------------------------------------------------------------------------------------------------------
// Commands

function printSortKey(k: SortKey): string {
  const sign = k.descending ? '-' : '';
  // A field that starts with + or -, or that reads as `desc`, needs quoting.
  const safe = /^[+-]/.test(k.field) ? quoteSearchString(k.field) : argName(k.field, ['desc', 'd']);
  return k.collation === 'auto' ? `${sign}${safe}` : `${sign}${k.collation}(${safe})`;
}

function printAggregation(a: Aggregation): string {
  let text = a.func;
  if (a.arg !== null) text += a.arg.kind === 'FieldArg' ? `(${argWord(a.arg.field)})` : `(eval(${printExpr(a.arg.expr)}))`;
  if (a.as !== null) text += ` AS ${argWord(a.as)}`;
  return text;
}

function printMapping(m: FieldMapping, keywords: readonly string[]): string {
  return m.as === null ? argName(m.field, keywords) : `${argName(m.field, keywords)} AS ${argName(m.as, keywords)}`;
}

function printFieldList(fields: readonly string[], keywords: readonly string[] = []): string {
  return fields.map((f) => argName(f, keywords)).join(', ');
}

function printGenericArgs(args: readonly GenericArg[]): string {
  let out = '';
  let prev: GenericArg | undefined;
  for (const arg of args) {
    const text = printGenericArg(arg);
    const tight =
      prev !== undefined &&
      ((arg.kind === 'GenericPunct' && (arg.text !== '(' || prev.kind === 'GenericWord')) ||
        (prev.kind === 'GenericPunct' && (prev.text === '(' || prev.text === '=')));
    out += prev === undefined || tight ? text : ` ${text}`;
    prev = arg;
  }
  return out;
}

function printGenericArg(arg: GenericArg): string {
  switch (arg.kind) {
    case 'GenericWord':
      return arg.text;
    case 'GenericString':
      return quoteSearchString(arg.value);
    case 'GenericField':
      return quoteFieldName(arg.name);
    case 'GenericPunct':
      return arg.text;
    case 'GenericBracket':
      return `[${printGenericArgs(arg.args)}]`;
    case 'GenericMacro':
      return printMacro(arg.macro);
  }
}

const COMMAND_PRINTERS: { readonly [K in CommandKind]: (c: Extract<Command, { kind: K }>) => string } = {
  SearchCommand: (c) => join(['search', c.expr === null ? null : printSearch(c.expr)]),
  WhereCommand: (c) => `where ${printExpr(c.expr)}`,
  EvalCommand: (c) => `eval ${c.assignments.map((a) => `${argWord(a.field)}=${printExpr(a.expr)}`).join(', ')}`,
  StatsCommand: (c) =>
    join([
      c.command,
      ...printOptions(c.options),
      c.aggregations.map(printAggregation).join(', '),
      c.by.length > 0 ? `by ${printFieldList(c.by)}` : null,
    ]),
  BinCommand: (c) => join(['bin', ...printOptions(c.options), argName(c.field, ['as']), c.as === null ? null : `AS ${argWord(c.as)}`]),
  SortCommand: (c) =>
    join(['sort', c.limit === null ? null : String(c.limit), c.keys.map(printSortKey).join(', '), c.reverse ? 'desc' : null]),
  HeadCommand: (c) =>
    join(['head', c.limit === null ? null : String(c.limit), ...printOptions(c.options), c.expr === null ? null : `(${printExpr(c.expr)})`]),
  TailCommand: (c) => join(['tail', c.limit === null ? null : String(c.limit)]),
  TableCommand: (c) => `table ${printFieldList(c.fields)}`,
  FieldsCommand: (c) => join(['fields', c.remove ? '-' : null, printFieldList(c.fields, ['-', '+'])]),
  RenameCommand: (c) => `rename ${c.renames.map((r) => `${argName(r.from, ['as'])} AS ${argWord(r.to)}`).join(', ')}`,
  DedupCommand: (c) =>
    join([
      'dedup',
      c.count === null ? null : String(c.count),
      printFieldList(c.fields, ['sortby']),
      ...printOptions(c.options),
      c.sortby.length > 0 ? `sortby ${c.sortby.map(printSortKey).join(', ')}` : null,
    ]),
  FillnullCommand: (c) => join(['fillnull', c.value === null ? null : `value=${argWord(c.value)}`, printFieldList(c.fields)]),
  RexCommand: (c) => join(['rex', ...printOptions(c.options), quoteSearchString(c.pattern)]),
  RegexCommand: (c) =>
    join(['regex', c.field === null ? quoteSearchString(c.pattern) : `${argWord(c.field)}${c.negate ? '!=' : '='}${quoteSearchString(c.pattern)}`]),
  MakemvCommand: (c) => join(['makemv', ...printOptions(c.options), argWord(c.field)]),
  MvexpandCommand: (c) => join(['mvexpand', argWord(c.field), c.limit === null ? null : `limit=${c.limit}`]),
  TopCommand: (c) =>
    join([
      c.command,
      c.limit === null ? null : `limit=${c.limit}`,
      ...printOptions(c.options),
      printFieldList(c.fields, ['by']),
      c.by.length > 0 ? `by ${printFieldList(c.by)}` : null,
    ]),
  LookupCommand: (c) =>
    join([
      'lookup',
      ...printOptions(c.options),
      argWord(c.table),
      c.inputs.map((m) => printMapping(m, ['output', 'outputnew', 'as'])).join(', '),
      c.outputMode,
      c.outputs.map((m) => printMapping(m, ['as'])).join(', '),
    ]),
  InputlookupCommand: (c) =>
    join(['inputlookup', ...printOptions(c.options), argName(c.table, ['where']), c.where === null ? null : `where ${printSearch(c.where)}`]),
  MakeresultsCommand: (c) => join(['makeresults', ...printOptions(c.options)]),
  ConvertCommand: (c) =>
    join([
      'convert',
      ...printOptions(c.options),
      c.conversions.map((f) => `${f.func}(${argWord(f.field)})${f.as === null ? '' : ` AS ${argWord(f.as)}`}`).join(', '),
    ]),
  MacroCommand: (c) => printMacro(c.macro),
  GenericCommand: (c) => join([c.name, printGenericArgs(c.args)]),
};
