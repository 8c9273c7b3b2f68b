// The seed detection (detections/c2_beaconing_to_acquired_server.yml) over a generated NXLog-style NDJSON
// file: c2hunt (reader + prefilter + SPL engine, one thread) against DuckDB running the equivalent SQL on
// the same file, in the same run. Both results are compared row by row before any figure is printed.
//
// Run after a build: `npm run build && node bench/spl-seed.mjs [--n 300000] [--runs 2]`.
// Events per second = records in the file / wall time (best of --runs). The machine is shared (2 cores,
// other jobs running): treat the ratio as rough.
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { runSpl } from '../dist/engine/run-spl.js';
import { readInputs, newReadStats } from '../dist/ingest/open.js';

const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const N = argValue('--n', 300_000);
const RUNS = argValue('--runs', 2);
const OUT = join(import.meta.dirname, 'out');
const FILE = join(OUT, `sysmon-eid3-${N}.ndjson`);

// ---------------------------------------------------------------------------------------------------
// Data: deterministic (xorshift), shaped like Sysmon EID 3 as NXLog writes it, plus other event IDs.

let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const IMAGES = [
  'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Windows\\System32\\rundll32.exe', 'C:\\Tools\\agent.exe', 'C:\\Windows\\System32\\curl.exe', 'C:\\Program Files\\Vendor\\sync.exe',
  'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe', 'C:\\Windows\\System32\\lsass.exe',
];
const DOMAINS = ['microsoft.com', 'windows.com', 'c2.example', 'vendor.example', 'akamaiedge.net', 'cloudflare.com', 'example.test', 'digicert.com'];
const PREFIXES = ['ocsp', 'crl', 'api', 'cdn', 'beacon', 'update', 'login', 'files'];
const DESTS = Array.from({ length: 3000 }, (_, i) => {
  const r = rand();
  const ip = r < 0.15 ? `10.${i % 250}.${(i >> 3) % 250}.${i % 200}` : r < 0.2 ? `192.168.${i % 250}.${i % 200}` : `${pick(['192.0.2', '198.51.100', '203.0.113'])}.${i % 250}`;
  const host = rand() < 0.1 ? '-' : `${pick(PREFIXES)}${i % 97}.${pick(DOMAINS)}`;
  return { ip, host };
});
const HOSTS = Array.from({ length: 60 }, (_, i) => `WS${String(i).padStart(3, '0')}`);
// A third of the connections come from 300 fixed (host, process, destination) triples: regular and
// irregular callers that reach the detection's thresholds; the rest are spread thin.
const CALLERS = Array.from({ length: 300 }, () => ({ host: pick(HOSTS), image: pick(IMAGES), dest: pick(DESTS) }));
const START = Date.UTC(2024, 4, 1, 0, 0, 0);
const SPAN_MS = 48 * 3600 * 1000;

function line(i) {
  const time = new Date(START + Math.floor(rand() * SPAN_MS)).toISOString();
  const host = pick(HOSTS);
  const r = rand();
  const eventId = r < 0.75 ? 3 : r < 0.85 ? 1 : r < 0.95 ? 22 : 11;
  const base = {
    EventTime: time.replace('T', ' ').slice(0, 19),
    TimeCreated: time,
    Hostname: `${host}.corp.example`,
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    SourceName: 'Microsoft-Windows-Sysmon',
    EventID: eventId,
    RecordNumber: i,
    ProcessId: String(1000 + (i % 5000)),
    Image: pick(IMAGES),
    User: 'CORP\\user',
  };
  if (eventId !== 3) return JSON.stringify({ ...base, QueryName: `${pick(PREFIXES)}.${pick(DOMAINS)}`, TargetFilename: 'C:\\Temp\\x.tmp' });
  const caller = rand() < 0.33 ? pick(CALLERS) : null;
  const d = caller?.dest ?? pick(DESTS);
  if (caller !== null) {
    base.Hostname = `${caller.host}.corp.example`;
    base.Image = caller.image;
  }
  return JSON.stringify({
    ...base,
    UtcTime: time.replace('T', ' ').slice(0, 23),
    Protocol: 'tcp',
    Initiated: 'true',
    SourceIsIpv6: 'false',
    SourceIp: `10.1.${i % 250}.${host.length}`,
    SourcePort: String(49152 + (i % 16000)),
    DestinationIsIpv6: 'false',
    DestinationIp: d.ip,
    DestinationHostname: d.host,
    DestinationPort: pick(['443', '443', '80', '8443', '3389']),
    DestinationPortName: '-',
  });
}

