/**
 * Elastic Common Schema documents as the Elastic Agent Windows integration and Winlogbeat produce them
 * (platforms.md §3.1 and §5.2): `winlog.*` (channel, computer_name, event_id, record_id, provider,
 * event_data with every EventData value as a string) plus the ECS fields the ingest pipeline derives
 * (process.*, source.*, destination.*, network.*, dns.*, user.*, powershell.*). The real pipeline
 * *removes* the event_data keys it renamed; the simulator keeps them all so that a reader can rebuild the
 * Windows event from winlog.event_data alone. For Sysmon, @timestamp is UtcTime (the pipeline parses it);
 * for the other channels it is the write time; winlog.time_created is always the write time (TimeCreated,
 * 100-ns precision). host.name is the Computer.
 */
import type { SimEvent } from '../model.js';
import { CHANNEL_NAMES } from '../model.js';
import { schemaOf } from '../schema.js';
import { isoFromUs, isoMs, systemTimeFromUs } from '../clock.js';
import { parseQueryResults } from '../infra.js';
import { baseName } from '../images.js';

const DNS_STATUS: Readonly<Record<string, string>> = {
  '0': 'SUCCESS',
  '9003': 'DNS_ERROR_RCODE_NAME_ERROR',
  '9501': 'DNS_INFO_NO_RECORDS',
  '9701': 'DNS_ERROR_RECORD_DOES_NOT_EXIST',
  '1460': 'ERROR_TIMEOUT',
  '9002': 'DNS_ERROR_RCODE_SERVER_FAILURE',
};

const DATASET = { sysmon: 'windows.sysmon_operational', security: 'system.security', powershell: 'windows.powershell_operational' } as const;

function splitUser(u: string | undefined): { domain: string; name: string } | undefined {
  if (u === undefined || u === '-' || u === '') return undefined;
  const i = u.indexOf('\\');
  return i < 0 ? { domain: '', name: u } : { domain: u.slice(0, i), name: u.slice(i + 1) };
}

function hashes(h: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (h ?? '').split(',')) {
    const [k, v] = part.split('=');
    if (k !== undefined && v !== undefined) out[k.toLowerCase()] = v.toLowerCase();
  }
  return out;
}

function proc(d: Readonly<Record<string, string>>): Record<string, unknown> {
  const exe = d['Image'] ?? '';
  return { entity_id: d['ProcessGuid'], pid: Number(d['ProcessId']), executable: exe, name: baseName(exe) };
}

