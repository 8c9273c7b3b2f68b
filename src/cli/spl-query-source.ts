/**
 * Where `c2hunt spl` takes its query from: the command line, a `.spl` text file, or the `search:` key of
 * a detection YAML file (validated by the detection loader).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { loadDetection } from '../detections/load-detection.js';
import { UsageError } from '../errors.js';

export interface QuerySource {
  /** What to call it in messages: the file path, or `query`. */
  readonly label: string;
  readonly text: string;
  /** A detection's vanilla_search: checked without c2hunt's extension commands. */
  readonly vanilla?: boolean;
}

/**
 * For `--check`: every query a file holds. A detection file gives its `search` and, when it has one, its
 * `vanilla_search` (the plain-SPL export form), labelled `file (vanilla_search)`.
 */
export function readCheckSources(path: string): QuerySource[] {
  const ext = extname(path).toLowerCase();
  if (ext !== '.yml' && ext !== '.yaml') return [readQueryFile(path)];
  const d = loadDetection(path);
  const out: QuerySource[] = [{ label: path, text: d.search }];
  if (d.vanilla_search !== undefined) out.push({ label: `${path} (vanilla_search)`, text: d.vanilla_search, vanilla: true });
  return out;
}

export function readQueryFile(path: string): QuerySource {
  const ext = extname(path).toLowerCase();
  if (ext === '.yml' || ext === '.yaml') return { label: path, text: loadDetection(path).search };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // A trailing newline is the file's, not the query's.
  return { label: path, text: text.replace(/^\uFEFF/, '').replace(/\s+$/, '') };
}
