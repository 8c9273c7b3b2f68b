/**
 * NXLog (im_msvistalog) JSON as the OTRF Security-Datasets ship it (platforms.md §5.3): EventData fields
 * flattened at top level as strings, plus Hostname, Channel, SourceName, ProviderGuid, Keywords, Level,
 * Task, TimeCreated and @timestamp (write time, UTC), EventTime (write time in the estate's local time,
 * no zone, as NXLog prints it) and Message. EventID, RecordNumber and NXLog's other integer fields are
 * JSON numbers.
 */
import type { SimEvent } from '../model.js';
import { CHANNEL_NAMES } from '../model.js';
import { schemaOf } from '../schema.js';
import { isoFromUs, localEventTime } from '../clock.js';
import { renderMessage } from './message.js';

const ACCOUNTS: Readonly<Record<string, [string, string, string]>> = {
  'S-1-5-18': ['NT AUTHORITY', 'SYSTEM', 'User'],
};

export function renderNxlog(e: SimEvent, recordId: number, utcOffsetMinutes: number): string {
  const schema = schemaOf(e.channel, e.eventId);
  const created = isoFromUs(e.createdUs);
  const o: Record<string, string | number> = {
    EventTime: localEventTime(e.createdUs, utcOffsetMinutes),
    Hostname: e.computer,
    Keywords: schema.keywords,
    EventType: e.channel === 'security' ? 'AUDIT_SUCCESS' : (e.level ?? schema.level) === 3 ? 'WARNING' : 'INFO',
    SeverityValue: (e.level ?? schema.level) === 3 ? 3 : 2,
    Severity: (e.level ?? schema.level) === 3 ? 'WARNING' : 'INFO',
    EventID: e.eventId,
    SourceName: schema.providerName,
    ProviderGuid: schema.providerGuid.toUpperCase().replace(/^\{(.*)\}$/, '{$1}'),
    Version: schema.version,
    Task: String(schema.task),
    OpcodeValue: schema.opcode,
    RecordNumber: recordId,
    ExecutionProcessID: e.execPid,
    ExecutionThreadID: e.execTid,
    Channel: CHANNEL_NAMES[e.channel],
  };
  if (e.userSid !== null) {
    const known = ACCOUNTS[e.userSid];
    if (known !== undefined) {
      o['Domain'] = known[0];
      o['AccountName'] = known[1];
      o['UserID'] = e.userSid;
      o['AccountType'] = known[2];
    } else {
      o['UserID'] = e.userSid;
    }
  }
  o['Category'] = schema.taskName;
  o['Opcode'] = schema.opcodeName;
  if (e.activityId !== undefined) o['ActivityID'] = e.activityId;
  for (const name of schema.fields) o[name] = e.data[name] ?? '';
  o['Message'] = renderMessage(e);
  o['Level'] = String(e.level ?? schema.level);
  o['TimeCreated'] = created;
  o['EventReceivedTime'] = localEventTime(e.createdUs + 1_000_000, utcOffsetMinutes);
  o['SourceModuleName'] = 'eventlog';
  o['SourceModuleType'] = 'im_msvistalog';
  o['@timestamp'] = created;
  return JSON.stringify(o);
}
