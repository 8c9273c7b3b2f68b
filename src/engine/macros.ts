/**
 * Macro definitions from a YAML file (`--macros FILE`), in either of two shapes:
 * - a map of name → definition: `sysmon: index=wineventlog source=...`, with `name(N)` keys for macros
 *   with arguments given as `{ args: [a, b], definition: ... }`;
 * - a list of Splunk security_content macro entries: `- name: sysmon`, `definition: ...`,
 *   `arguments: [ip]` (optional), `description: ...`.
 * A typo in a key is an error that names it.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';
import { macroKey, type MacroDefinition, type MacroTable } from '../spl/macros.js';

const ENTRY_KEYS = new Set(['name', 'definition', 'arguments', 'args', 'description']);

function entry(where: string, name: string, raw: unknown): MacroDefinition {
  if (typeof raw === 'string') {
    const m = /^([^()]+)\((\d+)\)$/.exec(name);
    if (m !== null && Number(m[2]) > 0) throw new ConfigError(`${where}: macro '${name}' takes arguments: give { args: [...], definition: ... }`);
    return { name, args: [], definition: raw };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: macro '${name}' must be a string or a mapping`);
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!ENTRY_KEYS.has(key)) throw new ConfigError(`${where}: unknown key '${key}' in macro '${name}' (keys: definition, arguments, description)`);
  }
  const definition = obj['definition'];
  if (typeof definition !== 'string') throw new ConfigError(`${where}: macro '${name}' needs a 'definition' string`);
  const args = obj['arguments'] ?? obj['args'] ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) {
    throw new ConfigError(`${where}: 'arguments' of macro '${name}' must be a list of names`);
  }
  const bare = name.replace(/\(\d+\)$/, '');
  return { name: bare, args, definition };
}

/** Parse macro definitions from YAML text; `where` names the file in errors. */
export function parseMacros(text: string, where: string): MacroTable {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${where}: ${(err as Error).message.split('\n')[0]}`);
  }
  const table = new Map<string, MacroDefinition>();
  const add = (def: MacroDefinition) => {
    const key = macroKey(def.name, def.args.length);
    if (table.has(key)) throw new ConfigError(`${where}: macro '${key}' is defined twice`);
    table.set(key, def);
  };
  if (doc === null || doc === undefined) return table;
  if (Array.isArray(doc)) {
    doc.forEach((item, i) => {
      const name = (item as { name?: unknown } | null)?.name;
      if (typeof name !== 'string') throw new ConfigError(`${where}: entry ${i + 1} needs a 'name'`);
      add(entry(where, name, item));
    });
    return table;
  }
  if (typeof doc !== 'object') throw new ConfigError(`${where}: expected a mapping of macro names or a list of macros`);
  const root = doc as Record<string, unknown>;
  const macros = Object.keys(root).length === 1 && 'macros' in root ? root['macros'] : root;
  if (Array.isArray(macros)) return parseMacros(JSON.stringify(macros), where);
  for (const [name, raw] of Object.entries(macros as Record<string, unknown>)) add(entry(where, name, raw));
  return table;
}

export function loadMacros(path: string): MacroTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read macros file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseMacros(text, path);
}
