/**
 * `rex` and `regex`, on RE2 (patterns are attacker-reachable through detection content; regex.ts turns
 * the PCRE spellings RE2 lacks into a clear error).
 * rex (SR-rex): named groups become fields; the regex is unanchored; `field=` defaults to `_raw`;
 * `max_match` defaults to 1, 0 means unlimited, and more than one match gives a multivalue. A group
 * that does not take part leaves its field unset; an event that does not match keeps its fields.
 * On a multivalue field every value is searched. `mode=sed` rewrites the field with `s/re/repl/flags`
 * (flags `g`, or a number N to replace only the Nth match; `i` for case-insensitive) or `y/abc/xyz/`.
 * regex: keeps events whose field matches (`!=`: that do not match; an absent field matches nothing).
 */
import { PlanError } from '../../errors.js';
import type { Event, Value } from '../../events/event.js';
import { fromValues, valuesOf } from '../../events/multivalue.js';
import { compileRegex, compileReplacement, replaceAll, type Regex } from '../regex.js';
import type { Operator } from './types.js';

function namedGroups(pattern: string): string[] {
  const names: string[] = [];
  const re = /\(\?(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern)) !== null) names.push((m[1] ?? m[2]) as string);
  return names;
}

export function rexOperator(step: { field: string; pattern: string; maxMatch: number; sed: boolean }): Operator {
  if (step.sed) return sedOperator(step.field, step.pattern);
  const names = namedGroups(step.pattern);
  const re = compileRegex(step.pattern, 'rex', 'g');
  const limit = step.maxMatch <= 0 ? Infinity : step.maxMatch;
  const extract = (event: Event) => {
    const texts = valuesOf(event[step.field]);
    if (texts.length === 0) return;
    const found = new Map<string, string[]>(names.map((n) => [n, []]));
    let matches = 0;
    for (const text of texts) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while (matches < limit && (m = re.exec(text)) !== null) {
        matches++;
        const groups = m.groups ?? {};
        for (const n of names) {
          const g = groups[n];
          if (typeof g === 'string') found.get(n)?.push(g);
        }
        if (m[0].length === 0) re.lastIndex++;
      }
      if (matches >= limit) break;
    }
    for (const [name, values] of found) {
      const v = fromValues(values);
      if (v !== null) event[name] = v;
    }
  };
  return {
    push(batch) {
      for (const event of batch) extract(event);
      return batch;
    },
    finish: () => [],
  };
}

/** Split a sed expression `s/a/b/g` at unescaped delimiters. */
function splitSed(expr: string): { command: string; parts: string[] } {
  const command = expr[0] ?? '';
  const delim = expr[1];
  if ((command !== 's' && command !== 'y') || delim === undefined || /[A-Za-z0-9\\\s]/.test(delim)) {
    throw new PlanError(`rex mode=sed: expected s/regex/replacement/flags or y/from/to/, got ${JSON.stringify(expr)}`);
  }
  const parts: string[] = [];
  let cur = '';
  for (let i = 2; i < expr.length; i++) {
    const ch = expr[i] as string;
    if (ch === '\\' && expr[i + 1] === delim) {
      cur += delim;
      i++;
    } else if (ch === delim) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return { command, parts };
}

function sedOperator(field: string, expr: string): Operator {
  const { command, parts } = splitSed(expr);
  let rewrite: (s: string) => string;
  if (command === 'y') {
    const [from = '', to = ''] = parts;
    if ([...from].length !== [...to].length || parts.length < 2) {
      throw new PlanError(`rex mode=sed: y/// needs two lists of the same length, got ${JSON.stringify(expr)}`);
    }
    const map = new Map<string, string>();
    const f = [...from];
    const t = [...to];
    f.forEach((c, i) => map.set(c, t[i] as string));
    rewrite = (s) => [...s].map((c) => map.get(c) ?? c).join('');
  } else {
    if (parts.length < 3) throw new PlanError(`rex mode=sed: expected s/regex/replacement/flags, got ${JSON.stringify(expr)}`);
    const [pattern = '', replacement = '', flags = ''] = parts;
    if (!/^(g|\d+)?i?(g|\d+)?$/.test(flags)) throw new PlanError(`rex mode=sed: unknown flags '${flags}'`);
    const nth = /\d+/.exec(flags);
    const global = flags.includes('g');
    const insensitive = flags.includes('i');
    const repl = compileReplacement(replacement);
    const re: Regex = compileRegex(pattern, 'rex mode=sed', `g${insensitive ? 'i' : ''}`);
    if (global) rewrite = (s) => replaceAll(re, s, repl);
    else {
      const target = nth === null ? 1 : Number(nth[0]);
      const one = compileRegex(pattern, 'rex mode=sed', insensitive ? 'i' : '');
      rewrite = (s) => {
        let count = 0;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(s)) !== null) {
          count++;
          if (count === target) {
            const before = s.slice(0, m.index);
            const rest = s.slice(m.index);
            return before + replaceFirst(one, rest, repl);
          }
          if (m[0].length === 0) re.lastIndex++;
        }
        return s;
      };
    }
  }
  return {
    push(batch) {
      for (const event of batch) {
        const v = event[field];
        if (v === undefined || v === null) continue;
        event[field] = Array.isArray(v) ? v.map(rewrite) : rewrite(typeof v === 'number' ? String(v) : v);
      }
      return batch;
    },
    finish: () => [],
  };
}

function replaceFirst(re: Regex, input: string, replacement: ReturnType<typeof compileReplacement>): string {
  const m = re.exec(input);
  if (m === null) return input;
  let out = '';
  for (const p of replacement) out += typeof p === 'string' ? p : (m[p] ?? '');
  return input.slice(0, m.index) + out + input.slice(m.index + m[0].length);
}

export function regexOperator(step: { field: string; negate: boolean; pattern: string }): Operator {
  const re = compileRegex(step.pattern, 'regex');
  const matches = (v: Value | undefined) => valuesOf(v).some((s) => re.test(s));
  return {
    push: (batch) => batch.filter((event) => matches(event[step.field]) !== step.negate),
    finish: () => [],
  };
}
