/**
 * The contract every SPL command's operator implements. The executor feeds batches of about 1,000 events
 * through a chain of operators. Streaming commands (eval, where, rex, ...) return their output per batch;
 * blocking ones (stats, sort, eventstats) keep state sized by groups and return rows from `finish`.
 */
import type { Event } from '../../events/event.js';

export interface Operator {
  /** Consume a batch and return the events ready to go downstream (possibly none). */
  push(batch: Event[]): Event[];
  /** End of input: return whatever is still held. */
  finish(): Event[];
  /** True once the operator needs no more input (head after N events), so reading can stop early. */
  readonly done?: boolean;
}