if (!existsSync(FILE)) {
  mkdirSync(OUT, { recursive: true });
  const chunks = [];
  for (let i = 0; i < N; i++) chunks.push(line(i));
  writeFileSync(FILE, `${chunks.join('\n')}\n`);
}
const bytes = statSync(FILE).size;

// ---------------------------------------------------------------------------------------------------
// c2hunt

const detection = parseYaml(readFileSync(join(import.meta.dirname, '..', 'detections', 'c2_beaconing_to_acquired_server.yml'), 'utf8'));

async function c2hunt() {
  const stats = newReadStats();
  // As `c2hunt spl` does: the reader gets the query's prefilter and read hints (keepRaw false here, since
  // the seed query never looks at _raw).
  const result = await runSpl(detection.search, (prefilter, hints) =>
    readInputs([FILE], { meta: { index: 'wineventlog', naming: 'legacy' }, onBadRecord: (b) => { throw new Error(b.reason); }, prefilter, stats, keepRaw: hints.keepRaw }),
  );
  return { rows: result.rows, stats };
}

// ---------------------------------------------------------------------------------------------------
// DuckDB: the same query in SQL. Splunk semantics spelled out: case-insensitive globs (lower(...) LIKE),
// NOT keeps rows whose field is missing (coalesce), stdev of one hour is 0, values() is distinct and
// sorted as strings, and sort keeps the first 10,000 rows.

const like = (col, pats) => `coalesce(${pats.map((p) => `lower(${col}) LIKE '${p.replace(/\*/g, '%').toLowerCase().replace(/'/g, "''")}'`).join(' OR ')}, false)`;
const HOST_EXCL = ['*microsoft.com', '*windows.com', '*office.com', '*azure.com', '*microsoftonline.com', '*office365.com', '*amazonaws.com',
  '*cloudflare.com', '*akamai*', '*googleapi*', '*digicert.com', '*verisign.com', '*ocsp.*', '*crl.*'];
const IP_EXCL = ['10.*', ...Array.from({ length: 16 }, (_, i) => `172.${16 + i}.*`), '192.168.*', '127.*', '::1', '0:0:0:0:0:0:0:1'];
const IMAGE_EXCL = ['msedge', 'chrome', 'firefox', 'iexplore', 'opera', 'brave', 'outlook', 'teams', 'slack', 'zoom', 'onedrive', 'msedgewebview2'].map((x) => `*\\${x}.exe`);
const SUSPICIOUS = '(?i)(powershell\\.exe|pwsh\\.exe|cmd\\.exe|wscript\\.exe|cscript\\.exe|rundll32\\.exe|regsvr32\\.exe|mshta\\.exe|certutil\\.exe|bitsadmin\\.exe|curl\\.exe|wget\\.exe|msiexec\\.exe|wmic\\.exe|msbuild\\.exe)';

