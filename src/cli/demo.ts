/**
 * `c2hunt demo`: the first command a new user runs. It simulates a small estate (a few hosts, a few
 * days, every attack scenario and every benign source) into a temporary folder, writes a small intel
 * feed naming two of the simulated adversary's servers (as a provider's feed might), hunts the lot
 * with the whole pack and prints the ranked findings, then removes the folder. `--keep DIR` keeps the
 * data, `--html FILE` also writes the HTML report.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { prepareHunt, runHunt, type HuntInput } from '../hunt/hunt.js';
import { readInputs } from '../ingest/open.js';
import type { EntityRecord } from '../simulate/index.js';
import { DEMO_OPTIONS, simulate } from '../simulate/index.js';
import { readEntities } from '../simulate/ground-truth.js';
import { addProfileOptions, addTableOptions, consoleOptionsFrom, outcomeLines, summaryLine, writeReport, type TableFlags, type TuningFlags } from './hunt-common.js';
import { inputSession } from './input-options.js';
import { PROCESS_IO, type CliIo } from './io.js';

interface DemoFlags extends TuningFlags, TableFlags {
  readonly keep?: string;
  readonly html?: string;
  readonly hosts: string;
  readonly days: string;
}

/** Scenarios whose servers the demo feed names: one by name, one by address. */
const FEED_SCENARIOS = ['https-beacon', 'raw-ip'];

/** A plain intel feed with the destinations of two scenarios, from the ground truth. */
export function demoFeed(entities: readonly EntityRecord[]): string {
  let out = '# c2hunt demo feed: two of the simulated adversary\'s servers, as a threat-intel provider might list them\n';
  for (const name of FEED_SCENARIOS) {
    const e = entities.find((x) => x.label.kind === 'attack' && x.label.scenario === name && x.destination !== null);
    if (e?.destination != null) out += `${e.destination}  # ${name}\n`;
  }
  return out;
}

function count(text: string, min: number, name: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n >= min)) throw new UsageError(`--${name} must be a number of at least ${min}`);
  return n;
}

export function registerDemo(program: Command, io: CliIo = PROCESS_IO): void {
  const cmd = program
    .command('demo')
    .description('simulate a small estate with every attack scenario, hunt it with the whole pack and print the ranked findings')
    .option('--keep <dir>', 'simulate into DIR and keep it (default: a temporary folder, removed afterwards)')
    .option('--html <file>', 'also write the HTML report to FILE')
    .option('--hosts <n>', 'hosts to simulate (5 or more has every benign category)', String(DEMO_OPTIONS.hosts))
    .option('--days <d>', 'days to simulate', String(DEMO_OPTIONS.days));
  addProfileOptions(cmd);
  // A first look: the top of the ranking and the three best-explained objects; --html has everything.
  addTableOptions(cmd, { top: 25, details: 3 });
  cmd.action(async (flags: DemoFlags) => {
    const started = performance.now();
    const hosts = count(flags.hosts, 1, 'hosts');
    if (!Number.isInteger(hosts)) throw new UsageError('--hosts must be a whole number');
    const days = count(flags.days, 0.1, 'days');
    const options = { seed: DEMO_OPTIONS.seed, hosts, days };
    let dir: string;
    let cleanup = (): void => {};
    const announce = (where: string) =>
      io.stderr.write(`c2hunt demo: simulating ${hosts} hosts over ${days} days with every attack scenario and benign source into ${where}\n`);
    if (flags.keep !== undefined) {
      dir = resolve(flags.keep);
      if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`--keep ${flags.keep}: the folder is not empty`);
      mkdirSync(dir, { recursive: true });
      announce(dir);
    } else {
      const temp = mkdtempSync(join(tmpdir(), 'c2hunt-demo-'));
      dir = temp;
      cleanup = () => rmSync(temp, { recursive: true, force: true });
      announce(`${dir} (removed afterwards)`);
    }
    // Interrupted (Ctrl-C): still remove the temporary folder.
    const onSignal = (): void => {
      cleanup();
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    try {
      await simulate({ ...options, out: dir });
      const feed = join(dir, 'demo-intel.txt');
      writeFileSync(feed, demoFeed(readEntities(dir)));
      const simulated = performance.now();
      const huntOptions = { config: flags.config, profile: flags.profile, intel: [feed] };
      const prepared = prepareHunt(huntOptions);
      const session = inputSession({ naming: 'legacy', maxRecordBytes: 16 * 1024 * 1024, quiet: false }, io.stderr);
      const input: HuntInput = (prefilter) => readInputs([join(dir, 'events')], { ...session.options, prefilter });
      const result = await runHunt(prepared, input, huntOptions, session.stats);
      await writeReport(result.ranked, 'table', undefined, io.stdout, consoleOptionsFrom(flags));
      if (flags.html !== undefined) await writeReport(result.ranked, 'html', flags.html, io.stdout, { html: { title: 'c2hunt demo' } });
      io.stderr.write(session.summary());
      io.stderr.write(outcomeLines(result.detections));
      io.stderr.write(summaryLine(result));
      const total = (performance.now() - started) / 1000;
      io.stderr.write(
        `c2hunt demo: simulated in ${((simulated - started) / 1000).toFixed(1)} s, hunted in ${(result.elapsedMs / 1000).toFixed(1)} s, ${total.toFixed(1)} s in all.\n` +
          (flags.keep !== undefined
            ? `c2hunt demo: data kept in ${dir} (labels.ndjson and entities.json are the ground truth; c2hunt validate --data ${dir} scores the pack on it)\n`
            : 'c2hunt demo: next: c2hunt validate (which detections found which scenario, and why the others did not), c2hunt hunt YOUR-LOGS/\n') +
          (flags.html !== undefined ? `c2hunt demo: HTML report in ${flags.html}\n` : ''),
      );
    } finally {
      process.off('SIGINT', onSignal);
      cleanup();
    }
  });
}
