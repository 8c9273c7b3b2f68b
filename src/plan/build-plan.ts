/**
 * AST → logical plan. Each runnable command becomes a step with typed options; everything that cannot
 * run (commands c2hunt does not implement, unknown functions, undefined macros, bad arguments) becomes a
 * `PlanProblem` with its position, and planning carries on so `--check` reports all of them at once.
 */
import type {
  Aggregation,
  Command,
  CommandKind,
  Expr,
  ExprKind,
  Pipeline,
  SearchExpr,
  SortKey,
} from '../spl/ast.js';
import { commandName, spanOf } from '../spl/ast.js';
import { Lexer } from '../spl/lexer.js';
import { parseSplExpression } from '../spl/parser.js';
import { printExpr } from '../spl/print.js';
import { PlanError, SplSyntaxError } from '../errors.js';
import { readCustomArgs } from './custom-args.js';
import { SPLUNK_COMMANDS, TIME_MODIFIERS } from './known-commands.js';
import { OptionReader, type OptionType } from './options.js';
import { parseDuration, parseSpan } from './spans.js';
import type { AggregateSpec, Capabilities, ConvertFunctionName, LogicalPlan, PlanProblem, PlanStep, SortSpec } from './types.js';

/** Eval functions the expression compiler implements itself because they need the AST. */
export const COMPILER_FUNCTIONS: Readonly<Record<string, { minArgs: number; maxArgs: number }>> = Object.freeze({
  searchmatch: { minArgs: 1, maxArgs: 1 },
  mvfilter: { minArgs: 1, maxArgs: 1 },
  mvmap: { minArgs: 2, maxArgs: 2 },
});

const DEFAULT_SORT_LIMIT = 10000;

const CONVERT_FUNCTIONS: ReadonlySet<string> = new Set(['auto', 'ctime', 'dur2sec', 'memk', 'mktime', 'mstime', 'none', 'num', 'rmcomma', 'rmunit']);

type Report = (problem: Omit<PlanProblem, 'line' | 'column' | 'span'>, node: object | undefined) => void;

interface Ctx {
  readonly caps: Capabilities;
  readonly report: Report;
}

/** Split `perc95` / `p95` / `exactperc99.9` / `upperperc5` into a registry name and its parameter. */
export function parseAggregateName(func: string): { name: string; param: number | undefined } {
  const m = /^(exactperc|upperperc|perc|p)(\d+(?:\.\d+)?)$/i.exec(func);
  if (m !== null) {
    const base = (m[1] as string).toLowerCase();
    return { name: base === 'p' ? 'perc' : base, param: Number(m[2]) };
  }
  return { name: func.toLowerCase(), param: undefined };
}

export function buildPlan(ast: Pipeline, text: string, caps: Capabilities): LogicalPlan {
  const lexer = new Lexer(text);
  const problems: PlanProblem[] = [];
  const report: Report = (problem, node) => {
    const span = node === undefined ? undefined : spanOf(node);
    const pos = span === undefined ? undefined : lexer.lineCol(span.start);
    problems.push({ ...problem, span, line: pos?.line, column: pos?.column });
  };
  const ctx: Ctx = { caps, report };
  const steps: PlanStep[] = [];
  const stepCommands: Command[] = [];
  for (const command of ast.commands) {
    const step = (PLANNERS[command.kind] as (c: Command, ctx: Ctx) => PlanStep | null)(command, ctx);
    if (step !== null) {
      steps.push(step);
      stepCommands.push(command);
    }
  }
  return { text, ast, steps, stepCommands, problems, commands: ast.commands.map(commandName) };
}

// -------------------------------------------------------------------------------------------------------
// Expressions and search clauses

