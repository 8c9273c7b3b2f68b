/**
 * The detection pack's extension commands, registered with the engine per run. Names start with `c2`,
 * which no Splunk command does, so an exported query can never mean something else in Splunk; every
 * command is documented in docs/detections.md (syntax, options, output fields).
 *
 * Run context goes in through the registry: `createPackCommands({ intel })` gives c2intel the run's
 * indicator set (`c2hunt hunt --intel FILE...`); without it c2intel matches nothing.
 */
import { commandRegistry, type CommandRegistry, type CustomCommand } from '../../engine/custom-commands.js';
import type { IndicatorSet } from '../../intel/indicator-set.js';
import { c2beacon } from './c2beacon.js';
import { c2dga } from './c2dga.js';
import { c2domain } from './c2domain.js';
import { c2intelCommand } from './c2intel.js';
import { c2nxburst } from './c2nxburst.js';
import { c2resolved } from './c2resolved.js';
import { c2tunnel } from './c2tunnel.js';

export interface PackContext {
  /** Indicators from `--intel` feeds, for c2intel. */
  readonly intel?: IndicatorSet | undefined;
}

/** The commands, in documentation order. */
export function packCommandList(context: PackContext = {}): readonly CustomCommand<never>[] {
  return [
    c2beacon,
    c2resolved,
    c2domain,
    c2dga,
    c2tunnel,
    c2nxburst,
    c2intelCommand(context.intel),
  ] as unknown as readonly CustomCommand<never>[];
}

/** A registry for `SplOptions.commands`. */
export function createPackCommands(context: PackContext = {}): CommandRegistry {
  return commandRegistry(packCommandList(context));
}

/** Names of the pack's commands (for "does this query need its vanilla form to export?"). */
export const PACK_COMMAND_NAMES: ReadonlySet<string> = new Set(packCommandList().map((c) => c.name));
