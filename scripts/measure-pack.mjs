#!/usr/bin/env node
// Per-detection findings of the pack on a simulated estate, by scenario and benign category with their
// severities: what docs/detections.md § Measured records. The formal table is `c2hunt validate`.
//   npm run build && node dist/cli/main.js simulate --out /tmp/pack-sim --hosts 20 --days 5
//   node --max-old-space-size=6000 scripts/measure-pack.mjs /tmp/pack-sim enterprise [detections/x.yml ...]
// Events are read once and kept in memory (without _raw), so a run needs about 1.5 GB per 300k events.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs } from '../dist/ingest/open.js';
import { runSpl } from '../dist/engine/run-spl.js';
import { cloneEvent } from '../dist/events/event.js';
import { loadDetection } from '../dist/detections/load-detection.js';
import { packDir, packMacros } from '../dist/detections/pack.js';
import { createPackCommands } from '../dist/detections/commands/index.js';
import { compileFindingMapper } from '../dist/findings/index.js';
import { findingMatches } from '../dist/simulate/score.js';

const [dir, profile = 'enterprise', ...given] = process.argv.slice(2);
if (dir === undefined) {
  console.error('usage: measure-pack.mjs SIMDIR [enterprise|lab] [detection.yml ...]');
  process.exit(2);
}
const files = given.length > 0 ? given : readdirSync(packDir()).filter((f) => f.endsWith('.yml')).sort().map((f) => join(packDir(), f));
const entities = JSON.parse(readFileSync(join(dir, 'entities.json'), 'utf8'));
const events = [];
for await (const batch of readInputs([join(dir, 'events')], { meta: { index: 'wineventlog', naming: 'legacy' } })) {
  for (const e of batch) {
    delete e._raw;
    events.push(e);
  }
}
const macros = packMacros({ profile });
const commands = createPackCommands();
const rank = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
console.log(`${events.length} events, profile ${profile}`);
for (const file of files) {
  const d = loadDetection(file);
  if ((d.requires ?? []).length > 0) {
    console.log(`\n== ${d.name}: skipped (needs ${d.requires.join(', ')})`);
    continue;
  }
  const started = Date.now();
  const input = function* () {
    for (let i = 0; i < events.length; i += 1000) yield events.slice(i, i + 1000).map(cloneEvent);
  };
  const { rows } = await runSpl(d.search, input(), { macros, commands });
  const compiled = compileFindingMapper(d.info);
  if (!compiled.ok) throw new Error(`${file}: ${JSON.stringify(compiled.problems)}`);
  const groups = new Map();
  for (const row of rows) {
    const f = compiled.mapper.map(row);
    const dests = [...f.destNames, ...f.destIps];
    const matched = entities.filter((e) => (dests.length === 0 ? [null] : dests).some((x) => findingMatches({ detection: d.id, host: f.host, process: f.process, destination: x }, e)));
    const attack = matched.filter((e) => e.label.kind === 'attack');
    const label = attack.length > 0
      ? `attack ${[...new Set(attack.map((e) => e.label.scenario))].sort().join('+')}`
      : `benign ${[...new Set(matched.map((e) => e.label.category))].sort().join('+') || 'unlabelled'}`;
    const g = groups.get(label) ?? { n: 0, sev: {} };
    g.n++;
    g.sev[f.severity] = (g.sev[f.severity] ?? 0) + 1;
    groups.set(label, g);
  }
  console.log(`\n== ${d.name} (${rows.length} findings, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const [label, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const above = label.startsWith('benign') && Object.keys(g.sev).some((s) => rank[s] > 1);
    const sev = Object.entries(g.sev).sort((a, b) => rank[b[0]] - rank[a[0]]).map(([s, n]) => `${s} ${n}`).join(', ');
    console.log(`  ${above ? '!' : ' '} ${label}: ${g.n} (${sev})`);
  }
}