function checkExpr(expr: Expr, ctx: Ctx): void {
  const visit: { readonly [K in ExprKind]: (e: Extract<Expr, { kind: K }>) => void } = {
    StringLiteral: () => undefined,
    NumberLiteral: () => undefined,
    NullLiteral: () => undefined,
    FieldRef: () => undefined,
    Unary: (e) => checkExpr(e.operand, ctx),
    Binary: (e) => {
      checkExpr(e.left, ctx);
      checkExpr(e.right, ctx);
    },
    MacroExpr: (e) => ctx.report({ kind: 'undefined-macro', name: e.macro.name, message: `macro \`${e.macro.name}\` is not defined` }, e),
    Call: (e) => {
      const name = e.name.toLowerCase();
      const arity = COMPILER_FUNCTIONS[name] ?? ctx.caps.evalFunction(name);
      if (arity === undefined) {
        ctx.report({ kind: 'unknown-function', name: e.name, message: `eval function '${e.name}' is not supported by c2hunt` }, e);
      } else if (e.args.length < arity.minArgs || e.args.length > arity.maxArgs) {
        ctx.report({ kind: 'invalid-argument', name: e.name, message: `${e.name}() takes ${describeArity(arity)}, got ${e.args.length}` }, e);
      }
      if (name === 'searchmatch' && e.args.length === 1) {
        const arg = e.args[0] as Expr;
        if (arg.kind !== 'StringLiteral') {
          ctx.report({ kind: 'unsupported-feature', name: e.name, message: 'searchmatch() needs a literal search string' }, e);
        }
      }
      for (const arg of e.args) checkExpr(arg, ctx);
    },
  };
  (visit[expr.kind] as (e: Expr) => void)(expr);
}

function describeArity(a: { minArgs: number; maxArgs: number }): string {
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (a.minArgs === a.maxArgs) return `${a.minArgs} ${plural(a.minArgs)}`;
  if (a.maxArgs === Infinity) return `at least ${a.minArgs} ${plural(a.minArgs)}`;
  return `${a.minArgs} to ${a.maxArgs} arguments`;
}

export function checkSearch(expr: SearchExpr, ctx: Ctx): void {
  switch (expr.kind) {
    case 'SearchAnd':
    case 'SearchOr':
      for (const op of expr.operands) checkSearch(op, ctx);
      return;
    case 'SearchNot':
      checkSearch(expr.operand, ctx);
      return;
    case 'SearchCompare':
    case 'SearchIn':
      if (TIME_MODIFIERS.has(expr.field.toLowerCase())) {
        ctx.report(
          { kind: 'unsupported-feature', name: expr.field, message: `time modifier '${expr.field}' is not supported (c2hunt searches all of its input)` },
          expr,
        );
      }
      return;
    case 'SearchTerm':
      return;
    case 'SearchSubsearch':
      ctx.report({ kind: 'unsupported-feature', name: 'subsearch', message: 'subsearches ([...]) are not supported' }, expr);
      return;
    case 'SearchMacro':
      ctx.report({ kind: 'undefined-macro', name: expr.macro.name, message: `macro \`${expr.macro.name}\` is not defined` }, expr);
      return;
  }
}

// -------------------------------------------------------------------------------------------------------
// Commands

function sortSpec(k: SortKey): SortSpec {
  return { field: k.field, descending: k.descending, collation: k.collation };
}

function aggregateSpecs(command: string, aggs: readonly Aggregation[], ctx: Ctx): AggregateSpec[] {
  const specs: AggregateSpec[] = [];
  const outputs = new Set<string>();
  for (const agg of aggs) {
    const { name, param } = parseAggregateName(agg.func);
    const def = ctx.caps.aggregate(name);
    const input: AggregateSpec['input'] =
      agg.arg === null ? null : agg.arg.kind === 'FieldArg' ? { kind: 'field', field: agg.arg.field } : { kind: 'eval', expr: agg.arg.expr };
    if (agg.arg?.kind === 'EvalArg') checkExpr(agg.arg.expr, ctx);
    if (def === undefined) {
      ctx.report({ kind: 'unknown-function', name: agg.func, message: `${command} function '${agg.func}' is not supported by c2hunt` }, agg);
    } else if (def.field === 'required' && input === null) {
      ctx.report({ kind: 'invalid-argument', name: agg.func, message: `${command} function '${agg.func}' needs a field: ${agg.func}(field)` }, agg);
    } else if (def.field === 'none' && input !== null) {
      ctx.report({ kind: 'invalid-argument', name: agg.func, message: `${command} function '${agg.func}' takes no field` }, agg);
    }
    const text = input === null ? agg.func : input.kind === 'field' ? `${agg.func}(${input.field})` : `${agg.func}(eval(${printExpr(input.expr)}))`;
    const output = agg.as ?? text;
    if (outputs.has(output)) {
      ctx.report({ kind: 'invalid-argument', name: command, message: `${command} names two results '${output}'` }, agg);
    }
    outputs.add(output);
    specs.push({ func: name, param, input, output });
  }
  return specs;
}

