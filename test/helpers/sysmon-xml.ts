/**
 * Hand-made Sysmon telemetry for hunt tests: events written as Splunk XmlWinEventLog lines (one event
 * per line, as the readers see them), so tests go through the real readers and prefilters.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SysmonRecord {
  readonly code: 1 | 3 | 22;
  /** Epoch seconds. */
  readonly time: number;
  readonly host: string;
  readonly data: Readonly<Record<string, string>>;
}

let recordId = 1000;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
}

export function sysmonXml(r: SysmonRecord): string {
  const iso = new Date(r.time * 1000).toISOString().replace('Z', '0000Z');
  const data = Object.entries(r.data)
    .map(([k, v]) => `<Data Name='${k}'>${esc(v)}</Data>`)
    .join('');
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' ` +
    `Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>${r.code}</EventID><Version>5</Version><Level>4</Level>` +
    `<Task>${r.code}</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${iso}'/>` +
    `<EventRecordID>${recordId++}</EventRecordID><Correlation/><Execution ProcessID='1888' ThreadID='2956'/>` +
    `<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${esc(r.host)}</Computer><Security UserID='S-1-5-18'/>` +
    `</System><EventData>${data}</EventData></Event>`
  );
}

/** A process creation (EID 1). */
export function processCreate(host: string, time: number, image: string, guid: string, commandLine: string, parent = 'C:\\Windows\\explorer.exe'): SysmonRecord {
  return {
    code: 1,
    time,
    host,
    data: {
      RuleName: '-',
      UtcTime: new Date(time * 1000).toISOString().replace('T', ' ').replace('Z', ''),
      ProcessGuid: guid,
      ProcessId: '4242',
      Image: image,
      CommandLine: commandLine,
      User: 'CORP\\alice',
      ParentImage: parent,
      ParentCommandLine: parent,
    },
  };
}

/** A network connection (EID 3). */
export function connection(host: string, time: number, image: string, guid: string, ip: string, name: string, port: number): SysmonRecord {
  return {
    code: 3,
    time,
    host,
    data: {
      RuleName: '-',
      ProcessGuid: guid,
      Image: image,
      User: 'CORP\\alice',
      Protocol: 'tcp',
      Initiated: 'true',
      DestinationIp: ip,
      DestinationHostname: name,
      DestinationPort: String(port),
    },
  };
}

/** A DNS query (EID 22). */
export function dnsQuery(host: string, time: number, image: string, guid: string, query: string, status = '0'): SysmonRecord {
  return { code: 22, time, host, data: { RuleName: '-', ProcessGuid: guid, Image: image, QueryName: query, QueryStatus: status, QueryResults: '-' } };
}

const created: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs (call it from afterAll). */
export function tempDir(prefix = 'c2hunt-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every directory tempDir and writePack made in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Write records as XML lines into `dir/name`. */
export function writeXml(dir: string, name: string, records: readonly SysmonRecord[]): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, records.map(sysmonXml).join('\n') + '\n');
  return path;
}

/** Write detection YAML files (name → text) into a fresh pack directory. */
export function writePack(files: Readonly<Record<string, string>>): string {
  const dir = tempDir('c2hunt-pack-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
