/**
 * Arguments of an extension command (a command c2hunt's core does not know, registered by the detection
 * pack: `| c2beacon by host, Image, DestinationIp min_checkins=5`). The parser keeps such commands as
 * generic tokens; this reads them into the one shape every extension command uses, so each command only
 * checks meanings, never token sequences:
 *   name=value options (value a word, number or quoted string), `by f1, f2, ...`, and bare words.
 * A malformed argument is a PlanError naming it; the planner reports it at the command's position.
 */
import { PlanError } from '../errors.js';
import type { GenericArg } from '../spl/ast.js';

export interface CustomCommandArgs {
  /** `name=value` options, in order; names are lower-cased, values as written (quotes removed). */
  readonly options: ReadonlyMap<string, string>;
  /** The fields after `by`, in order (empty without `by`). */
  readonly by: readonly string[];
  /** Bare words before `by` that are not options (field lists such as `c2domain QueryName`). */
  readonly positional: readonly string[];
}

/** The planning half of an extension command: check arguments and return its configuration. */
export interface CustomCommandPlanner {
  /** Throws PlanError for a bad argument; the result is handed to the operator factory as is. */
  configure(args: CustomCommandArgs): unknown;
  /**
   * Whether the command can look at `_raw` (plan/raw-usage.ts): `none` when it reads only named fields and
   * passes events on, `drop` when it replaces events with rows that cannot carry `_raw` (an aggregate).
   * Left out, it is taken to read `_raw`, which is always safe.
   */
  readonly rawUse?: 'none' | 'drop';
}

function text(arg: GenericArg): string | null {
  switch (arg.kind) {
    case 'GenericWord':
      return arg.text;
    case 'GenericString':
      return arg.value;
    case 'GenericField':
      return arg.name;
    default:
      return null;
  }
}

export function readCustomArgs(command: string, args: readonly GenericArg[]): CustomCommandArgs {
  const options = new Map<string, string>();
  const by: string[] = [];
  const positional: string[] = [];
  let inBy = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as GenericArg;
    if (arg.kind === 'GenericBracket') throw new PlanError(`${command}: subsearches are not allowed here`);
    if (arg.kind === 'GenericMacro') throw new PlanError(`${command}: macro \`${arg.macro.name}\` is not defined`);
    if (arg.kind === 'GenericPunct') {
      if (arg.text === ',' && inBy) continue;
      throw new PlanError(`${command}: unexpected '${arg.text}'`);
    }
    const word = text(arg) as string;
    const next = args[i + 1];
    if (next?.kind === 'GenericPunct' && next.text === '=') {
      const valueArg = args[i + 2];
      const value = valueArg === undefined ? null : text(valueArg);
      if (value === null) throw new PlanError(`${command}: option '${word}' needs a value (${word}=...)`);
      const name = word.toLowerCase();
      if (options.has(name)) throw new PlanError(`${command}: option '${name}' is given twice`);
      options.set(name, value);
      inBy = false;
      i += 2;
      continue;
    }
    if (arg.kind === 'GenericWord' && word.toLowerCase() === 'by') {
      if (inBy || by.length > 0) throw new PlanError(`${command}: 'by' is given twice`);
      inBy = true;
      continue;
    }
    if (inBy) by.push(word);
    else positional.push(word);
  }
  if (inBy && by.length === 0) throw new PlanError(`${command}: 'by' needs at least one field`);
  return { options, by, positional };
}
