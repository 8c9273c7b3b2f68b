/**
 * `c2hunt validate` output: plain text for the terminal, Markdown for docs/validation.md, and JSON.
 * Parts: the acceptance check (issue #6: PASS/FAIL lines), scenarios (which detections found their
 * attack entities), detections (precision and recall), false positives by benign category, benign
 * findings by severity, where the attacks rank in the hunt's ranked list, and why each detection missed
 * each scenario it missed.
 */
import { formatCount } from '../util/format.js';
import type { ScenarioScore } from '../simulate/score.js';
import type { ValidateResult } from './validate.js';
import { acceptanceLines } from './validate-checks.js';
import { SEVERITIES } from '../findings/levels.js';

function pct(n: number | null): string {
  return n === null ? '-' : `${(n * 100).toFixed(1)}%`;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

function shortHost(h: string): string {
  const i = h.indexOf('.');
  return i < 0 ? h : h.slice(0, i);
}

/** "WKS-003 powershell.exe → 127.0.0.1: 5 connections in 1 hour, ports 8888" per network entity. */
export function scenarioFacts(s: ScenarioScore): string[] {
  return s.facts.map((f) => {
    const parts: string[] = [];
    if (f.connections > 0) parts.push(`${formatCount(f.connections)} connection${f.connections === 1 ? '' : 's'} in ${f.hoursActive} hour${f.hoursActive === 1 ? '' : 's'}`);
    if (f.dnsQueries > 0) parts.push(`${formatCount(f.dnsQueries)} DNS quer${f.dnsQueries === 1 ? 'y' : 'ies'}`);
    if (f.ports.length > 0) parts.push(`port${f.ports.length === 1 ? '' : 's'} ${f.ports.slice(0, 6).join(', ')}`);
    return `${shortHost(f.host)} ${basename(f.image)} → ${f.destination}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
  });
}

interface Tables {
  readonly header: string;
  readonly scenarios: string[][];
  readonly detections: string[][];
  readonly categories: string[][];
  readonly severities: string[][];
  readonly ranking: string[][];
  readonly topBenign: string;
}

function tables(r: ValidateResult): Tables {
  const m = r.manifest;
  const skipped = r.skipped.length > 0 ? ` (${r.skipped.length} skipped)` : '';
  const header =
    `${m.hosts.length} hosts, ${m.days} day${m.days === 1 ? '' : 's'}, ${formatCount(m.counts.events)} events, ${m.scenarios.length} scenarios (seed ${m.seed}); ` +
    `profile ${r.profile}; ${r.detections.length} detection${r.detections.length === 1 ? '' : 's'}${skipped}`;
  const scenarios = [
    ['scenario', 'entities', 'fired (entities found)', 'missed'],
    ...r.score.scenarios.map((s) => [
      s.scenario,
      String(s.entities),
      s.fired.length === 0 ? 'none' : s.fired.map((f) => `${f.detection} (${f.entitiesFound}/${s.entities})`).join(', '),
      String(s.missed.length),
    ]),
  ];
  const medium = new Map(r.scoreMedium.detections.map((d) => [d.detection, d]));
  const detections = [
    ['detection', 'findings', 'true pos.', 'false pos.', 'precision', 'recall (entities)', '≥ medium: findings, precision, recall', 'scenarios found'],
    ...r.score.detections.map((d) => {
      const m = medium.get(d.detection);
      return [
        d.detection,
        formatCount(d.findings),
        formatCount(d.truePositives),
        formatCount(d.falsePositives),
        pct(d.precision),
        `${d.attackEntitiesFound}/${d.attackEntities} (${pct(d.recall)})`,
        m === undefined || m.findings === 0 ? '0' : `${formatCount(m.findings)}, ${pct(m.precision)}, ${m.attackEntitiesFound}/${m.attackEntities}`,
        d.scenariosFired.length === 0 ? '-' : d.scenariosFired.join(', '),
      ];
    }),
  ];
  const categories = [
    ['benign category', 'detection', 'false pos.', 'sources'],
    ...r.score.falsePositivesByCategory.map((c) => [c.category, c.detection, formatCount(c.findings), c.sources.length === 0 ? '-' : c.sources.join(', ')]),
  ];
  const severities = [
    ['benign category', 'seed FP category', ...SEVERITIES, 'above low by detection'],
    ...r.severities.map((c) => [
      c.category,
      c.category === 'unlabelled' ? '-' : c.seedFalsePositive ? 'yes' : 'no',
      ...SEVERITIES.map((s) => formatCount(c.bySeverity[s])),
      c.detectionsAboveLow.length === 0 ? '-' : c.detectionsAboveLow.map((d) => `${d.detection} (${d.findings})`).join(', '),
    ]),
  ];
  const ranking = [
    ['scenario', 'best rank', 'risk objects', 'benign objects above'],
    ...r.ranking.scenarios.map((s) => [s.scenario, s.bestRank === null ? '-' : String(s.bestRank), String(s.objects), s.bestRank === null ? '-' : String(s.benignAbove)]),
  ];
  const t = r.ranking.topBenign;
  const topBenign =
    t === null
      ? 'no benign risk object'
      : `top benign risk object: #${t.rank} ${shortHost(t.host)} → ${t.destination ?? '-'} (${t.labels.length > 0 ? t.labels.join(', ') : 'unlabelled'}; ${t.severity}, risk ${t.score})`;
  return { header, scenarios, detections, categories, severities, ranking, topBenign };
}

function aligned(rows: string[][], indent = '  '): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

function markdownTable(rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const [head, ...body] = rows;
  if (head === undefined) return '';
  return [`| ${head.map(esc).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n') + '\n';
}

function missLines(r: ValidateResult, style: 'text' | 'markdown'): string {
  let out = '';
  for (const s of r.score.scenarios) {
    const misses = r.misses.get(s.scenario) ?? [];
    if (misses.length === 0) continue;
    const facts = scenarioFacts(s);
    if (style === 'text') {
      out += `  ${s.scenario}${facts.length > 0 ? ` (${facts.join('; ')})` : ''}\n`;
      for (const m of misses) out += `    ${m.detection}: ${m.reasons.join('; ')}\n`;
    } else {
      out += `- **${s.scenario}**${facts.length > 0 ? ` (${facts.join('; ')})` : ''}\n`;
      for (const m of misses) out += `  - \`${m.detection}\`: ${m.reasons.join('; ')}\n`;
    }
  }
  return out;
}

function rankingSummary(r: ValidateResult): string {
  return `${r.ranking.pass ? 'PASS' : 'FAIL'} every detected scenario's best risk object ranks above every benign one (${r.ranking.objects} risk objects)`;
}

export function validateText(r: ValidateResult): string {
  const t = tables(r);
  let out = `c2hunt validate: ${t.header}\n\n`;
  out += 'Acceptance check (issue #6)\n' + acceptanceLines(r.acceptance).map((l) => `  ${l}\n`).join('') + '\n';
  out += 'Scenarios: which detections found their attack entities (host + process + destination)\n' + aligned(t.scenarios) + '\n';
  out += 'Detections: precision over findings, recall over attack entities (all findings, and those of medium severity or above)\n' + aligned(t.detections) + '\n';
  out += 'False positives by benign category\n' + (t.categories.length > 1 ? aligned(t.categories) : '  none\n') + '\n';
  out += 'Benign findings by severity (seed FP category: one the seed lists as an expected false positive)\n' + (t.severities.length > 1 ? aligned(t.severities) : '  none\n') + '\n';
  out += 'Ranking: where each scenario\'s best risk object lands in the hunt\'s ranked list\n' + aligned(t.ranking) + `  ${t.topBenign}\n  ${rankingSummary(r)}\n\n`;
  const misses = missLines(r, 'text');
  out += 'Why detections missed (replaying each scenario\'s own events through the detection)\n' + (misses === '' ? '  nothing was missed\n' : misses);
  for (const s of r.skipped) out += `\nskipped ${s.key}: ${s.reason}\n`;
  return out;
}

export function validateMarkdown(r: ValidateResult): string {
  const t = tables(r);
  let out = `Dataset: ${t.header}.\n\n`;
  out += '#### Acceptance check\n\n' + acceptanceLines(r.acceptance).map((l) => `- ${l.replace(/^(PASS|FAIL)/, '**$1**')}\n`).join('') + '\n';
  out += '#### Scenarios\n\n' + markdownTable(t.scenarios) + '\n';
  out += '#### Detections\n\n' + markdownTable(t.detections) + '\n';
  out += '#### False positives by benign category\n\n' + (t.categories.length > 1 ? markdownTable(t.categories) : 'None.\n') + '\n';
  out += '#### Benign findings by severity\n\n' + (t.severities.length > 1 ? markdownTable(t.severities) : 'None.\n') + '\n';
  out += '#### Ranking\n\n' + markdownTable(t.ranking) + `\n${t.topBenign[0]!.toUpperCase()}${t.topBenign.slice(1)}. ${rankingSummary(r).replace(/^(PASS|FAIL)/, '**$1**')}.\n\n`;
  const misses = missLines(r, 'markdown');
  out += '#### Why detections missed\n\n' + (misses === '' ? 'Nothing was missed.\n' : misses);
  for (const s of r.skipped) out += `\nSkipped \`${s.key}\`: ${s.reason}.\n`;
  return out;
}

export function validateJson(r: ValidateResult): Record<string, unknown> {
  return {
    schema: 'c2hunt.validate/1',
    dataset: {
      dir: r.dir,
      seed: r.manifest.seed,
      hosts: r.manifest.hosts.length,
      days: r.manifest.days,
      events: r.manifest.counts.events,
      scenarios: r.manifest.scenarios.map((s) => s.name),
    },
    profile: r.profile,
    detections: r.detections,
    skipped: r.skipped,
    scenarios: r.score.scenarios.map((s) => ({ ...s, misses: r.misses.get(s.scenario) ?? [] })),
    scores: r.score.detections,
    scoresMediumAndAbove: r.scoreMedium.detections,
    falsePositivesByCategory: r.score.falsePositivesByCategory,
    benignSeverities: r.severities,
    acceptance: r.acceptance,
    ranking: { ...r.ranking, objects: r.labelledObjects },
  };
}
