import { describe, expect, it } from 'vitest';
import { call, dynamic } from '../../../../test/helpers/eval-call.js';
import { PlanError } from '../../../errors.js';

describe('tonumber (SR-Conv)', () => {
  it('converts in base 2–36: tonumber("0A4",16) = 164 and tonumber("0101",2) = 5', () => {
    expect(call('tonumber', '0A4', 16)).toBe(164);
    expect(call('tonumber', '0101', 2)).toBe(5);
    expect(call('tonumber', 'zz', 36)).toBe(1295);
  });

  it('reads decimals with a point as doubles', () => {
    expect(call('tonumber', '3.25')).toBe(3.25);
    expect(call('tonumber', dynamic('-17'))).toBe(-17);
  });

  it('gives NULL for a field value with leading or trailing spaces', () => {
    expect(call('tonumber', dynamic(' 42'))).toBeNull();
    expect(call('tonumber', dynamic('42 '))).toBeNull();
    expect(call('tonumber', dynamic('seven'))).toBeNull();
  });

  it('fails the search for a literal that does not parse: tonumber("seven")', () => {
    expect(() => call('tonumber', 'seven')).toThrow(PlanError);
    expect(() => call('tonumber', '1', 40)).toThrow(PlanError);
  });

  it('[pinned] accepts a 0x prefix only in base 16', () => {
    expect(call('tonumber', dynamic('0x1F'), 16)).toBe(31);
    expect(call('tonumber', dynamic('0x1F'))).toBeNull();
  });
});

describe('tostring (SR-Conv)', () => {
  it('tostring(1==1) + " " + tostring(15, "hex") + " " + tostring(12345.6789, "commas") = "True 0xF 12,345.68"', () => {
    expect([call('tostring', dynamic(true)), call('tostring', 15, 'hex'), call('tostring', 12345.6789, 'commas')].join(' ')).toBe(
      'True 0xF 12,345.68',
    );
  });

  it('tostring(615, "duration") = "00:10:15"', () => {
    expect(call('tostring', 615, 'duration')).toBe('00:10:15');
    expect(call('tostring', dynamic('615'), 'duration')).toBe('00:10:15');
  });

  it('tostring(9, "binary") = "1001"', () => {
    expect(call('tostring', 9, 'binary')).toBe('1001');
  });

  it('[pinned] duration beyond a day, fractions, commas on integers and small decimals', () => {
    expect(call('tostring', 90061, 'duration')).toBe('1+01:01:01');
    expect(call('tostring', 1.5, 'duration')).toBe('00:00:01.500000');
    expect(call('tostring', 1234567, 'commas')).toBe('1,234,567');
    expect(call('tostring', -1.5, 'commas')).toBe('-1.50');
  });

  it('hex and binary accept only integers from 0 to 2^53-1', () => {
    expect(call('tostring', 1.5, 'hex')).toBeNull();
    expect(call('tostring', -1, 'binary')).toBeNull();
  });

  it('prints numbers in shortest form, False for false, and leaves strings alone', () => {
    expect(call('tostring', 0.1)).toBe('0.1');
    expect(call('tostring', dynamic(false))).toBe('False');
    expect(call('tostring', 'abc', 'hex')).toBe('abc');
    expect(call('tostring', dynamic(null))).toBeNull();
  });

  it('rejects an unknown literal format', () => {
    expect(() => call('tostring', 1, 'octal')).toThrow(PlanError);
  });
});

describe('printf (SR-Conv doc examples)', () => {
  it.each<[string, (string | number | boolean)[], string]>([
    ['%.3A', [Math.PI], '0X1.922P+1'],
    ['%c,%c', [65, 'Foo'], 'A,F'],
    ['%d,%i,%d', [-2, 4, 30], '-2,4,30'],
    ['%.2e', [5139], '5.14e+03'],
    ['%.2f', [Math.PI], '3.14'],
    ['%.2g,%.2g', [Math.PI, 123], '3.1,1.2e+02'],
    ['%o', [255], '377'],
    ['%s%z', ['foo', 'bar'], 'foobar'],
    ['%u', [99], '99'],
    ['%x,%X,%p', [10, 10, 10], 'a,A,A'],
    ['100%%', [], '100%'],
    ["%'d", [12345], '12,345'],
    ['%-4d|', [1], '1   |'],
    ['%04d', [1], '0001'],
    ['%+4d', [1], '  +1'],
    ['% -4d|', [1], ' 1  |'],
    ['%#x', [1], '0x1'],
    ['%*d', [5, 123], '  123'],
    ['%.*f', [1, 1.23], '1.2'],
    ['%*.*e', [9, 2, Math.PI], ' 3.14e+00'],
  ])('printf(%j, …) = %j', (format, args, expected) => {
    expect(call('printf', format, ...args)).toBe(expected);
  });

  it('formats the example from the usage section: printf("%04.4f %-30s", …)', () => {
    expect(call('printf', '%04.4f %-5s|', 3.14159, 'ab')).toBe('3.1416 ab   |');
  });

  it('rejects unsupported conversions in a literal format (%n, %S, positional %1$)', () => {
    expect(() => call('printf', '%n')).toThrow(PlanError);
    expect(() => call('printf', '%S', 'x')).toThrow(PlanError);
    expect(() => call('printf', '%1$s', 'x')).toThrow(PlanError);
  });

  it('[pinned] is null when a numeric conversion gets text or an argument is missing', () => {
    expect(call('printf', '%d', dynamic('a'))).toBeNull();
    expect(call('printf', '%s %s', 'only')).toBeNull();
  });
});
