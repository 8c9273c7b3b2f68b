/**
 * STIX 2.1 bundles: `indicator` objects whose `pattern` (pattern_type `stix`) compares ipv4-addr,
 * ipv6-addr, domain-name or url values (see stix-pattern.ts for what is evaluated). Other object types
 * are not indicators and are passed over silently; revoked indicators and other pattern languages
 * (sigma, yara, snort, ...) are reported as unsupported.
 */
import type { FeedResult, IndicatorKind } from '../types.js';
import { FeedCollector } from './common.js';
import { evaluateStixPattern, StixPatternError, type PatternValue } from './stix-pattern.js';

const KINDS: Readonly<Record<PatternValue['objectType'], ReadonlySet<IndicatorKind>>> = {
  'ipv4-addr': new Set(['ip', 'cidr']),
  'ipv6-addr': new Set(['ip', 'cidr']),
  'domain-name': new Set(['domain']),
  url: new Set(['url']),
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Read a parsed STIX document: a bundle, an array of objects, or one object. */
export function readStixFeed(doc: unknown, feed: string): FeedResult {
  const out = new FeedCollector(feed);
  const done = (): FeedResult => ({ feed, format: 'stix', indicators: out.indicators, problems: out.problems });
  let objects: unknown[];
  let prefix: string;
  if (isRecord(doc) && doc['type'] === 'bundle') {
    if (!Array.isArray(doc['objects'])) {
      out.problem({ index: 'objects' }, 'error', 'bundle has no objects array');
      return done();
    }
    objects = doc['objects'];
    prefix = 'objects';
  } else if (Array.isArray(doc)) {
    objects = doc;
    prefix = '';
  } else {
    objects = [doc];
    prefix = '';
  }
  objects.forEach((obj, i) => {
    const index = `${prefix}[${i}]`;
    if (!isRecord(obj)) {
      out.problem({ index }, 'error', 'not a STIX object');
      return;
    }
    if (obj['type'] !== 'indicator') return;
    const id = typeof obj['id'] === 'string' ? obj['id'] : undefined;
    const name = typeof obj['name'] === 'string' ? obj['name'] : undefined;
    const description = name ?? (typeof obj['description'] === 'string' ? obj['description'] : undefined);
    const where = { index: id !== undefined ? `${index} ${id}` : index };
    if (obj['revoked'] === true) {
      out.problem(where, 'unsupported', 'indicator is revoked');
      return;
    }
    const patternType = obj['pattern_type'];
    if (patternType !== undefined && patternType !== 'stix') {
      out.problem(where, 'unsupported', `pattern_type ${JSON.stringify(patternType)} is not evaluated`);
      return;
    }
    const pattern = obj['pattern'];
    if (typeof pattern !== 'string') {
      out.problem(where, 'error', 'indicator has no pattern');
      return;
    }
    let result;
    try {
      result = evaluateStixPattern(pattern);
    } catch (err) {
      if (!(err instanceof StixPatternError)) throw err;
      out.problem(where, 'error', `bad pattern: ${err.message}`, pattern);
      return;
    }
    for (const u of result.unsupported) out.problem(where, 'unsupported', u, pattern);
    for (const w of result.warnings) out.problem(where, 'warning', w, pattern);
    for (const v of result.values) {
      out.value(v.value, where, { description, ref: id, source: v.objectType }, KINDS[v.objectType]);
    }
  });
  return done();
}
