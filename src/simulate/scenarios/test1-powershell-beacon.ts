/** Seed test 1: powershell.exe beaconing 5 times about 30 s apart to 127.0.0.1:8888 (see atomic.ts). */
import type { Scenario } from '../source.js';
import { C2 } from './infra.js';
import { atomicHost, operatorShellParent, place, OFFSETS, PWSH } from './atomic.js';
import { networkConnect, processCreate, scriptBlocks } from '../build.js';
import { episode } from '../stream.js';
import { SECOND } from '../clock.js';

const TEST1_SCRIPT =
  "for ($i = 1; $i -le 5; $i++) { try { Invoke-WebRequest -Uri 'http://127.0.0.1:8888/beacon' -UseBasicParsing -TimeoutSec 5 | Out-Null } catch {} ; Start-Sleep -Seconds 30 }";

export const test1: Scenario = {
  name: 'test1-powershell-beacon',
  title: 'Seed test 1: C2 beacon check-in with regular interval callback',
  description: 'powershell.exe beacons 5 times about 30 s apart to 127.0.0.1:8888 (Invoke-WebRequest), with EID 1 and 4104. Loopback, 5 connections in one hour.',
  infrastructure: ['127.0.0.1:8888 (loopback, as the seed describes)'],
  steps: ['execution', 'script-block', 'callback'],
  pickHosts: atomicHost,
  *episodes(ctx) {
    const p = place(ctx, OFFSETS.test1);
    if (p === null) return;
    const { rng } = ctx;
    const ps = p.session.spawn(
      { image: PWSH, commandLine: `"${PWSH}" -NoProfile -ExecutionPolicy Bypass -Command "${TEST1_SCRIPT}"`, integrity: 'High' },
      p.t,
      operatorShellParent(p.session, p.logon),
      p.logon,
    );
    yield episode([processCreate(rng, p.session, ps, ctx.step('execution')), ...scriptBlocks(rng, p.session, ps, p.t + rng.int(300, 800), TEST1_SCRIPT, '', ctx.step('script-block'))]);
    let t = p.t + rng.int(900, 1600);
    for (let i = 0; i < 5; i++) {
      yield episode([networkConnect(rng, p.session, ps, t, { destinationIp: C2.test1.ip, destinationPort: C2.test1.port }, ctx.step('callback'))]);
      // Refused at once, then Start-Sleep 30: "about 30 s apart".
      t += 30 * SECOND + rng.int(5, 400);
    }
  },
};

