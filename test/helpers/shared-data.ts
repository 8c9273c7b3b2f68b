/**
 * Where the shared sample data lives: `../shared/data` beside the repository. It is present in CI and on
 * developers' machines, and absent in a user's clone, where tests that need it skip with a visible notice.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DATA = resolve(REPO_ROOT, '../shared/data');
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);

/** Absolute path of a file under ../shared/data. */
export function sharedData(...parts: string[]): string {
  return resolve(SHARED_DATA, ...parts);
}

let warned = false;
/** True when shared data is missing; prints one notice per test process so the skip is visible. */
export function skipWithoutSharedData(): boolean {
  if (!HAS_SHARED_DATA && !warned) {
    warned = true;
    console.warn(`NOTICE: ${SHARED_DATA} is absent; tests that need the shared sample data are skipped.`);
  }
  return !HAS_SHARED_DATA;
}
