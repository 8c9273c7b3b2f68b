import { describe, expect, it } from 'vitest';
import { parseSpl } from '../spl/parser.js';
import { readCustomArgs } from './custom-args.js';
import type { GenericCommand } from '../spl/ast.js';

function args(text: string) {
  const cmd = parseSpl(`| ${text}`).commands[0] as GenericCommand;
  return readCustomArgs(cmd.name, cmd.args);
}

describe('readCustomArgs', () => {
  it('reads options, a by clause and bare words in any order', () => {
    const a = args('c2x QueryName min=5 by host, Image values="a,b" dns=drop');
    expect([...a.options]).toEqual([['min', '5'], ['values', 'a,b'], ['dns', 'drop']]);
    expect(a.by).toEqual(['host', 'Image']);
    expect(a.positional).toEqual(['QueryName']);
  });

  it('lower-cases option names and keeps values as written', () => {
    expect([...args('c2x Field=QueryName').options]).toEqual([['field', 'QueryName']]);
  });

  it('rejects malformed arguments with the command name', () => {
    expect(() => args('c2x a=1 a=2')).toThrow("c2x: option 'a' is given twice");
    expect(() => args('c2x by')).toThrow("c2x: 'by' needs at least one field");
    expect(() => args('c2x a=')).toThrow("c2x: option 'a' needs a value");
    expect(() => args('c2x ( x )')).toThrow("c2x: unexpected '('");
    expect(() => args('c2x by a by b')).toThrow("c2x: 'by' is given twice");
  });
});
