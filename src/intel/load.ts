/**
 * Feed loading: pick the reader from the extension and content, read, and gather every feed's
 * indicators into one IndicatorSet with every feed's problems. A missing or unreadable file is a
 * SourceError (an unusable input); anything wrong inside a file is a problem and the rest still loads.
 */
import { readFileSync, statSync } from 'node:fs';
import { SourceError } from '../errors.js';
import { IndicatorSet } from './indicator-set.js';
import { readCsvFeed } from './readers/csv.js';
import { readMispFeed } from './readers/misp.js';
import { readPlainFeed } from './readers/plain.js';
import { readStixFeed } from './readers/stix.js';
import type { FeedFormat, FeedResult } from './types.js';

/** Feeds are read whole; beyond this a feed is refused rather than exhausting memory. */
export const MAX_FEED_BYTES = 512 * 1024 * 1024;

function jsonFeed(text: string, feed: string, format?: FeedFormat): FeedResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (err) {
    return {
      feed,
      format: format ?? 'stix',
      indicators: [],
      problems: [{ file: feed, severity: 'error', reason: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  if (format === 'stix') return readStixFeed(doc, feed);
  if (format === 'misp') return readMispFeed(doc, feed);
  const looksStix =
    (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && typeof (doc as { type?: unknown }).type === 'string') ||
    (Array.isArray(doc) && doc.some((o) => typeof o === 'object' && o !== null && typeof (o as { type?: unknown }).type === 'string' && typeof (o as { id?: unknown }).id === 'string'));
  return looksStix ? readStixFeed(doc, feed) : readMispFeed(doc, feed);
}

/** Parse feed text. Without `format`, JSON is told apart by shape (STIX objects have `type`), CSV by extension. */
export function parseFeed(text: string, feed: string, format?: FeedFormat): FeedResult {
  const lower = feed.toLowerCase();
  if (format === 'stix' || format === 'misp') return jsonFeed(text, feed, format);
  if (format === 'csv') return readCsvFeed(text, feed, lower.endsWith('.tsv') ? '\t' : ',');
  if (format === 'plain') return readPlainFeed(text, feed);
  const head = text.replace(/^\ufeff/, '').trimStart();
  if (lower.endsWith('.json') || head.startsWith('{') || head.startsWith('[')) return jsonFeed(text, feed);
  if (lower.endsWith('.csv')) return readCsvFeed(text, feed, ',');
  if (lower.endsWith('.tsv')) return readCsvFeed(text, feed, '\t');
  return readPlainFeed(text, feed);
}

/** Read one feed file. Throws SourceError when the file cannot be read at all. */
export function loadFeedFile(path: string, format?: FeedFormat): FeedResult {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FEED_BYTES) throw new SourceError(`${path}: intel feed larger than ${MAX_FEED_BYTES} bytes`, { file: path });
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(`${path}: cannot read intel feed (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { file: path }, { cause: err });
  }
  return parseFeed(text, path, format);
}

export interface LoadedIntel {
  readonly set: IndicatorSet;
  readonly feeds: FeedResult[];
}

/** Load several feed files into one set (`c2hunt hunt --intel FILE...`). */
export function loadIntel(paths: readonly string[], format?: FeedFormat): LoadedIntel {
  const feeds = paths.map((p) => loadFeedFile(p, format));
  const set = new IndicatorSet();
  for (const f of feeds) for (const i of f.indicators) set.add(i);
  return { set, feeds };
}
