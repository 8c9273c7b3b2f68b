/**
 * The seed's four atomic tests, exactly as its "Testing Methodology" describes their telemetry:
 * 1. powershell.exe beaconing 5 times about 30 s apart to 127.0.0.1:8888 (EID 1, five EID 3, 4104 with
 *    Invoke-WebRequest);
 * 2. DNS queries for five adversary-style domains that return NXDOMAIN (EID 22 with QueryStatus 9003 from
 *    powershell.exe);
 * 3. powershell.exe connection attempts to 127.0.0.1 on ports 4444, 8080 and 8443 (Sysmon logs refused
 *    attempts too);
 * 4. schtasks.exe creating "WindowsNetworkHealth" (EID 1, Security 4698 with TaskName and TaskContent);
 *    when the task runs, powershell.exe -NoProfile -WindowStyle Hidden, spawned by the Task Scheduler
 *    service, calls back to 127.0.0.1:8888.
 * They run one after another on one workstation during office hours on the first day. The seed's
 * detailed commands are behind its paywall, so the command lines here are our own that produce exactly
 * the described telemetry. One deliberate difference: the seed says the task's powershell has a parent
 * command line "referencing taskhost/taskhostw"; on Windows 10/11 an Exec action is started by the
 * Schedule service's svchost.exe (`-k netsvcs -p -s Schedule`), which is what this simulation writes.
 */
import type { ScenarioContext } from '../source.js';
import type { Estate, Host, Logon, Session } from '../estate.js';
import { sessionAt } from '../estate.js';
import { atomicRun } from './plan.js';
import { MINUTE } from '../clock.js';

export const PWSH = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** Offsets of each test from the start of the atomic run. */
export const OFFSETS = { test1: 0, test2: 4 * MINUTE, test3: 7 * MINUTE, test4: 11 * MINUTE } as const;

export function place(ctx: ScenarioContext, offset: number): { session: Session; logon: Logon | undefined; t: number } | null {
  const run = atomicRun(ctx.estate);
  if (run === null || run.host !== ctx.host) return null;
  const t = run.startMs + offset;
  const at = sessionAt(ctx.host, t);
  if (at === null) return null;
  return { session: at.session, logon: at.logon, t };
}

export function atomicHost(estate: Estate): Host[] {
  const run = atomicRun(estate);
  return run === null ? [] : [run.host];
}

export function operatorShellParent(session: Session, logon: Logon | undefined) {
  return logon?.explorer ?? session.services;
}

