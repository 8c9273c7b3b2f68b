/**
 * The event model: a flat set of Splunk-style fields.
 *
 * Every field a reader extracts from telemetry is a string, exactly as Windows or Sysmon rendered it
 * ("-" stays "-", "03" stays "03"), because Splunk's `search` compares `=` as strings and only
 * `eval`/`where`/`stats` read numbers out of them. The one numeric field a reader sets is `_time`
 * (epoch seconds, UTC, with sub-second precision). Commands such as eval and stats may add numbers.
 * A field that repeats (two `<Data Name="x">`) becomes a multivalue: an array of strings.
 */

/** A field value: Splunk has strings, numbers, multivalues and null (absent). */
export type Value = string | number | string[] | null;

/** Field name → value. Created with a null prototype so names like `constructor` are ordinary fields. */
export type Event = Record<string, Value>;

/**
 * Events are instances of this empty constructor whose prototype is an empty object with a null
 * prototype: nothing is inherited (no `constructor`, `toString` or `__proto__` accessor), exactly as with
 * `Object.create(null)`, but V8 keeps such objects in its fast representation (shared hidden classes,
 * fields stored inline) instead of a hash table per event, which roughly halves an event's memory and
 * the garbage collector's work. Only `Object.getPrototypeOf` tells the two apart.
 */
function EventRecord(): void {}
EventRecord.prototype = Object.create(null) as object;

export function createEvent(): Event {
  return new (EventRecord as unknown as new () => Event)();
}

/** Copy an event (shallow; multivalue arrays are shared, treat them as immutable). */
export function cloneEvent(source: Event): Event {
  return Object.assign(createEvent(), source);
}

/** Add a value to a field, turning it into a multivalue when the field already holds a value. */
export function appendField(event: Event, name: string, value: string): void {
  const prev = event[name];
  if (prev === undefined || prev === null) event[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else event[name] = [String(prev), value];
}

/**
 * A string whose canonical JSON number form is itself ("443", "-1.5"), so printing it as a JSON number
 * loses nothing. "03", "0x10", "1e3" and "" stay strings.
 */
export function isCanonicalNumber(s: string): boolean {
  if (s.length === 0 || s.length > 24) return false;
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s;
}
