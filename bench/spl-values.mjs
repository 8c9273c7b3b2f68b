// Throughput of the SPL value core against reference implementations on the same inputs, same run.
// Run after a build: `npm run build && node bench/spl-values.mjs` (optionally `--n 200000`).
// Each row: c2hunt ns/op, reference ns/op, ratio (c2hunt / reference; below 1 means c2hunt is faster).
// The machine is shared (2 cores, other jobs running): treat ratios as rough, run twice before quoting.
import RE2 from 're2';
import { compileSearchMatcher } from '../dist/engine/search/value-matcher.js';
import { compareLexicographic } from '../dist/events/compare.js';
import { parseNumber } from '../dist/events/number.js';
import { compileStrftime } from '../dist/events/strftime.js';
import { getAggregate } from '../dist/engine/aggregates/index.js';
import { createEvent } from '../dist/events/event.js';

const arg = process.argv.indexOf('--n');
const N = arg === -1 ? 100_000 : Number(process.argv[arg + 1]);

// Deterministic pseudo-random inputs (xorshift), shaped like Sysmon EID 3 values.
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const hostParts = ['update', 'cdn', 'api', 'telemetry', 'login', 'ocsp', 'crl', 'edge', 'beacon', 'files'];
const domains = ['microsoft.com', 'windows.com', 'example.test', 'akamaiedge.net', 'digicert.com', 'c2.example', 'cloudflare.com'];
const hostnames = Array.from({ length: N }, () => `${hostParts[Math.floor(rand() * 10)]}${Math.floor(rand() * 99)}.${domains[Math.floor(rand() * 7)]}`.toUpperCase());
const numbers = Array.from({ length: N }, () => String(Math.floor(rand() * 65536)));
const times = Array.from({ length: N }, () => 1714570496 + Math.floor(rand() * 86400 * 30) + rand());

// The seed detection's hostname exclusions (glob, case-insensitive).
const globs = ['*microsoft.com', '*windows.com', '*office.com', '*azure.com', '*microsoftonline.com', '*office365.com',
  '*amazonaws.com', '*cloudflare.com', '*akamai*', '*googleapi*', '*digicert.com', '*verisign.com', '*ocsp.*', '*crl.*'];

/** Best of five passes after a warm-up pass, so JIT tiers and a noisy neighbour count least. */
function time(label, fn, count = N) {
  let result = fn();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / count);
  }
  return { label, ns: best, result };
}

const rows = [];
function compare(name, ours, ref, count = N) {
  const a = time('c2hunt', ours, count);
  const b = time('reference', ref.fn, count);
  if (JSON.stringify(a.result) !== JSON.stringify(b.result)) throw new Error(`${name}: results differ (${a.result} vs ${b.result})`);
  rows.push({ name, ours: a.ns, ref: b.ns, refName: ref.name });
}

{
  const matchers = globs.map((g) => compileSearchMatcher('=', g));
  const re2 = new RE2(`^(?:${globs.map((g) => g.split('*').map((s) => s.replace(/[.]/g, '\\.')).join('.*')).join('|')})$`, 'i');
  compare('14 hostname globs (NOT group), per value', () => {
    let hits = 0;
    for (const h of hostnames) if (matchers.some((m) => m(h))) hits++;
    return hits;
  }, { name: 'one RE2 alternation', fn: () => {
    let hits = 0;
    for (const h of hostnames) if (re2.test(h)) hits++;
    return hits;
  } });
}

compare('numeric string test + parse', () => {
  let sum = 0;
  for (const s of numbers) sum += parseNumber(s) ?? 0;
  return sum;
}, { name: 'Number() + isFinite', fn: () => {
  let sum = 0;
  for (const s of numbers) {
    const n = s.trim() === '' ? NaN : Number(s);
    sum += Number.isFinite(n) ? n : 0;
  }
  return sum;
} });

{
  const sample = hostnames.slice(0, Math.min(N, 50_000));
  compare('sort 50k strings by UTF-8 bytes (per element)', () => sample.slice().sort(compareLexicographic).slice(0, 3), {
    name: 'Buffer.compare', fn: () => sample.map((s) => Buffer.from(s)).sort(Buffer.compare).slice(0, 3).map(String),
  }, sample.length);
}

{
  const fmt = compileStrftime('%Y-%m-%d %H:00:00');
  const intl = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  compare('strftime "%Y-%m-%d %H:00:00" in America/New_York', () => {
    let last = '';
    for (const t of times) last = fmt(t, 'America/New_York');
    return last.slice(0, 13);
  }, { name: 'Intl.DateTimeFormat', fn: () => {
    let last = '';
    for (const t of times) last = intl.format(new Date(t * 1000));
    return last.slice(0, 13);
  } });
}

{
  const e = createEvent();
  compare('stdev aggregate over numeric strings', () => {
    const agg = getAggregate('stdev').create(true);
    for (const s of numbers) agg.add(s, e);
    return agg.result().toPrecision(12);
  }, { name: 'plain loop (sum, sumsq)', fn: () => {
    let n = 0, sum = 0, sq = 0;
    for (const s of numbers) {
      const x = Number(s);
      n++; sum += x; sq += x * x;
    }
    const mean = sum / n;
    return Math.sqrt((sq - n * mean * mean) / (n - 1)).toPrecision(12);
  } });
}

// process.stdout.write, not console.log: labels contain `%d`, which console.log would substitute.
const out = (line) => process.stdout.write(`${line}\n`);
out(`n = ${N} (Node ${process.version}, shared 2-core machine)`);
out(`${'benchmark'.padEnd(52)}${'c2hunt ns/op'.padStart(13)}${'ref ns/op'.padStart(10)}${'ratio'.padStart(7)}  reference`);
for (const r of rows) {
  out(`${r.name.padEnd(52)}${r.ours.toFixed(1).padStart(13)}${r.ref.toFixed(1).padStart(10)}${(r.ours / r.ref).toFixed(2).padStart(7)}  ${r.refName}`);
}
