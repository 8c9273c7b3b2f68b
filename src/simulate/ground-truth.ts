/**
 * Reading a simulated dataset's ground truth back (for `validate` and tests): the manifest, the
 * entities, and the per-event labels streamed line by line (gzip or not), so a 10-million-event label
 * file never has to fit in memory.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Manifest } from './simulate.js';
import type { EntityRecord } from './labels.js';
import { SourceError } from '../errors.js';

export function readManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (err) {
    throw new SourceError(`${path}: not a c2hunt simulate dataset (${(err as Error).message})`, { file: path });
  }
}

export function readEntities(dir: string): EntityRecord[] {
  const path = join(dir, 'entities.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as EntityRecord[];
  } catch (err) {
    throw new SourceError(`${path}: unreadable ground truth (${(err as Error).message})`, { file: path });
  }
}

export interface LabelLine {
  readonly computer: string;
  readonly channel: string;
  readonly recordId: number;
  readonly eventId: number;
  readonly label: 'benign' | 'attack';
  readonly category?: string;
  readonly source?: string;
  readonly scenario?: string;
  readonly step?: string;
}

/** Stream the labels of a dataset. */
export async function* readLabelLines(dir: string, manifest: Manifest = readManifest(dir)): AsyncGenerator<LabelLine> {
  const path = join(dir, manifest.layout['labels'] ?? 'labels.ndjson');
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) if (line !== '') yield JSON.parse(line) as LabelLine;
}

/** The join key validate uses between an event read back and its label. */
export function labelJoinKey(computer: string, channel: string, recordId: number | string): string {
  return `${computer.toLowerCase()}|${channel}|${recordId}`;
}
