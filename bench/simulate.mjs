#!/usr/bin/env node
/**
 * Simulator benchmark (not part of `npm test`): generates datasets of growing size and prints events/s,
 * MB/s and peak memory, side by side with a reference on the same bytes in the same run: `cp -r` of the
 * generated events directory (the file-system floor for writing that much data). Peak RSS should stay
 * flat as the event count grows: that is what "10 million events in bounded memory" means. Each
 * measurement runs in its own child process so peak RSS is its own.
 *
 *   npm run build && node bench/simulate.mjs [--hosts 20,80,320] [--days 7] [--format xml] [--gzip]
 *
 * The machine is shared (2 cores): compare the ratios within one run, not absolute figures across runs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);

if (args[0] === '--child') {
  const [, out, hosts, days, format, gzip] = args;
  const { simulate } = await import('../dist/simulate/index.js');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await simulate({ out, hosts: Number(hosts), days: Number(days), format, gzip: gzip === '1' });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ events: r.manifest.counts.events, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

function du(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? du(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

const hostsList = opt('--hosts', '20,80,320').split(',').map(Number);
const days = Number(opt('--days', '7'));
const format = opt('--format', 'xml');
const gzip = args.includes('--gzip') ? '1' : '0';
const rows = [];
for (const hosts of hostsList) {
  const out = `/tmp/c2hunt-bench-sim-${hosts}`;
  rmSync(out, { recursive: true, force: true });
  const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', out, String(hosts), String(days), format, gzip], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(child.stderr);
  const m = JSON.parse(child.stdout);
  const bytes = du(out);
  const t0 = performance.now();
  const cp = spawnSync('cp', ['-r', join(out, 'events'), `${out}-copy`]);
  const cpSeconds = (performance.now() - t0) / 1000;
  if (cp.status !== 0) throw new Error(String(cp.stderr));
  rows.push({ hosts, days, ...m, mb: bytes / 2 ** 20, cpSeconds });
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}-copy`, { recursive: true, force: true });
}
console.log(`format ${format}${gzip === '1' ? ' (gzip)' : ''}, ${days} days; reference: cp -r of the events directory`);
console.log('hosts   events      MiB   wall s   cpu s   events/s   MiB/s   peak RSS MiB   cp -r s   wall / cp');
for (const r of rows) {
  console.log(
    [
      String(r.hosts).padStart(5),
      String(r.events).padStart(8),
      r.mb.toFixed(0).padStart(8),
      r.seconds.toFixed(1).padStart(8),
      r.cpuSeconds.toFixed(1).padStart(7),
      Math.round(r.events / r.seconds).toString().padStart(10),
      (r.mb / r.seconds).toFixed(1).padStart(7),
      r.maxRssMiB.toFixed(0).padStart(14),
      r.cpSeconds.toFixed(1).padStart(9),
      (r.seconds / r.cpSeconds).toFixed(1).padStart(11),
    ].join(' '),
  );
}
