/**
 * Builders for the five events the simulator writes: Sysmon 1, 3 and 22, Security 4698, PowerShell 4104.
 * They fill every field the real event carries (Sysmon's `-` for empty values), and set the write time:
 * Sysmon reports network and DNS events a couple of seconds after they happen (UtcTime 2.1–2.5 s before
 * TimeCreated in the samples of platforms.md §5 and telemetry-realism §3), process creation within
 * milliseconds. DNS events are written 0.3–1.9 s late and connections 2–3 s late, so a process's
 * query is also written before the connection that used its answer.
 */
import type { Rng } from './prng.js';
import type { Label, SimEvent } from './model.js';
import type { Proc, Session } from './estate.js';
import { sysmonUtcTime } from './clock.js';
import { portName } from './infra.js';

function writtenUs(rng: Rng, utcMs: number, minMs: number, maxMs: number): number {
  return utcMs * 1000 + rng.int(minMs * 1000, maxMs * 1000);
}

function logonIdHex(id: number): string {
  return `0x${id.toString(16)}`;
}

/** Sysmon EID 1. */
export function processCreate(rng: Rng, session: Session, proc: Proc, label: Label): SimEvent {
  const parent = proc.parent;
  const data: Record<string, string> = {
    RuleName: '-',
    UtcTime: sysmonUtcTime(proc.startMs),
    ProcessGuid: proc.guid,
    ProcessId: String(proc.pid),
    Image: proc.image,
    FileVersion: proc.pe.fileVersion,
    Description: proc.pe.description,
    Product: proc.pe.product,
    Company: proc.pe.company,
    OriginalFileName: proc.pe.originalFileName,
    CommandLine: proc.commandLine,
    CurrentDirectory: proc.currentDirectory,
    User: proc.account.name,
    LogonGuid: proc.logonGuid,
    LogonId: logonIdHex(proc.logonId),
    TerminalSessionId: String(proc.terminalSessionId),
    IntegrityLevel: proc.integrity,
    Hashes: proc.hashes,
    ParentProcessGuid: parent?.guid ?? '{00000000-0000-0000-0000-000000000000}',
    ParentProcessId: String(parent?.pid ?? 4),
    ParentImage: parent?.image ?? 'System',
    ParentCommandLine: parent?.commandLine ?? '-',
    ParentUser: parent?.account.name ?? 'NT AUTHORITY\\SYSTEM',
  };
  return {
    computer: session.host.fqdn,
    channel: 'sysmon',
    eventId: 1,
    utcMs: proc.startMs,
    createdUs: writtenUs(rng, proc.startMs, 1, 30),
    data,
    execPid: session.sysmonPid,
    execTid: rng.pick(session.sysmonTids),
    userSid: 'S-1-5-18',
    label,
  };
}

/** Sysmon EID 22 for a query made through the Windows resolver. */
export function dnsQuery(
  rng: Rng,
  session: Session,
  proc: Proc,
  atMs: number,
  queryName: string,
  status: number,
  results: string,
  label: Label,
  entityDomain?: string,
): SimEvent {
  return {
    computer: session.host.fqdn,
    channel: 'sysmon',
    eventId: 22,
    utcMs: atMs,
    createdUs: writtenUs(rng, atMs, 300, 1900),
    data: {
      RuleName: '-',
      UtcTime: sysmonUtcTime(atMs),
      ProcessGuid: proc.guid,
      ProcessId: String(proc.pid),
      QueryName: queryName,
      QueryStatus: String(status),
      QueryResults: results,
      Image: proc.image,
      User: proc.account.name,
    },
    execPid: session.sysmonPid,
    execTid: rng.pick(session.sysmonTids),
    userSid: 'S-1-5-18',
    label,
    entity: { domain: entityDomain ?? queryName },
  };
}

export interface ConnectSpec {
  readonly protocol?: 'tcp' | 'udp';
  readonly destinationIp: string;
  readonly destinationPort: number;
  /** Sysmon's reverse lookup of the destination, `-` when none. */
  readonly destinationHostname?: string;
  /** Inbound connections (a listener accepting) have Initiated=false. */
  readonly initiated?: boolean;
  readonly sourceIp?: string;
  readonly sourcePort?: number;
  /** The name the process resolved to reach this address (ground truth only). */
  readonly viaDomain?: string;
}

