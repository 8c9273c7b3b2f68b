/**
 * The program loads only the command it runs (program.ts); help and unknown commands still see them all.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared-data.js';
import { removeTempDirs, tempDir } from '../helpers/sysmon-xml.js';

afterAll(removeTempDirs);

const COMMANDS = ['events', 'spl', 'simulate', 'hunt', 'detections', 'config', 'validate', 'demo'];

describe('c2hunt program', () => {
  it('lists every command in --help, in order', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    const listed = [...r.out.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
    expect(listed).toEqual([...COMMANDS, 'help']);
  });

  it('suggests the command a typo meant, from all of them', async () => {
    const r = await cli('evnets');
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'evnets'");
    expect(r.err).toContain('Did you mean events?');
  });

  it('a run of one command does not load the others (nothing of the hunt engine for `events`)', () => {
    // A loader hook records every module of dist/ that Node loads, in a fresh process of the built CLI.
    const dir = tempDir('c2hunt-load-');
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function load(url, context, next) {\n' +
        "  if (url.includes('/dist/')) appendFileSync(process.env.C2HUNT_LOAD_LOG, url + '\\n');\n" +
        '  return next(url, context);\n}\n',
    );
    const loaded = (args: string[]): string[] => {
      const log = join(dir, `load-${args.join('-')}.log`);
      const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(hooks).href)})`;
      execFileSync(process.execPath, ['--import', register, join(REPO_ROOT, 'dist/cli/main.js'), ...args], {
        env: { ...process.env, C2HUNT_LOAD_LOG: log },
        stdio: 'ignore',
      });
      return readFileSync(log, 'utf8').trim().split('\n');
    };
    const heavy = (urls: string[]) => urls.filter((u) => /\/dist\/(hunt|engine|simulate|report|detections)\//.test(u));
    // Control: the full help loads every command, the hunt engine with it (so the hook does see them).
    expect(heavy(loaded(['--help'])).length).toBeGreaterThan(20);
    const events = loaded(['events', '--help']);
    expect(events.some((u) => u.endsWith('/dist/cli/events.js'))).toBe(true);
    expect(heavy(events)).toEqual([]);
  });
});
