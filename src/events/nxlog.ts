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
import { createEvent, type Event, type Value } from './event.js';
import { eventFromFields } from './event-shapes.js';
import { flattenInto, isJsonObject, jsonFieldValue, type JsonObject } from './json-fields.js';
import { exactToEpoch, exactToSystemTime, parseExactTime, parseUtcTimestamp, type ExactTime } from './time.js';
import { DEFAULT_SOURCE_META, deriveWindowsFields, finishWindowsEvent, type SourceMeta } from './windows.js';

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

/** How the flattening treats a top-level key: 1 rename source, 2 `host`, 3 `Opcode`. */
const SPECIAL_KEY: Readonly<Record<string, 1 | 2 | 3>> = Object.assign(Object.create(null) as Record<string, 1 | 2 | 3>, {
  ...Object.fromEntries(NXLOG_RENAMES.map(([from]) => [from, 1])),
  host: 2,
  Opcode: 3,
});
const RENAME_TARGET: ReadonlyMap<string, string> = new Map(NXLOG_RENAMES);

/** Where an NXLog record's time came from, for the per-computer clock. */
export interface NxlogTiming {
  readonly computer: string;
  /** The computer's clock reading (EventTime/TimeCreated/@timestamp), exact. */
  readonly local: ExactTime | null;
  /** Sysmon's UtcTime in epoch seconds, when the record has one and the clock is the computer's own. */
  readonly utc: number | null;
}

/** A top-level value as the flattening stores it under its own key (undefined: no such field). */
function topLevelField(obj: JsonObject, key: string): string | string[] | undefined {
  if (!Object.hasOwn(obj, key)) return undefined;
  const v = obj[key];
  if (isJsonObject(v)) return undefined;
  return jsonFieldValue(v) ?? undefined;
}

/**
 * The `Computer` field normalizeNxlog gives a record, without building the event: `Computer` itself when
 * the record has that key, else the renamed `Hostname`; '' when that is no single string.
 */
function computerOf(obj: JsonObject): string {
  let c: string | string[] | null | undefined;
  if (Object.hasOwn(obj, 'Computer')) c = topLevelField(obj, 'Computer');
  else c = Object.hasOwn(obj, 'Hostname') ? jsonFieldValue(obj['Hostname']) : null;
  return typeof c === 'string' ? c : '';
}

