/**
 * NDJSON: one finding per line in rank order (objects by rank, findings by risk within each), each with
 * its risk object's summary under `riskObject`, for piping into jq or a SIEM.
 */
import type { RankedFindings } from '../findings/index.js';
import { findingJson, objectSummaryJson, type JsonOptions } from './json.js';

export function renderNdjson(ranked: RankedFindings, options: JsonOptions = {}): string {
  let out = '';
  for (const o of ranked.objects) {
    const summary = objectSummaryJson(o);
    for (const f of o.findings) {
      const line = { type: 'finding', riskObject: summary, ...findingJson(f, options) };
      // JSON.stringify leaves U+2028/U+2029 raw (valid JSON); escape them so line-oriented tools that
      // treat them as line breaks still see one record per line.
      out += `${JSON.stringify(line).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'))}\n`;
    }
  }
  return out;
}