/** Sysmon EID 3. */
export function networkConnect(rng: Rng, session: Session, proc: Proc, atMs: number, c: ConnectSpec, label: Label): SimEvent {
  const initiated = c.initiated ?? true;
  const dstV6 = c.destinationIp.includes(':');
  const loopback = c.destinationIp.startsWith('127.') || c.destinationIp === '::1';
  const sourceIp = c.sourceIp ?? (loopback ? c.destinationIp : session.host.ip);
  const sourcePort = c.sourcePort ?? session.nextSourcePort(rng);
  return {
    computer: session.host.fqdn,
    channel: 'sysmon',
    eventId: 3,
    utcMs: atMs,
    createdUs: writtenUs(rng, atMs, 2000, 3000),
    data: {
      RuleName: '-',
      UtcTime: sysmonUtcTime(atMs),
      ProcessGuid: proc.guid,
      ProcessId: String(proc.pid),
      Image: proc.image,
      User: proc.account.name,
      Protocol: c.protocol ?? 'tcp',
      Initiated: initiated ? 'true' : 'false',
      SourceIsIpv6: sourceIp.includes(':') ? 'true' : 'false',
      SourceIp: sourceIp,
      SourceHostname: '-',
      SourcePort: String(sourcePort),
      SourcePortName: initiated ? '-' : portName(sourcePort),
      DestinationIsIpv6: dstV6 ? 'true' : 'false',
      DestinationIp: c.destinationIp,
      DestinationHostname: c.destinationHostname ?? '-',
      DestinationPort: String(c.destinationPort),
      DestinationPortName: portName(c.destinationPort),
    },
    execPid: session.sysmonPid,
    execTid: rng.pick(session.sysmonTids),
    userSid: 'S-1-5-18',
    label,
    ...(c.viaDomain !== undefined ? { entity: { domain: c.viaDomain } } : {}),
  };
}

/** Security 4698: a scheduled task was created (requires "Audit Other Object Access Events"). */
export function taskCreated(
  rng: Rng,
  session: Session,
  creator: Proc,
  atMs: number,
  taskName: string,
  taskContent: string,
  label: Label,
): SimEvent {
  const acct = creator.account;
  return {
    computer: session.host.fqdn,
    channel: 'security',
    eventId: 4698,
    utcMs: atMs,
    createdUs: atMs * 1000 + rng.int(0, 999),
    data: {
      SubjectUserSid: acct.sid,
      SubjectUserName: acct.sam,
      SubjectDomainName: acct.domain,
      SubjectLogonId: logonIdHex(creator.logonId),
      TaskName: taskName,
      TaskContent: taskContent,
      ClientProcessStartKey: String(1000000 + (creator.pid % 1000) * 7919),
      ClientProcessId: String(creator.pid),
      ParentProcessId: String(creator.parent?.pid ?? 0),
      RpcCallClientLocality: '0',
      FQDN: session.host.fqdn,
    },
    execPid: session.lsassPid,
    execTid: session.lsassPid + 8,
    userSid: null,
    label,
    actorImage: creator.image,
  };
}

/**
 * PowerShell 4104 script-block events for one script block; text longer than Windows' per-event limit
 * is split into parts that share the ScriptBlockId ("Creating Scriptblock text (n of m)").
 */
export function scriptBlocks(rng: Rng, session: Session, proc: Proc, atMs: number, text: string, path: string, label: Label, warning = false): SimEvent[] {
  const limit = 16000;
  const parts: string[] = [];
  for (let i = 0; i < text.length || i === 0; i += limit) parts.push(text.slice(i, i + limit));
  const id = rng.guid().slice(1, -1);
  const activity = rng.guid().toUpperCase();
  return parts.map((part, i) => ({
    computer: session.host.fqdn,
    channel: 'powershell' as const,
    eventId: 4104,
    utcMs: atMs,
    createdUs: atMs * 1000 + i * 40 + rng.int(0, 30),
    data: {
      MessageNumber: String(i + 1),
      MessageTotal: String(parts.length),
      ScriptBlockText: part,
      ScriptBlockId: id,
      Path: path,
    },
    execPid: proc.pid,
    execTid: proc.tid,
    userSid: proc.account.sid,
    activityId: activity,
    label,
    actorImage: proc.image,
    ...(warning ? { level: 3 } : {}),
  }));
}
