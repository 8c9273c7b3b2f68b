/** Macro files: both YAML shapes, and errors that name the file and the key. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { parseMacros } from './macros.js';

describe('parseMacros', () => {
  it('reads a mapping, with name(N) keys for macros with arguments', () => {
    const t = parseMacros('sysmon: index=x\n"ip(1)":\n  args: [f]\n  definition: $f$=1\n', 'm.yml');
    expect([...t.entries()]).toEqual([
      ['sysmon', { name: 'sysmon', args: [], definition: 'index=x' }],
      ['ip(1)', { name: 'ip', args: ['f'], definition: '$f$=1' }],
    ]);
  });

  it('reads a list of security_content macro entries', () => {
    const t = parseMacros('- name: sysmon\n  definition: index=x\n  description: d\n- name: f\n  arguments: [a, b]\n  definition: $a$ $b$\n', 'm.yml');
    expect([...t.keys()]).toEqual(['sysmon', 'f(2)']);
  });

  it('names a typo, a duplicate and a missing definition', () => {
    expect(() => parseMacros('x:\n  defintion: a\n', 'm.yml')).toThrow(new ConfigError("m.yml: unknown key 'defintion' in macro 'x' (keys: definition, arguments, description)"));
    expect(() => parseMacros('- name: a\n  definition: x\n- name: a\n  definition: y\n', 'm.yml')).toThrow("m.yml: macro 'a' is defined twice");
    expect(() => parseMacros('x:\n  args: [a]\n', 'm.yml')).toThrow("m.yml: macro 'x' needs a 'definition' string");
    expect(() => parseMacros('"f(1)": a\n', 'm.yml')).toThrow("m.yml: macro 'f(1)' takes arguments: give { args: [...], definition: ... }");
  });
});
