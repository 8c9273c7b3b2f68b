/**
 * Escaping for text that came from logs (attacker-controlled) before it reaches a terminal or a page.
 *
 * - `visibleText` makes invisible and reordering characters visible as `\xNN` / `\u{NNNN}` text: C0 and
 *   C1 controls (an ESC in a command line could otherwise drive the analyst's terminal), DEL, the line and
 *   paragraph separators, and the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F) that
 *   make `exe.txt` display as `txt.exe` (right-to-left override, ATT&CK T1036.002; "Trojan Source",
 *   CVE-2021-42574). Tab and newline are kept only when asked.
 * - `escapeHtml` escapes the five characters that matter in HTML text and quoted attribute values.
 */

// One pass over code points; written without a regex so hostile input cannot make it slow.
function needsVisible(cp: number, keepNewlines: boolean): boolean {
  if (cp < 0x20) return !(keepNewlines && (cp === 0x0a || cp === 0x09));
  if (cp === 0x7f) return true;
  if (cp >= 0x80 && cp <= 0x9f) return true;
  if (cp === 0x2028 || cp === 0x2029) return true;
  if (cp === 0x200e || cp === 0x200f) return true;
  if (cp >= 0x202a && cp <= 0x202e) return true;
  if (cp >= 0x2066 && cp <= 0x2069) return true;
  // Lone surrogates cannot be encoded as UTF-8; show them instead of letting the encoder replace them.
  if (cp >= 0xd800 && cp <= 0xdfff) return true;
  return false;
}

function hex(cp: number): string {
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u{${cp.toString(16)}}`;
}

/** Replace control, separator and bidi characters with a visible escape (see the module header). */
export function visibleText(s: string, keepNewlines = false): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    const wide = cp > 0xffff;
    if (needsVisible(cp, keepNewlines)) {
      out += s.slice(last, i) + hex(cp);
      last = i + 1;
    }
    if (wide) i++;
  }
  return last === 0 ? s : out + s.slice(last);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const rep = HTML_ENTITIES[s[i] as string];
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Log text for HTML: invisible characters made visible, then HTML-escaped. */
export function htmlText(s: string, keepNewlines = false): string {
  return escapeHtml(visibleText(s, keepNewlines));
}
