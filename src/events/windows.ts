/**
 * Windows event → Splunk fields, shared by every reader that sees the Windows event structure
 * (event XML, binary EVTX, and the XML inside Splunk exports' `_raw`).
 *
 * Readers walk `<System>` and `<EventData>`/`<UserData>` themselves and put fields straight on the
 * event using the names below, then call `finishWindowsEvent` to derive `_time`, `host`, `source`,
 * `sourcetype` and `index` the way Splunk's Windows add-on does for XmlWinEventLog data.
 * The full table is in docs/field-mapping.md.
 */
import { createEvent, type Event, type Value } from './event.js';
import { parseUtcTimestamp } from './time.js';

/**
 * How Splunk names Windows data.
 * - `legacy`: sourcetype and source are both `XmlWinEventLog:<Channel>` (Splunk_TA_windows before 6.0,
 *   and the naming the seed query uses).
 * - `modern`: sourcetype `XmlWinEventLog`, source `XmlWinEventLog:<Channel>` (Splunk_TA_windows 6.0+).
 */
export type SourcetypeNaming = 'legacy' | 'modern';

export interface SourceMeta {
  /** The input path (or `-`), used only when the data carries no channel. */
  readonly file: string;
  /** Splunk index; c2hunt defaults to `wineventlog`. */
  readonly index: string;
  readonly naming: SourcetypeNaming;
  /** A fixed sourcetype for every event of the run (`--sourcetype`), overriding the naming rule. */
  readonly sourcetype?: string | undefined;
  /**
   * True when `index` was given for the run (`--index`), so it also replaces the index that a Splunk
   * export carries; otherwise an export keeps its own.
   */
  readonly indexFromFlag?: boolean | undefined;
}

export const DEFAULT_SOURCE_META: SourceMeta = { file: '-', index: 'wineventlog', naming: 'legacy' };

/**
 * Field name for a value found under `<System>`: element text uses the element name, attributes use
 * the attribute name, except the two Provider attributes, which Splunk calls ProviderName and Guid.
 */
export function systemFieldName(element: string, attribute?: string): string {
  if (attribute === undefined) return element;
  if (element === 'Provider') {
    if (attribute === 'Name') return 'ProviderName';
    if (attribute === 'Guid') return 'Guid';
  }
  return attribute;
}

/**
 * The fields Splunk derives for every Windows event, through accessors, so that the readers' fast paths
 * (which collect fields on a list and build the event in one go) and finishWindowsEvent share one rule.
 * Expects `EventID`, `SystemTime`, `Channel` and `Computer` where the record had them. `EventCode`
 * mirrors `EventID` (without Qualifiers). Returns the Computer, which callers need for timing.
 */
export function deriveWindowsFields(
  get: (name: string) => Value | undefined,
  put: (name: string, value: Value) => void,
  meta: SourceMeta,
  notWindows?: string,
): Value | undefined {
  const eventId = get('EventID');
  if (eventId !== undefined && get('EventCode') === undefined) put('EventCode', eventId);
  const systemTime = get('SystemTime');
  if (typeof systemTime === 'string' && get('_time') === undefined) {
    const t = parseUtcTimestamp(systemTime);
    if (t !== null) put('_time', t);
  }
  const computer = get('Computer');
  if (typeof computer === 'string' && get('host') === undefined) put('host', computer);
  const channel = get('Channel');
  const { source, sourcetype } = splunkSource(meta, typeof channel === 'string' ? channel : undefined);
  put('source', source);
  // A record with neither a channel nor an event id is not a Windows event: `notWindows` names it as
  // Splunk would (`_json` for a JSON line), unless the run fixes one sourcetype.
  const windows = channel !== undefined || eventId !== undefined || notWindows === undefined || meta.sourcetype !== undefined;
  put('sourcetype', windows ? sourcetype : notWindows);
  put('index', meta.index);
  return computer;
}

/** Set the fields Splunk derives for every Windows event on an event object (deriveWindowsFields). */
export function finishWindowsEvent(event: Event, meta: SourceMeta, notWindows?: string): Event {
  deriveWindowsFields(
    (name) => event[name],
    (name, value) => {
      event[name] = value;
    },
    meta,
    notWindows,
  );
  return event;
}

// Records of one channel come in runs: build its source string once (one string shared by the events).
let lastChannel: string | undefined;
let lastSource = '';

/** `source` and `sourcetype` for an event of the given channel under the run's naming. */
export function splunkSource(meta: SourceMeta, channel: string | undefined): { source: string; sourcetype: string } {
  let source = meta.file;
  if (channel !== undefined) {
    if (channel !== lastChannel) {
      lastSource = `XmlWinEventLog:${channel}`;
      lastChannel = channel;
    }
    source = lastSource;
  }
  return { source, sourcetype: meta.sourcetype ?? (meta.naming === 'modern' || channel === undefined ? 'XmlWinEventLog' : source) };
}

/** `source`, `sourcetype` and `index` for an event of the given channel under the run's naming. */
export function setSplunkMetadata(event: Event, meta: SourceMeta, channel: string | undefined): void {
  const { source, sourcetype } = splunkSource(meta, channel);
  event['source'] = source;
  event['sourcetype'] = sourcetype;
  event['index'] = meta.index;
}

export { createEvent };
