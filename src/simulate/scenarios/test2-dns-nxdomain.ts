/** Seed test 2: powershell.exe resolving five adversary-style domains that return NXDOMAIN (see atomic.ts). */
import type { Scenario } from '../source.js';
import { C2 } from './infra.js';
import { atomicHost, operatorShellParent, place, OFFSETS, PWSH } from './atomic.js';
import { dnsQuery, processCreate, scriptBlocks } from '../build.js';
import { episode } from '../stream.js';

const TEST2_SCRIPT = `$domains = @(${C2.test2Domains.map((d) => `'${d}'`).join(', ')})\nforeach ($d in $domains) { Resolve-DnsName -Name $d -Type A -ErrorAction SilentlyContinue; Start-Sleep -Milliseconds 500 }`;

export const test2: Scenario = {
  name: 'test2-dns-nxdomain',
  title: 'Seed test 2: DNS queries consistent with adversary-controlled server domains',
  description: 'powershell.exe resolves five adversary-style domains that return NXDOMAIN (EID 22 QueryStatus 9003, QueryResults "-"), with EID 1 and 4104.',
  infrastructure: [...C2.test2Domains],
  steps: ['execution', 'script-block', 'dns-query'],
  pickHosts: atomicHost,
  *episodes(ctx) {
    const p = place(ctx, OFFSETS.test2);
    if (p === null) return;
    const { rng } = ctx;
    const ps = p.session.spawn(
      { image: PWSH, commandLine: `"${PWSH}" -NoProfile -ExecutionPolicy Bypass -Command "& {${TEST2_SCRIPT.replace(/\n/g, '; ')}}"`, integrity: 'High' },
      p.t,
      operatorShellParent(p.session, p.logon),
      p.logon,
    );
    yield episode([processCreate(rng, p.session, ps, ctx.step('execution')), ...scriptBlocks(rng, p.session, ps, p.t + rng.int(300, 800), TEST2_SCRIPT, '', ctx.step('script-block'))]);
    let t = p.t + rng.int(900, 1600);
    for (const d of C2.test2Domains) {
      yield episode([dnsQuery(rng, p.session, ps, t, d, 9003, '-', ctx.step('dns-query'))]);
      t += 500 + rng.int(20, 250);
    }
  },
};

