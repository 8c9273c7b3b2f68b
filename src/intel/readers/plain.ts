/**
 * Plain indicator lists: one IP, CIDR, domain or URL per line. `#`, `;` and `//` start comment lines;
 * text after whitespace + `#` is a trailing comment; anything after the first token is kept as its
 * description.
 */
import type { FeedResult } from '../types.js';
import { FeedCollector } from './common.js';

export function readPlainFeed(text: string, feed: string): FeedResult {
  const out = new FeedCollector(feed);
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] as string).trim();
    if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1).trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('//')) continue;
    const hash = line.search(/\s#/);
    if (hash >= 0) line = line.slice(0, hash).trim();
    const space = line.search(/\s/);
    const value = space < 0 ? line : line.slice(0, space);
    const description = space < 0 ? undefined : line.slice(space).trim();
    out.value(value, { line: i + 1 }, { description });
  }
  return { feed, format: 'plain', indicators: out.indicators, problems: out.problems };
}
