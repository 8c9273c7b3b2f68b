import { describe, expect, it } from 'vitest';
import { BEACON, HOSTILE, hostileRanked, row, workedExample } from '../../test/helpers/findings.js';
import { mapRows, rankFindings } from '../findings/index.js';
import { JSON_SCHEMA, renderJson } from './json.js';
import { renderNdjson } from './ndjson.js';

interface Doc {
  schema: string;
  summary: Record<string, number>;
  riskObjects: Array<Record<string, unknown> & { findings: Array<Record<string, unknown>> }>;
  hosts: Array<Record<string, unknown>>;
}

describe('JSON report', () => {
  const doc = JSON.parse(renderJson(workedExample())) as Doc;

  it('keeps numbers as numbers and multivalues as arrays', () => {
    expect(doc.schema).toBe(JSON_SCHEMA);
    expect(doc.summary).toEqual({ findings: 7, riskObjects: 3, hosts: 3, notable: 1, decay: 0.5, threshold: 100 });
    const top = doc.riskObjects[0]!;
    expect(top['score']).toBe(151.5);
    expect(top['ports']).toEqual([443, 8443]);
    const f1 = top.findings[0]!;
    expect(f1['count']).toBe(5);
    expect(f1['firstSeen']).toBe(1_704_067_200);
    expect(f1['destIps']).toEqual(['203.0.113.10']);
    expect(f1['evidence']).toEqual([
      { name: 'period', label: 'period', value: 60, unit: 'seconds' },
      { name: 'jitter', label: 'jitter', value: 0.02, unit: 'ratio' },
      { name: 'score', label: 'score', value: 0.9, unit: 'score' },
    ]);
    const tl = f1['timeline'] as { total: number; times: number[]; intervals: { median: number } };
    expect(tl.total).toBe(5);
    expect(tl.times).toEqual([1704067200, 1704067260, 1704067320, 1704067380, 1704067440]);
    expect(tl.intervals.median).toBe(60);
  });

  it('omits absent optional keys and leaves timelines out on request', () => {
    const f4 = doc.riskObjects[0]!.findings.find((f) => (f['detection'] as { id: string }).id === 'c2h-intel-match')!;
    expect('process' in f4).toBe(false);
    expect('count' in f4).toBe(false);
    const lean = JSON.parse(renderJson(workedExample(), { timelines: false })) as Doc;
    expect('timeline' in lean.riskObjects[0]!.findings[0]!).toBe(false);
  });

  it('writes null for a non-finite number instead of invalid JSON', () => {
    const [f] = mapRows(BEACON, [row({ host: 'H', DestinationIp: '192.0.2.1' })]);
    const weird = { ...f!, evidence: [{ name: 'x', label: 'x', value: Number.POSITIVE_INFINITY }] };
    const out = JSON.parse(renderJson(rankFindings([weird]))) as Doc;
    expect(out.riskObjects[0]!.findings[0]!['evidence']).toEqual([{ name: 'x', label: 'x', value: null }]);
  });

  it('is the same bytes run after run, with a timestamp only when given', () => {
    expect(renderJson(workedExample())).toBe(renderJson(workedExample()));
    expect('generatedAt' in doc).toBe(false);
    expect((JSON.parse(renderJson(workedExample(), { generatedAt: 1 })) as Record<string, unknown>)['generatedAt']).toBe(1);
  });

  it('carries hostile strings intact (JSON.stringify escapes what JSON needs)', () => {
    const out = JSON.parse(renderJson(hostileRanked())) as Doc;
    expect(out.riskObjects[0]!['host']).toBe(HOSTILE.script);
  });
});

describe('NDJSON report', () => {
  it('writes one finding per line in rank order, each with its object summary', () => {
    const lines = renderNdjson(workedExample()).trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const records = lines.map((l) => JSON.parse(l) as { type: string; riskObject: { rank: number; score: number }; risk: number });
    expect(records.map((r) => r.riskObject.rank)).toEqual([1, 1, 1, 1, 1, 2, 3]);
    expect(records.every((r) => r.type === 'finding')).toBe(true);
    // Within object 1, by risk: 54, 50, 40, 30, 20.
    expect(records.slice(0, 5).map((r) => r.risk)).toEqual([54, 50, 40, 30, 20]);
  });

  it('escapes U+2028 and U+2029 so no record spans two lines in line-oriented tools', () => {
    const text = renderNdjson(hostileRanked());
    expect(text).not.toContain('\u2028');
    expect(text).not.toContain('\u2029');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    const rec = JSON.parse(text) as { context: { commandLine: string } };
    expect(rec.context.commandLine).toContain(HOSTILE.separator);
  });
});
