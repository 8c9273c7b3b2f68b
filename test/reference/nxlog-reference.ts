/**
 * The NXLog normalization as first written (straightforward, several passes): the reference that the
 * single-pass src/events/nxlog.ts is checked against (test/ingest/fast-paths.test.ts). Not used at run time.
 */
import { createEvent, type Event } from '../../src/events/event.js';
import { flattenInto, jsonFieldValue, type JsonObject } from '../../src/events/json-fields.js';
import { NXLOG_RENAMES, type NxlogTiming } from '../../src/events/nxlog.js';
import { parseExactTime, parseUtcTimestamp, type ExactTime } from '../../src/events/time.js';
import { finishWindowsEvent, type SourceMeta } from '../../src/events/windows.js';

const RENAMED = new Set(NXLOG_RENAMES.map(([from]) => from));
const RENAME_TARGET = new Map(NXLOG_RENAMES);

export function normalizeNxlogReference(obj: JsonObject, meta: SourceMeta): { event: Event; timing: NxlogTiming } {
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
    local = parseExactTime(v, false);
    if (local !== null) {
      ownClock = key !== '@timestamp';
      break;
    }
  }
  const utcText = obj['UtcTime'];
  const utc = ownClock && typeof utcText === 'string' ? parseUtcTimestamp(utcText, false) : null;
  return { event: finishWindowsEvent(event, meta, '_json'), timing: { computer, local, utc } };
}

