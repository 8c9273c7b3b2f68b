/**
 * Process-context factors: what the process creation (Sysmon EID 1: command line and parent, attached to
 * a finding by the process index, or carried by the detection's own row) says about the process behind a
 * finding, read the way a hunter reads it. The detections grade by what every connection event carries
 * (the image path, the destination's prevalence; c2hunt_beacon_grade); these factors add what only the
 * process creation knows. docs/risk-ranking.md § Process context factors lists each with why it is
 * trusted and how an adversary avoids it.
 *
 * Strong factors (each is a well-known sign of an implant on its own; Sigma has a rule for each):
 * - an Office application started the process (macro execution, T1204.002);
 * - PowerShell with an encoded command (`-enc <base64>`, T1027.010);
 * - a code host (rundll32, regsvr32, mshta...) loading code from a user-writable folder or a URL;
 * - a code host started without arguments (a sacrificial process for injected code: Cobalt Strike's
 *   spawn-to, and Sigma's "network connection from a binary without command line").
 * Moderate factors (common in admin scripts too): a hidden window; a download cradle in the command line.
 *
 * Effect: a finding rated medium or above gains STRONG_POINTS per strong and MODERATE_POINTS per moderate
 * factor (at most MAX_POINTS; risk at most 100), and a strong factor raises medium to high. Low and
 * informational findings keep their severity and risk (their destination is not rare, which the process
 * does not change) but list the factors, so the report still shows them.
 */
import RE2 from 're2';
import type { Severity } from '../detections/types.js';
import { severityRank } from './levels.js';
import type { ContextFactor, Finding, ProcessContext } from './types.js';

export const STRONG_POINTS = 10;
export const MODERATE_POINTS = 4;
export const MAX_POINTS = 25;

// Command lines and paths come from logs an adversary can write: every pattern runs on RE2 (linear time).
const re = (source: string) => new RE2(source, 'i');
const OFFICE = re(String.raw`\\(winword|excel|powerpnt|outlook|msaccess|mspub|onenote|visio|eqnedt32)\.exe$`);
const POWERSHELL = re(String.raw`\\(powershell|pwsh|powershell_ise)\.exe$`);
const SCRIPT_HOST = re(String.raw`\\(powershell|pwsh|powershell_ise|cmd|wscript|cscript|mshta)\.exe$`);
const CODE_HOST_LOADER = re(String.raw`\\(rundll32|regsvr32|mshta|odbcconf|msbuild|installutil|regasm|regsvcs|cmstp)\.exe$`);
const NO_ARGS_HOST = re(String.raw`\\(rundll32|regsvr32|dllhost|werfault|gpupdate|searchprotocolhost)\.exe$`);
// PowerShell takes any unambiguous prefix of -EncodedCommand (-e, -ec, -en, -enc...), with - or /;
// -ExecutionPolicy does not match (x after e). The argument is base64 of UTF-16LE text.
const ENCODED = re(String.raw`(?:^|\s)[-/]e(?:c|n[a-z]*)?\s+["']?[a-z0-9+/]{16,}={0,2}["']?(?:\s|$)`);
// -w, -win, -windowstyle... with hidden (or a prefix of it) or 1.
const HIDDEN = re(String.raw`(?:^|\s)[-/]w[a-z]*\s+["']?(?:h[a-z]*|1)["']?(?:\s|$)`);
const CRADLE = re(String.raw`downloadstring|downloadfile|downloaddata|invoke-webrequest|invoke-restmethod|net\.webclient|start-bitstransfer|\b(?:iwr|irm|iex)\b|invoke-expression`);
// User-writable folders (as c2hunt_user_writable_regex), a URL or a UNC path in a command line;
// ProgramData\Microsoft is Microsoft's locked-down folder (c2hunt_vendor_path_regex).
const USER_WRITABLE_ARG = re(
  String.raw`[a-z]:\\(?:users\\[^\\"]+\\|programdata\\[^\\"]+|windows\\(?:temp|tasks|tracing)\\|perflogs\\|temp\\)|https?://|(?:^|[\s"',])\\\\[a-z0-9]`,
);
const VENDOR_ARG = re(String.raw`^[a-z]:\\programdata\\microsoft(?:\\|$)`);

function userWritableArgument(args: string): string | undefined {
  const m = USER_WRITABLE_ARG.exec(args);
  if (m === null) return undefined;
  const hit = m[0].trim();
  if (VENDOR_ARG.test(hit)) return undefined;
  return hit;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

/** The command line after the image (quoted or not), trimmed. */
export function commandArguments(commandLine: string): string {
  const s = commandLine.trim();
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    return end < 0 ? '' : s.slice(end + 1).trim();
  }
  const sp = s.search(/\s/);
  return sp < 0 ? '' : s.slice(sp + 1).trim();
}

function excerpt(text: string, pattern: RE2): string {
  const m = pattern.exec(text);
  if (m === null) return '';
  const s = m[0].trim();
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** The factors a process context shows for a process image (the finding's, else the context's). */
export function contextFactors(context: ProcessContext, process: string | undefined): ContextFactor[] {
  const image = process ?? context.image ?? '';
  const cmd = context.commandLine ?? '';
  const out: ContextFactor[] = [];
  const add = (id: string, strength: 'strong' | 'moderate', label: string) => out.push({ id, strength, label, points: 0 });
  const parent = context.parentImage ?? '';
  if (parent !== '' && OFFICE.test(parent) && !OFFICE.test(image)) add('office-parent', 'strong', `started by ${basename(parent)} (an Office application)`);
  if (POWERSHELL.test(image) && ENCODED.test(cmd)) add('encoded-command', 'strong', 'PowerShell with an encoded command');
  const args = commandArguments(cmd);
  const loaded = CODE_HOST_LOADER.test(image) ? userWritableArgument(args) : undefined;
  if (loaded !== undefined) add('code-from-user-folder', 'strong', `${basename(image)} loads code from a user-writable folder or URL (${loaded}…)`);
  // dllhost.exe normally carries /Processid:{CLSID}; any of these with nothing at all is a shell.
  if (context.commandLine !== undefined && NO_ARGS_HOST.test(image) && args === '') {
    add('no-arguments', 'strong', `${basename(image)} started without arguments (a sacrificial process for injected code)`);
  }
  if (SCRIPT_HOST.test(image) && HIDDEN.test(cmd)) add('hidden-window', 'moderate', 'hidden window');
  if (CRADLE.test(cmd)) add('download-cradle', 'moderate', `downloads or runs remote content (${excerpt(cmd, CRADLE)})`);
  return out;
}

/**
 * Apply the factors of each finding's process context (module header). Findings without context, or
 * whose context shows nothing, are returned as they are.
 */
export function applyContextFactors(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.context === undefined) return f;
    const found = contextFactors(f.context, f.process);
    if (found.length === 0) return f;
    const scored = severityRank(f.severity) >= severityRank('medium');
    let budget = MAX_POINTS;
    const factors = found.map((x) => {
      const want = x.strength === 'strong' ? STRONG_POINTS : MODERATE_POINTS;
      const points = scored ? Math.min(want, budget) : 0;
      budget -= points;
      return { ...x, points };
    });
    const added = factors.reduce((n, x) => n + x.points, 0);
    const raise = f.severity === 'medium' && factors.some((x) => x.strength === 'strong');
    const severity: Severity = raise ? 'high' : f.severity;
    return {
      ...f,
      factors,
      risk: Math.min(100, Math.round((f.risk + added) * 100) / 100),
      severity,
      ...(raise ? { severityRaisedFrom: f.severity } : {}),
    };
  });
}