function checkBy(command: string, by: readonly string[], node: object, ctx: Ctx): void {
  for (const field of by) {
    if (field.includes('*')) {
      ctx.report({ kind: 'invalid-argument', name: command, message: `wildcards are not allowed in ${command} BY fields ('${field}')` }, node);
    }
  }
}

function parseOptionExpr(command: string, option: string, text: string | null, node: object, ctx: Ctx): Expr | null {
  if (text === null) return null;
  try {
    const expr = parseSplExpression(text);
    checkExpr(expr, ctx);
    return expr;
  } catch (err) {
    if (!(err instanceof SplSyntaxError)) throw err;
    ctx.report({ kind: 'invalid-argument', name: command, message: `${command} ${option}: ${err.message.split('\n')[0]}` }, node);
    return null;
  }
}

const STATS_OPTIONS: Record<string, OptionType> = { allnum: 'unsupported', delim: 'string', partitions: 'int', dedup_splitvals: 'bool' };
const EVENTSTATS_OPTIONS: Record<string, OptionType> = { allnum: 'unsupported' };
const STREAMSTATS_OPTIONS: Record<string, OptionType> = {
  window: 'int',
  current: 'bool',
  global: 'bool',
  reset_on_change: 'bool',
  reset_before: 'string',
  reset_after: 'string',
  time_window: 'string',
  allnum: 'unsupported',
};

function unsupported(command: Command, ctx: Ctx): PlanStep | null {
  if (command.kind !== 'GenericCommand') return null;
  const custom = ctx.caps.customCommand?.(command.name);
  if (custom !== undefined) {
    try {
      const config = custom.configure(readCustomArgs(command.name, command.args));
      return { kind: 'Custom', name: command.name, config, rawUse: custom.rawUse ?? 'read' };
    } catch (err) {
      if (!(err instanceof PlanError)) throw err;
      ctx.report({ kind: 'invalid-argument', name: command.name, message: err.message }, command);
      return null;
    }
  }
  const known = SPLUNK_COMMANDS.has(command.name);
  ctx.report(
    known
      ? { kind: 'unsupported-command', name: command.name, message: `command '${command.name}' is not supported by c2hunt` }
      : { kind: 'unknown-command', name: command.name, message: `unknown command '${command.name}'` },
    command,
  );
  return null;
}

