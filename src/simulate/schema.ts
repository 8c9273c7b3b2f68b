/**
 * The System-block constants and EventData field order of each event the simulator writes, as Windows
 * and Sysmon (schema 4.x, Sysmon 13.30+ which added ParentUser to EID 1 and User to EID 22) emit them.
 * Sources: OTRF/OSSEM-DD event-1/3/22/4698/4104 definitions and the real samples quoted in
 * telemetry-realism.md §3 and platforms.md §5.
 */
import type { ChannelId } from './model.js';

export interface EventSchema {
  readonly providerName: string;
  readonly providerGuid: string;
  readonly version: number;
  readonly level: number;
  readonly task: number;
  readonly opcode: number;
  readonly keywords: string;
  /** EventData names in the order Windows renders them. */
  readonly fields: readonly string[];
  /** Rendered task name (NXLog `Category`, Elastic `winlog.task`). */
  readonly taskName: string;
  /** Rendered opcode name (NXLog `Opcode`, Elastic `winlog.opcode`). */
  readonly opcodeName: string;
  /** Elastic `event.action`. */
  readonly action: string;
}

const SYSMON = { providerName: 'Microsoft-Windows-Sysmon', providerGuid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}' };

export const SCHEMAS: Readonly<Record<string, EventSchema>> = {
  'sysmon:1': {
    ...SYSMON,
    version: 5,
    level: 4,
    task: 1,
    opcode: 0,
    keywords: '0x8000000000000000',
    taskName: 'Process Create (rule: ProcessCreate)',
    opcodeName: 'Info',
    action: 'Process Create (rule: ProcessCreate)',
    fields: [
      'RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product',
      'Company', 'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId',
      'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage',
      'ParentCommandLine', 'ParentUser',
    ],
  },
  'sysmon:3': {
    ...SYSMON,
    version: 5,
    level: 4,
    task: 3,
    opcode: 0,
    keywords: '0x8000000000000000',
    taskName: 'Network connection detected (rule: NetworkConnect)',
    opcodeName: 'Info',
    action: 'Network connection detected (rule: NetworkConnect)',
    fields: [
      'RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated', 'SourceIsIpv6',
      'SourceIp', 'SourceHostname', 'SourcePort', 'SourcePortName', 'DestinationIsIpv6', 'DestinationIp',
      'DestinationHostname', 'DestinationPort', 'DestinationPortName',
    ],
  },
  'sysmon:22': {
    ...SYSMON,
    version: 5,
    level: 4,
    task: 22,
    opcode: 0,
    keywords: '0x8000000000000000',
    taskName: 'Dns query (rule: DnsQuery)',
    opcodeName: 'Info',
    action: 'Dns query (rule: DnsQuery)',
    fields: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'QueryName', 'QueryStatus', 'QueryResults', 'Image', 'User'],
  },
  'security:4698': {
    providerName: 'Microsoft-Windows-Security-Auditing',
    providerGuid: '{54849625-5478-4994-a5ba-3e3b0328c30d}',
    version: 1,
    level: 0,
    task: 12804,
    opcode: 0,
    keywords: '0x8020000000000000',
    taskName: 'Other Object Access Events',
    opcodeName: 'Info',
    action: 'scheduled-task-created',
    fields: [
      'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'TaskName', 'TaskContent',
      'ClientProcessStartKey', 'ClientProcessId', 'ParentProcessId', 'RpcCallClientLocality', 'FQDN',
    ],
  },
  'powershell:4104': {
    providerName: 'Microsoft-Windows-PowerShell',
    providerGuid: '{a0c1853b-5c40-4b15-8766-3cf1c58f985a}',
    version: 1,
    level: 5,
    task: 2,
    opcode: 15,
    keywords: '0x0',
    taskName: 'Execute a Remote Command',
    opcodeName: 'On create calls',
    action: 'Execute a Remote Command',
    fields: ['MessageNumber', 'MessageTotal', 'ScriptBlockText', 'ScriptBlockId', 'Path'],
  },
};

export function schemaOf(channel: ChannelId, eventId: number): EventSchema {
  const s = SCHEMAS[`${channel}:${eventId}`];
  if (s === undefined) throw new Error(`no schema for ${channel} event ${eventId}`);
  return s;
}

/** The first line of the rendered message (NXLog `Message`), per event. */
export const MESSAGE_TITLES: Readonly<Record<string, string>> = {
  'sysmon:1': 'Process Create:',
  'sysmon:3': 'Network connection detected:',
  'sysmon:22': 'Dns query:',
  'security:4698': 'A scheduled task was created.',
  'powershell:4104': 'Creating Scriptblock text',
};
