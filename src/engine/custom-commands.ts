/**
 * The engine's extension point: commands the core SPL engine does not implement, registered by the
 * caller (c2hunt's detection pack registers c2beacon, c2resolved, c2intel... in src/detections/commands/).
 * A command has a planning half (check the arguments, return a configuration: the planner lists a bad
 * argument as "cannot run" with its position, like any other) and an operator factory. The registry is
 * passed per run (`SplOptions.commands`), so run-specific context (an intel feed) lives in the registry
 * the caller builds, not in globals.
 */
import { PlanError } from '../errors.js';
import type { CustomCommandArgs, CustomCommandPlanner } from '../plan/custom-args.js';
import { SPLUNK_COMMANDS } from '../plan/known-commands.js';
import type { OperatorContext } from './operators/context.js';
import type { Operator } from './operators/types.js';

export type { CustomCommandArgs } from '../plan/custom-args.js';

export interface CustomCommand<C = unknown> extends CustomCommandPlanner {
  /** Lower-case; must not be a Splunk command name. */
  readonly name: string;
  /** One line for listings and errors. */
  readonly summary: string;
  configure(args: CustomCommandArgs): C;
  /** A fresh operator for one run of one query. */
  create(config: C, ctx: OperatorContext): Operator;
}

export type CommandRegistry = ReadonlyMap<string, CustomCommand<unknown>>;

/** Build a registry, refusing names Splunk uses (an exported query must not change meaning) and duplicates. */
export function commandRegistry(commands: Iterable<CustomCommand<never>>): CommandRegistry {
  const map = new Map<string, CustomCommand<unknown>>();
  for (const c of commands) {
    if (!/^[a-z][a-z0-9_]*$/.test(c.name)) throw new PlanError(`extension command '${c.name}': names are lower-case letters, digits and _`);
    if (SPLUNK_COMMANDS.has(c.name)) throw new PlanError(`extension command '${c.name}' would shadow the Splunk command of that name`);
    if (map.has(c.name)) throw new PlanError(`extension command '${c.name}' is registered twice`);
    map.set(c.name, c as unknown as CustomCommand<unknown>);
  }
  return map;
}