const PLANNERS: { readonly [K in CommandKind]: (c: Extract<Command, { kind: K }>, ctx: Ctx) => PlanStep | null } = {
  SearchCommand: (c, ctx) => {
    if (c.expr === null) return null;
    checkSearch(c.expr, ctx);
    return { kind: 'Filter', expr: c.expr };
  },
  WhereCommand: (c, ctx) => {
    checkExpr(c.expr, ctx);
    return { kind: 'Where', expr: c.expr };
  },
  EvalCommand: (c, ctx) => {
    for (const a of c.assignments) checkExpr(a.expr, ctx);
    return { kind: 'Eval', assignments: c.assignments.map((a) => ({ field: a.field, expr: a.expr })) };
  },
  StatsCommand: (c, ctx) => {
    checkBy(c.command, c.by, c, ctx);
    const aggregates = aggregateSpecs(c.command, c.aggregations, ctx);
    if (c.command === 'stats') {
      const o = new OptionReader('stats', c.options, STATS_OPTIONS, ctx.report);
      return { kind: 'Stats', aggregates, by: c.by, dedupSplitvals: o.bool('dedup_splitvals', false) };
    }
    if (c.command === 'eventstats') {
      new OptionReader('eventstats', c.options, EVENTSTATS_OPTIONS, ctx.report);
      return { kind: 'Eventstats', aggregates, by: c.by };
    }
    const o = new OptionReader('streamstats', c.options, STREAMSTATS_OPTIONS, ctx.report);
    let timeWindow: number | null = null;
    const tw = o.option('time_window');
    if (tw !== undefined) {
      const d = parseDuration(tw.value);
      if (typeof d === 'string') ctx.report({ kind: 'invalid-argument', name: 'streamstats', message: `streamstats time_window: ${d}` }, tw);
      else timeWindow = d;
    }
    return {
      kind: 'Streamstats',
      aggregates,
      by: c.by,
      window: o.int('window', 0),
      current: o.bool('current', true),
      global: o.bool('global', true),
      resetOnChange: o.bool('reset_on_change', false),
      resetBefore: parseOptionExpr('streamstats', 'reset_before', o.string('reset_before', null), c, ctx),
      resetAfter: parseOptionExpr('streamstats', 'reset_after', o.string('reset_after', null), c, ctx),
      timeWindow,
    };
  },
  BinCommand: (c, ctx) => {
    const o = new OptionReader('bin', c.options, { span: 'string', aligntime: 'string', bins: 'unsupported', minspan: 'unsupported', start: 'unsupported', end: 'unsupported' }, ctx.report);
    const spanText = o.string('span', null);
    if (spanText === null) {
      if (!c.options.some((opt) => opt.name === 'bins' || opt.name === 'minspan')) {
        ctx.report({ kind: 'unsupported-feature', name: 'bin', message: 'bin without span= is not supported (give span=, e.g. span=1h)' }, c);
      }
      return null;
    }
    const span = parseSpan(spanText);
    if (typeof span === 'string') {
      ctx.report({ kind: 'invalid-argument', name: 'bin', message: `bin span: ${span}` }, o.option('span') ?? c);
      return null;
    }
    let aligntime: number | null = null;
    const at = o.string('aligntime', null);
    if (at !== null) {
      if (/^-?\d+(\.\d+)?$/.test(at)) aligntime = Number(at);
      else ctx.report({ kind: 'unsupported-feature', name: 'bin', message: `bin aligntime=${at} is not supported (only an epoch time)` }, o.option('aligntime') ?? c);
    }
    return { kind: 'Bin', field: c.field, as: c.as ?? c.field, span, aligntime };
  },
  SortCommand: (c) => ({
    kind: 'Sort',
    keys: c.keys.map(sortSpec),
    limit: c.limit === null ? DEFAULT_SORT_LIMIT : c.limit === 0 ? Infinity : c.limit,
    reverse: c.reverse,
  }),
  HeadCommand: (c, ctx) => {
    const o = new OptionReader('head', c.options, { keeplast: 'bool', null: 'bool' }, ctx.report);
    if (c.expr !== null) checkExpr(c.expr, ctx);
    return { kind: 'Head', limit: c.limit ?? (c.expr === null ? 10 : Infinity), expr: c.expr, keeplast: o.bool('keeplast', false), nullTrue: o.bool('null', false) };
  },
  TailCommand: (c) => ({ kind: 'Tail', limit: c.limit ?? 10 }),
  TableCommand: (c) => ({ kind: 'Table', fields: c.fields }),
  FieldsCommand: (c) => ({ kind: 'Fields', remove: c.remove, fields: c.fields }),
  RenameCommand: (c, ctx) => {
    for (const r of c.renames) {
      const stars = (s: string) => s.split('*').length - 1;
      if (stars(r.from) !== stars(r.to)) {
        ctx.report({ kind: 'invalid-argument', name: 'rename', message: `rename '${r.from}' AS '${r.to}': both names need the same number of wildcards` }, r);
      }
    }
    return { kind: 'Rename', pairs: c.renames.map((r) => ({ from: r.from, to: r.to })) };
  },
  DedupCommand: (c, ctx) => {
    const o = new OptionReader('dedup', c.options, { keepevents: 'bool', keepempty: 'bool', consecutive: 'bool' }, ctx.report);
    return {
      kind: 'Dedup',
      count: c.count ?? 1,
      fields: c.fields,
      keepempty: o.bool('keepempty', false),
      consecutive: o.bool('consecutive', false),
      keepevents: o.bool('keepevents', false),
      sortby: c.sortby.map(sortSpec),
    };
  },
  FillnullCommand: (c) => ({ kind: 'Fillnull', value: c.value ?? '0', fields: c.fields }),
  RexCommand: (c, ctx) => {
    const o = new OptionReader('rex', c.options, { field: 'string', max_match: 'int', offset_field: 'unsupported', mode: 'string' }, ctx.report);
    const mode = o.string('mode', null);
    if (mode !== null && mode.toLowerCase() !== 'sed') {
      ctx.report({ kind: 'invalid-argument', name: 'rex', message: `rex mode must be 'sed', not '${mode}'` }, o.option('mode') ?? c);
    }
    return {
      kind: 'Rex',
      field: o.string('field', '_raw'),
      pattern: c.pattern,
      maxMatch: o.int('max_match', 1),
      offsetField: null,
      sed: mode !== null && mode.toLowerCase() === 'sed',
    };
  },
  RegexCommand: (c) => ({ kind: 'Regex', field: c.field ?? '_raw', negate: c.negate, pattern: c.pattern }),
  MakemvCommand: (c, ctx) => {
    const o = new OptionReader('makemv', c.options, { delim: 'string', tokenizer: 'string', allowempty: 'bool', setsv: 'unsupported' }, ctx.report);
    if (o.has('delim') && o.has('tokenizer')) {
      ctx.report({ kind: 'invalid-argument', name: 'makemv', message: 'makemv takes delim= or tokenizer=, not both' }, c);
    }
    return {
      kind: 'Makemv',
      field: c.field,
      delim: o.string('delim', ' '),
      tokenizer: o.string('tokenizer', null),
      allowempty: o.bool('allowempty', false),
      setsv: false,
    };
  },
  MvexpandCommand: (c) => ({ kind: 'Mvexpand', field: c.field, limit: c.limit ?? 0 }),
  TopCommand: (c, ctx) => {
    const o = new OptionReader(
      c.command,
      c.options,
      { countfield: 'string', percentfield: 'string', showcount: 'bool', showperc: 'bool', useother: 'bool', otherstr: 'string' },
      ctx.report,
    );
    checkBy(c.command, c.by, c, ctx);
    const limit = c.limit ?? 10;
    return {
      kind: 'Top',
      rare: c.command === 'rare',
      limit: limit === 0 ? Infinity : limit,
      fields: c.fields,
      by: c.by,
      countfield: o.string('countfield', 'count'),
      percentfield: o.string('percentfield', 'percent'),
      showcount: o.bool('showcount', true),
      showperc: o.bool('showperc', true),
      useother: o.bool('useother', false),
      otherstr: o.string('otherstr', 'OTHER'),
    };
  },
  LookupCommand: (c, ctx) => {
    new OptionReader('lookup', c.options, { local: 'bool', update: 'bool' }, ctx.report);
    return {
      kind: 'Lookup',
      table: c.table,
      inputs: c.inputs.map((m) => ({ column: m.field, field: m.as ?? m.field })),
      outputs: c.outputMode === null ? null : c.outputs.map((m) => ({ column: m.field, field: m.as ?? m.field })),
      outputNew: c.outputMode === 'OUTPUTNEW',
    };
  },
  InputlookupCommand: (c, ctx) => {
    const o = new OptionReader('inputlookup', c.options, { append: 'bool', start: 'int', max: 'int' }, ctx.report);
    if (c.where !== null) checkSearch(c.where, ctx);
    return { kind: 'Inputlookup', table: c.table, where: c.where, append: o.bool('append', false), start: o.int('start', 0), max: o.int('max', 1_000_000_000) };
  },
  MakeresultsCommand: (c, ctx) => {
    const o = new OptionReader('makeresults', c.options, { count: 'int', annotate: 'unsupported', splunk_server: 'unsupported', splunk_server_group: 'unsupported', format: 'unsupported', data: 'unsupported' }, ctx.report);
    return { kind: 'Makeresults', count: o.int('count', 1, 1), annotate: false };
  },
  ConvertCommand: (c, ctx) => {
    const o = new OptionReader('convert', c.options, { timeformat: 'string' }, ctx.report);
    const conversions: { func: ConvertFunctionName; field: string; as: string | null }[] = [];
    for (const f of c.conversions) {
      if (!CONVERT_FUNCTIONS.has(f.func)) {
        ctx.report({ kind: 'unknown-function', name: f.func, message: `convert function '${f.func}' is not supported by c2hunt` }, f);
        continue;
      }
      conversions.push({ func: f.func as ConvertFunctionName, field: f.field, as: f.as });
    }
    // The documented default time format of convert (SR-convert) [UNCONFIRMED: page not read].
    return { kind: 'Convert', timeformat: o.string('timeformat', '%m/%d/%Y %H:%M:%S'), conversions };
  },
  MacroCommand: (c, ctx) => {
    ctx.report({ kind: 'undefined-macro', name: c.macro.name, message: `macro \`${c.macro.name}\` is not defined` }, c);
    return null;
  },
  GenericCommand: (c, ctx) => unsupported(c, ctx),
};
