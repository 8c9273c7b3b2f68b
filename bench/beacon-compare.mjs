// Baseline (RITA v5, DS dropped) vs the c2hunt interval scorer on the synthetic evaluation cases.
// Run after a build: `npm run build && node bench/beacon-compare.mjs` (add --markdown for a docs table).
// Each case is one host+process+destination; the RITA dataset window is that series' own last 24 h.
import {
  EVALUATION_CASES,
  ritaBeacon,
  ritaWindow,
  scoreConnectionTimes,
  formatDuration,
} from '../dist/analytics/beacon/index.js';

const markdown = process.argv.includes('--markdown');
const rows = [];
const started = performance.now();
for (const c of EVALUATION_CASES) {
  const times = c.times();
  const min = times[0];
  const max = times[times.length - 1];
  const t0 = performance.now();
  const rita = ritaBeacon(times, ritaWindow(min, max));
  const t1 = performance.now();
  const ours = scoreConnectionTimes(times, { window: { windowStart: times[0], windowEnd: times[0] + c.duration } });
  const t2 = performance.now();
  rows.push({
    case: c.name,
    class: c.class,
    conns: times.length,
    rita: rita.gate ? `– (${rita.gate})` : rita.score.toFixed(3),
    ritaParts: rita.gate ? '' : `${rita.ts.score.toFixed(2)}/${rita.hist.score.toFixed(2)}/${rita.dur.score.toFixed(2)}`,
    ours: ours.score.toFixed(3),
    period: ours.scored ? formatDuration(ours.period) : '–',
    jitter: ours.scored ? `${Math.round(ours.jitter * 100)} %` : '–',
    missed: ours.scored ? String(ours.missedCheckins) : '–',
    factors: ours.scored ? `${ours.factors.excess.toFixed(2)}/${ours.factors.fitConfidence.toFixed(2)}` : '',
    ms: `${(t1 - t0).toFixed(1)} / ${(t2 - t1).toFixed(1)}`,
  });
}
const headers = ['case', 'class', 'conns', 'rita', 'ritaParts', 'ours', 'period', 'jitter', 'missed', 'factors', 'ms'];
const titles = {
  case: 'case', class: 'class', conns: 'conns', rita: 'RITA', ritaParts: 'TS/HIST/DUR', ours: 'c2hunt',
  period: 'P', jitter: 'J', missed: 'missed', factors: 'E/C', ms: 'ms RITA / c2hunt',
};
if (markdown) {
  console.log(`| ${headers.map((h) => titles[h]).join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${headers.map((h) => r[h]).join(' | ')} |`);
} else {
  const widths = headers.map((h) => Math.max(titles[h].length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(headers.map((h) => titles[h])));
  for (const r of rows) console.log(line(headers.map((h) => r[h])));
}
console.log(`\n${rows.length} cases in ${((performance.now() - started) / 1000).toFixed(2)} s (2 shared cores; timings are indicative only)`);
