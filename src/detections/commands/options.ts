/**
 * Typed options for the pack's extension commands: each command declares its options with a type and a
 * default, and gets a PlanError naming the command and option for an unknown name or a bad value, so
 * `c2hunt spl --check` reports a typo in `min_checkins=` at the command's position.
 */
import { PlanError } from '../../errors.js';
import type { CustomCommandArgs } from '../../engine/custom-commands.js';

export type OptionSpec =
  | { readonly type: 'number'; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  | { readonly type: 'string' }
  | { readonly type: 'field' }
  | { readonly type: 'fields' }
  | { readonly type: 'bool' }
  | { readonly type: 'enum'; readonly values: readonly string[] };

export type OptionSchema = Readonly<Record<string, OptionSpec>>;

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

export class CommandOptions {
  constructor(
    private readonly command: string,
    private readonly args: CustomCommandArgs,
    private readonly schema: OptionSchema,
    { by = 'forbidden', positional = 0 }: { by?: 'required' | 'optional' | 'forbidden'; positional?: number } = {},
  ) {
    for (const name of args.options.keys()) {
      if (!(name in schema)) {
        const known = Object.keys(schema);
        throw new PlanError(`${command}: unknown option '${name}'${known.length > 0 ? ` (options: ${known.join(', ')})` : ''}`);
      }
    }
    if (by === 'required' && args.by.length === 0) throw new PlanError(`${command}: needs 'by' and at least one field`);
    if (by === 'forbidden' && args.by.length > 0) throw new PlanError(`${command}: takes no 'by' clause`);
    if (args.positional.length > positional) {
      throw new PlanError(`${command}: unexpected '${args.positional[positional]}'${positional === 0 ? ' (options are name=value)' : ''}`);
    }
    for (const f of args.by) checkField(command, 'by', f);
  }

  get by(): readonly string[] {
    return this.args.by;
  }

  get positional(): readonly string[] {
    return this.args.positional;
  }

  private raw(name: string): string | undefined {
    if (!(name in this.schema)) throw new Error(`option '${name}' of ${this.command} is not in its schema`);
    return this.args.options.get(name);
  }

  number(name: string, fallback: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const spec = this.schema[name] as Extract<OptionSpec, { type: 'number' }>;
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    const range = `${spec.min ?? '-∞'}..${spec.max ?? '∞'}`;
    if (!Number.isFinite(n) || (spec.integer === true && !Number.isInteger(n)) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      throw new PlanError(`${this.command}: option '${name}' must be ${spec.integer === true ? 'a whole number' : 'a number'} in ${range}, not '${raw}'`);
    }
    return n;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  field(name: string, fallback: string): string {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    checkField(this.command, name, raw);
    return raw;
  }

  /** A comma-separated field list ("a,b" or "a, b"). */
  fields(name: string, fallback: readonly string[]): readonly string[] {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const list = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (const f of list) checkField(this.command, name, f);
    return list;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const t = raw.trim().toLowerCase();
    if (['true', 't', '1', 'yes'].includes(t)) return true;
    if (['false', 'f', '0', 'no'].includes(t)) return false;
    throw new PlanError(`${this.command}: option '${name}' must be true or false, not '${raw}'`);
  }

  enumeration<T extends string>(name: string, fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const spec = this.schema[name] as Extract<OptionSpec, { type: 'enum' }>;
    const t = raw.trim().toLowerCase();
    if (!spec.values.includes(t)) throw new PlanError(`${this.command}: option '${name}' must be one of ${spec.values.join(', ')}, not '${raw}'`);
    return t as T;
  }
}

function checkField(command: string, option: string, field: string): void {
  if (!FIELD_RE.test(field)) throw new PlanError(`${command}: '${field}' is not a field name (${option})`);
}
