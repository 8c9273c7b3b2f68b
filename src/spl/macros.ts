/**
 * Search macros, expanded the way Splunk does it: as text, before the query is parsed again.
 *
 * A call `` `name` `` or `` `name(a, b)` `` is looked up as `name` or `name(2)` (macros.conf keys the
 * definition by its argument count) and replaced by the definition, with each `$arg$` replaced by the
 * argument text. Expansions are expanded again, up to a depth limit, and a macro that calls itself is an
 * error. Backticks inside double-quoted strings and inside ```` ``` ```` comments are not calls.
 * Calls without a definition are left in place, so the parsed query keeps them as macro nodes and the
 * planner lists them as "cannot run".
 */
import { Lexer } from './lexer.js';

export interface MacroDefinition {
  /** `name` for a macro without arguments, otherwise the bare name; `args` gives the arity. */
  readonly name: string;
  readonly args: readonly string[];
  readonly definition: string;
}

/** Definitions keyed as macros.conf does: `name` or `name(N)`. */
export type MacroTable = ReadonlyMap<string, MacroDefinition>;

export function macroKey(name: string, arity: number): string {
  return arity === 0 ? name : `${name}(${arity})`;
}

export interface MacroExpansion {
  readonly text: string;
  /** Keys of calls that had no definition, in order of first use. */
  readonly undefinedMacros: readonly string[];
  /** Whether anything was replaced. */
  readonly expanded: boolean;
}

const MAX_DEPTH = 20;

/** Expand every defined macro in `text`. Throws SplSyntaxError for recursion or a wrong call. */
export function expandMacros(text: string, table: MacroTable): MacroExpansion {
  const undefinedMacros: string[] = [];
  let expanded = false;
  const lexer = new Lexer(text);

  function expand(source: string, stack: readonly string[], baseOffset: number | null): string {
    let out = '';
    let i = 0;
    while (i < source.length) {
      const ch = source[i] as string;
      if (source.startsWith('```', i)) {
        const close = source.indexOf('```', i + 3);
        const end = close < 0 ? source.length : close + 3;
        out += source.slice(i, end);
        i = end;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < source.length && source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
        out += source.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (ch !== '`') {
        out += ch;
        i++;
        continue;
      }
      const close = source.indexOf('`', i + 1);
      if (close < 0) {
        out += source.slice(i);
        break;
      }
      const body = source.slice(i + 1, close);
      const call = parseCall(body);
      const at = baseOffset ?? i;
      if (call === null) {
        out += source.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const key = macroKey(call.name, call.args.length);
      const def = table.get(key);
      if (def === undefined) {
        if (!undefinedMacros.includes(key)) undefinedMacros.push(key);
        out += source.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (stack.includes(key)) {
        throw lexer.error(at, `macro \`${key}\` calls itself (${[...stack, key].join(' → ')})`);
      }
      if (stack.length >= MAX_DEPTH) throw lexer.error(at, `macros nest deeper than ${MAX_DEPTH} levels at \`${key}\``);
      let body2 = def.definition;
      def.args.forEach((arg, n) => {
        body2 = body2.split(`$${arg}$`).join(call.args[n] ?? '');
      });
      expanded = true;
      out += expand(body2, [...stack, key], at);
      i = close + 1;
    }
    return out;
  }

  const result = expand(text, [], null);
  return { text: result, undefinedMacros, expanded };
}

function parseCall(body: string): { name: string; args: string[] } | null {
  const m = /^\s*([A-Za-z0-9_.:-]+)\s*(?:\(([\s\S]*)\))?\s*$/.exec(body);
  if (m === null) return null;
  if (m[2] === undefined) return { name: m[1] as string, args: [] };
  const args = splitArgs(m[2]);
  return { name: m[1] as string, args };
}

/** Split at top-level commas, respecting quotes and parentheses; arguments are trimmed. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote !== null) {
      current += ch;
      if (ch === '\\' && i + 1 < text.length) current += text[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  args.push(current.trim());
  return args.length === 1 && args[0] === '' ? [] : args;
}

