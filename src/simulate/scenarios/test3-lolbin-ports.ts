/** Seed test 3: powershell.exe connection attempts to 127.0.0.1 on 4444, 8080 and 8443 (see atomic.ts). */
import type { Scenario } from '../source.js';
import { C2 } from './infra.js';
import { atomicHost, operatorShellParent, place, OFFSETS, PWSH } from './atomic.js';
import { networkConnect, processCreate, scriptBlocks } from '../build.js';
import { episode } from '../stream.js';

const TEST3_SCRIPT = `foreach ($port in @(4444, 8080, 8443)) { Test-NetConnection -ComputerName 127.0.0.1 -Port $port -WarningAction SilentlyContinue }`;

export const test3: Scenario = {
  name: 'test3-lolbin-ports',
  title: 'Seed test 3: outbound connection to non-standard C2 ports from a LOLBin',
  description: 'powershell.exe (Test-NetConnection) attempts 127.0.0.1 on ports 4444, 8080 and 8443; Sysmon logs refused attempts. EID 1 and 4104.',
  infrastructure: ['127.0.0.1:4444', '127.0.0.1:8080', '127.0.0.1:8443'],
  steps: ['execution', 'script-block', 'connection-attempt'],
  pickHosts: atomicHost,
  *episodes(ctx) {
    const p = place(ctx, OFFSETS.test3);
    if (p === null) return;
    const { rng } = ctx;
    const ps = p.session.spawn(
      { image: PWSH, commandLine: `"${PWSH}" -NoProfile -ExecutionPolicy Bypass -Command "${TEST3_SCRIPT}"`, integrity: 'High' },
      p.t,
      operatorShellParent(p.session, p.logon),
      p.logon,
    );
    yield episode([processCreate(rng, p.session, ps, ctx.step('execution')), ...scriptBlocks(rng, p.session, ps, p.t + rng.int(300, 800), TEST3_SCRIPT, '', ctx.step('script-block'))]);
    let t = p.t + rng.int(1200, 2500);
    for (const port of C2.test3.ports) {
      yield episode([networkConnect(rng, p.session, ps, t, { destinationIp: C2.test3.ip, destinationPort: port }, ctx.step('connection-attempt'))]);
      // Test-NetConnection waits for its TCP attempt to fail before the next port.
      t += rng.int(2000, 5000);
    }
  },
};

