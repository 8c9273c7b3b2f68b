/**
 * Every syntax error the lexer and parser can raise, one row each: the query, and the first line of the
 * message (position + what was expected). A few rows also pin the caret excerpt.
 */
import { describe, expect, it } from 'vitest';
import { SplSyntaxError } from '../errors.js';
import { parseSearchExpression, parseSpl, parseSplExpression } from './parser.js';

function firstLine(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SplSyntaxError);
    return (err as Error).message.split('\n')[0] as string;
  }
  throw new Error('expected a syntax error');
}

const rows: [string, string][] = [
  // pipelines and commands
  ['', "line 1, col 1: expected a search or a command"],
  [' ``` only a comment ``` ', 'line 1, col 25: expected a search or a command'],
  ['a | ', "line 1, col 5: expected a command name after '|'"],
  ['a | | b', "line 1, col 5: expected a command name after '|', found '|'"],
  ['a | 123', "line 1, col 5: expected a command name after '|', found '123'"],
  ['a | "x"', `line 1, col 5: expected a command name after '|', found the string "x"`],
  ['a ]', "line 1, col 3: unexpected ']': no subsearch is open"],
  ['(a))', "line 1, col 4: unexpected ')': no '(' is open"],
  ['[a', "line 1, col 3: expected ']' to close the subsearch opened at line 1, col 1"],
  ['x=1\n  [search b', "line 2, col 12: expected ']' to close the subsearch opened at line 2, col 3"],
  ['a [ ]', 'line 1, col 5: expected a search or a command in the subsearch'],
  ['a | tail x', "line 1, col 10: unexpected 'x' in 'tail': expected '|' or the end of the query"],
  ['a | inputlookup t x', "line 1, col 19: unexpected 'x' in 'inputlookup': expected '|' or the end of the query"],
  ['`m` x | `n` y', "line 1, col 13: expected '|' after the macro `n`, found 'y'"],
  // search clause
  ['a AND', "line 1, col 6: expected a search term after 'AND'"],
  ['a AND OR b', "line 1, col 7: expected a search term after 'AND', found 'OR'"],
  ['AND a', "line 1, col 1: expected a search term before 'AND'"],
  ['a OR', "line 1, col 5: expected a search term after 'OR'"],
  ['a OR OR b', "line 1, col 6: expected a search term after 'OR', found 'OR'"],
  ['(a OR )', "line 1, col 7: expected a search term after 'OR', found ')'"],
  ['NOT', "line 1, col 4: expected a search term after 'NOT'"],
  ['NOT OR a', "line 1, col 5: expected a search term after 'NOT', found 'OR'"],
  ['(a', "line 1, col 3: expected ')' to close the '(' at line 1, col 1, found the end of the query"],
  ['()', "line 1, col 2: expected a search term after '('"],
  ['x=', "line 1, col 3: expected a value after '='"],
  ['x= |', "line 1, col 4: expected a value after '=', found '|'"],
  ['x!=(a)', "line 1, col 4: expected a value after '!=', found '('"],
  ['"x"=1', `line 1, col 1: expected a field name before '=', found the string "x" (field names are not quoted in a search)`],
  ['=1', "line 1, col 1: expected a field name before '='"],
  ['a <', "line 1, col 4: expected a value after '<'"],
  ['NOT <1', "line 1, col 5: expected a field name before '<'"],
  ['x IN (', "line 1, col 7: expected a value in the IN list of 'x', found the end of the query"],
  ['x IN (a,', "line 1, col 9: expected a value in the IN list of 'x', found the end of the query"],
  ['x IN (=)', "line 1, col 7: expected a value in the IN list of 'x', found '='"],
  ['x IN (a | b)', "line 1, col 9: expected ',' or ')' in the IN list opened at line 1, col 6, found '|'"],
  ['CASE(=)', "line 1, col 6: expected a value inside CASE(...), found '='"],
  ['CASE(x', "line 1, col 7: expected ')' to close CASE( after 'x'"],
  // lexer
  ['`', "line 1, col 1: unterminated macro: expected a closing '`'"],
  ['`a b`', 'line 1, col 1: invalid macro `a b`: expected `name` or `name(arguments)`'],
  ['x="abc', `line 1, col 3: unterminated string: expected a closing '"'`],
  ['a ```', "line 1, col 3: unterminated comment: expected a closing '```'"],
  ['a | where 1x', "line 1, col 11: invalid number '1x'"],
  ['a | where x ! y', "line 1, col 13: unexpected character '!' in an expression"],
  ["a | eval ''=1", "line 1, col 10: empty field name ''"],
  ["a | eval 'x=1", `line 1, col 10: unterminated field name: expected a closing "'"`],
  // expressions
  ['a | where', "line 1, col 10: expected an expression after 'where'"],
  ['a | where x=', "line 1, col 13: expected an expression after '='"],
  ['a | where x AND', "line 1, col 16: expected an expression after 'AND'"],
  ['a | where x y', "line 1, col 13: expected an operator or the end of 'where', found 'y'"],
  ['a | where (x', "line 1, col 13: expected ')' to close the '(' at line 1, col 11, found the end of the query"],
  ['a | where f(x', "line 1, col 14: expected ',' or ')' in the arguments of f() opened at line 1, col 12, found the end of the query"],
  ['a | where f(,x)', "line 1, col 13: expected an argument of f(), found ','"],
  ['a | where f(x,)', "line 1, col 15: expected an argument of f(), found ')'"],
  ['a | where AND', "line 1, col 11: expected an expression, found the operator 'AND'"],
  ['a | where )', "line 1, col 11: expected an expression, found ')'"],
  ['a | where x=(', "line 1, col 14: expected an expression, found the end of the query"],
  // eval
  ['a | eval', "line 1, col 9: expected a field name to assign after 'eval'"],
  ['a | eval =1', "line 1, col 10: expected a field name to assign after 'eval', found '='"],
  ['a | eval x', "line 1, col 11: expected '=' after 'x'"],
  ['a | eval x=', "line 1, col 12: expected an expression after '='"],
  ['a | eval x=1,', "line 1, col 14: expected a field name to assign after ','"],
  ['a | eval x=1 y=2', "line 1, col 14: expected an operator, ',' or the end of 'eval', found 'y'"],
  // stats family
  ['a | stats', "line 1, col 10: expected a statistical function after 'stats'"],
  ['a | stats by x', "line 1, col 11: expected a statistical function before 'by'"],
  ['a | stats count by', "line 1, col 19: expected a field name after 'by'"],
  ['a | stats count by x y', 'OK'],
  ['a | streamstats count by x y=1 z', "line 1, col 32: expected an option or the end of 'streamstats', found 'z'"],
  ['a | stats , count', "line 1, col 11: expected a statistical function before ','"],
  ['a | stats count(x', "line 1, col 18: expected ')' to close count(, found the end of the query"],
  ['a | stats count(=)', "line 1, col 17: expected a field name after '(', found '='"],
  ['a | stats "x"', `line 1, col 11: expected a statistical function, found the string "x"`],
  ['a | stats count as', "line 1, col 19: expected a new field name after 'as'"],
  ['a | stats count(eval(x y))', "line 1, col 24: expected ')' to close eval( after '(', found 'y'"],
  ['a | stats window=', "line 1, col 18: expected a value for 'window' after '='"],
  // other commands
  ['a | bin', "line 1, col 8: expected a field name after 'bin'"],
  ['a | bin x y', "line 1, col 11: expected an option, 'as' or the end of 'bin', found 'y'"],
  ['a | bin x as', "line 1, col 13: expected a new field name after 'as'"],
  ['a | sort', "line 1, col 9: expected a field name to sort by after 'sort'"],
  ['a | sort 10', "line 1, col 12: expected a field name to sort by after '10'"],
  ['a | sort , x', "line 1, col 10: expected a field name before ','"],
  ['a | sort limit=x a', "line 1, col 16: expected a whole number for 'limit', found 'x'"],
  ['a | sort - ', "line 1, col 12: expected a field name after '-'"],
  ['a | sort = x', "line 1, col 10: expected a field name to sort by, found '='"],
  ['a | sort num(x', "line 1, col 15: expected ')' to close num( after 'x'"],
  ['a | head x', "line 1, col 10: expected a number, an option or '(expression)' in 'head', found 'x'"],
  ['a | head (x', "line 1, col 12: expected ')' to close the head expression, found the end of the query"],
  ['a | head limit=z', "line 1, col 16: expected a whole number for 'limit', found 'z'"],
  ['a | table', "line 1, col 10: expected a field name after 'table'"],
  ['a | table , a', "line 1, col 11: expected a field name before ','"],
  ['a | table a = b', "line 1, col 13: expected a field name, found '='"],
  ['a | fields', "line 1, col 11: expected a field name after 'fields'"],
  ['a | fields -', "line 1, col 13: expected a field name after '-'"],
  ['a | rename', "line 1, col 11: expected a field name after 'rename'"],
  ['a | rename a', "line 1, col 13: expected 'as' after 'a'"],
  ['a | rename a AS', "line 1, col 16: expected a new field name after 'AS'"],
  ['a | rename = x', "line 1, col 12: expected a field name after 'rename', found '='"],
  ['a | dedup', "line 1, col 10: expected a field name after 'dedup'"],
  ['a | dedup 3', "line 1, col 12: expected a field name after '3'"],
  ['a | dedup a sortby', "line 1, col 19: expected a field name after 'sortby'"],
  ['a | dedup a sortby x (', "line 1, col 22: expected an option or the end of 'dedup', found '('"],
  ['a | fillnull (', "line 1, col 14: expected a field name, found '('"],
  ['a | rex', "line 1, col 8: expected a quoted regular expression after 'rex'"],
  ['a | rex field=x', "line 1, col 16: expected a quoted regular expression after 'rex'"],
  ['a | rex "a" "b"', `line 1, col 13: expected an option or a quoted regular expression in 'rex', found the string "b"`],
  ['a | regex', "line 1, col 10: expected a quoted regular expression after 'regex'"],
  ['a | regex x', "line 1, col 12: expected '=' or '!=' after 'x'"],
  ['a | regex x=y', "line 1, col 13: expected a quoted regular expression after '=', found 'y'"],
  ['a | regex x!=y', "line 1, col 14: expected a quoted regular expression after '!=', found 'y'"],
  ['a | regex !="x"', "line 1, col 11: expected a field name before '!='"],
  ['a | makemv', "line 1, col 11: expected a field name after 'makemv'"],
  ['a | makemv a b', "line 1, col 14: expected an option or the end of 'makemv', found 'b'"],
  ['a | mvexpand', "line 1, col 13: expected a field name after 'mvexpand'"],
  ['a | mvexpand a b', "line 1, col 16: expected 'limit=' or the end of 'mvexpand', found 'b'"],
  ['a | mvexpand a limit=x', "line 1, col 22: expected a whole number for 'limit', found 'x'"],
  ['a | top', "line 1, col 8: expected a field name after 'top'"],
  ['a | top by x', "line 1, col 9: expected a field name before 'by'"],
  ['a | top a by', "line 1, col 13: expected a field name after 'by'"],
  ['a | rare a by b c=d e', "line 1, col 21: expected an option or the end of 'rare', found 'e'"],
  ['a | top limit=q x', "line 1, col 15: expected a whole number for 'limit', found 'q'"],
  ['a | lookup', "line 1, col 11: expected a lookup table name after 'lookup'"],
  ['a | lookup t', "line 1, col 13: expected a lookup field name after 't'"],
  ['a | lookup t a OUTPUT', "line 1, col 22: expected an output field name after 'OUTPUT'"],
  ['a | lookup t , a', "line 1, col 14: expected a field name after 't'"],
  ['a | lookup t (', "line 1, col 14: expected a field name, found '('"],
  ['a | inputlookup', "line 1, col 16: expected a lookup table name after 'inputlookup'"],
  ['a | inputlookup t where', "line 1, col 24: expected a search expression after 'where'"],
  ['a | convert', "line 1, col 12: expected a conversion such as ctime(field) after 'convert'"],
  ['a | convert x', "line 1, col 13: expected a conversion such as ctime(field) in 'convert', found 'x'"],
  ['a | convert ctime(x', "line 1, col 20: expected ')' to close ctime( after 'x'"],
  // commands c2hunt does not run still need balanced brackets
  ['a | tstats count )', "line 1, col 18: unexpected ')': no '(' is open"],
  ['a | tstats count (x', "line 1, col 20: expected ')' before the end of the command"],
  ['a | join [search b', "line 1, col 19: expected ']' to close the '[' at line 1, col 10"],
  ['a | foo ]', "line 1, col 9: unexpected ']': no '[' is open"],
];

