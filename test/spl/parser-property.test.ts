/**
 * Property tests for the SPL frontend.
 * 1. Random trees (built from the grammar's node kinds) print to text that parses back to the same tree.
 * 2. Random query text, assembled from grammar fragments and then damaged (tokens dropped, duplicated,
 *    swapped), never crashes the parser: it parses (and then round-trips) or throws a SplSyntaxError
 *    carrying a line and column inside the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SplSyntaxError } from '../../src/errors.js';
import { Ast } from '../../src/spl/ast.js';
import type { BinaryOp, Command, Expr, GenericArg, Pipeline, SearchExpr, SearchOp, SearchValue } from '../../src/spl/ast.js';
import { parseSpl } from '../../src/spl/parser.js';
import { printSpl } from '../../src/spl/print.js';

const RUNS = Number(process.env.PROP_RUNS ?? 300);

// ---------------------------------------------------------------------------------------------------------
// Tree generators

const ident = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const SEARCH_RESERVED = new Set(['AND', 'OR', 'NOT', 'search']);
const searchField = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.*]{0,6}$/).filter((s) => !SEARCH_RESERVED.has(s));
/** Any text, including quotes, backslashes, pipes, brackets and spaces. */
const anyText = fc.string({ unit: fc.constantFrom(...'ab \\"|[]()=*,\'`!<>-.\t9xAND'.split('')), maxLength: 8 });
const fieldName = fc.oneof(ident, anyText.filter((s) => s.length > 0));
const numberText = fc.stringMatching(/^(0|[1-9][0-9]{0,3})(\.[0-9]{1,3})?$/);

const searchValue: fc.Arbitrary<SearchValue> = fc.oneof(
  { weight: 4, arbitrary: anyText.map((t) => Ast.value(t)) },
  { weight: 1, arbitrary: fc.tuple(anyText, fc.constantFrom('CASE' as const, 'TERM' as const)).map(([t, m]) => Ast.value(t, m)) },
);

const searchExpr: fc.Arbitrary<SearchExpr> = fc.letrec<{ s: SearchExpr }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(searchField, fc.constantFrom<SearchOp>('=', '!=', '<', '<=', '>', '>='), searchValue).map(([f, op, v]) => Ast.compare(f, op, v)),
    searchValue.map((v) => Ast.term(v)),
    fc.tuple(searchField, fc.array(searchValue, { minLength: 1, maxLength: 3 })).map(([f, vs]) => Ast.in(f, vs)),
    ident.map((n) => Ast.searchMacro(Ast.macro(n, null))),
    fc.array(tie('s'), { minLength: 2, maxLength: 3 }).map((ops) => Ast.and(ops)),
    fc.array(tie('s'), { minLength: 2, maxLength: 3 }).map((ops) => Ast.or(ops)),
    tie('s').map((o) => Ast.not(o)),
  ),
})).s;

const BINARY_OPS: BinaryOp[] = ['OR', 'XOR', 'AND', 'LIKE', '=', '!=', '<', '<=', '>', '>=', '.', '+', '-', '*', '/', '%'];

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText.map((t) => Ast.number(t)),
    anyText.map((t) => Ast.string(t)),
    fieldName.map((n) => Ast.field(n)),
    fc.constant(Ast.null()),
    fc.tuple(ident, fc.array(tie('e'), { maxLength: 3 })).map(([n, args]) => Ast.call(n, args)),
    fc.tuple(fc.constantFrom('NOT' as const, '-' as const, '+' as const), tie('e')).map(([op, e]) => Ast.unary(op, e)),
    fc.tuple(fc.constantFrom(...BINARY_OPS), tie('e'), tie('e')).map(([op, l, r]) => Ast.binary(op, l, r)),
  ),
})).e;

const option = (names: string[]) => fc.tuple(fc.constantFrom(...names), anyText).map(([n, v]) => Ast.option(n, v));
const fieldList = fc.array(fieldName, { minLength: 1, maxLength: 3 });
const sortKey = fc
  .tuple(fieldName, fc.boolean(), fc.constantFrom('auto' as const, 'str' as const, 'num' as const, 'ip' as const))
  .map(([f, d, c]) => Ast.sortKey(f, d, c));
const count = fc.option(fc.nat({ max: 1000 }), { nil: null });

