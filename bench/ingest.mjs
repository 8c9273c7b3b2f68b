#!/usr/bin/env node
/**
 * Ingest benchmark (not part of `npm test`): generates large XML and NDJSON files under /tmp on the fly
 * and prints events/s, MB/s and peak memory per reader, side by side with a baseline on the same file
 * in the same run: for NDJSON, `JSON.parse` per line with no normalization; for XML, the same file
 * through saxes alone (one SAX pass, no records, no fields). The readers run with `_raw` kept (the
 * default) and without (what `c2hunt spl` asks for when a query cannot look at it); the last two rows
 * parse the same XML records into events with the scanner fast path and with saxes only
 * (docs/architecture.md keeps a library unless a hand-written parser is at least 2x faster). Each measurement runs in its own child
 * process so peak RSS is its own; time is wall clock and CPU (user + system) of that process.
 *
 *   npm run build && node bench/ingest.mjs [--mb 1024] [--keep]
 *
 * The machine is shared (2 cores): compare the ratios within one run, not absolute figures across runs.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const DIR = '/tmp/c2hunt-bench';
const args = process.argv.slice(2);
const MB = Number(args[args.indexOf('--mb') + 1] ?? 1024) || 1024;

// ---- child: one measurement -------------------------------------------------------------------------
if (args[0] === '--child') {
  const [, kind, file] = args;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let events = 0;
  if (kind === 'c2hunt' || kind === 'c2hunt-noraw') {
    const { readInputs, newReadStats } = await import('../dist/ingest/open.js');
    const stats = newReadStats();
    // keepRaw false is what `c2hunt spl` asks for when the query cannot look at _raw (plan/raw-usage.ts).
    const keepRaw = kind === 'c2hunt';
    for await (const batch of readInputs([file], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord() {}, stats, keepRaw })) {
      events += batch.length;
    }
  } else if (kind === 'xml-fast' || kind === 'xml-saxes') {
    // Record parsing alone, scanner fast path (falling back to saxes) against saxes for every record:
    // the same records, the same field building, only the XML parser differs.
    const { XmlRecordSplitter } = await import('../dist/ingest/xml-records.js');
    const { parseEventXml, parseEventXmlWithSaxes } = await import('../dist/ingest/xml-event.js');
    const { createEvent } = await import('../dist/events/event.js');
    const parse = kind === 'xml-fast' ? parseEventXml : parseEventXmlWithSaxes;
    const splitter = new XmlRecordSplitter(16 << 20, {
      record(buf, start, end) {
        if (parse(buf.toString('utf8', start, end), createEvent()) === null) events++;
      },
      bad() {},
    });
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) splitter.push(chunk);
    splitter.finish();
  } else if (kind === 'json-parse') {
    let rest = '';
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const l of lines) if (l !== '') { JSON.parse(l); events++; }
    }
    if (rest !== '') { JSON.parse(rest); events++; }
  } else if (kind === 'saxes') {
    const { SaxesParser } = await import('saxes');
    // One event per line is a sequence of roots: parse it as a fragment.
    const p = new SaxesParser({ fragment: true });
    p.on('opentag', (t) => { if (t.name === 'Event') events++; });
    for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) p.write(chunk);
    p.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ events, seconds, cpuSeconds, maxRssMiB }));
  process.exit(0);
}

// ---- parent: generate, measure, print ---------------------------------------------------------------
const HOSTS = ['ws01.corp.example', 'ws02.corp.example', 'srv-db.corp.example', 'ws17.corp.example'];
const IMAGES = ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'C:\\Program Files\\Agent\\agent.exe'];
const DESTS = ['203.0.113.10', '198.51.100.7', '192.0.2.44', '10.20.30.40'];

function fields(i) {
  const t = new Date(Date.UTC(2023, 0, 11) + i * 250).toISOString();
  return {
    i, host: HOSTS[i % 4], image: IMAGES[i % 3], dest: DESTS[i % 4], port: String(443 + (i % 3) * 37),
    systemTime: `${t.slice(0, 23)}0000Z`, utc: `${t.slice(0, 10)} ${t.slice(11, 23)}`,
  };
}

function xmlRecord(f) {
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>3</EventID><Version>5</Version><Level>4</Level><Task>3</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${f.systemTime}'/><EventRecordID>${f.i}</EventRecordID><Correlation/><Execution ProcessID='1888' ThreadID='2956'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${f.host}</Computer><Security UserID='S-1-5-18'/></System><EventData><Data Name='RuleName'>-</Data><Data Name='UtcTime'>${f.utc}</Data><Data Name='ProcessGuid'>{5770385f-aaaa-bbbb-cccc-${String(f.i % 1e12).padStart(12, '0')}}</Data><Data Name='ProcessId'>${f.i % 9000}</Data><Data Name='Image'>${f.image}</Data><Data Name='User'>CORP\\alice</Data><Data Name='Protocol'>tcp</Data><Data Name='Initiated'>true</Data><Data Name='SourceIsIpv6'>false</Data><Data Name='SourceIp'>10.1.2.3</Data><Data Name='SourceHostname'>${f.host}</Data><Data Name='SourcePort'>${49152 + (f.i % 16000)}</Data><Data Name='SourcePortName'>-</Data><Data Name='DestinationIsIpv6'>false</Data><Data Name='DestinationIp'>${f.dest}</Data><Data Name='DestinationHostname'>-</Data><Data Name='DestinationPort'>${f.port}</Data><Data Name='DestinationPortName'>-</Data></EventData></Event>\n`;
}

function jsonRecord(f) {
  return `${JSON.stringify({
    EventID: 3, SourceName: 'Microsoft-Windows-Sysmon', ProviderGuid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}', Level: '4', Task: '3',
    Keywords: '0x8000000000000000', Channel: 'Microsoft-Windows-Sysmon/Operational', Hostname: f.host, TimeCreated: `${f.systemTime.slice(0, 23)}Z`,
    '@timestamp': `${f.systemTime.slice(0, 23)}Z`, RuleName: '-', UtcTime: f.utc, ProcessGuid: `{5770385f-aaaa-bbbb-cccc-${String(f.i).padStart(12, '0')}}`,
    ProcessId: String(f.i % 9000), Image: f.image, User: 'CORP\\alice', Protocol: 'tcp', Initiated: 'true', SourceIsIpv6: 'false', SourceIp: '10.1.2.3',
    SourceHostname: f.host, SourcePort: String(49152 + (f.i % 16000)), SourcePortName: '-', DestinationIsIpv6: 'false', DestinationIp: f.dest,
    DestinationHostname: '-', DestinationPort: f.port, DestinationPortName: '-',
  })}\n`;
}

async function generate(path, render, megabytes) {
  if (existsSync(path) && statSync(path).size >= megabytes * 1e6) return;
  const out = createWriteStream(path);
  let bytes = 0;
  let i = 0;
  while (bytes < megabytes * 1e6) {
    let chunk = '';
    for (let k = 0; k < 2000; k++) chunk += render(fields(i++));
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function measure(kind, file) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [self, '--child', kind, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

mkdirSync(DIR, { recursive: true });
const xmlFile = `${DIR}/sysmon-${MB}mb.xml`;
const jsonFile = `${DIR}/nxlog-${MB}mb.ndjson`;
process.stderr.write(`generating ${MB} MB of XML and NDJSON under ${DIR} ...\n`);
await generate(xmlFile, xmlRecord, MB);
await generate(jsonFile, jsonRecord, MB);

const rows = [];
for (const [label, kind, file] of [
  ['xml: c2hunt reader (records, parse, normalize)', 'c2hunt', xmlFile],
  ['xml: saxes alone (one SAX pass over the file)', 'saxes', xmlFile],
  ['ndjson: c2hunt reader (NXLog normalize + clock)', 'c2hunt', jsonFile],
  ['ndjson: JSON.parse per line', 'json-parse', jsonFile],
  ['xml: c2hunt reader, keepRaw false', 'c2hunt-noraw', xmlFile],
  ['ndjson: c2hunt reader, keepRaw false', 'c2hunt-noraw', jsonFile],
  ['xml: records parsed by the scanner fast path', 'xml-fast', xmlFile],
  ['xml: records parsed by saxes (reference path)', 'xml-saxes', xmlFile],
]) {
  const size = statSync(file).size;
  const m = measure(kind, file);
  rows.push({ label, events: m.events, evps: m.events / m.seconds, mbps: size / 1e6 / m.seconds, cpuMbps: size / 1e6 / m.cpuSeconds, rss: m.maxRssMiB, seconds: m.seconds });
  process.stderr.write(`  done: ${label}\n`);
}
console.log(`input: ${(statSync(xmlFile).size / 1e6).toFixed(0)} MB XML, ${(statSync(jsonFile).size / 1e6).toFixed(0)} MB NDJSON; node ${process.version}`);
console.log(['reader'.padEnd(50), 'events'.padStart(10), 'events/s'.padStart(11), 'MB/s'.padStart(7), 'MB/cpu-s'.padStart(9), 'peak RSS MiB'.padStart(13), 'seconds'.padStart(8)].join(' '));
for (const r of rows) {
  console.log([r.label.padEnd(50), String(r.events).padStart(10), r.evps.toFixed(0).padStart(11), r.mbps.toFixed(1).padStart(7), r.cpuMbps.toFixed(1).padStart(9), r.rss.toFixed(0).padStart(13), r.seconds.toFixed(1).padStart(8)].join(' '));
}
const ratio = (a, b) => `${(rows[a].mbps / rows[b].mbps).toFixed(2)} (cpu ${(rows[a].cpuMbps / rows[b].cpuMbps).toFixed(2)})`;
console.log(`ratios: xml reader/saxes alone ${ratio(0, 1)}, ndjson reader/JSON.parse ${ratio(2, 3)}`);
console.log(`        keepRaw false: xml ${ratio(4, 1)}, ndjson ${ratio(5, 3)}; xml record parsing, scanner/saxes ${ratio(6, 7)}`);
if (!args.includes('--keep')) rmSync(DIR, { recursive: true, force: true });