describe('syntax errors', () => {
  it.each(rows)('%j', (query, message) => {
    if (message === 'OK') {
      expect(() => parseSpl(query)).not.toThrow();
      return;
    }
    expect(firstLine(() => parseSpl(query))).toBe(message);
  });

  it('errors of the standalone expression and search parsers', () => {
    expect(firstLine(() => parseSplExpression('a b'))).toBe("line 1, col 3: expected an operator or the end of the expression, found 'b'");
    expect(firstLine(() => parseSearchExpression('a )'))).toBe("line 1, col 3: unexpected ')' in the search");
  });

  it('shows the offending line with a caret under the column, on the right line', () => {
    const q = 'index=x\n| stats count\n    by';
    let message = '';
    try {
      parseSpl(q);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("line 3, col 7: expected a field name after 'by'\n      by\n        ^");
  });

  it('keeps tabs in the caret padding so the caret lines up', () => {
    let message = '';
    try {
      parseSpl('a |\teval');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("line 1, col 9: expected a field name to assign after 'eval'\n  a |\teval\n     \t    ^");
  });

  it('carries the location as data', () => {
    try {
      parseSpl('a |\n| b');
    } catch (err) {
      expect((err as SplSyntaxError).location).toEqual({ line: 2, column: 1, offset: 4 });
      return;
    }
    throw new Error('expected a syntax error');
  });
});
