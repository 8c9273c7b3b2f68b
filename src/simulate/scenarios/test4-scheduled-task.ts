/** Seed test 4: schtasks.exe creates "WindowsNetworkHealth"; the task's hidden PowerShell calls back (see atomic.ts). */
import type { Scenario } from '../source.js';
import type { SimEvent } from '../model.js';
import { C2 } from './infra.js';
import { atomicHost, operatorShellParent, place, OFFSETS, PWSH } from './atomic.js';
import { networkConnect, processCreate, scriptBlocks, taskCreated } from '../build.js';
import { episode, type EpisodeSource } from '../stream.js';
import { MINUTE, SECOND, isoMs } from '../clock.js';

const TASK_COMMAND = "Invoke-WebRequest -Uri 'http://127.0.0.1:8888/health' -UseBasicParsing -TimeoutSec 5";
const TASK_ARGS = `-NoProfile -WindowStyle Hidden -Command "${TASK_COMMAND}"`;

function taskXml(created: number, author: string): string {
  const date = isoMs(created).slice(0, 19);
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Date>${date}</Date>`,
    `    <Author>${author}</Author>`,
    `    <URI>\\${C2.test4.task}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <TimeTrigger>',
    '      <Repetition>',
    '        <Interval>PT5M</Interval>',
    '        <StopAtDurationEnd>false</StopAtDurationEnd>',
    '      </Repetition>',
    `      <StartBoundary>${date}</StartBoundary>`,
    '      <Enabled>true</Enabled>',
    '    </TimeTrigger>',
    '  </Triggers>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>false</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <Duration>PT10M</Duration>',
    '      <WaitTimeout>PT1H</WaitTimeout>',
    '      <StopOnIdleEnd>true</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    '    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>',
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    '      <Command>powershell.exe</Command>',
    `      <Arguments>${TASK_ARGS.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${author}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '</Task>',
  ].join('\n');
}

export const test4: Scenario = {
  name: 'test4-scheduled-task',
  title: 'Seed test 4: scheduled-task persistence simulating a C2 callback',
  description:
    'schtasks.exe /Create "WindowsNetworkHealth" (EID 1, Security 4698); the task runs every 5 min: powershell.exe -NoProfile -WindowStyle Hidden under the Schedule service calls 127.0.0.1:8888 (EID 1, 4104, EID 3); deleted after three runs.',
  infrastructure: ['127.0.0.1:8888 (loopback)', 'task \\WindowsNetworkHealth'],
  steps: ['execution', 'task-created', 'task-run', 'script-block', 'callback', 'cleanup'],
  pickHosts: atomicHost,
  *episodes(ctx): EpisodeSource {
    const p = place(ctx, OFFSETS.test4);
    if (p === null) return;
    const { rng } = ctx;
    const { session, logon } = p;
    const user = logon?.user;
    const create = `schtasks.exe /Create /TN "${C2.test4.task}" /TR "powershell.exe ${TASK_ARGS.replace(/"/g, '\\"')}" /SC MINUTE /MO 5 /F`;
    const cmd = session.spawn({ image: 'C:\\Windows\\System32\\cmd.exe', commandLine: `"C:\\Windows\\system32\\cmd.exe" /c ${create}`, integrity: 'High' }, p.t, operatorShellParent(session, logon), logon);
    const schtasks = session.spawn({ image: 'C:\\Windows\\System32\\schtasks.exe', commandLine: create, integrity: 'High' }, p.t + rng.int(30, 120), cmd, logon);
    const created = schtasks.startMs + rng.int(80, 300);
    yield episode([
      processCreate(rng, session, cmd, ctx.step('execution')),
      processCreate(rng, session, schtasks, ctx.step('execution')),
      taskCreated(rng, session, schtasks, created, `\\${C2.test4.task}`, taskXml(created, user?.name ?? 'NT AUTHORITY\\SYSTEM'), ctx.step('task-created')),
    ]);
    // Three runs at the 5-minute repetition, then the operator's cleanup.
    const first = Math.ceil(created / MINUTE) * MINUTE + 5 * MINUTE;
    for (let i = 0; i < 3; i++) {
      const t = first + i * 5 * MINUTE + rng.int(5, 900);
      if (t >= session.endMs) return;
      const ps = session.spawn(
        { image: PWSH, commandLine: `powershell.exe ${TASK_ARGS}`, currentDirectory: 'C:\\Windows\\system32\\' },
        t,
        session.bootServices.schedule,
        logon,
      );
      const events: SimEvent[] = [
        processCreate(rng, session, ps, ctx.step('task-run')),
        ...scriptBlocks(rng, session, ps, t + rng.int(300, 900), TASK_COMMAND, '', ctx.step('script-block')),
        networkConnect(rng, session, ps, t + rng.int(1000, 1800), { destinationIp: C2.test4.ip, destinationPort: C2.test4.port }, ctx.step('callback')),
      ];
      yield episode(events);
    }
    const t = first + 15 * MINUTE + rng.int(30, 120) * SECOND;
    if (t >= session.endMs) return;
    const del = `schtasks.exe /Delete /TN "${C2.test4.task}" /F`;
    const cmd2 = session.spawn({ image: 'C:\\Windows\\System32\\cmd.exe', commandLine: `"C:\\Windows\\system32\\cmd.exe" /c ${del}`, integrity: 'High' }, t, operatorShellParent(session, logon), logon);
    const st2 = session.spawn({ image: 'C:\\Windows\\System32\\schtasks.exe', commandLine: del, integrity: 'High' }, t + rng.int(30, 120), cmd2, logon);
    yield episode([processCreate(rng, session, cmd2, ctx.step('cleanup')), processCreate(rng, session, st2, ctx.step('cleanup'))]);
  },
};
