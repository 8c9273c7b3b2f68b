/**
 * Winlogbeat / Elastic Agent ECS documents → the field names Splunk extracts from XmlWinEventLog.
 *
 * `winlog.*` carries the System block and `winlog.event_data.*` / `winlog.user_data.*` the event's own
 * fields. Elastic's Sysmon pipeline moves many event_data fields into ECS fields (Image →
 * process.executable, DestinationIp → destination.ip, …) and deletes empty, "-" and all-zero-GUID values
 * [elastic/integrations packages/windows/data_stream/sysmon_operational/elasticsearch/ingest_pipeline/
 * default.yml@029004a3]; ECS_TO_SYSMON maps them back where event_data no longer has them. A "-" the
 * pipeline deleted cannot be restored. Every other ECS leaf is kept under its dotted name.
 *
 * `_time`: `winlog.time_created` (the record's TimeCreated, the same instant as SystemTime) when present;
 * otherwise `@timestamp`. The Sysmon pipeline overwrites `@timestamp` with Sysmon's UtcTime, which can
 * precede TimeCreated by a few seconds; both are the computer's own clock, so gaps stay faithful.
 */
import { createEvent, type Event } from './event.js';
import { flattenInto, isJsonObject, jsonFieldValue, pick, type JsonObject } from './json-fields.js';
import { exactToEpoch, exactToSystemTime, parseExactTime } from './time.js';
import { finishWindowsEvent, type SourceMeta } from './windows.js';

/** winlog.* (System block) → canonical field. */
export const ECS_SYSTEM_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['winlog.event_id', 'EventID'],
  ['winlog.channel', 'Channel'],
  ['winlog.computer_name', 'Computer'],
  ['winlog.provider_name', 'ProviderName'],
  ['winlog.provider_guid', 'Guid'],
  ['winlog.record_id', 'EventRecordID'],
  ['winlog.version', 'Version'],
  ['winlog.process.pid', 'ProcessID'],
  ['winlog.process.thread.id', 'ThreadID'],
  ['winlog.user.identifier', 'UserID'],
  ['winlog.activity_id', 'ActivityID'],
  ['winlog.related_activity_id', 'RelatedActivityID'],
];

/** Fallbacks used only when the winlog.* field is absent. */
const ECS_SYSTEM_FALLBACKS: ReadonlyArray<readonly [string, string]> = [
  ['event.code', 'EventID'],
  ['host.name', 'Computer'],
  ['event.provider', 'ProviderName'],
];

/** ECS field → Sysmon EventData name, for fields Elastic's Sysmon pipeline moved out of event_data. */
export const ECS_TO_SYSMON: ReadonlyArray<readonly [string, string]> = [
  ['process.executable', 'Image'],
  ['process.entity_id', 'ProcessGuid'],
  ['process.pid', 'ProcessId'],
  ['process.command_line', 'CommandLine'],
  ['process.working_directory', 'CurrentDirectory'],
  ['process.parent.executable', 'ParentImage'],
  ['process.parent.entity_id', 'ParentProcessGuid'],
  ['process.parent.pid', 'ParentProcessId'],
  ['process.parent.command_line', 'ParentCommandLine'],
  ['rule.name', 'RuleName'],
  ['network.transport', 'Protocol'],
  ['source.ip', 'SourceIp'],
  ['source.port', 'SourcePort'],
  ['source.domain', 'SourceHostname'],
  ['destination.ip', 'DestinationIp'],
  ['destination.port', 'DestinationPort'],
  ['destination.domain', 'DestinationHostname'],
  ['dns.question.name', 'QueryName'],
  ['file.path', 'TargetFilename'],
];

function setString(event: Event, name: string, v: unknown): void {
  if (event[name] !== undefined) return;
  const value = jsonFieldValue(v);
  if (value !== null) event[name] = value;
}

export function isEcsDocument(obj: JsonObject): boolean {
  return isJsonObject(obj['winlog']) || Object.hasOwn(obj, 'winlog.event_id') || Object.hasOwn(obj, 'winlog.channel');
}

export function normalizeEcs(obj: JsonObject, meta: SourceMeta): Event {
  const event = createEvent();
  for (const [path, name] of ECS_SYSTEM_FIELDS) setString(event, name, pick(obj, path));
  for (const [path, name] of ECS_SYSTEM_FALLBACKS) setString(event, name, pick(obj, path));
  for (const section of ['winlog.event_data', 'winlog.user_data']) {
    const data = pick(obj, section);
    if (isJsonObject(data)) for (const key of Object.keys(data)) setString(event, key, data[key]);
  }
  const isSysmon = event['Channel'] === 'Microsoft-Windows-Sysmon/Operational';
  if (isSysmon) {
    for (const [path, name] of ECS_TO_SYSMON) setString(event, name, pick(obj, path));
    const user = pick(obj, 'user.name');
    const domain = pick(obj, 'user.domain');
    if (event['User'] === undefined && typeof user === 'string' && user !== '') {
      event['User'] = typeof domain === 'string' && domain !== '' ? `${domain}\\${user}` : user;
    }
    const direction = pick(obj, 'network.direction');
    if (event['Initiated'] === undefined && (direction === 'egress' || direction === 'outbound')) event['Initiated'] = 'true';
    if (event['Initiated'] === undefined && (direction === 'ingress' || direction === 'inbound')) event['Initiated'] = 'false';
    // The pipeline renders QueryStatus 0 as "SUCCESS" (ERROR_SUCCESS); other codes cannot be recovered.
    if (event['QueryStatus'] === undefined && pick(obj, 'sysmon.dns.status') === 'SUCCESS') event['QueryStatus'] = '0';
  }

  const timeText = [pick(obj, 'winlog.time_created'), pick(obj, '@timestamp')].find((t) => typeof t === 'string');
  const exact = typeof timeText === 'string' ? parseExactTime(timeText) : null;
  if (exact !== null) {
    event['_time'] = exactToEpoch(exact);
    event['SystemTime'] = exactToSystemTime(exact);
  }

  // Keep the rest of the document under dotted names (Splunk's JSON extraction), without duplicating
  // what was promoted to canonical names above.
  flattenInto(event, obj, '', (path) => path === 'winlog.event_data' || path === 'winlog.user_data' || event[path] !== undefined);
  return finishWindowsEvent(event, meta);
}
