/**
 * `convert [timeformat=F] func(field) [AS name] ...` [UNCONFIRMED: the SR-convert page was not read for
 * the design note; these follow the function descriptions of the Search Reference]:
 * - ctime: epoch seconds → text in `timeformat` (default `%m/%d/%Y %H:%M:%S`), in the run's time zone;
 *   mktime: the reverse.
 * - dur2sec: `[D+]HH:MM:SS` → seconds; mstime: `[MM:]SS.SSS` → seconds; memk: `10`, `10k`, `2m`, `1g`
 *   → kilobytes.
 * - rmcomma: `1,234` → 1234; rmunit: the leading number of `42ms` → 42.
 * - auto: the first of number, rmcomma, rmunit, dur2sec that fits, else the value stays; num: the same,
 *   but a value that fits none is removed. none: no conversion.
 * A field pattern may hold `*`; with AS, each `*` carries over what it matched. A value that does not
 * convert leaves the field as it was (num aside). Every value of a multivalue is converted.
 */
import type { Event, Value } from '../../events/event.js';
import { formatNumber } from '../../events/format.js';
import { parseNumber } from '../../events/number.js';
import { compileStrftime, compileStrptime } from '../../events/strftime.js';
import type { ConvertFunctionName } from '../../plan/types.js';
import type { OperatorContext } from './context.js';
import { fieldPattern } from './shape.js';
import type { Operator } from './types.js';

type Conversion = (text: string) => string | number | null;

function dur2sec(text: string): number | null {
  const m = /^(?:(\d+)\+)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (m === null) return null;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

function mstime(text: string): number | null {
  const m = /^(?:(\d+):)?(\d+(?:\.\d+)?)$/.exec(text.trim());
  return m === null ? null : Number(m[1] ?? 0) * 60 + Number(m[2]);
}

function memk(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(text.trim());
  if (m === null) return null;
  const unit = (m[2] ?? '').toLowerCase();
  return Number(m[1]) * (unit === 'm' ? 1024 : unit === 'g' ? 1024 * 1024 : 1);
}

function rmcomma(text: string): number | null {
  return text.includes(',') ? parseNumber(text.replace(/,/g, '')) : null;
}

function rmunit(text: string): number | null {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text);
  return m === null ? null : Number(m[1]);
}

function auto(text: string): number | null {
  return parseNumber(text) ?? rmcomma(text) ?? rmunit(text) ?? dur2sec(text);
}

export function convertOperator(
  step: { timeformat: string; conversions: readonly { func: ConvertFunctionName; field: string; as: string | null }[] },
  ctx: OperatorContext,
): Operator {
  const tz = ctx.evalContext.tz;
  const render = compileStrftime(step.timeformat);
  const parse = compileStrptime(step.timeformat);
  const conversions: Record<ConvertFunctionName, Conversion> = {
    ctime: (text) => {
      const n = parseNumber(text);
      return n === null ? null : render(n, tz);
    },
    mktime: (text) => parse(text, tz),
    dur2sec,
    mstime,
    memk,
    rmcomma,
    rmunit,
    auto,
    num: auto,
    none: (text) => text,
  };
  // none() excludes fields from every other conversion, wherever it is written (SR-convert).
  const ordered = [...step.conversions].sort((a, b) => Number(b.func === 'none') - Number(a.func === 'none'));
  const rules = ordered.map((c) => ({
    func: c.func,
    convert: conversions[c.func],
    match: fieldPattern(c.field),
    wild: c.field.includes('*'),
    field: c.field,
    toParts: c.as?.split('*') ?? null,
  }));

  const convertValue = (v: Value, convert: Conversion, removeFailures: boolean): Value | undefined => {
    const one = (x: string | number): string | number | null => {
      const out = convert(typeof x === 'number' ? formatNumber(x) : x);
      return out === null ? (removeFailures ? null : x) : out;
    };
    if (Array.isArray(v)) {
      const out = v.map(one).filter((x): x is string | number => x !== null).map((x) => (typeof x === 'number' ? formatNumber(x) : x));
      return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
    }
    if (v === null) return undefined;
    const out = one(v);
    return out === null ? undefined : out;
  };

  return {
    push(batch) {
      for (const event of batch) {
        // A field already converted (or excluded by none()) is not converted again by a later pattern.
        const done = new Set<string>();
        for (const r of rules) {
          const names = r.wild ? Object.keys(event).filter((n) => r.match(n) !== null && !done.has(n)) : [r.field];
          for (const name of names) {
            const v = event[name];
            if (v === undefined) continue;
            done.add(name);
            if (r.func === 'none') continue;
            let target = name;
            if (r.toParts !== null) {
              const caps = r.match(name) ?? [];
              target = r.toParts[0] as string;
              for (let i = 1; i < r.toParts.length; i++) target += (caps[i - 1] ?? '') + (r.toParts[i] as string);
            }
            const out = convertValue(v, r.convert, r.func === 'num');
            if (out === undefined) {
              if (r.func === 'num') delete (event as Event)[target];
              continue;
            }
            event[target] = out;
          }
        }
      }
      return batch;
    },
    finish: () => [],
  };
}
