/**
 * Call eval functions and aggregates the way the expression compiler and stats operator do, so unit
 * tests are one line each: `call('substr', 'string', 1, 3)` compiles with literal arguments, `field('x')`
 * stands for a field reference read from the event, `aggregate('stdev', [65, 42])` feeds values.
 */
import { createEvent } from '../../src/events/event.js';
import type { Event, Value } from '../../src/events/event.js';
import { getAggregate } from '../../src/engine/aggregates/index.js';
import { getEvalFunction } from '../../src/engine/expr/functions/index.js';
import type { EvalContext, ExprValue, FunctionArg } from '../../src/engine/expr/types.js';

/** A field reference: evaluated per event, not known at compile time. */
export interface FieldRef {
  readonly field: string;
}

export function field(name: string): FieldRef {
  return { field: name };
}

/** An argument only known per event that evaluates to a fixed value (tests the non-literal path). */
export interface Dynamic {
  readonly dynamic: ExprValue;
}

export function dynamic(value: ExprValue): Dynamic {
  return { dynamic: value };
}

export type Arg = ExprValue | FieldRef | Dynamic;

export const TEST_CONTEXT: EvalContext = { now: 1714570496, tz: 'UTC', random: () => 0.5 };

function toArg(a: Arg): FunctionArg {
  if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
    if ('field' in a) return { compiled: (e: Event) => e[a.field] ?? null };
    return { compiled: () => a.dynamic };
  }
  return { compiled: () => a, constant: { value: a } };
}

/** Compile `name(args…)` and run it on one event. */
export function call(name: string, ...args: Arg[]): ExprValue {
  return callOn(createEvent(), TEST_CONTEXT, name, ...args);
}

export function callOn(event: Event, ctx: EvalContext, name: string, ...args: Arg[]): ExprValue {
  const def = getEvalFunction(name);
  if (def === undefined) throw new Error(`no eval function ${name}`);
  if (args.length < def.minArgs || args.length > def.maxArgs) throw new Error(`bad arity for ${name}`);
  return def.compile(args.map(toArg), { tz: ctx.tz })(event, ctx);
}

/** An event from plain fields. */
export function eventOf(fields: Record<string, Value>): Event {
  return Object.assign(createEvent(), fields);
}

/**
 * Run a stats function over values, one event per value; `undefined` stands for an event without the
 * field. `times` gives each event's `_time`. A name without a field (`count`) counts events.
 */
export function aggregate(name: string, values: readonly (Value | undefined)[], times?: readonly number[]): Value {
  const resolved = getAggregate(name);
  if (resolved === undefined) throw new Error(`no aggregate ${name}`);
  const agg = resolved.create(true);
  values.forEach((v, i) => {
    const e = createEvent();
    if (times !== undefined) e['_time'] = times[i] ?? null;
    agg.add(v, e);
  });
  return agg.result();
}
