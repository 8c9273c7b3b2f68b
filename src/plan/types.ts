/**
 * The logical plan: one step per runnable command, with every option checked and turned into a typed
 * value, so operators never see option strings. Expressions stay AST (`Expr`, `SearchExpr`); the engine
 * compiles them. Steps are readonly and tagged with `kind` like the AST.
 *
 * A query that parses but cannot run produces `PlanProblem`s instead of steps: these are what
 * `c2hunt spl --check` lists as "cannot run", separately from syntax errors.
 */
import type { Command, Expr, Pipeline, SearchExpr, SortCollation, Span } from '../spl/ast.js';
import type { CustomCommandPlanner } from './custom-args.js';

export interface SortSpec {
  readonly field: string;
  readonly descending: boolean;
  readonly collation: SortCollation;
}

/** A resolved stats function call. */
export interface AggregateSpec {
  /** Registry name (`count`, `perc`, `values`...). */
  readonly func: string;
  /** Numeric suffix of percentile functions (95 in perc95). */
  readonly param: number | undefined;
  /** Input: a field, an eval expression, or nothing (`count`). */
  readonly input: { readonly kind: 'field'; readonly field: string } | { readonly kind: 'eval'; readonly expr: Expr } | null;
  /** Output field name: the AS name, else the function text (`count`, `avg(x)`). */
  readonly output: string;
}

export type BinSpan =
  | { readonly kind: 'seconds'; readonly seconds: number }
  | { readonly kind: 'months'; readonly months: number }
  | { readonly kind: 'number'; readonly size: number };

export type PlanStep =
  | { readonly kind: 'Filter'; readonly expr: SearchExpr }
  | { readonly kind: 'Where'; readonly expr: Expr }
  | { readonly kind: 'Eval'; readonly assignments: readonly { readonly field: string; readonly expr: Expr }[] }
  | {
      readonly kind: 'Stats';
      readonly aggregates: readonly AggregateSpec[];
      readonly by: readonly string[];
      readonly dedupSplitvals: boolean;
    }
  | {
      readonly kind: 'Eventstats';
      readonly aggregates: readonly AggregateSpec[];
      readonly by: readonly string[];
    }
  | {
      readonly kind: 'Streamstats';
      readonly aggregates: readonly AggregateSpec[];
      readonly by: readonly string[];
      readonly window: number;
      readonly current: boolean;
      readonly global: boolean;
      readonly resetOnChange: boolean;
      readonly resetBefore: Expr | null;
      readonly resetAfter: Expr | null;
      /** Seconds, or null. */
      readonly timeWindow: number | null;
    }
  | { readonly kind: 'Bin'; readonly field: string; readonly as: string; readonly span: BinSpan; readonly aligntime: number | null }
  | { readonly kind: 'Sort'; readonly keys: readonly SortSpec[]; readonly limit: number; readonly reverse: boolean }
  | { readonly kind: 'Head'; readonly limit: number; readonly expr: Expr | null; readonly keeplast: boolean; readonly nullTrue: boolean }
  | { readonly kind: 'Tail'; readonly limit: number }
  | { readonly kind: 'Table'; readonly fields: readonly string[] }
  | { readonly kind: 'Fields'; readonly remove: boolean; readonly fields: readonly string[] }
  | { readonly kind: 'Rename'; readonly pairs: readonly { readonly from: string; readonly to: string }[] }
  | {
      readonly kind: 'Dedup';
      readonly count: number;
      readonly fields: readonly string[];
      readonly keepempty: boolean;
      readonly consecutive: boolean;
      readonly keepevents: boolean;
      readonly sortby: readonly SortSpec[];
    }
  | { readonly kind: 'Fillnull'; readonly value: string; readonly fields: readonly string[] }
  | {
      readonly kind: 'Rex';
      readonly field: string;
      readonly pattern: string;
      /** 0 means unlimited. */
      readonly maxMatch: number;
      readonly offsetField: string | null;
      readonly sed: boolean;
    }
  | { readonly kind: 'Regex'; readonly field: string; readonly negate: boolean; readonly pattern: string }
  | {
      readonly kind: 'Makemv';
      readonly field: string;
      readonly delim: string;
      readonly tokenizer: string | null;
      readonly allowempty: boolean;
      readonly setsv: boolean;
    }
  | { readonly kind: 'Mvexpand'; readonly field: string; readonly limit: number }
  | {
      readonly kind: 'Top';
      readonly rare: boolean;
      readonly limit: number;
      readonly fields: readonly string[];
      readonly by: readonly string[];
      readonly countfield: string;
      readonly percentfield: string;
      readonly showcount: boolean;
      readonly showperc: boolean;
      readonly useother: boolean;
      readonly otherstr: string;
    }
  | {
      readonly kind: 'Lookup';
      readonly table: string;
      readonly inputs: readonly { readonly column: string; readonly field: string }[];
      /** null: output every other column, overwriting. */
      readonly outputs: readonly { readonly column: string; readonly field: string }[] | null;
      readonly outputNew: boolean;
    }
  | {
      readonly kind: 'Inputlookup';
      readonly table: string;
      readonly where: SearchExpr | null;
      readonly append: boolean;
      readonly start: number;
      readonly max: number;
    }
  | { readonly kind: 'Makeresults'; readonly count: number; readonly annotate: boolean }
  | {
      /** An extension command registered by the caller (the detection pack's c2beacon, c2intel...). */
      readonly kind: 'Custom';
      readonly name: string;
      /** What the command's planner returned; only its own operator factory reads it. */
      readonly config: unknown;
      /** The command's own declaration of whether it can see `_raw` (CustomCommandPlanner.rawUse). */
      readonly rawUse: 'read' | 'none' | 'drop';
    }
  | {
      readonly kind: 'Convert';
      /** strftime/strptime format for ctime() and mktime(). */
      readonly timeformat: string;
      readonly conversions: readonly { readonly func: ConvertFunctionName; readonly field: string; readonly as: string | null }[];
    };

