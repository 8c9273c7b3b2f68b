/**
 * Query text → plan: parse, expand macros (when definitions are given), plan, and derive the reader
 * prefilter from the leading search clause. Syntax errors are thrown (SplSyntaxError); everything that
 * parses but cannot run is listed in `problems`.
 */
import { SplSyntaxError } from '../errors.js';
import type { Pipeline } from '../spl/ast.js';
import { expandMacros, type MacroTable } from '../spl/macros.js';
import { parseSpl } from '../spl/parser.js';
import { buildPlan } from './build-plan.js';
import { buildPrefilter, type RawPrefilter } from './prefilter.js';
import { needsRaw } from './raw-usage.js';
import type { Capabilities, LogicalPlan } from './types.js';

export interface PlanOptions {
  readonly capabilities: Capabilities;
  /** Macro definitions (`--macros FILE`); without them every macro is listed as undefined. */
  readonly macros?: MacroTable | undefined;
}

export interface PlannedQuery extends LogicalPlan {
  /** The query as given, before macro expansion. */
  readonly source: string;
  readonly prefilter: RawPrefilter | null;
  /** Whether the results can depend on `_raw` (raw-usage.ts); readers may leave it out when false. */
  readonly needsRaw: boolean;
}

function hasMacro(ast: Pipeline): boolean {
  // Cheap and exact enough: the printer is the only place macros turn back into text, and a backtick can
  // only appear in the source as a macro, a comment or inside a string; expansion handles all three.
  return JSON.stringify(ast).includes('"MacroCall"');
}

/** Parse the macro expansion of `source`; errors say they came after expansion. */
function parseExpanded(text: string): Pipeline {
  try {
    return parseSpl(text);
  } catch (err) {
    if (err instanceof SplSyntaxError) throw new SplSyntaxError(`after expanding macros, ${err.message}`, err.location);
    throw err;
  }
}

export function planQuery(source: string, options: PlanOptions): PlannedQuery {
  const macros = options.macros !== undefined && options.macros.size > 0 ? options.macros : undefined;
  let text = source;
  let ast: Pipeline;
  try {
    ast = parseSpl(source);
    if (macros !== undefined && hasMacro(ast)) {
      const expansion = expandMacros(source, macros);
      if (expansion.expanded) {
        text = expansion.text;
        ast = parseExpanded(text);
      }
    }
  } catch (err) {
    // Splunk expands macros as text before parsing, so a macro may stand where the grammar wants a value
    // (`time_window=`w`s`); when the unexpanded text does not parse, parse the expansion instead.
    if (!(err instanceof SplSyntaxError) || macros === undefined || text !== source || !source.includes('`')) throw err;
    const expansion = expandMacros(source, macros);
    if (!expansion.expanded) throw err;
    text = expansion.text;
    ast = parseExpanded(text);
  }
  const plan = buildPlan(ast, text, options.capabilities);
  const first = plan.ast.commands[0];
  const prefilter = first?.kind === 'SearchCommand' && first.expr !== null ? buildPrefilter(first.expr) : null;
  return { ...plan, source, prefilter, needsRaw: needsRaw(plan.steps) };
}
