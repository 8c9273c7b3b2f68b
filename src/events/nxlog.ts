/**
 * Flat NXLog JSON (im_msvistalog + to_json, as in the OTRF Security-Datasets) → Splunk field names.
 *
 * NXLog puts the System block and the EventData fields side by side at the top level. The renames below
 * turn its System names into XmlWinEventLog's; everything else (EventData names, Message, NXLog's own
 * Severity/EventReceivedTime/…) keeps its key. The top-level `host` is the collector, not the computer
 * (that is `Hostname`), so it becomes `orig_host` and `host` comes from the computer like every format.
 *
 * `_time` (docs/formats.md, "NXLog time"): one clock per computer, so the gaps between one computer's
 * events stay faithful. The clock is the computer's own write time of the record: `EventTime` (local
 * time, no zone), else `TimeCreated` (in OTRF it carries a `Z` but is local time: it trails Sysmon's
 * UtcTime by the zone offset), else `@timestamp` (the collector's receive time, last resort). The
 * computer's UTC offset is learned from its first Sysmon record that has `UtcTime` (rounded to 15
 * minutes, since Sysmon's UtcTime precedes the write by seconds) and applied to all its records, fixed
 * for the rest of the input. See `ComputerClocks` for records seen before the offset is known.
 */
import { createEvent, type Event } from './event.js';
import { flattenInto, jsonFieldValue, type JsonObject } from './json-fields.js';
import { exactToEpoch, exactToSystemTime, parseExactTime, parseUtcTimestamp, type ExactTime } from './time.js';
import { finishWindowsEvent, type SourceMeta } from './windows.js';

/** NXLog key → canonical field (applied only when the canonical field is not already set). */
export const NXLOG_RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['Hostname', 'Computer'],
  ['SourceName', 'ProviderName'],
  ['ProviderGuid', 'Guid'],
  ['RecordNumber', 'EventRecordID'],
  ['OpcodeValue', 'Opcode'],
  ['ExecutionProcessID', 'ProcessID'],
  ['ExecutionThreadID', 'ThreadID'],
];

const RENAMED = new Set(NXLOG_RENAMES.map(([from]) => from));
const RENAME_TARGET = new Map(NXLOG_RENAMES);

/** Where an NXLog record's time came from, for the per-computer clock. */
export interface NxlogTiming {
  readonly computer: string;
  /** The computer's clock reading (EventTime/TimeCreated/@timestamp), exact. */
  readonly local: ExactTime | null;
  /** Sysmon's UtcTime in epoch seconds, when the record has one and the clock is the computer's own. */
  readonly utc: number | null;
}

export function normalizeNxlog(obj: JsonObject, meta: SourceMeta): { event: Event; timing: NxlogTiming } {
  const event = createEvent();
  for (const [from, to] of NXLOG_RENAMES) {
    if (!Object.hasOwn(obj, from)) continue;
    const v = jsonFieldValue(obj[from]);
    if (v !== null && (!Object.hasOwn(obj, to) || from === 'OpcodeValue')) event[to] = v;
  }
  // Beside Hostname, the top-level host is the collector: keep it as orig_host (Splunk's name for a
  // replaced host), so that host can come from the computer.
  // (Only when there is a host: an absent one must not leave an `orig_host` key holding undefined.)
  const collector = Object.hasOwn(obj, 'Hostname') && Object.hasOwn(obj, 'host') ? jsonFieldValue(obj['host']) : null;
  if (collector !== null) event['orig_host'] = collector;
  // With OpcodeValue present, NXLog's Opcode is the rendered name ("Info"); the number wins.
  const skip = (path: string): boolean => {
    if (RENAMED.has(path)) return event[RENAME_TARGET.get(path)!] !== undefined;
    if (path === 'host') return collector !== null;
    return path === 'Opcode' && Object.hasOwn(obj, 'OpcodeValue');
  };
  flattenInto(event, obj, '', skip);

  const computer = typeof event['Computer'] === 'string' ? event['Computer'] : '';
  let local: ExactTime | null = null;
  let ownClock = false;
  for (const key of ['EventTime', 'TimeCreated', '@timestamp']) {
    const v = obj[key];
    if (typeof v !== 'string') continue;
    local = parseExactTime(v);
    if (local !== null) {
      ownClock = key !== '@timestamp';
      break;
    }
  }
  const utcText = obj['UtcTime'];
  const utc = ownClock && typeof utcText === 'string' ? parseUtcTimestamp(utcText) : null;
  return { event: finishWindowsEvent(event, meta), timing: { computer, local, utc } };
}

/** Set `_time` and `SystemTime` from the computer's clock and its UTC offset (local − UTC, seconds). */
export function applyClock(event: Event, timing: NxlogTiming, offsetSeconds: number): void {
  if (timing.local === null) return;
  event['_time'] = exactToEpoch(timing.local, -offsetSeconds);
  event['SystemTime'] = exactToSystemTime(timing.local, -offsetSeconds);
}

const QUARTER_HOUR = 900;

/**
 * The UTC offset of each computer's clock, decided once per input. A record whose computer has no
 * decided offset yet is held back (in input order) until one of its Sysmon records reveals the offset, or
 * until `maxPending` records are held, or the input ends; then the offset is taken as 0 (the clock is
 * read as UTC) for that computer.
 */
export class ComputerClocks {
  private readonly offsets = new Map<string, number>();

  /** The decided offset, or undefined. */
  offsetOf(computer: string): number | undefined {
    return this.offsets.get(computer);
  }

  /** Learn from a record; returns true when this decided the computer's offset. */
  learn(timing: NxlogTiming): boolean {
    if (this.offsets.has(timing.computer) || timing.local === null || timing.utc === null) return false;
    const diff = exactToEpoch(timing.local) - timing.utc;
    this.offsets.set(timing.computer, Math.round(diff / QUARTER_HOUR) * QUARTER_HOUR);
    return true;
  }

  decide(computer: string, offset: number): void {
    if (!this.offsets.has(computer)) this.offsets.set(computer, offset);
  }
}
