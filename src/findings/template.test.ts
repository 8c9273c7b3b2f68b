import { describe, expect, it } from 'vitest';
import { row } from '../../test/helpers/findings.js';
import { parseTemplate, renderTemplate, MAX_VALUE_LENGTH, type TemplatePart } from './template.js';

function render(text: string, fields: Parameters<typeof row>[0]): string {
  const parsed = parseTemplate(text);
  if ('error' in parsed) throw new Error(parsed.error.message);
  return renderTemplate(parsed.parts, row(fields));
}

describe('explain templates', () => {
  it('fills fields and formats', () => {
    expect(
      render('{n:count} conns every {p:duration} ({j:percent}) until {t:time}; ratio {r:decimal}', {
        n: '4200',
        p: 300,
        j: '0.125',
        t: 1704067200,
        r: 0.333333,
      }),
    ).toBe('4,200 conns every 5.0 min (12.5%) until 2024-01-01T00:00:00Z; ratio 0.333');
  });

  it('renders missing, empty and "-" fields as "-"', () => {
    expect(render('[{a}] [{b}] [{c}] [{d:count}]', { b: '', c: '-' })).toBe('[-] [-] [-] [-]');
  });

  it('falls back to the plain value when a format does not apply', () => {
    expect(render('{x:count}', { x: 'many' })).toBe('many');
  });

  it('does not evaluate anything: expressions and nested templates stay text', () => {
    // A "field" named `a+b` is looked up literally; a value that looks like a placeholder is not re-expanded.
    expect(render('{a+b} {v}', { 'a+b': 'literal', a: 1, b: 2, v: '{a} ${process.exit()}' })).toBe(
      'literal {a} ${process.exit()}',
    );
  });

  it('keeps literal braces written doubled', () => {
    expect(render('{{x}} = {x}', { x: 1 })).toBe('{x} = 1');
  });

  it('joins multivalues and cuts long values', () => {
    expect(render('{m}', { m: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toBe('a, b, c, d, e … (+2 more)');
    const out = render('{s}', { s: 'x'.repeat(500) });
    expect(out.length).toBe(MAX_VALUE_LENGTH);
    expect(out.endsWith('…')).toBe(true);
  });

  it('reports syntax errors with their offset', () => {
    const cases: [string, string, number][] = [
      ['a {b', "unclosed '{'", 2],
      ['a } b', "unmatched '}'", 2],
      ['{}', 'empty field name', 0],
      ['x {a:shout}', "unknown format 'shout'", 2],
      ['{a{b}', "'{' inside a placeholder", 0],
    ];
    for (const [text, message, offset] of cases) {
      const parsed = parseTemplate(text);
      expect('error' in parsed, text).toBe(true);
      if ('error' in parsed) {
        expect(parsed.error.message).toContain(message);
        expect(parsed.error.offset).toBe(offset);
      }
    }
  });

  it('parses into text and field parts', () => {
    const parsed = parseTemplate('x {a} y {b:count}') as { parts: TemplatePart[] };
    expect(parsed.parts).toEqual([
      { kind: 'text', text: 'x ' },
      { kind: 'field', field: 'a', format: undefined },
      { kind: 'text', text: ' y ' },
      { kind: 'field', field: 'b', format: 'count' },
    ]);
  });
});
