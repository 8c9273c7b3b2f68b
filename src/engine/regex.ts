/**
 * The one way c2hunt compiles a regex from a query or a rule: PCRE syntax (SM-Regex: SPL regexes are
 * Perl Compatible) run on RE2, so matching takes linear time on attacker-controlled log text.
 *
 * RE2 lacks the PCRE features that need backtracking. A pattern that uses one is a PlanError naming the
 * construct and its 1-based position, never a silent mismatch: backreferences (`\1`, `\g{1}`, `\k<n>`,
 * `(?P=n)`), lookahead and lookbehind, atomic groups, possessive quantifiers, `\G`, `\K`, recursion and
 * subroutine calls, conditionals, branch reset, verbs such as `(*SKIP)`, and extended mode `(?x)`.
 * A few PCRE spellings RE2 does not know are rewritten to equivalents: `(?'name'…)` → `(?<name>…)`
 * (the `re2` package already accepts `(?<name>…)` and `(?P<name>…)`), `\e` → `\x1B`, `\h` `\H` `\v` `\V`
 * `\R` `\N` → explicit classes, and `(?#comments)` are dropped.
 *
 * Literal patterns compile once per query (compileRegex). Patterns computed per event go through a
 * bounded cache (cachedRegex) and yield null when invalid, so one bad value never aborts a search.
 */
import RE2 from 're2';
import { PlanError } from '../errors.js';

export type Regex = RE2;

const H_CLASS = '\\t \\x{A0}\\x{1680}\\x{180E}\\x{2000}-\\x{200A}\\x{202F}\\x{205F}\\x{3000}';
const V_CLASS = '\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}';

function unsupported(where: string, construct: string, index: number, hint: string): PlanError {
  return new PlanError(
    `${where}: ${construct} at position ${index + 1} is not supported (c2hunt runs regexes on RE2, ` +
      `which has no backtracking); ${hint}`,
  );
}

/**
 * Rewrite a PCRE pattern into the syntax the `re2` package accepts, or throw a PlanError for a construct
 * RE2 cannot run. `where` names the caller in messages, e.g. `match()` or `rex`.
 */
export function translatePcre(pattern: string, where = 'regex'): string {
  let out = '';
  let i = 0;
  let inClass = false;
  // Quantifier state outside classes: 0 = none, 1 = just saw a quantifier, 2 = saw its lazy `?`.
  let quant = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) throw new PlanError(`${where}: the pattern ends with a lone backslash`);
      if (d === 'Q') {
        // Quoted literal run: copy through \E untouched.
        const end = pattern.indexOf('\\E', i + 2);
        const stop = end === -1 ? n : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
        quant = 0;
        continue;
      }
      if (d >= '1' && d <= '9' && !inClass) {
        throw unsupported(where, `backreference "\\${d}"`, i, 'capture once and compare in eval instead');
      }
      if (d >= '0' && d <= '7' && inClass) {
        // In a class PCRE reads \1 as octal; RE2 wants a hex escape.
        const octal = /^[0-7]{1,3}/.exec(pattern.slice(i + 1))?.[0] ?? d;
        out += `\\x{${parseInt(octal, 8).toString(16)}}`;
        i += 1 + octal.length;
        continue;
      }
      if (d === 'g' || d === 'k') {
        throw unsupported(where, `backreference "\\${d}"`, i, 'capture once and compare in eval instead');
      }
      if (d === 'G') throw unsupported(where, '"\\G" (match start anchor)', i, 'anchor with ^ instead');
      if (d === 'K') throw unsupported(where, '"\\K" (match reset)', i, 'use a capture group instead');
      if (d === 'Z') throw unsupported(where, '"\\Z"', i, 'use $ or \\z instead');
      if (d === 'X') throw unsupported(where, '"\\X" (grapheme cluster)', i, 'use . or a class instead');
      if (d === 'e') {
        out += '\\x1B';
      } else if (d === 'h' || d === 'v') {
        const body = d === 'h' ? H_CLASS : V_CLASS;
        out += inClass ? body : `[${body}]`;
      } else if (d === 'H' || d === 'V' || d === 'R' || d === 'N') {
        if (inClass) throw unsupported(where, `"\\${d}" inside a character class`, i, 'list the characters instead');
        if (d === 'H') out += `[^${H_CLASS}]`;
        else if (d === 'V') out += `[^${V_CLASS}]`;
        else if (d === 'N') out += '[^\\n]';
        else out += '(?:\\r\\n|[\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}])';
      } else {
        out += c + d;
      }
      i += 2;
      if (!inClass) quant = 0;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end !== -1) {
          out += pattern.slice(i, end + 2);
          i = end + 2;
          continue;
        }
      }
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        // A `]` first in a class is a literal.
        out += '\\]';
        i++;
      }
      quant = 0;
      continue;
    }
    if (c === '(') {
      quant = 0;
      const next = pattern[i + 1];
      if (next === '*') throw unsupported(where, 'PCRE verb "(*…)"', i, 'remove it');
      if (next !== '?') {
        out += c;
        i++;
        continue;
      }
      const rest = pattern.slice(i + 2, i + 6);
      if (rest.startsWith('=')) throw unsupported(where, 'lookahead "(?="', i, 'match more and extract with a group');
      if (rest.startsWith('!')) throw unsupported(where, 'negative lookahead "(?!"', i, 'filter with a second regex or NOT');
      if (rest.startsWith('<=')) throw unsupported(where, 'lookbehind "(?<="', i, 'match more and extract with a group');
      if (rest.startsWith('<!')) throw unsupported(where, 'negative lookbehind "(?<!"', i, 'filter with a second regex or NOT');
      if (rest.startsWith('>')) throw unsupported(where, 'atomic group "(?>"', i, 'use a plain group');
      if (rest.startsWith('|')) throw unsupported(where, 'branch reset "(?|"', i, 'use a plain group');
      if (rest.startsWith('(')) throw unsupported(where, 'conditional "(?("', i, 'use alternation');
      if (rest.startsWith('P=')) throw unsupported(where, 'backreference "(?P="', i, 'capture once and compare in eval instead');
      if (rest.startsWith('P>') || rest.startsWith('&') || /^(?:R|[+-]?\d)/.test(rest)) {
        throw unsupported(where, 'recursion or subroutine call', i, 'RE2 cannot recurse');
      }
      if (rest.startsWith('C')) throw unsupported(where, 'callout "(?C"', i, 'remove it');
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i + 3);
        i = end === -1 ? n : end + 1;
        continue;
      }
      if (rest.startsWith("'")) {
        const end = pattern.indexOf("'", i + 3);
        if (end === -1) throw new PlanError(`${where}: unterminated group name at position ${i + 1}`);
        out += `(?<${pattern.slice(i + 3, end)}>`;
        i = end + 1;
        continue;
      }
      const flags = /^[a-zA-Z-]*/.exec(pattern.slice(i + 2))?.[0] ?? '';
      if (flags.includes('x')) throw unsupported(where, 'extended mode "(?x)"', i, 'remove the whitespace and comments');
      out += '(?';
      i += 2;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (quant === 1 && c === '+') throw unsupported(where, 'possessive quantifier', i, 'use a greedy quantifier');
      quant = quant === 1 && c === '?' ? 2 : quant === 0 ? 1 : quant;
      out += c;
      i++;
      continue;
    }
    if (c === '{') {
      // Only {n}, {n,} and {n,m} are quantifiers; PCRE reads {,m} and other braces literally.
      const m = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (m !== null) {
        out += m[0];
        i += m[0].length;
        quant = 1;
        continue;
      }
    }
    quant = 0;
    out += c;
    i++;
  }
  return out;
}

