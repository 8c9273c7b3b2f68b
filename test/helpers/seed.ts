/**
 * The seed detection's SPL, as committed in detections/ (the shipped copy), and the text extracted from the
 * seed page under ../shared/seed when it is present (to check the shipped copy is byte for byte the same).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from './shared-data.js';

export const SEED_DETECTION = resolve(REPO_ROOT, 'detections/c2_beaconing_to_acquired_server.yml');
export const SEED_PAGE = resolve(REPO_ROOT, '../shared/seed/000_9f7ad77496793391.txt');

/** The `search:` of the shipped seed detection. */
export function seedQuery(): string {
  const doc = parseYaml(readFileSync(SEED_DETECTION, 'utf8')) as { search: string };
  return doc.search;
}

/** The SPL block of the seed page (between the `spl` label and the severity line), or null if absent. */
export function seedPageQuery(): string | null {
  if (!existsSync(SEED_PAGE)) return null;
  const page = readFileSync(SEED_PAGE, 'utf8');
  const m = /\nSplunk \(SPL\)\nspl\n([\s\S]*?)\n(?:medium|high|low|critical|informational) severity/.exec(page);
  return m === null ? null : (m[1] as string);
}
