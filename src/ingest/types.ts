/**
 * The reader contract every input format implements.
 *
 * A reader turns one opened input into batches of normalized events. It never throws for bad data:
 * a malformed record goes to `onBadRecord` with where it was, and the next record is read.
 * Only an input that cannot be used at all (unrecognised format, unreadable file) is a `SourceError`.
 */
import type { SourceMeta } from '../events/windows.js';

/** A record that could not be read, and where. */
export interface BadRecord {
  readonly file: string;
  /** Byte offset of the record in the (decompressed) input. */
  readonly offset: number;
  /** 1-based line, for line-oriented formats. */
  readonly line?: number;
  /** EVTX only: chunk number and record id, where known. */
  readonly chunk?: number;
  readonly recordId?: number;
  readonly reason: string;
}

/**
 * A conservative test that lets a reader skip records before the full parse. A record that passes may
 * still not match (the exact filter runs afterwards); a record that fails can never match.
 */
export interface Prefilter {
  /** On the record's raw text (an XML line, a JSON line): false means skip. */
  readonly raw?: (text: string) => boolean;
  /** Only records with one of these EventCode values can match (EVTX checks it after the System block). */
  readonly eventCodes?: ReadonlySet<string>;
}

export type InputFormat = 'evtx' | 'xml' | 'ndjson' | 'csv';

export interface ReadOptions {
  readonly meta: SourceMeta;
  readonly onBadRecord: (bad: BadRecord) => void;
  readonly prefilter?: Prefilter | undefined;
  /** Largest record accepted, in bytes; larger ones are bad records. Default 16 MiB. */
  readonly maxRecordBytes?: number | undefined;
  /** Events per batch; about 1,000 keeps async overhead small. */
  readonly batchSize?: number | undefined;
  /** Keep `_raw` (the record's original text, or rendered XML for EVTX). Default true. */
  readonly keepRaw?: boolean | undefined;
  /** Run counters; a reader increments `skippedByPrefilter` for records it skips unparsed. */
  readonly stats?: ReadStats | undefined;
}

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
export const DEFAULT_BATCH_SIZE = 1000;

/** Counts for the run summary. */
export interface ReadStats {
  files: number;
  events: number;
  badRecords: number;
  skippedByPrefilter: number;
  /** Bytes read, after decompression. */
  bytes: number;
  /** Files found in a directory walk and not read (format not recognised). */
  skippedFiles: number;
}
