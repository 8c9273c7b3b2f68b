/**
 * `c2hunt validate [--data DIR]`: score the detection pack against a labelled dataset (a simulated
 * estate generated into a temporary folder by default, or `c2hunt simulate` output given with --data):
 * per scenario which detections fired and which missed (and why), per detection precision and recall,
 * false positives by benign category. Flags, wiring and printing only: src/hunt/validate.ts.
 */
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { validateDataset } from '../hunt/validate.js';
import { validateJson, validateMarkdown, validateText } from '../hunt/validate-report.js';
import { DEFAULTS, simulateToTempDir } from '../simulate/index.js';
import { addTuningOptions, huntOptionsFrom, intelLines, type TuningFlags } from './hunt-common.js';
import { createWriter, PROCESS_IO, type CliIo } from './io.js';

interface ValidateFlags extends TuningFlags {
  readonly data?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly hosts: number;
  readonly days: number;
  readonly seed: number;
  readonly quiet?: boolean;
}

function positiveInt(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return Number(text);
}

function positive(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function registerValidate(program: Command, io: CliIo = PROCESS_IO): void {
  const cmd = program
    .command('validate')
    .description('score the detection pack on labelled telemetry: per scenario fired/missed (and why), precision and recall, false positives by category')
    .option('--data <dir>', 'a labelled dataset (c2hunt simulate --out DIR); default: simulate one into a temporary folder')
    .option('--hosts <n>', 'hosts of the generated estate', positiveInt, DEFAULTS.hosts)
    .option('--days <d>', 'days of the generated estate', positive, DEFAULTS.days)
    .option('--seed <n>', 'seed of the generated estate', positiveInt, DEFAULTS.seed)
    .option('--json', 'print the results as JSON')
    .option('--markdown', 'print the tables as Markdown (for docs/validation.md)')
    .option('-q, --quiet', 'no progress lines on stderr');
  addTuningOptions(cmd);
  cmd.action(async (flags: ValidateFlags) => {
    if (flags.json === true && flags.markdown === true) throw new UsageError('give --json or --markdown, not both');
    const note = (text: string) => {
      if (flags.quiet !== true) io.stderr.write(`c2hunt: ${text}\n`);
    };
    let dir = flags.data;
    let cleanup = (): void => {};
    if (dir === undefined) {
      const t = performance.now();
      const sim = await simulateToTempDir({ hosts: flags.hosts, days: flags.days, seed: flags.seed });
      dir = sim.out;
      cleanup = sim.cleanup;
      note(`simulated ${sim.manifest.hosts.length} hosts over ${sim.manifest.days} days (${sim.manifest.counts.events} events) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } else if (!existsSync(dir)) {
      throw new UsageError(`--data ${dir}: no such directory`);
    }
    try {
      const result = await validateDataset(dir, huntOptionsFrom(flags));
      if (flags.quiet !== true) io.stderr.write(intelLines(result.hunt.intel));
      note(`hunted ${result.events} events with ${result.detections.length} detection${result.detections.length === 1 ? '' : 's'} and replayed the misses in ${(result.elapsedMs / 1000).toFixed(1)} s`);
      const text = flags.json === true ? `${JSON.stringify(validateJson(result), null, 2)}\n` : flags.markdown === true ? validateMarkdown(result) : validateText(result);
      await createWriter(io.stdout).write(text);
    } finally {
      cleanup();
    }
  });
}
