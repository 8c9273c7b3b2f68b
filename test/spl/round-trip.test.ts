/**
 * parse → print → parse gives the same tree for every query of the identity corpus and for the seed
 * detection, and printing is a fixed point (printing the reparsed tree gives the same text).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpl } from '../../src/spl/parser.js';
import { printSpl } from '../../src/spl/print.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { seedQuery } from '../helpers/seed.js';

const corpus = readFileSync(resolve(REPO_ROOT, 'test/fixtures/spl/identity.spl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

function expectRoundTrip(query: string): void {
  const ast = parseSpl(query);
  const printed = printSpl(ast);
  const again = parseSpl(printed);
  expect(again).toEqual(ast);
  expect(printSpl(again)).toBe(printed);
}

describe('round trip', () => {
  it.each(corpus)('%s', (query) => {
    expectRoundTrip(query);
  });

  // Found by the property test (seed 840910209): a word ending in an escaped space or tab lost it when
  // the printer trimmed the query's end.
  it.each(['| index=x index=x \\ \t', '| makeresults x=\\ ', 'a \\\t'])('keeps a trailing escaped blank: %j', (query) => {
    const ast = parseSpl(query);
    expect(parseSpl(printSpl(ast))).toEqual(ast);
  });

  it('holds for the seed detection', () => {
    expectRoundTrip(seedQuery());
  });

  it('prints the canonical form', () => {
    expect(printSpl(parseSpl('index=x   NOT(a=1 OR b="c d")|stats   count as n  BY host|sort -   n'))).toBe(
      'index=x NOT (a=1 OR b="c d") | stats count AS n by host | sort -n',
    );
    expect(printSpl(parseSpl('Image="*\\\\msedge.exe" | eval x=a==b'))).toBe('Image="*\\\\msedge.exe" | eval x=a = b');
  });
});