const SQL = `
WITH base AS (
  SELECT Hostname AS host, Image, DestinationIp, DestinationHostname, DestinationPort,
         strftime(CAST(TimeCreated AS TIMESTAMP), '%Y-%m-%d %H:00:00') AS HourBucket
  FROM read_ndjson('${FILE}', columns = {Hostname: 'VARCHAR', Channel: 'VARCHAR', EventID: 'INTEGER', TimeCreated: 'VARCHAR',
       Image: 'VARCHAR', DestinationIp: 'VARCHAR', DestinationHostname: 'VARCHAR', DestinationPort: 'VARCHAR'})
  WHERE EventID = 3 AND Channel = 'Microsoft-Windows-Sysmon/Operational'
    AND NOT ${like('DestinationHostname', HOST_EXCL)}
    AND NOT ${like('DestinationIp', IP_EXCL)}
    AND NOT ${like('Image', IMAGE_EXCL)}
), hourly AS (
  SELECT host, Image, DestinationIp, DestinationHostname, HourBucket, count(*) AS HourlyConnections, list(DISTINCT DestinationPort) AS Ports
  FROM base WHERE host IS NOT NULL AND Image IS NOT NULL AND DestinationIp IS NOT NULL AND DestinationHostname IS NOT NULL
  GROUP BY ALL
), agg AS (
  SELECT host, Image, DestinationIp, DestinationHostname, sum(HourlyConnections) AS TotalConnections, count(*) AS HoursActive,
         avg(HourlyConnections) AS AvgPerHour, coalesce(stddev_samp(HourlyConnections), 0) AS StdDevPerHour,
         list_sort(list_distinct(flatten(list(Ports)))) AS Ports, min(HourBucket) AS FirstSeen, max(HourBucket) AS LastSeen
  FROM hourly GROUP BY ALL
), scored AS (
  SELECT *, CASE WHEN AvgPerHour > 0 THEN StdDevPerHour / AvgPerHour ELSE 99 END AS ConsistencyRatio,
         CASE WHEN regexp_matches(Image, '${SUSPICIOUS}') THEN 1 ELSE 0 END AS IsSuspiciousProcess
  FROM agg WHERE TotalConnections >= 10 AND HoursActive >= 2
), risk AS (
  SELECT *, CASE WHEN ConsistencyRatio < 0.5 AND AvgPerHour >= 0.5 THEN 1 ELSE 0 END AS IsBeaconPattern FROM scored
)
SELECT host, Image, DestinationIp, DestinationHostname, TotalConnections, HoursActive, AvgPerHour, ConsistencyRatio, Ports, FirstSeen, LastSeen,
       IsSuspiciousProcess, IsBeaconPattern, IsSuspiciousProcess + IsBeaconPattern + CASE WHEN TotalConnections > 50 THEN 1 ELSE 0 END AS RiskScore
FROM risk
WHERE IsSuspiciousProcess + IsBeaconPattern + CASE WHEN TotalConnections > 50 THEN 1 ELSE 0 END >= 1
ORDER BY RiskScore DESC, TotalConnections DESC, host, Image, DestinationIp, DestinationHostname
LIMIT 10000`;

async function duckdb(threads) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(SQL);
  const rows = reader.getRowObjectsJS();
  connection.closeSync();
  return rows;
}

// ---------------------------------------------------------------------------------------------------

const key = (r) => [r.host, r.Image, r.DestinationIp, r.DestinationHostname, Number(r.TotalConnections), Number(r.HoursActive), Number(r.RiskScore)].join('|');
async function best(fn) {
  let result;
  let ms = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await fn();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { result, ms };
}

const ours = await best(c2hunt);
const ref1 = await best(() => duckdb(1));
const ref2 = await best(() => duckdb(2));
const a = ours.result.rows.map(key).sort();
const b = ref1.result.map(key).sort();
if (JSON.stringify(a) !== JSON.stringify(b)) {
  throw new Error(`results differ: c2hunt ${a.length} rows, DuckDB ${b.length} rows; first difference: ${a.find((x, i) => x !== b[i])} / ${b.find((x, i) => x !== a[i])}`);
}

const eps = (ms) => Math.round(N / (ms / 1000)).toLocaleString('en-US');
console.log(`seed detection over ${N.toLocaleString('en-US')} records (${(bytes / 1048576).toFixed(1)} MiB NDJSON), ${a.length} result rows, identical in both`);
console.log(`c2hunt prefilter skipped ${ours.result.stats.skippedByPrefilter.toLocaleString('en-US')} records before normalizing them; best of ${RUNS} runs each`);
console.log('engine                 wall ms   events/s     ratio (c2hunt time / engine time)');
console.log(`c2hunt (1 thread)   ${ours.ms.toFixed(0).padStart(10)} ${eps(ours.ms).padStart(10)}     1.00`);
console.log(`DuckDB (1 thread)   ${ref1.ms.toFixed(0).padStart(10)} ${eps(ref1.ms).padStart(10)}     ${(ours.ms / ref1.ms).toFixed(2)}`);
console.log(`DuckDB (2 threads)  ${ref2.ms.toFixed(0).padStart(10)} ${eps(ref2.ms).padStart(10)}     ${(ours.ms / ref2.ms).toFixed(2)}`);