const genericArgs: fc.Arbitrary<GenericArg[]> = fc.array(
  fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_.:*<>!-]{1,6}$/).map((text): GenericArg => ({ kind: 'GenericWord', text })),
    anyText.map((value): GenericArg => ({ kind: 'GenericString', value })),
    fc.constantFrom<GenericArg>({ kind: 'GenericPunct', text: '=' }, { kind: 'GenericPunct', text: ',' }),
  ),
  { maxLength: 5 },
);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.option(searchExpr, { nil: null }).map((e) => Ast.search(e, true)),
  expr.map((e) => Ast.where(e)),
  fc.array(fc.tuple(fieldName, expr), { minLength: 1, maxLength: 3 }).map((as) => Ast.eval(as.map(([f, e]) => Ast.assign(f, e)))),
  fc
    .tuple(
      fc.constantFrom('stats' as const, 'eventstats' as const, 'streamstats' as const),
      fc.array(
        fc.tuple(
          fc.constantFrom('count', 'dc', 'values', 'avg', 'perc95', 'stdev'),
          fc.option(fc.oneof(fieldName.map((f) => Ast.fieldArg(f)), expr.map((e) => Ast.evalArg(e))), { nil: null }),
          fc.option(fieldName, { nil: null }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
      fc.array(fieldName, { maxLength: 3 }),
      fc.array(option(['window', 'current', 'allnum']), { maxLength: 2 }),
    )
    .map(([c, aggs, by, opts]) => Ast.stats(c, aggs.map(([f, a, as]) => Ast.aggregation(f, a, as)), by, opts)),
  fc.tuple(fieldName, fc.array(option(['span', 'bins']), { maxLength: 2 }), fc.option(fieldName, { nil: null })).map(([f, o, as]) => Ast.bin(f, o, as)),
  fc.tuple(fc.array(sortKey, { minLength: 1, maxLength: 3 }), count, fc.boolean()).map(([k, l, r]) => Ast.sort(k, l, r)),
  fc.tuple(count, fc.option(expr, { nil: null }), fc.array(option(['keeplast', 'null']), { maxLength: 2 })).map(([l, e, o]) => Ast.head(l, e, o)),
  count.map((l) => Ast.tail(l)),
  fieldList.map((f) => Ast.table(f)),
  fc.tuple(fieldList, fc.boolean()).map(([f, r]) => Ast.fields(f, r)),
  fc.array(fc.tuple(fieldName, fieldName), { minLength: 1, maxLength: 3 }).map((rs) => Ast.renameCommand(rs.map(([a, b]) => Ast.rename(a, b)))),
  fc
    .tuple(fieldList, count, fc.array(option(['keepempty', 'consecutive']), { maxLength: 2 }), fc.array(sortKey, { maxLength: 2 }))
    .map(([f, c, o, s]) => Ast.dedup(f, c, o, s)),
  fc.tuple(fc.option(anyText, { nil: null }), fc.array(fieldName, { maxLength: 3 })).map(([v, f]) => Ast.fillnull(v, f)),
  fc.tuple(anyText, fc.array(option(['field', 'max_match', 'mode']), { maxLength: 2 })).map(([p, o]) => Ast.rex(p, o)),
  fc.tuple(anyText, fc.option(ident, { nil: null }), fc.boolean()).map(([p, f, n]) => Ast.regex(p, f, f === null ? false : n)),
  fc.tuple(fieldName, fc.array(option(['delim', 'allowempty']), { maxLength: 2 })).map(([f, o]) => Ast.makemv(f, o)),
  fc.tuple(fieldName, count).map(([f, l]) => Ast.mvexpand(f, l)),
  fc
    .tuple(fc.constantFrom('top' as const, 'rare' as const), fieldList, fc.array(fieldName, { maxLength: 2 }), count, fc.array(option(['showperc', 'countfield']), { maxLength: 2 }))
    .map(([c, f, b, l, o]) => Ast.top(c, f, b, l, o)),
  fc
    .tuple(
      fieldName,
      fc.array(fc.tuple(fieldName, fc.option(fieldName, { nil: null })), { minLength: 1, maxLength: 2 }),
      fc.option(fc.tuple(fc.constantFrom('OUTPUT' as const, 'OUTPUTNEW' as const), fc.array(fc.tuple(fieldName, fc.option(fieldName, { nil: null })), { minLength: 1, maxLength: 2 }))),
      fc.array(option(['local', 'update']), { maxLength: 1 }),
    )
    .map(([t, ins, out, o]) =>
      Ast.lookup(t, ins.map(([f, a]) => Ast.mapping(f, a)), out === null ? null : out[0], out === null ? [] : out[1].map(([f, a]) => Ast.mapping(f, a)), o),
    ),
  fc.tuple(fieldName, fc.option(searchExpr, { nil: null }), fc.array(option(['append', 'max']), { maxLength: 1 })).map(([t, w, o]) => Ast.inputlookup(t, w, o)),
  fc.array(option(['count', 'annotate']), { maxLength: 2 }).map((o) => Ast.makeresults(o)),
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('ctime', 'mktime', 'auto', 'none'), fieldName, fc.option(fieldName, { nil: null })), { minLength: 1, maxLength: 3 }),
      fc.array(option(['timeformat']), { maxLength: 1 }),
    )
    .map(([cs, o]) => Ast.convert(cs.map(([f, field, as]) => Ast.convertFunction(f, field, as)), o)),
  fc.tuple(ident, fc.option(fc.array(ident, { maxLength: 2 }), { nil: null })).map(([n, a]) => Ast.macroCommand(Ast.macro(n, a))),
  fc.tuple(fc.constantFrom('tstats', 'timechart', 'iplocation', 'transaction'), genericArgs).map(([n, a]) => Ast.generic(n, a)),
);

