/**
 * DNS analytics on real Sysmon EID 22 records: OTRF Security-Datasets `psh_cmstp_execution_bypassuac`
 * (../shared/data/otrf, NXLog JSON, ~200 EID 22 queries of ordinary browsing from one workstation).
 * Skipped with a notice where the shared data is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DomainRarity, NxdomainBurstAccumulator, ResolutionIndex, assessDomain, parseQueryResults } from '../src/analytics/dns/index.js';
import { createEvent, type Event } from '../src/events/event.js';
import { parseUtcTimestamp } from '../src/events/time.js';
import { sharedData, skipWithoutSharedData } from './helpers/shared-data.js';

const skip = skipWithoutSharedData();

function loadDnsEvents(): Event[] {
  const file = readdirSync(sharedData('otrf')).find((f) => f.startsWith('psh_cmstp_execution_bypassuac'));
  if (file === undefined) throw new Error('psh_cmstp dataset missing from ../shared/data/otrf');
  const text = gunzipSync(readFileSync(sharedData('otrf', file))).toString('utf8');
  const out: Event[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    if (r['EventID'] !== 22) continue;
    const e = createEvent();
    e['_time'] = parseUtcTimestamp(String(r['UtcTime']));
    e['host'] = String(r['Hostname']);
    for (const f of ['Image', 'QueryName', 'QueryStatus', 'QueryResults']) e[f] = String(r[f]);
    out.push(e);
  }
  return out;
}

describe.skipIf(skip)('DNS analytics on OTRF Sysmon EID 22', () => {
  const events = skip ? [] : loadDnsEvents();

  it('reads the queries and their answers', () => {
    expect(events.length).toBeGreaterThan(150);
    for (const e of events) expect(typeof e['_time']).toBe('number');
    // Every IPv4-mapped answer comes back as a plain dotted quad.
    for (const e of events) for (const a of parseQueryResults(String(e['QueryResults'])).addresses) expect(a.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(a)).toBe(true);
  });

  it('status 9701 (record of that type does not exist) is a failure, not an NXDOMAIN', () => {
    const nx = new NxdomainBurstAccumulator();
    for (const e of events) nx.add(e);
    const nine701 = events.filter((e) => e['QueryStatus'] === '9701').length;
    expect(nine701).toBeGreaterThan(0);
    expect(nx.results()).toEqual([]);
  });

  it('resolution index answers for every successful query', () => {
    const index = new ResolutionIndex();
    for (const e of events) index.add(e);
    for (const e of events.filter((x) => x['QueryStatus'] === '0')) {
      const [ip] = parseQueryResults(String(e['QueryResults'])).addresses;
      if (ip === undefined) continue;
      expect(index.namesFor(String(e['host']), ip)).toContain(String(e['QueryName']).toLowerCase());
    }
  });

  it('ordinary browsing names mostly score low; the test DGA strings rank above 95 % of them', () => {
    const names = [...new Set(events.map((e) => String(e['QueryName'])))];
    const scores = names.map((n) => assessDomain(n).score).sort((a, b) => a - b);
    const median = scores[Math.floor(scores.length / 2)]!;
    const p95 = scores[Math.floor(scores.length * 0.95)]!;
    expect(median).toBeLessThan(0.1);
    for (const dga of ['xjwqkzlbqhs.example', 'kq3j9v0xw2zt.test', 'vcqfwxlqbvmo.example']) {
      expect(assessDomain(dga).score).toBeGreaterThan(p95);
    }
  });

  it('one workstation: every domain is resolved by one host of one', () => {
    const rarity = new DomainRarity();
    for (const e of events) rarity.add(e);
    const r = rarity.results();
    expect(r.every((x) => x.hosts === 1 && x.totalHosts === 1)).toBe(true);
  });
});