/**
 * Compile a PCRE pattern for RE2. Throws PlanError for unsupported constructs and syntax errors.
 * `flags` are the `re2` package's JS-style flags (`g`, `i`, `m`, `s`).
 */
export function compileRegex(pattern: string, where = 'regex', flags = ''): Regex {
  const source = translatePcre(pattern, where);
  try {
    return new RE2(source, flags);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PlanError(`${where}: invalid regular expression ${JSON.stringify(pattern)}: ${reason}`, undefined, {
      cause: err,
    });
  }
}

const CACHE_LIMIT = 256;
const cache = new Map<string, Regex | null>();

/**
 * A regex for a pattern that is only known per event (a field value), cached with a bound so memory
 * stays flat. Returns null for a pattern that does not compile.
 */
export function cachedRegex(pattern: string, flags = ''): Regex | null {
  const key = `${flags}/${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let re: Regex | null;
  try {
    re = compileRegex(pattern, 'regex', flags);
  } catch {
    re = null;
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(key, re);
  return re;
}

/** A PCRE-style replacement compiled once: literal text and group references. */
export type Replacement = readonly (string | number)[];

/**
 * Compile a replacement string: `\N` (a digit) inserts group N (`\0` the whole match); `\\` is one
 * backslash; any other backslash stays literal, and `$` is literal (SR-Text: `\1` backreferences).
 */
export function compileReplacement(text: string): Replacement {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const d = text[i + 1];
    if (c === '\\' && d !== undefined && d >= '0' && d <= '9') {
      if (lit !== '') parts.push(lit);
      lit = '';
      parts.push(Number(d));
      i++;
    } else if (c === '\\' && d === '\\') {
      lit += '\\';
      i++;
    } else {
      lit += c;
    }
  }
  if (lit !== '') parts.push(lit);
  return parts;
}

/**
 * Replace every match of `re` (which must carry the `g` flag) in `input`. A group that did not take part
 * in the match, or does not exist, inserts nothing.
 */
export function replaceAll(re: Regex, input: string, replacement: Replacement): string {
  if (replacement.every((p) => typeof p === 'string')) {
    const literal = replacement.join('');
    return re.replace(input, () => literal);
  }
  return re.replace(input, (...args: unknown[]) => {
    // args = [match, g1..gn, offset, input, (groups)]; the offset is the first number.
    let offsetAt = 1;
    while (offsetAt < args.length && typeof args[offsetAt] !== 'number') offsetAt++;
    let out = '';
    for (const p of replacement) {
      if (typeof p === 'string') out += p;
      else if (p < offsetAt) {
        const g = args[p];
        if (typeof g === 'string') out += g;
      }
    }
    return out;
  });
}