const pipeline: fc.Arbitrary<Pipeline> = fc
  .tuple(fc.oneof(searchExpr.map((e) => Ast.search(e)), command), fc.array(command, { maxLength: 4 }))
  .map(([first, rest]) => Ast.pipeline([first, ...rest]));

describe('printer and parser agree on random trees', () => {
  it('parse(print(tree)) equals tree', () => {
    fc.assert(
      fc.property(pipeline, (tree) => {
        const text = printSpl(tree);
        expect(parseSpl(text)).toEqual(tree);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Text generator: grammar fragments, then damage

const FRAGMENTS = [
  'index=x', 'EventCode=3', 'NOT', 'OR', 'AND', '(', ')', '[', ']', '|', '"a b"', '"*\\\\x.exe"', 'x IN (1, 2)', 'IN', ',',
  '`m`', '`m(a, b)`', 'CASE(x)', 'TERM(', '=', '!=', '<=', '>', 'search', 'where', 'eval', 'stats', 'by', 'as', 'AS',
  'count', 'values(x)', 'count(eval(a>1))', 'sort', '-', '+', 'num(x)', 'head', '5', 'limit=3', 'table', 'fields', 'rename',
  'dedup', 'sortby', 'rex', 'field=x', '"(?<a>\\d+)"', 'regex', 'x!=', 'lookup', 'OUTPUT', 'inputlookup', 'tstats', 'bin',
  'span=1h', 'a=if(b>0, c/b, 99)', "'f g'", 'x.y', '1.5', '-1', 'null', '```c```', '\n', '\t', "'", '"', '`', '\\',
  'LIKE', 'XOR', 'makemv', 'mvexpand', 'top', 'rare', 'fillnull', 'value=0', 'tail', 'desc', 'streamstats', 'window=2',
];

const queryText = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 })
  .chain((parts) =>
    fc.tuple(fc.constant(parts), fc.array(fc.tuple(fc.nat({ max: 30 }), fc.constantFrom('drop', 'dup', 'swap')), { maxLength: 3 })),
  )
  .map(([parts, edits]) => {
    const out = [...parts];
    for (const [at, op] of edits) {
      if (out.length === 0) break;
      const i = at % out.length;
      if (op === 'drop') out.splice(i, 1);
      else if (op === 'dup') out.splice(i, 0, out[i] as string);
      else if (i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1] as string, out[i] as string];
    }
    return out.join(' ');
  });

describe('parser never crashes', () => {
  it('parses, or throws a positioned SplSyntaxError', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        let tree: Pipeline;
        try {
          tree = parseSpl(text);
        } catch (err) {
          expect(err).toBeInstanceOf(SplSyntaxError);
          const loc = (err as SplSyntaxError).location;
          const lines = text.split('\n');
          expect(loc?.line).toBeGreaterThanOrEqual(1);
          expect(loc?.line).toBeLessThanOrEqual(lines.length);
          expect(loc?.column).toBeGreaterThanOrEqual(1);
          expect(loc?.column).toBeLessThanOrEqual((lines[(loc?.line ?? 1) - 1] ?? '').length + 1);
          expect((err as Error).message).toMatch(/^line \d+, col \d+: /);
          return;
        }
        expect(parseSpl(printSpl(tree))).toEqual(tree);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
