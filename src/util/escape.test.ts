import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlText, visibleText } from './escape.js';

describe('visibleText', () => {
  it('shows controls, separators and bidi overrides as escapes', () => {
    expect(visibleText('a\u001b[31mb')).toBe('a\\x1b[31mb');
    expect(visibleText('x\u0000y\u007fz\u0085')).toBe('x\\x00y\\x7fz\\x85');
    expect(visibleText('l\u2028m\u2029n')).toBe('l\\u{2028}m\\u{2029}n');
    expect(visibleText('invoice\u202egpj.exe')).toBe('invoice\\u{202e}gpj.exe');
    expect(visibleText('\u2066x\u2069')).toBe('\\u{2066}x\\u{2069}');
    expect(visibleText('a\nb\tc')).toBe('a\\x0ab\\x09c');
    expect(visibleText('a\nb\tc', true)).toBe('a\nb\tc');
  });

  it('leaves ordinary text, including non-BMP characters, alone', () => {
    expect(visibleText('C:\\Users\\Ünïcødé\\😀.exe')).toBe('C:\\Users\\Ünïcødé\\😀.exe');
  });

  it('shows a lone surrogate instead of passing it on', () => {
    expect(visibleText('a\ud800b')).toBe('a\\u{d800}b');
  });

  it('never leaves a control character behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(visibleText(s))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(htmlText('<b>\u001b')).toBe('&lt;b&gt;\\x1b');
  });
});
