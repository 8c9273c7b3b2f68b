import { describe, expect, it } from 'vitest';
import { BEACON, row } from '../../test/helpers/findings.js';
import type { Value } from '../events/event.js';
import { mapRows } from './mapping.js';
import { enrichFindings, isSysmonProcessCreate, ProcessIndex } from './process-index.js';

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

function eid1(fields: Record<string, Value>) {
  return row({
    EventCode: '1',
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    host: 'WS01',
    Image: PS,
    ParentImage: 'C:\\Windows\\explorer.exe',
    ParentCommandLine: 'C:\\Windows\\Explorer.EXE',
    User: 'CORP\\alice',
    ...fields,
  });
}

function beaconFinding(fields: Record<string, Value>) {
  return mapRows(BEACON, [row({ host: 'WS01', Image: PS, DestinationIp: '203.0.113.10', ...fields })])[0]!;
}

describe('process context from Sysmon EID 1', () => {
  it('attaches the exact process by host + ProcessGuid', () => {
    const index = new ProcessIndex();
    index.add(eid1({ ProcessGuid: '{AAAA}', CommandLine: 'powershell -nop -enc AAA', UtcTime: '2024-01-01 00:00:00.000' }));
    index.add(eid1({ ProcessGuid: '{BBBB}', CommandLine: 'powershell -c other', UtcTime: '2024-01-01 00:30:00.000' }));
    // GUID case differs: Sysmon writes upper case, a detection may have lower-cased it.
    const [f] = enrichFindings([beaconFinding({ ProcessGuid: '{aaaa}', firstTime: 1704069000 })], index);
    expect(f!.context).toMatchObject({
      match: 'process-guid',
      commandLine: 'powershell -nop -enc AAA',
      parentImage: 'C:\\Windows\\explorer.exe',
      parentCommandLine: 'C:\\Windows\\Explorer.EXE',
      user: 'CORP\\alice',
      started: 1704067200,
    });
    expect(f!.user).toBe('CORP\\alice');
  });

  it('falls back to host + image: the latest start at or before the first sighting', () => {
    const index = new ProcessIndex();
    index.add(eid1({ ProcessGuid: '{1}', CommandLine: 'first', UtcTime: '2024-01-01 00:00:00.000' }));
    index.add(eid1({ ProcessGuid: '{2}', CommandLine: 'second', UtcTime: '2024-01-01 01:00:00.000' }));
    index.add(eid1({ ProcessGuid: '{3}', CommandLine: 'third', UtcTime: '2024-01-01 02:00:00.000' }));
    // First seen 01:30 → the 01:00 process; before any start → the latest; no time → the latest.
    const at = (t: number | undefined) =>
      enrichFindings([beaconFinding(t === undefined ? {} : { firstTime: t })], index)[0]!.context;
    expect(at(1704067200 + 5400)).toMatchObject({ match: 'host-image', commandLine: 'second' });
    expect(at(1704067200 - 10)).toMatchObject({ match: 'host-image', commandLine: 'third' });
    expect(at(undefined)).toMatchObject({ match: 'host-image', commandLine: 'third' });
  });

  it('matches an image given without a directory on its file name', () => {
    const index = new ProcessIndex();
    index.add(eid1({ ProcessGuid: '{1}', CommandLine: 'ps' }));
    const [f] = enrichFindings([beaconFinding({ Image: 'POWERSHELL.EXE' })], index);
    expect(f!.context?.commandLine).toBe('ps');
  });

  it('leaves findings alone when no EID 1 matches (other host, other image, or none at all)', () => {
    const index = new ProcessIndex();
    index.add(eid1({ host: 'WS02', ProcessGuid: '{1}' }));
    index.add(eid1({ ProcessGuid: '{2}', Image: 'C:\\x\\other.exe' }));
    const f = beaconFinding({});
    const [out] = enrichFindings([f], index);
    expect(out).toBe(f);
    expect(out!.context).toBeUndefined();
    expect(enrichFindings([f], new ProcessIndex())[0]!.context).toBeUndefined();
  });

  it('keeps context the detection row already carried', () => {
    const index = new ProcessIndex();
    index.add(eid1({ ProcessGuid: '{1}', CommandLine: 'from eid1' }));
    const [f] = enrichFindings([beaconFinding({ CommandLine: 'from the row' })], index);
    expect(f!.context).toMatchObject({ match: 'row', commandLine: 'from the row' });
  });

  it('accepts only Sysmon process creation', () => {
    expect(isSysmonProcessCreate(eid1({ ProcessGuid: '{1}' }))).toBe(true);
    expect(isSysmonProcessCreate(eid1({ ProcessGuid: '{1}', EventCode: '3' }))).toBe(false);
    // Event 1 of another channel (e.g. System's Kernel-General time change).
    expect(isSysmonProcessCreate(eid1({ ProcessGuid: '{1}', Channel: 'System', source: 'XmlWinEventLog:System' }))).toBe(false);
    expect(isSysmonProcessCreate(eid1({ ProcessGuid: '-' }))).toBe(false);
    // Splunk-export style with only the sourcetype naming Sysmon, and EventID as a number.
    expect(
      isSysmonProcessCreate(
        row({ EventID: 1, sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', ProcessGuid: '{1}', Image: PS }),
      ),
    ).toBe(true);
  });
});

describe('process index bounds', () => {
  it('evicts the least recently used process past maxEntries', () => {
    const index = new ProcessIndex({ maxEntries: 3 });
    for (let i = 1; i <= 3; i++) index.add(eid1({ ProcessGuid: `{${i}}`, Image: `C:\\p${i}.exe` }));
    index.byGuid('WS01', '{1}'); // touch 1: now 2 is the least recent
    index.add(eid1({ ProcessGuid: '{4}', Image: 'C:\\p4.exe' }));
    expect(index.size).toBe(3);
    expect(index.evicted).toBe(1);
    expect(index.byGuid('WS01', '{2}')).toBeUndefined();
    expect(index.byGuid('WS01', '{1}')).toBeDefined();
    // Evicted processes leave the image index too.
    expect(index.byImage('WS01', 'C:\\p2.exe')).toBeUndefined();
  });

  it('caps each host so one busy host cannot push the others out', () => {
    const index = new ProcessIndex({ maxEntries: 100, maxPerHost: 2 });
    index.add(eid1({ host: 'QUIET', ProcessGuid: '{q}' }));
    for (let i = 0; i < 50; i++) index.add(eid1({ host: 'BUSY', ProcessGuid: `{b${i}}` }));
    expect(index.size).toBe(3); // 1 quiet + 2 busy
    expect(index.byGuid('QUIET', '{q}')).toBeDefined();
    expect(index.byGuid('BUSY', '{b49}')).toBeDefined();
    expect(index.byGuid('BUSY', '{b47}')).toBeUndefined();
  });

  it('bounds stored characters and cuts long fields', () => {
    // An entry counts 64 plus its strings' lengths; with commands of 100 characters, 1,000 hold only a few.
    const index = new ProcessIndex({ maxFieldLength: 100, maxChars: 1000 });
    index.add(eid1({ ProcessGuid: '{0}', Image: 'C:\\a\\ps.exe', CommandLine: 'x'.repeat(40_000) }));
    const rec = index.byGuid('WS01', '{0}')!;
    expect(rec.commandLine!.length).toBe(100);
    expect(rec.commandLine!.endsWith('…')).toBe(true);
    expect(rec.truncated).toBe(true);
    expect(index.truncatedFields).toBe(1);
    for (let i = 1; i <= 20; i++) index.add(eid1({ ProcessGuid: `{${i}}`, Image: 'C:\\a\\ps.exe', CommandLine: 'y'.repeat(100) }));
    expect(index.storedChars).toBeLessThanOrEqual(1000);
    expect(index.size).toBeLessThan(21);
    expect(index.evicted).toBe(21 - index.size);
  });

  it('keeps only the latest starts of one image for the image lookup', () => {
    const index = new ProcessIndex({ maxPerImage: 2 });
    for (let h = 0; h < 4; h++) {
      index.add(eid1({ ProcessGuid: `{${h}}`, CommandLine: `run ${h}`, UtcTime: `2024-01-01 0${h}:00:00.000` }));
    }
    // Starts 00:00 and 01:00 fell out of the image list; asking for 00:30 gets the latest kept (03:00).
    expect(index.byImage('WS01', PS, 1704067200 + 1800)?.commandLine).toBe('run 3');
    expect(index.byImage('WS01', PS, 1704067200 + 2.5 * 3600)?.commandLine).toBe('run 2');
    // Still reachable exactly by GUID.
    expect(index.byGuid('WS01', '{0}')?.commandLine).toBe('run 0');
  });
});
