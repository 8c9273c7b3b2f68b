/**
 * `c2hunt detections`: the detection pack as a table or JSON: ids, names, ATT&CK techniques, data
 * sources, severity, and whether a detection needs c2hunt's extension commands (and so has a separate
 * vanilla-SPL form for Splunk) or an intel feed.
 */
import { Option, type Command } from 'commander';
import { loadPack, type PackDetection } from '../hunt/pack-adapter.js';
import { visibleText } from '../util/escape.js';
import { createWriter, PROCESS_IO, type CliIo } from './io.js';

interface DetectionsFlags {
  readonly format: 'table' | 'json';
  readonly pack?: string;
}

function stem(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).replace(/\.ya?ml$/i, '');
}

export function detectionJson(d: PackDetection): Record<string, unknown> {
  return {
    id: d.id,
    file: stem(d.file),
    name: d.name,
    severity: d.info.severity,
    confidence: d.info.confidence,
    risk_score: d.info.riskScore,
    techniques: d.info.techniques,
    data_sources: d.dataSources,
    custom_commands: d.customCommands,
    requires: d.requires,
  };
}

/**
 * Plain aligned columns (they paste and diff well). The id column shows the first 8 characters of a
 * UUID (`--detections '9389a3aa*'` selects by it); JSON has it in full. Rule text is made visible
 * (control characters escaped), as a pack may come from anywhere.
 */
export function detectionsTable(list: readonly PackDetection[]): string {
  const head = ['detection', 'id', 'name', 'severity', 'ATT&CK', 'data sources', 'custom commands'];
  const rows = list.map((d) => [
    stem(d.file),
    d.id.length > 8 ? `${d.id.slice(0, 8)}…` : d.id,
    d.name,
    d.info.severity,
    d.info.techniques.join(', '),
    d.dataSources.join(', '),
    d.customCommands.length === 0 ? 'no' : d.customCommands.join(', ') + (d.requires.length > 0 ? ` (needs ${d.requires.join(', ')})` : ''),
  ].map((c) => visibleText(c)));
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] as string).length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return `${all.map(line).join('\n')}\n${list.length} detection${list.length === 1 ? '' : 's'}\n`;
}

export function registerDetections(program: Command, io: CliIo = PROCESS_IO): void {
  program
    .command('detections')
    .description('list the detection pack: ids, names, ATT&CK techniques, data sources, severity, extension commands')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--pack <dir>', 'a detection pack directory (default: the bundled detections/)')
    .action(async (flags: DetectionsFlags) => {
      const pack = loadPack(flags.pack);
      const text = flags.format === 'json' ? `${JSON.stringify(pack.detections.map(detectionJson), null, 2)}\n` : detectionsTable(pack.detections);
      await createWriter(io.stdout).write(text);
    });
}
