/** Run a query over in-memory events and return plain rows, for table-style engine tests. */
import { createEvent, type Event } from '../../src/events/event.js';
import { runSpl, type SplOptions } from '../../src/engine/run-spl.js';

export type Fields = Record<string, string | number | string[]>;

export function ev(fields: Fields): Event {
  return Object.assign(createEvent(), fields);
}

/** Run `query` over the events (one batch) and return the rows as plain objects. */
export async function rows(query: string, events: Fields[], options: SplOptions = {}): Promise<Record<string, unknown>[]> {
  const result = await runSpl(query, [events.map(ev)], { now: 1_700_000_000, ...options });
  return result.rows.map((r) => ({ ...r }));
}

/** One field of every row. */
export async function column(query: string, events: Fields[], field: string, options: SplOptions = {}): Promise<unknown[]> {
  return (await rows(query, events, options)).map((r) => r[field]);
}