export type ConvertFunctionName = 'auto' | 'ctime' | 'dur2sec' | 'memk' | 'mktime' | 'mstime' | 'none' | 'num' | 'rmcomma' | 'rmunit';

export type StepKind = PlanStep['kind'];

export type ProblemKind =
  /** A valid SPL command c2hunt does not run (tstats, timechart, join...). */
  | 'unsupported-command'
  /** Not a Splunk command c2hunt knows of (perhaps a typo or a custom command). */
  | 'unknown-command'
  /** An eval or stats function c2hunt does not implement (or that does not exist). */
  | 'unknown-function'
  /** A macro without a definition (no --macros file, or not in it). */
  | 'undefined-macro'
  /** A construct c2hunt does not run: subsearch, time modifiers, an option it ignores. */
  | 'unsupported-feature'
  /** An argument that is wrong: bad span, unknown option, wrong number of function arguments. */
  | 'invalid-argument';

export interface PlanProblem {
  readonly kind: ProblemKind;
  /** The command, function or macro name concerned. */
  readonly name: string;
  /** One line, without position. */
  readonly message: string;
  /** Where in the (macro-expanded) query text, when known. */
  readonly span?: Span | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export interface LogicalPlan {
  /** The query after macro expansion (equal to the input when it had no macros). */
  readonly text: string;
  readonly ast: Pipeline;
  readonly steps: readonly PlanStep[];
  /** The command each step came from (parallel to `steps`), for positions in later errors. */
  readonly stepCommands: readonly Command[];
  readonly problems: readonly PlanProblem[];
  /** Names of every command in the query, in order, for `--check` listings. */
  readonly commands: readonly string[];
}

/** What the engine can run, handed to the planner so plan/ does not import engine/. */
export interface Capabilities {
  /** Arity of an eval function, or undefined when c2hunt does not implement it. */
  evalFunction(name: string): { readonly minArgs: number; readonly maxArgs: number } | undefined;
  /** Whether a stats function (canonical name, e.g. `perc` for perc95) is implemented, and its field use. */
  aggregate(name: string): { readonly field: 'required' | 'optional' | 'none' } | undefined;
  /** An extension command of this name (lower-case), if the caller registered one. */
  customCommand?(name: string): CustomCommandPlanner | undefined;
}
