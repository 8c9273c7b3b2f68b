/**
 * Date and time eval functions (SR-DT, spl-semantics §2.5): now, time, strftime, strptime,
 * relative_time. Times are epoch seconds; rendering and parsing use the run's time zone (ctx.tz).
 *
 * `strftime(_time, "%Y-%m-%d %H:00:00")` → `2024-05-01 13:00:00` for 1714570496 in UTC (§2.5).
 * A literal format or modifier compiles once; an invalid literal modifier is a PlanError.
 */
import { toNumber } from '../../../events/number.js';
import { applyRelativeTime, parseRelativeTime } from '../../../events/relative-time.js';
import type { RelativeStep } from '../../../events/relative-time.js';
import { compileStrftime, compileStrptime } from '../../../events/strftime.js';
import type { EvalFunctionDef, ExprValue, FunctionArg } from '../types.js';
import { argError, constantString, defineFunction, scalarText } from './define.js';

/** JavaScript dates span ±8.64e12 seconds; times outside have no calendar rendering. */
const MAX_EPOCH = 8.64e12;

/** An epoch time from a value, or null when it is not a number within the calendar's range. */
function epochOf(v: ExprValue | undefined): number | null {
  const t = typeof v === 'boolean' ? null : toNumber(v);
  return t === null || !Number.isFinite(t) || Math.abs(t) > MAX_EPOCH ? null : t;
}

/** A per-format compiler with a small cache for formats known only per event. */
function formatCompiler<T>(compile: (format: string) => T): (format: string) => T {
  const cache = new Map<string, T>();
  return (format) => {
    let hit = cache.get(format);
    if (hit === undefined) {
      hit = compile(format);
      if (cache.size >= 256) cache.clear();
      cache.set(format, hit);
    }
    return hit;
  };
}

const strftimeFor = formatCompiler(compileStrftime);
const strptimeFor = formatCompiler(compileStrptime);

const strftimeFunction = defineFunction('strftime', 2, 2, ([t, f]) => {
  const tc = (t as FunctionArg).compiled;
  const fc = (f as FunctionArg).compiled;
  const literal = constantString(f);
  const fixed = literal === undefined || literal === null ? undefined : compileStrftime(literal);
  return (event, ctx) => {
    const epoch = epochOf(tc(event, ctx));
    if (epoch === null) return null;
    if (fixed !== undefined) return fixed(epoch, ctx.tz);
    const format = scalarText(fc(event, ctx));
    return format === null ? null : strftimeFor(format)(epoch, ctx.tz);
  };
});

const strptimeFunction = defineFunction('strptime', 2, 2, ([s, f]) => {
  const sc = (s as FunctionArg).compiled;
  const fc = (f as FunctionArg).compiled;
  const literal = constantString(f);
  const fixed = literal === undefined || literal === null ? undefined : compileStrptime(literal);
  return (event, ctx) => {
    const text = scalarText(sc(event, ctx));
    if (text === null) return null;
    if (fixed !== undefined) return fixed(text, ctx.tz);
    const format = scalarText(fc(event, ctx));
    return format === null ? null : strptimeFor(format)(text, ctx.tz);
  };
});

const relativeTimeFunction = defineFunction('relative_time', 2, 2, ([t, m]) => {
  const tc = (t as FunctionArg).compiled;
  const mc = (m as FunctionArg).compiled;
  const literal = constantString(m);
  let fixed: RelativeStep[] | undefined;
  if (literal !== undefined) {
    const steps = literal === null ? null : parseRelativeTime(literal);
    if (steps === null) throw argError('relative_time', `${JSON.stringify(literal)} is not a time modifier such as "-1d@d"`);
    fixed = steps;
  }
  return (event, ctx) => {
    const epoch = epochOf(tc(event, ctx));
    if (epoch === null) return null;
    let steps = fixed;
    if (steps === undefined) {
      const text = scalarText(mc(event, ctx));
      const parsed = text === null ? null : parseRelativeTime(text);
      if (parsed === null) return null;
      steps = parsed;
    }
    const result = applyRelativeTime(epoch, steps, ctx.tz);
    return Number.isFinite(result) ? result : null;
  };
});

export const timeFunctions: readonly EvalFunctionDef[] = [
  defineFunction('now', 0, 0, () => (_event, ctx) => ctx.now),
  // time(): the wall clock when the event is processed (SR-DT), so it is not deterministic.
  defineFunction('time', 0, 0, () => () => Date.now() / 1000),
  strftimeFunction,
  strptimeFunction,
  relativeTimeFunction,
];
