/**
 * The union prefilter handed to the reader in a multi-detection run never drops a record that any
 * detection's exact search (or the EID 1 process index) would keep. Records are Sysmon-like events
 * written as Windows event XML and as NXLog NDJSON, the two text forms readers test; searches are drawn
 * from a pool of detection-style clauses, several at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvent, type Event } from '../../src/events/event.js';
import { compileSearch } from '../../src/engine/search.js';
import { isSysmonProcessCreate } from '../../src/findings/process-index.js';
import { processCreatePrefilter, unionPrefilter } from '../../src/hunt/prefilter-union.js';
import type { Prefilter } from '../../src/ingest/types.js';
import { buildPrefilter } from '../../src/plan/prefilter.js';
import { parseSearchExpression } from '../../src/spl/parser.js';

const RUNS = Number(process.env.PROP_RUNS ?? 200);

interface Rec {
  readonly code: number;
  readonly image: string;
  readonly ip: string;
  readonly name: string;
  readonly query: string;
}

const IMAGES = ['C:\\Windows\\System32\\rundll32.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Users\\a\\AppData\\Local\\Temp\\x.exe'];
const IPS = ['10.1.2.3', '127.0.0.1', '203.0.113.45', '198.51.100.23', '192.0.2.77', '::1'];
const NAMES = ['-', 'c2.evil.test', 'www.microsoft.com', 'ocsp.digicert.com', 'host.corp.example'];

const SEARCHES = [
  'EventCode=3 NOT (DestinationIp="10.*" OR DestinationIp="127.*") Image="*\\\\rundll32.exe"',
  'EventCode=3 DestinationIp="203.0.113.0/24"',
  'EventCode=22 QueryName="*.test"',
  'EventCode=22 NOT QueryName="*.microsoft.com"',
  'EventCode IN (3, 22) Image="*\\\\powershell.exe"',
  'EventCode=3 DestinationHostname="*evil*"',
  'EventCode=1 Image="*\\\\Temp\\\\*"',
  'EventCode=3',
];

function xml(r: Rec): string {
  const data =
    r.code === 22
      ? `<Data Name='Image'>${r.image}</Data><Data Name='QueryName'>${r.query}</Data>`
      : r.code === 1
        ? `<Data Name='ProcessGuid'>{1}</Data><Data Name='Image'>${r.image}</Data>`
        : `<Data Name='Image'>${r.image}</Data><Data Name='DestinationIp'>${r.ip}</Data><Data Name='DestinationHostname'>${r.name}</Data>`;
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon'/>` +
    `<EventID>${r.code}</EventID><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WKS-1</Computer></System>` +
    `<EventData>${data}</EventData></Event>`
  );
}

function nxlog(r: Rec): string {
  const base = { Hostname: 'WKS-1', EventID: r.code, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: r.image };
  if (r.code === 22) return JSON.stringify({ ...base, QueryName: r.query });
  if (r.code === 1) return JSON.stringify({ ...base, ProcessGuid: '{1}' });
  return JSON.stringify({ ...base, DestinationIp: r.ip, DestinationHostname: r.name });
}

function event(r: Rec): Event {
  const e = createEvent();
  Object.assign(e, {
    EventCode: String(r.code),
    sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    host: 'WKS-1',
    Image: r.image,
  });
  if (r.code === 22) e['QueryName'] = r.query;
  else if (r.code === 1) e['ProcessGuid'] = '{1}';
  else Object.assign(e, { DestinationIp: r.ip, DestinationHostname: r.name });
  return e;
}

function prefilterOf(search: string): Prefilter | undefined {
  const expr = parseSearchExpression(search);
  if (expr === null) throw new Error(search);
  return buildPrefilter(expr) ?? undefined;
}

function passes(p: Prefilter | undefined, text: string, code: number): boolean {
  if (p === undefined) return true;
  if (p.raw !== undefined && !p.raw(text)) return false;
  if (p.eventCodes !== undefined && !p.eventCodes.has(String(code))) return false;
  return true;
}

const rec: fc.Arbitrary<Rec> = fc.record({
  code: fc.constantFrom(1, 3, 22, 13),
  image: fc.constantFrom(...IMAGES),
  ip: fc.constantFrom(...IPS),
  name: fc.constantFrom(...NAMES),
  query: fc.constantFrom('c2.evil.test', 'x.microsoft.com', 'a.ns.cloud-sync-api.test', 'example.org'),
});

describe('union prefilter', () => {
  it('keeps every record any member search or the process index needs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...SEARCHES), { minLength: 1, maxLength: 4 }), fc.boolean(), rec, (searches, withIndex, r) => {
        const members = searches.map(prefilterOf);
        if (withIndex) members.push(processCreatePrefilter());
        const union = unionPrefilter(members);
        const e = event(r);
        const needed = searches.some((s) => compileSearch(parseSearchExpression(s)!)(e)) || (withIndex && isSysmonProcessCreate(e));
        if (!needed) return;
        expect(passes(union, xml(r), r.code)).toBe(true);
        expect(passes(union, nxlog(r), r.code)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('still skips what nobody needs', () => {
    const union = unionPrefilter([prefilterOf(SEARCHES[2]!), prefilterOf(SEARCHES[1]!)]);
    // EventCode 13 (registry) is needed by neither an EID 22 nor an EID 3 search.
    const registry: Rec = { code: 13, image: IMAGES[0]!, ip: '-', name: '-', query: '-' };
    expect(passes(union, xml(registry), 13)).toBe(false);
    expect(union?.eventCodes).toEqual(new Set(['22', '3']));
  });

  it('a member that needs everything (no prefilter) makes the union pass everything', () => {
    expect(unionPrefilter([prefilterOf('EventCode=3'), undefined])).toBeUndefined();
    expect(unionPrefilter([])).toBeUndefined();
  });

  it('a member without a raw test removes the raw test; without codes removes the code test', () => {
    const codesOnly: Prefilter = { eventCodes: new Set(['3']) };
    const rawOnly: Prefilter = { raw: (t) => t.includes('x') };
    expect(unionPrefilter([codesOnly, rawOnly])).toBeUndefined();
    const u = unionPrefilter([codesOnly, { raw: (t) => t.includes('x'), eventCodes: new Set(['22']) }]);
    expect(u?.raw).toBeUndefined();
    expect(u?.eventCodes).toEqual(new Set(['3', '22']));
  });
});
