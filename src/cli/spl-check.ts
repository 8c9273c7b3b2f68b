/**
 * `c2hunt spl --check`: the lint report. For each query: `ok`, its syntax error (with position and caret),
 * or what cannot run, grouped as commands, functions, macros and other problems, each with its position.
 */
import type { PlanProblem } from '../plan/types.js';
import type { SplCheck } from '../engine/run-spl.js';
import type { QuerySource } from './spl-query-source.js';

const GROUPS: readonly { title: string; kinds: readonly PlanProblem['kind'][] }[] = [
  { title: 'commands', kinds: ['unsupported-command', 'unknown-command'] },
  { title: 'functions', kinds: ['unknown-function'] },
  { title: 'macros', kinds: ['undefined-macro'] },
  { title: 'other', kinds: ['unsupported-feature', 'invalid-argument'] },
];

function where(p: PlanProblem): string {
  return p.line === undefined ? '' : `line ${p.line}, col ${p.column}: `;
}

export function formatCheck(source: QuerySource, check: SplCheck): string {
  if (check.syntaxError !== null) {
    const [first, ...rest] = check.syntaxError.message.split('\n');
    return `${source.label}: syntax error: ${first}\n${rest.map((l) => `  ${l}\n`).join('')}`;
  }
  if (check.ok) return `${source.label}: ok (${check.commands.join(' | ')})\n`;
  let out = `${source.label}: cannot run\n`;
  for (const group of GROUPS) {
    const items = check.problems.filter((p) => group.kinds.includes(p.kind));
    if (items.length === 0) continue;
    out += `  ${group.title}:\n`;
    for (const p of items) out += `    ${where(p)}${p.message}\n`;
  }
  return out;
}

export function checkToJson(source: QuerySource, check: SplCheck): Record<string, unknown> {
  return {
    source: source.label,
    ok: check.ok,
    syntaxError: check.syntaxError,
    problems: check.problems.map((p) => ({ kind: p.kind, name: p.name, message: p.message, line: p.line ?? null, column: p.column ?? null })),
    commands: check.commands,
  };
}