function timingOf(obj: JsonObject, computer: string): NxlogTiming {
  let local: ExactTime | null = null;
  let ownClock = false;
  for (const key of CLOCK_KEYS) {
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
  return { computer, local, utc };
}

const CLOCK_KEYS = ['EventTime', 'TimeCreated', '@timestamp'] as const;

/**
 * Below an empty key, nested keys flatten to plain names (`{"": {"Computer": 1}}` gives `Computer`), so
 * such a record can set any field: the shortcuts below then build the event instead.
 */
const hasEmptyKey = (obj: JsonObject): boolean => Object.hasOwn(obj, '');

/** The clock reading of a record, exactly as normalizeNxlog reports it, without building the event. */
export function nxlogTiming(obj: JsonObject): NxlogTiming {
  if (hasEmptyKey(obj)) return normalizeNxlog(obj, DEFAULT_SOURCE_META).timing;
  return timingOf(obj, computerOf(obj));
}

/**
 * The `EventCode` normalizeNxlog gives a record (its own `EventCode` key, else `EventID`), without building
 * the event, so a reader can drop records of other codes before normalizing them.
 */
export function nxlogEventCode(obj: JsonObject): string | string[] | undefined {
  if (hasEmptyKey(obj)) return normalizeNxlog(obj, DEFAULT_SOURCE_META).event['EventCode'] as string | string[] | undefined;
  return topLevelField(obj, 'EventCode') ?? topLevelField(obj, 'EventID');
}

/** Whether the flattening leaves out a (dot-free) path: a renamed key, the collector host, NXLog's Opcode. */
function skipPath(path: string, event: Event, collector: unknown, hasOpcodeValue: boolean): boolean {
  const special = SPECIAL_KEY[path];
  if (special === 1) return event[RENAME_TARGET.get(path)!] !== undefined;
  if (special === 2) return collector !== null;
  return special === 3 && hasOpcodeValue;
}

/** What a reader adds to an NXLog event, so that it can be built in one go (event-shapes.ts). */
export interface NxlogExtras {
  /** The record's clock reading, when already known (`nxlogTiming`); saves reading it twice. */
  readonly timing?: NxlogTiming | undefined;
  /** Apply the clock with this UTC offset now (as `applyClock` would, after `_raw`). */
  readonly clockOffset?: number | undefined;
  /** `_raw`, when the reader keeps it (unless the record has a field of that name). */
  readonly raw?: string | undefined;
}

// The fields of the record being normalized, in the order they are set (a name may repeat: then the
// first position and the last value count, as with assignments to an object).
const names: string[] = [];
const values: Value[] = [];
let count = 0;

function put(name: string, value: Value): void {
  names[count] = name;
  values[count++] = value;
}

/** The current value of a field (the last one set), or undefined. */
function get(name: string): Value | undefined {
  for (let i = count - 1; i >= 0; i--) if (names[i] === name) return values[i];
  return undefined;
}

/**
 * One pass over the record's keys (this runs per record; test/reference/nxlog-reference.ts is the plain
 * version it is checked against): renamed System keys first, then every key in record order, then the
 * fields finishWindowsEvent derives, then `_raw` and the clock when the reader passes them. A flat record
 * (no nested object) is collected as a list of fields and built as one compact object; a nested one is
 * built field by field.
 */
export function normalizeNxlog(obj: JsonObject, meta: SourceMeta, extras: NxlogExtras = {}): { event: Event; timing: NxlogTiming } {
  count = 0;
  for (const [from, to] of NXLOG_RENAMES) {
    if (!Object.hasOwn(obj, from)) continue;
    const v = jsonFieldValue(obj[from]);
    if (v !== null && (!Object.hasOwn(obj, to) || from === 'OpcodeValue')) put(to, v);
  }
  // Beside Hostname, the top-level host is the collector: keep it as orig_host (Splunk's name for a
  // replaced host), so that host can come from the computer. (Only when there is a host: an absent one
  // must not leave an `orig_host` key holding undefined.)
  const collector = Object.hasOwn(obj, 'Hostname') && Object.hasOwn(obj, 'host') ? jsonFieldValue(obj['host']) : null;
  if (collector !== null) put('orig_host', collector);
  // With OpcodeValue present, NXLog's Opcode is the rendered name ("Info"); the number wins.
  const hasOpcodeValue = Object.hasOwn(obj, 'OpcodeValue');
  const keys = Object.keys(obj);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const special = SPECIAL_KEY[key];
    if (special !== undefined) {
      if (special === 1 ? get(RENAME_TARGET.get(key)!) !== undefined : special === 2 ? collector !== null : hasOpcodeValue) continue;
    }
    const v = obj[key];
    if (typeof v === 'string') {
      if (v !== '') put(key, v);
    } else if (isJsonObject(v)) {
      return normalizeNested(obj, meta, extras);
    } else {
      const value = jsonFieldValue(v);
      if (value !== null) put(key, value);
    }
  }
  const computer = deriveWindowsFields(get, put, meta, '_json');

  const timing = extras.timing ?? timingOf(obj, typeof computer === 'string' ? computer : '');
  if (extras.raw !== undefined && get('_raw') === undefined) put('_raw', extras.raw);
  if (extras.clockOffset !== undefined && timing.local !== null) {
    put('_time', exactToEpoch(timing.local, -extras.clockOffset));
    put('SystemTime', exactToSystemTime(timing.local, -extras.clockOffset));
  }
  return { event: eventFromFields(names, values, count), timing };
}

/** A record with a nested object: built field by field (nested keys flatten to dotted names). */
function normalizeNested(obj: JsonObject, meta: SourceMeta, extras: NxlogExtras): { event: Event; timing: NxlogTiming } {
  const event = createEvent();
  for (const [from, to] of NXLOG_RENAMES) {
    if (!Object.hasOwn(obj, from)) continue;
    const v = jsonFieldValue(obj[from]);
    if (v !== null && (!Object.hasOwn(obj, to) || from === 'OpcodeValue')) event[to] = v;
  }
  const collector = Object.hasOwn(obj, 'Hostname') && Object.hasOwn(obj, 'host') ? jsonFieldValue(obj['host']) : null;
  if (collector !== null) event['orig_host'] = collector;
  const hasOpcodeValue = Object.hasOwn(obj, 'OpcodeValue');
  for (const key of Object.keys(obj)) {
    if (SPECIAL_KEY[key] !== undefined && skipPath(key, event, collector, hasOpcodeValue)) continue;
    const v = obj[key];
    if (isJsonObject(v)) {
      // Paths below an empty key have no dot, so the top-level rules still apply to them.
      flattenInto(event, v, key, key === '' ? (path) => skipPath(path, event, collector, hasOpcodeValue) : undefined);
    } else {
      const value = jsonFieldValue(v);
      if (value !== null) event[key] = value;
    }
  }
  const computer = event['Computer'];
  finishWindowsEvent(event, meta, '_json');
  const timing = extras.timing ?? timingOf(obj, typeof computer === 'string' ? computer : '');
  if (extras.raw !== undefined && event['_raw'] === undefined) event['_raw'] = extras.raw;
  if (extras.clockOffset !== undefined) applyClock(event, timing, extras.clockOffset);
  return { event, timing };
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
