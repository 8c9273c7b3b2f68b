/**
 * Parser tests: each row is a query and the AST it must produce (built with the factories), following the
 * grammar rules of spl-semantics.md §1-§6. Error messages are asserted in parser-errors.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Ast, spanOf } from './ast.js';
import type { Command, Expr, SearchExpr } from './ast.js';
import { parseSearchExpression, parseSpl, parseSplExpression } from './parser.js';

const v = Ast.value;
const eq = (field: string, text: string) => Ast.compare(field, '=', v(text));
const term = (text: string) => Ast.term(v(text));
const fld = Ast.field;
const num = Ast.number;
const str = Ast.string;
const bin = Ast.binary;

function search(q: string): SearchExpr | null {
  return parseSearchExpression(q);
}

function command(q: string): Command {
  const p = parseSpl(`* | ${q}`);
  return p.commands[1] as Command;
}

describe('search clause', () => {
  const rows: [string, SearchExpr | null][] = [
    ['EventCode=3', eq('EventCode', '3')],
    ['EventCode = 3', eq('EventCode', '3')],
    ['a b', Ast.and([term('a'), term('b')])],
    ['a AND b', Ast.and([term('a'), term('b')])],
    // NOT > OR > AND (spl-semantics §1.4): `a b OR c` is `a AND (b OR c)`.
    ['a b OR c', Ast.and([term('a'), Ast.or([term('b'), term('c')])])],
    ['a OR b c', Ast.and([Ast.or([term('a'), term('b')]), term('c')])],
    ['NOT a OR b', Ast.or([Ast.not(term('a')), term('b')])],
    ['NOT (a OR b)', Ast.not(Ast.or([term('a'), term('b')]))],
    ['NOT NOT a', Ast.not(Ast.not(term('a')))],
    ['(a b) c', Ast.and([Ast.and([term('a'), term('b')]), term('c')])],
    ['((a))', term('a')],
    // Backslashes: `\\` is one backslash, unknown sequences stay (spl-semantics §1.3).
    ['Image="*\\\\msedge.exe"', eq('Image', '*\\msedge.exe')],
    ['Image="*\\msedge.exe"', eq('Image', '*\\msedge.exe')],
    ['x="a\\"b"', eq('x', 'a"b')],
    ['x="a|b"', eq('x', 'a|b')],
    ['x="a\\|b"', eq('x', 'a|b')],
    ['x="\\t"', eq('x', '\\t')],
    ['DestinationIp="10.*" DestinationIp=::1', Ast.and([eq('DestinationIp', '10.*'), eq('DestinationIp', '::1')])],
    ['ip=10.0.0.0/8', eq('ip', '10.0.0.0/8')],
    // A value may hold = < > ! (Splunk reads up to the next space): url=http://a.example/?q=1.
    ['url=http://a.example/?q=1&r=<2> x=1', Ast.and([eq('url', 'http://a.example/?q=1&r=<2>'), eq('x', '1')])],
    ['(a=b=c)', eq('a', 'b=c')],
    ['x!=1', Ast.compare('x', '!=', v('1'))],
    ['x<1 y<=2 z>3 w>=4', Ast.and([Ast.compare('x', '<', v('1')), Ast.compare('y', '<=', v('2')), Ast.compare('z', '>', v('3')), Ast.compare('w', '>=', v('4'))])],
    ['x==1', eq('x', '1')],
    ['dest* = foo', eq('dest*', 'foo')],
    ['x IN (a, "b c", d*)', Ast.in('x', [v('a'), v('b c'), v('d*')])],
    ['x IN (a b)', Ast.in('x', [v('a'), v('b')])],
    ['x in (1,2)', Ast.in('x', [v('1'), v('2')])],
    ['country="IN"', eq('country', 'IN')],
    ['"OR"', term('OR')],
    ['"access denied" error', Ast.and([term('access denied'), term('error')])],
    ['host=CASE(LOCALHOST)', Ast.compare('host', '=', v('LOCALHOST', 'CASE'))],
    ['TERM(127.0.0.1)', Ast.term(v('127.0.0.1', 'TERM'))],
    ['CASE (x)', Ast.and([term('CASE'), term('x')])],
    ['`sysmon` EventCode=3', Ast.and([Ast.searchMacro(Ast.macro('sysmon', null)), eq('EventCode', '3')])],
    ['`m(a, "b,c", f(x, y))`', Ast.searchMacro(Ast.macro('m', ['a', '"b,c"', 'f(x, y)']))],
    ['`m()`', Ast.searchMacro(Ast.macro('m', []))],
    ['a [search b | head 1] c', Ast.and([term('a'), Ast.subsearch(Ast.pipeline([Ast.search(term('b'), true), Ast.head(1)])), term('c')])],
    ['x=1 ``` a comment ``` y=2', Ast.and([eq('x', '1'), eq('y', '2')])],
    ['a\nOR\tb', Ast.or([term('a'), term('b')])],
    ['*', term('*')],
    ['and or', Ast.and([term('and'), term('or')])],
    ["x='a b'", Ast.and([eq('x', "'a"), term("b'")])],
    ['', null],
  ];
  it.each(rows)('%s', (q, expected) => {
    expect(search(q)).toEqual(expected);
  });

  it('keeps the seed query structure: three NOT groups of ORs after the base terms', () => {
    const p = parseSpl(
      'index=wineventlog sourcetype="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=3\n' +
        '    NOT (DestinationHostname="*microsoft.com" OR DestinationHostname="*windows.com")\n' +
        '    NOT (Image="*\\\\msedge.exe" OR Image="*\\\\chrome.exe")',
    );
    expect(p.commands[0]).toEqual(
      Ast.search(
        Ast.and([
          eq('index', 'wineventlog'),
          eq('sourcetype', 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'),
          eq('EventCode', '3'),
          Ast.not(Ast.or([eq('DestinationHostname', '*microsoft.com'), eq('DestinationHostname', '*windows.com')])),
          Ast.not(Ast.or([eq('Image', '*\\msedge.exe'), eq('Image', '*\\chrome.exe')])),
        ]),
      ),
    );
  });
});

describe('pipelines', () => {
  it('reads the leading search, with or without the search keyword', () => {
    expect(parseSpl('a')).toEqual(Ast.pipeline([Ast.search(term('a'))]));
    expect(parseSpl('search a')).toEqual(Ast.pipeline([Ast.search(term('a'), true)]));
    expect(parseSpl('search=a')).toEqual(Ast.pipeline([Ast.search(eq('search', 'a'))]));
    expect(parseSpl('| search a')).toEqual(Ast.pipeline([Ast.search(term('a'), true)]));
  });

  it('starts with a generating command after a leading pipe', () => {
    expect(parseSpl('| makeresults count=3 | eval x=1')).toEqual(
      Ast.pipeline([Ast.makeresults([Ast.option('count', '3')]), Ast.eval([Ast.assign('x', num('1'))])]),
    );
  });

  it('keeps commands it does not run, with their tokens', () => {
    const p = parseSpl('| tstats count from datamodel=Network_Traffic where All_Traffic.dest_port=443 by All_Traffic.src | `drop_dm_object_name("All_Traffic")`');
    expect(p.commands[0]).toEqual(
      Ast.generic('tstats', [
        { kind: 'GenericWord', text: 'count' },
        { kind: 'GenericWord', text: 'from' },
        { kind: 'GenericWord', text: 'datamodel' },
        { kind: 'GenericPunct', text: '=' },
        { kind: 'GenericWord', text: 'Network_Traffic' },
        { kind: 'GenericWord', text: 'where' },
        { kind: 'GenericWord', text: 'All_Traffic.dest_port' },
        { kind: 'GenericPunct', text: '=' },
        { kind: 'GenericWord', text: '443' },
        { kind: 'GenericWord', text: 'by' },
        { kind: 'GenericWord', text: 'All_Traffic.src' },
      ]),
    );
    expect(p.commands[1]).toEqual(Ast.macroCommand(Ast.macro('drop_dm_object_name', ['"All_Traffic"'])));
  });

  it('nests brackets of unknown commands', () => {
    const c = command('join type=left host [search index=x | stats count by host]');
    expect(c.kind).toBe('GenericCommand');
    if (c.kind !== 'GenericCommand') return;
    expect(c.args.at(-1)).toEqual({
      kind: 'GenericBracket',
      args: ['search', 'index'].map((t) => ({ kind: 'GenericWord', text: t })).concat([
        { kind: 'GenericPunct', text: '=' } as never,
        ...['x', '|', 'stats', 'count', 'by', 'host'].map((t) => ({ kind: 'GenericWord', text: t })),
      ]),
    });
  });

  it('records positions of commands and expressions', () => {
    const p = parseSpl('a | eval x=1 | where y>2');
    expect(spanOf(p.commands[1] as object)).toEqual({ start: 4, end: 12 });
    const where = p.commands[2];
    expect(where?.kind).toBe('WhereCommand');
    if (where?.kind === 'WhereCommand') expect(spanOf(where.expr)).toEqual({ start: 21, end: 24 });
  });

  it('reads command names case-insensitively', () => {
    expect(command('STATS count')).toEqual(Ast.stats('stats', [Ast.aggregation('count')]));
  });
});

describe('eval expressions', () => {
  const rows: [string, Expr][] = [
    ['1 + 2 * 3', bin('+', num('1'), bin('*', num('2'), num('3')))],
    ['(1 + 2) * 3', bin('*', bin('+', num('1'), num('2')), num('3'))],
    ['1 - 2 - 3', bin('-', bin('-', num('1'), num('2')), num('3'))],
    ['-x * 2', bin('*', Ast.unary('-', fld('x')), num('2'))],
    ['a . b + c', bin('.', fld('a'), bin('+', fld('b'), fld('c')))],
    ['a."-".b', bin('.', bin('.', fld('a'), str('-')), fld('b'))],
    // NOT > AND > OR > XOR (spl-semantics §3).
    ['a OR b AND c', bin('OR', fld('a'), bin('AND', fld('b'), fld('c')))],
    ['a XOR b OR c', bin('XOR', fld('a'), bin('OR', fld('b'), fld('c')))],
    ['NOT a AND b', bin('AND', Ast.unary('NOT', fld('a')), fld('b'))],
    ['NOT a = 1', Ast.unary('NOT', bin('=', fld('a'), num('1')))],
    ['a = 1 OR b == 2', bin('OR', bin('=', fld('a'), num('1')), bin('=', fld('b'), num('2')))],
    ['x < 0.50 AND y >= .5', bin('AND', bin('<', fld('x'), num('0.50')), bin('>=', fld('y'), num('.5')))],
    ['x LIKE "a%"', bin('LIKE', fld('x'), str('a%'))],
    ["'values(Ports)' != \"x\"", bin('!=', fld('values(Ports)'), str('x'))],
    ['"C:\\\\windows\\temp"', str('C:\\windows\temp')],
    ['"\\d\\."', str('\\d\\.')],
    ['if(a > 0, b / a, 99)', Ast.call('if', [bin('>', fld('a'), num('0')), bin('/', fld('b'), fld('a')), num('99')])],
    ['now()', Ast.call('now', [])],
    ['null', Ast.null()],
    ["'null'", fld('null')],
    ['1e3 + 2.5E-1', bin('+', num('1e3'), num('2.5E-1'))],
    ['`m(x)` + 1', bin('+', Ast.macroExpr(Ast.macro('m', ['x'])), num('1'))],
    ['a and b', fld('a')],
  ];
  it.each(rows.filter(([q]) => q !== 'a and b'))('%s', (q, expected) => {
    expect(parseSplExpression(q)).toEqual(expected);
  });
  it('does not read lower-case and as an operator', () => {
    expect(() => parseSplExpression('a and b')).toThrow(/expected an operator or the end of the expression, found 'and'/);
  });
});

describe('commands', () => {
  const rows: [string, Command][] = [
    ['eval a=1, b=a+1', Ast.eval([Ast.assign('a', num('1')), Ast.assign('b', bin('+', fld('a'), num('1')))])],
    ['eval "odd name"=1', Ast.eval([Ast.assign('odd name', num('1'))])],
    ["eval 'x y'=1", Ast.eval([Ast.assign('x y', num('1'))])],
    ['where x>=10 AND y>=2', Ast.where(bin('AND', bin('>=', fld('x'), num('10')), bin('>=', fld('y'), num('2'))))],
    [
      'stats count as c, values(DestinationPort) AS Ports by host, Image',
      Ast.stats('stats', [Ast.aggregation('count', null, 'c'), Ast.aggregation('values', Ast.fieldArg('DestinationPort'), 'Ports')], ['host', 'Image']),
    ],
    ['stats count dc(x) BY a b', Ast.stats('stats', [Ast.aggregation('count'), Ast.aggregation('dc', Ast.fieldArg('x'))], ['a', 'b'])],
    [
      'stats count(eval(x="v")) as n',
      Ast.stats('stats', [Ast.aggregation('count', Ast.evalArg(bin('=', fld('x'), str('v'))), 'n')]),
    ],
    ['stats perc95(t) AS "p 95"', Ast.stats('stats', [Ast.aggregation('perc95', Ast.fieldArg('t'), 'p 95')])],
    ['stats values(*) as *', Ast.stats('stats', [Ast.aggregation('values', Ast.fieldArg('*'), '*')])],
    ['stats count()', Ast.stats('stats', [Ast.aggregation('count')])],
    [
      'streamstats window=5 current=f count by host reset_on_change=true',
      Ast.stats('streamstats', [Ast.aggregation('count')], ['host'], [Ast.option('window', '5'), Ast.option('current', 'f'), Ast.option('reset_on_change', 'true')]),
    ],
    ['eventstats avg(x)', Ast.stats('eventstats', [Ast.aggregation('avg', Ast.fieldArg('x'))])],
    ['bin _time span=1h', Ast.bin('_time', [Ast.option('span', '1h')])],
    ['bucket span=5m _time AS t', Ast.bin('_time', [Ast.option('span', '5m')], 't')],
    // `sort - RiskScore` with a space is accepted (spl-semantics §6).
    ['sort - RiskScore, - TotalConnections', Ast.sort([Ast.sortKey('RiskScore', true), Ast.sortKey('TotalConnections', true)])],
    ['sort 0 -_time +host x', Ast.sort([Ast.sortKey('_time', true), Ast.sortKey('host'), Ast.sortKey('x')], 0)],
    ['sort limit=5 -num(x), ip(y), str(z) desc', Ast.sort([Ast.sortKey('x', true, 'num'), Ast.sortKey('y', false, 'ip'), Ast.sortKey('z', false, 'str')], 5, true)],
    ['sort d', Ast.sort([Ast.sortKey('d')])],
    ['head', Ast.head(null)],
    ['head 5', Ast.head(5)],
    ['head limit=3 keeplast=true (x > 1)', Ast.head(3, bin('>', fld('x'), num('1')), [Ast.option('keeplast', 'true')])],
    ['tail 2', Ast.tail(2)],
    ['table a, b c*', Ast.table(['a', 'b', 'c*'])],
    ['fields - _raw, x', Ast.fields(['_raw', 'x'], true)],
    ['fields + a', Ast.fields(['a'])],
    ['rename a AS b, "c d" as e, x* AS y*', Ast.renameCommand([Ast.rename('a', 'b'), Ast.rename('c d', 'e'), Ast.rename('x*', 'y*')])],
    ['dedup 2 a b keepempty=true sortby -c', Ast.dedup(['a', 'b'], 2, [Ast.option('keepempty', 'true')], [Ast.sortKey('c', true)])],
    ['fillnull value=NULL a b', Ast.fillnull('NULL', ['a', 'b'])],
    ['fillnull', Ast.fillnull(null)],
    ['rex field=Image "(?<exe>[^\\\\]+)$" max_match=0', Ast.rex('(?<exe>[^\\]+)$', [Ast.option('field', 'Image'), Ast.option('max_match', '0')])],
    ['rex mode=sed field=x "s/a/b/g"', Ast.rex('s/a/b/g', [Ast.option('mode', 'sed'), Ast.option('field', 'x')])],
    ['regex "^a"', Ast.regex('^a')],
    ['regex _raw="x"', Ast.regex('x', '_raw')],
    ['regex host!="^w"', Ast.regex('^w', 'host', true)],
    ['makemv delim="," ports', Ast.makemv('ports', [Ast.option('delim', ',')])],
    ['mvexpand ports limit=10', Ast.mvexpand('ports', 10)],
    ['top 5 Image by host showperc=f', Ast.top('top', ['Image'], ['host'], 5, [Ast.option('showperc', 'f')])],
    ['rare limit=3 a, b', Ast.top('rare', ['a', 'b'], [], 3)],
    [
      'lookup local=true hosts.csv ip AS DestinationIp OUTPUTNEW owner AS Owner, site',
      Ast.lookup('hosts.csv', [Ast.mapping('ip', 'DestinationIp')], 'OUTPUTNEW', [Ast.mapping('owner', 'Owner'), Ast.mapping('site')], [Ast.option('local', 'true')]),
    ],
    ['lookup t a', Ast.lookup('t', [Ast.mapping('a')])],
    ['inputlookup append=t bad.csv where ip="203.0.113.*"', Ast.inputlookup('bad.csv', eq('ip', '203.0.113.*'), [Ast.option('append', 't')])],
    ['`ctime(firstTime)`', Ast.macroCommand(Ast.macro('ctime', ['firstTime']))],
    [
      'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) AS first, mktime(t) dur2sec(*_dur) AS *_s',
      Ast.convert(
        [Ast.convertFunction('ctime', 'firstTime', 'first'), Ast.convertFunction('mktime', 't'), Ast.convertFunction('dur2sec', '*_dur', '*_s')],
        [Ast.option('timeformat', '%Y-%m-%dT%H:%M:%S')],
      ),
    ],
    ['search NOT x=1', Ast.search(Ast.not(eq('x', '1')), true)],
  ];
  it.each(rows)('%s', (q, expected) => {
    expect(command(q)).toEqual(expected);
  });
});
