/**
 * Reading command options (`name=value`) into typed values, with problems for unknown names and bad
 * values. Splunk booleans accept true/false, t/f, 1/0 and yes/no (case-insensitive) [UNCONFIRMED: the
 * per-command pages show true/false and t/f; 1/0 and yes/no follow the Splunk config convention].
 */
import type { CommandOption } from '../spl/ast.js';
import type { PlanProblem } from './types.js';

export type OptionType = 'bool' | 'int' | 'string' | 'unsupported';

export class OptionReader {
  private readonly values = new Map<string, CommandOption>();

  constructor(
    private readonly command: string,
    options: readonly CommandOption[],
    schema: Readonly<Record<string, OptionType>>,
    private readonly report: (problem: Omit<PlanProblem, 'line' | 'column'>, node: object) => void,
  ) {
    for (const option of options) {
      const type = schema[option.name];
      if (type === undefined) {
        const known = Object.keys(schema).filter((k) => schema[k] !== 'unsupported');
        report(
          {
            kind: 'invalid-argument',
            name: command,
            message: `unknown option '${option.name}' for ${command}${known.length > 0 ? ` (options: ${known.join(', ')})` : ''}`,
          },
          option,
        );
        continue;
      }
      if (type === 'unsupported') {
        report({ kind: 'unsupported-feature', name: command, message: `${command} option '${option.name}' is not supported` }, option);
        continue;
      }
      this.values.set(option.name, option);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  option(name: string): CommandOption | undefined {
    return this.values.get(name);
  }

  string(name: string, fallback: string): string;
  string(name: string, fallback: null): string | null;
  string(name: string, fallback: string | null): string | null {
    return this.values.get(name)?.value ?? fallback;
  }

  bool(name: string, fallback: boolean): boolean {
    const option = this.values.get(name);
    if (option === undefined) return fallback;
    const parsed = parseBool(option.value);
    if (parsed === null) {
      this.report(
        { kind: 'invalid-argument', name: this.command, message: `${this.command} option '${name}' must be true or false, not '${option.value}'` },
        option,
      );
      return fallback;
    }
    return parsed;
  }

  int(name: string, fallback: number, min = 0): number {
    const option = this.values.get(name);
    if (option === undefined) return fallback;
    const n = /^-?\d+$/.test(option.value.trim()) ? Number(option.value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min) {
      this.report(
        {
          kind: 'invalid-argument',
          name: this.command,
          message: `${this.command} option '${name}' must be a whole number${min > 0 ? ` of at least ${min}` : min === 0 ? ' (0 or more)' : ''}, not '${option.value}'`,
        },
        option,
      );
      return fallback;
    }
    return n;
  }
}

export function parseBool(text: string): boolean | null {
  switch (text.trim().toLowerCase()) {
    case 'true':
    case 't':
    case '1':
    case 'yes':
      return true;
    case 'false':
    case 'f':
    case '0':
    case 'no':
      return false;
    default:
      return null;
  }
}
