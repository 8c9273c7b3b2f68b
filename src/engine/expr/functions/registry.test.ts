import { describe, expect, it } from 'vitest';
import { evalFunctionNames, getEvalFunction } from './index.js';

describe('eval-function registry', () => {
  it('has every function the issue lists (mvfilter and searchmatch belong to the compiler)', () => {
    const required = `if case coalesce isnull isnotnull isnum isstr isint null nullif validate true false match like
      replace substr len lower upper trim ltrim rtrim split mvcount mvindex mvjoin mvappend mvdedup mvsort mvfind mvzip
      round floor ceil ceiling abs sqrt pow exp ln log pi random min max tonumber tostring strftime strptime
      relative_time now time cidrmatch urldecode printf md5 sha1 sha256 sha512 typeof spath in exact`.split(/\s+/);
    for (const name of required) expect(evalFunctionNames, name).toContain(name);
  });

  it('looks names up case-insensitively [pinned]', () => {
    expect(getEvalFunction('IF')).toBe(getEvalFunction('if'));
    expect(getEvalFunction('nosuchfunction')).toBeUndefined();
  });

  it('declares arity the compiler can check', () => {
    expect(getEvalFunction('if')).toMatchObject({ minArgs: 3, maxArgs: 3 });
    expect(getEvalFunction('coalesce')?.maxArgs).toBe(Infinity);
    expect(getEvalFunction('substr')).toMatchObject({ minArgs: 2, maxArgs: 3 });
  });
});
