/** Every attack scenario, selectable by name with --scenarios and listed by --list. */
import type { Scenario } from '../source.js';
import { test1 } from './test1-powershell-beacon.js';
import { test2 } from './test2-dns-nxdomain.js';
import { test3 } from './test3-lolbin-ports.js';
import { test4 } from './test4-scheduled-task.js';
import { httpsBeacon } from './https-beacon.js';
import { lowAndSlow } from './low-and-slow.js';
import { rotatingIp } from './rotating-ip.js';
import { dnsTunnel } from './dns-tunnel.js';
import { rawIp } from './raw-ip.js';
import { longSleep } from './long-sleep.js';

export const SCENARIOS: readonly Scenario[] = [test1, test2, test3, test4, httpsBeacon, lowAndSlow, rotatingIp, dnsTunnel, rawIp, longSleep];

export function scenarioByName(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