export function renderEcs(e: SimEvent, recordId: number): string {
  const schema = schemaOf(e.channel, e.eventId);
  const d = e.data;
  const doc: Record<string, unknown> = {
    '@timestamp': e.channel === 'sysmon' ? isoMs(e.utcMs) : isoFromUs(e.createdUs),
  };
  const event: Record<string, unknown> = {
    code: String(e.eventId),
    kind: 'event',
    provider: schema.providerName,
    created: isoFromUs(e.createdUs),
    module: e.channel === 'security' ? 'security' : e.channel,
    dataset: DATASET[e.channel],
    action: schema.action,
  };
  const ecs: Record<string, unknown> = {};
  const user = splitUser(d['User']);
  switch (`${e.channel}:${e.eventId}`) {
    case 'sysmon:1': {
      const h = hashes(d['Hashes']);
      const parentExe = d['ParentImage'] ?? '';
      ecs['process'] = {
        ...proc(d),
        command_line: d['CommandLine'],
        working_directory: d['CurrentDirectory'],
        pe: {
          original_file_name: d['OriginalFileName'],
          company: d['Company'],
          description: d['Description'],
          file_version: d['FileVersion'],
          product: d['Product'],
          imphash: h['imphash'],
        },
        hash: { md5: h['md5'], sha1: h['sha1'], sha256: h['sha256'] },
        parent: { entity_id: d['ParentProcessGuid'], pid: Number(d['ParentProcessId']), executable: parentExe, name: baseName(parentExe), command_line: d['ParentCommandLine'] },
      };
      event['category'] = ['process'];
      event['type'] = ['start'];
      break;
    }
    case 'sysmon:3': {
      ecs['process'] = proc(d);
      const src: Record<string, unknown> = { ip: d['SourceIp'], port: Number(d['SourcePort']) };
      if (d['SourceHostname'] !== '-') src['domain'] = d['SourceHostname'];
      const dst: Record<string, unknown> = { ip: d['DestinationIp'], port: Number(d['DestinationPort']) };
      if (d['DestinationHostname'] !== '-') dst['domain'] = d['DestinationHostname'];
      ecs['source'] = src;
      ecs['destination'] = dst;
      const network: Record<string, unknown> = {
        transport: d['Protocol'],
        direction: d['Initiated'] === 'true' ? 'egress' : 'ingress',
        type: d['SourceIsIpv6'] === 'true' ? 'ipv6' : 'ipv4',
      };
      if (d['DestinationPortName'] !== '-') network['protocol'] = d['DestinationPortName'];
      ecs['network'] = network;
      event['category'] = ['network'];
      event['type'] = ['start', 'connection', 'protocol'];
      break;
    }
    case 'sysmon:22': {
      ecs['process'] = proc(d);
      const answers = parseQueryResults(d['QueryResults'] ?? '-');
      const dns: Record<string, unknown> = { question: { name: d['QueryName'] } };
      if (answers.length > 0) {
        dns['answers'] = answers;
        const ips = answers.filter((a) => a.type === 'A' || a.type === 'AAAA').map((a) => a.data);
        if (ips.length > 0) dns['resolved_ip'] = ips;
      }
      ecs['dns'] = dns;
      ecs['network'] = { protocol: 'dns' };
      ecs['sysmon'] = { dns: { status: DNS_STATUS[d['QueryStatus'] ?? ''] ?? d['QueryStatus'] } };
      event['category'] = ['network'];
      event['type'] = ['connection', 'protocol', 'info'];
      break;
    }
    case 'security:4698':
      ecs['user'] = { id: d['SubjectUserSid'], name: d['SubjectUserName'], domain: d['SubjectDomainName'] };
      event['category'] = ['iam', 'configuration'];
      event['type'] = ['creation', 'admin'];
      event['outcome'] = 'success';
      break;
    case 'powershell:4104':
      ecs['powershell'] = {
        file: { script_block_text: d['ScriptBlockText'], script_block_id: d['ScriptBlockId'] },
        sequence: Number(d['MessageNumber']),
        total: Number(d['MessageTotal']),
      };
      if (d['Path'] !== undefined && d['Path'] !== '') ecs['file'] = { path: d['Path'] };
      ecs['user'] = { id: e.userSid };
      event['category'] = ['process'];
      event['type'] = ['info'];
      break;
  }
  if (user !== undefined && ecs['user'] === undefined) ecs['user'] = user;
  doc['event'] = event;
  doc['host'] = { name: e.computer };
  doc['log'] = { level: (e.level ?? schema.level) === 3 ? 'warning' : 'information' };
  Object.assign(doc, ecs);
  const eventData: Record<string, string> = {};
  for (const name of schema.fields) eventData[name] = d[name] ?? '';
  const winlog: Record<string, unknown> = {
    api: 'wineventlog',
    channel: CHANNEL_NAMES[e.channel],
    computer_name: e.computer,
    event_id: String(e.eventId),
    record_id: String(recordId),
    time_created: systemTimeFromUs(e.createdUs),
    provider_name: schema.providerName,
    provider_guid: schema.providerGuid,
    version: schema.version,
    task: schema.taskName,
    opcode: schema.opcodeName,
    keywords: e.channel === 'security' ? ['Audit Success'] : undefined,
    process: { pid: e.execPid, thread: { id: e.execTid } },
    event_data: eventData,
  };
  if (e.userSid !== null) winlog['user'] = { identifier: e.userSid };
  if (e.activityId !== undefined) winlog['activity_id'] = e.activityId;
  doc['winlog'] = winlog;
  doc['ecs'] = { version: '8.11.0' };
  return JSON.stringify(doc);
}
