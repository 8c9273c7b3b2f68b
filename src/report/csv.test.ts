import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileRanked, workedExample } from '../../test/helpers/findings.js';
import { CSV_COLUMNS, csvCell, protectFormula, renderCsv } from './csv.js';

describe('CSV formula-injection protection (OWASP CSV Injection)', () => {
  it('prefixes text cells starting with = + - @ TAB CR with a single quote', () => {
    const cases: [string, string][] = [
      ['=1+1', "'=1+1"],
      ['+1', "'+1"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['\rx', "'\rx"],
      ['a=1', 'a=1'], // not at the start
      [' =1', ' =1'], // OWASP's list names the first character only
      ['', ''],
    ];
    for (const [input, out] of cases) expect(protectFormula(input), JSON.stringify(input)).toBe(out);
  });

  it('quotes per RFC 4180 after protecting', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(['one', '=two'])).toBe('"one\n=two"'); // only a cell's first character starts a formula
    expect(csvCell(['-x', 'y'])).toBe(`"'-x\ny"`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes numbers the report computed as numbers, and nothing for non-finite ones', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(151.5)).toBe('151.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('CSV report', () => {
  it('has a stable header and one row per finding, CRLF-separated', () => {
    const text = renderCsv(workedExample());
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.map((c) => c.name).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    // 5 findings in object 1, one each in objects 2 and 3.
    expect(records.map((r) => r['rank'])).toEqual(['1', '1', '1', '1', '1', '2', '3']);
    const top = records[0]!;
    expect(top['object_score']).toBe('151.5');
    expect(top['detection_id']).toBe('c2h-beacon-interval');
    expect(top['techniques']).toBe('T1071.001\nT1583.004');
    expect(top['first_seen']).toBe('2024-01-01T00:00:00Z');
  });

  it('writes the same header with no findings', () => {
    const empty = renderCsv({ objects: [], hosts: [], totalFindings: 0, options: { decay: 0.5, threshold: 100 } });
    expect(empty).toBe(`${CSV_COLUMNS.map((c) => c.name).join(',')}\r\n`);
  });

  it('round-trips hostile values through a CSV parser, each dangerous cell protected', () => {
    const text = renderCsv(hostileRanked());
    const [rec] = parse(text, { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rec!['host']).toBe(HOSTILE.script);
    // The evidence cell starts with a label, so only the joined value list would matter; its lines keep
    // the formula text verbatim after `list=`.
    expect(rec!['evidence']).toContain(`list=${HOSTILE.formula}`);
    expect(rec!['command_line']).toContain(HOSTILE.rlo);
    // Cells that start with a formula character come back with the quote prefix, text otherwise intact.
    expect(rec!['parent_command_line']).toBe(`'${HOSTILE.formula}`);
    expect(rec!['process_guid']).toBe(`'-@SUM(1+1)`);
    // Every cell of every row: none starts with a formula character.
    const rows = parse(text, { columns: false }) as string[][];
    for (const r of rows) for (const cell of r) expect(/^[=+\-@\t\r]/.test(cell), cell).toBe(false);
  });

  it('protects a guide step that starts with a formula character', () => {
    const ranked = hostileRanked();
    const f = ranked.objects[0]!.findings[0]!;
    const mutated = { ...ranked, objects: [{ ...ranked.objects[0]!, findings: [{ ...f, guide: ['=cmd|"/c calc"!A1'] }] }] };
    const [rec] = parse(renderCsv(mutated), { columns: true }) as Record<string, string>[];
    expect(rec!['guide']).toBe(`'=cmd|"/c calc"!A1`);
  });
});
