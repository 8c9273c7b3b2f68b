/**
 * Executables the simulated estate runs: PE version resources (what Sysmon copies into FileVersion,
 * Description, Product, Company, OriginalFileName) and hashes.
 *
 * Hashes are synthetic but well-formed (`SHA1=…,MD5=…,SHA256=…,IMPHASH=…`, upper-case hex, no spaces, as in
 * the 2021 OSSEM sample): each is a real digest of a fixed string naming the image and its version, so
 * the same binary has the same hashes on every host (prevalence works) and no hash belongs to a real file.
 * Sysmon writes `?` for a version field the binary lacks (common for implants).
 */
import { createHash } from 'node:crypto';

export interface PeInfo {
  readonly fileVersion: string;
  readonly description: string;
  readonly product: string;
  readonly company: string;
  readonly originalFileName: string;
}

const WIN_VER = '10.0.19041.1 (WinBuild.160101.0800)';
const MS = 'Microsoft Corporation';
const WINOS = 'Microsoft® Windows® Operating System';

function win(description: string, originalFileName: string, fileVersion = WIN_VER): PeInfo {
  return { fileVersion, description, product: WINOS, company: MS, originalFileName };
}

/** By lower-case file name. */
const PE: Readonly<Record<string, PeInfo>> = {
  'svchost.exe': win('Host Process for Windows Services', 'svchost.exe'),
  'userinit.exe': win('Userinit Logon Application', 'USERINIT.EXE'),
  'explorer.exe': win('Windows Explorer', 'EXPLORER.EXE', '10.0.19041.3636 (WinBuild.160101.0800)'),
  'powershell.exe': win('Windows PowerShell', 'PowerShell.EXE', '10.0.19041.3996 (WinBuild.160101.0800)'),
  'cmd.exe': win('Windows Command Processor', 'Cmd.Exe'),
  'schtasks.exe': win('Task Scheduler Configuration Tool', 'schtasks.exe'),
  'rundll32.exe': win('Windows host process (Rundll32)', 'RUNDLL32.EXE'),
  'dllhost.exe': win('COM Surrogate', 'dllhost.exe'),
  'werfault.exe': win('Windows Problem Reporting', 'WerFault.exe', '10.0.19041.3570 (WinBuild.160101.0800)'),
  'whoami.exe': win('whoami - displays logged on user information', 'whoami.exe'),
  'net.exe': win('Net Command', 'net.exe'),
  'ipconfig.exe': win('IP Configuration Utility', 'ipconfig.exe'),
  'notepad.exe': win('Notepad', 'NOTEPAD.EXE'),
  'mstsc.exe': win('Remote Desktop Connection', 'mstsc.exe'),
  'smartscreen.exe': win('Windows Defender SmartScreen', 'smartscreen.exe'),
  'curl.exe': {
    fileVersion: '8.4.0',
    description: 'The curl executable',
    product: 'The curl executable',
    company: 'curl, https://curl.se/',
    originalFileName: 'curl.exe',
  },
  'msmpeng.exe': {
    fileVersion: '4.18.24090.11 (WinBuild.160101.0800)',
    description: 'Antimalware Service Executable',
    product: WINOS,
    company: MS,
    originalFileName: 'MsMpEng.exe',
  },
  'mpcmdrun.exe': {
    fileVersion: '4.18.24090.11 (WinBuild.160101.0800)',
    description: 'Microsoft Malware Protection Command Line Utility',
    product: WINOS,
    company: MS,
    originalFileName: 'MpCmdRun.exe',
  },
  'chrome.exe': { fileVersion: '131.0.6778.86', description: 'Google Chrome', product: 'Google Chrome', company: 'Google LLC', originalFileName: 'chrome.exe' },
  'msedge.exe': { fileVersion: '131.0.2903.70', description: 'Microsoft Edge', product: 'Microsoft Edge', company: MS, originalFileName: 'msedge.exe' },
  'firefox.exe': { fileVersion: '133.0', description: 'Firefox', product: 'Firefox', company: 'Mozilla Corporation', originalFileName: 'firefox.exe' },
  'msedgewebview2.exe': { fileVersion: '131.0.2903.70', description: 'Microsoft Edge WebView2', product: 'Microsoft Edge WebView2', company: MS, originalFileName: 'msedgewebview2.exe' },
  'ms-teams.exe': { fileVersion: '24335.206.3314.8301', description: 'Microsoft Teams', product: 'Microsoft Teams', company: MS, originalFileName: 'ms-teams.exe' },
  'slack.exe': { fileVersion: '4.41.105', description: 'Slack', product: 'Slack', company: 'Slack Technologies, LLC', originalFileName: 'slack.exe' },
  'zoom.exe': { fileVersion: '6.2.11.53298', description: 'Zoom Meetings', product: 'Zoom Meetings', company: 'Zoom Video Communications, Inc.', originalFileName: 'Zoom.exe' },
  'onedrive.exe': { fileVersion: '24.226.1110.0004', description: 'Microsoft OneDrive', product: 'Microsoft OneDrive', company: MS, originalFileName: 'OneDrive.exe' },
  'outlook.exe': { fileVersion: '16.0.18129.20158', description: 'Microsoft Outlook', product: 'Microsoft Outlook', company: MS, originalFileName: 'Outlook.exe' },
  'winword.exe': { fileVersion: '16.0.18129.20158', description: 'Microsoft Word', product: 'Microsoft Office', company: MS, originalFileName: 'WinWord.exe' },
  'excel.exe': { fileVersion: '16.0.18129.20158', description: 'Microsoft Excel', product: 'Microsoft Office', company: MS, originalFileName: 'Excel.exe' },
  'agent.exe': { fileVersion: '7.59.0', description: 'Datadog Agent', product: 'Datadog Agent', company: 'Datadog, Inc.', originalFileName: 'agent.exe' },
  'elastic-agent.exe': { fileVersion: '8.16.1', description: 'Elastic Agent', product: 'Elastic Agent', company: 'Elasticsearch, Inc.', originalFileName: 'elastic-agent.exe' },
  'splunkd.exe': { fileVersion: '9.3.2', description: 'splunk Application', product: 'splunk Application', company: 'Splunk Inc.', originalFileName: 'splunkd.exe' },
  'googleupdate.exe': { fileVersion: '1.3.36.372', description: 'Google Installer', product: 'Google Update', company: 'Google LLC', originalFileName: 'GoogleUpdate.exe' },
  'microsoftedgeupdate.exe': { fileVersion: '1.3.195.39', description: 'Microsoft Edge Update', product: 'Microsoft Edge Update', company: MS, originalFileName: 'MicrosoftEdgeUpdate.exe' },
  'teamviewer_service.exe': { fileVersion: '15.60.3', description: 'TeamViewer 15', product: 'TeamViewer', company: 'TeamViewer Germany GmbH', originalFileName: 'TeamViewer_Service.exe' },
  'anydesk.exe': { fileVersion: '8.1.0', description: 'AnyDesk', product: 'AnyDesk', company: 'AnyDesk Software GmbH', originalFileName: 'AnyDesk.exe' },
  'screenconnect.clientservice.exe': { fileVersion: '24.3.7.9067', description: 'ScreenConnect Client Service', product: 'ScreenConnect', company: 'ScreenConnect Software', originalFileName: 'ScreenConnect.ClientService.exe' },
  'dropbox.exe': { fileVersion: '214.4.5130', description: 'Dropbox', product: 'Dropbox', company: 'Dropbox, Inc.', originalFileName: 'Dropbox.exe' },
  'selfservice.exe': { fileVersion: '24.9.10.28', description: 'Citrix Workspace', product: 'Citrix Workspace', company: 'Citrix Systems, Inc.', originalFileName: 'SelfService.exe' },
  'sqlservr.exe': { fileVersion: '2022.160.4145.4', description: 'SQL Server Windows NT - 64 Bit', product: 'Microsoft SQL Server', company: MS, originalFileName: 'sqlservr.exe' },
  'w3wp.exe': win('IIS Worker Process', 'w3wp.exe'),
};

const UNKNOWN: PeInfo = { fileVersion: '?', description: '?', product: '?', company: '?', originalFileName: '?' };

export function baseName(image: string): string {
  const i = image.lastIndexOf('\\');
  return i < 0 ? image : image.slice(i + 1);
}

/** PE info for an image path; `peOverride` lets scenarios give implants their own (often empty) resources. */
export function peInfo(image: string): PeInfo {
  return PE[baseName(image).toLowerCase()] ?? UNKNOWN;
}

const hashCache = new Map<string, string>();

function hex(algo: string, text: string): string {
  return createHash(algo).update(text).digest('hex').toUpperCase();
}

/**
 * Sysmon's Hashes value for a binary, keyed by `identity` (file name plus version for catalogued binaries;
 * scenarios pass a per-implant identity so every implant build has its own hashes).
 */
export function hashesFor(identity: string): string {
  let h = hashCache.get(identity);
  if (h === undefined) {
    const key = `c2hunt-simulated-binary:${identity}`;
    h = `SHA1=${hex('sha1', key)},MD5=${hex('md5', key)},SHA256=${hex('sha256', key)},IMPHASH=${hex('md5', `imphash:${key}`)}`;
    hashCache.set(identity, h);
  }
  return h;
}

/** The hashes identity of a catalogued or unknown image. */
export function imageIdentity(image: string): string {
  const name = baseName(image).toLowerCase();
  const pe = PE[name];
  return pe === undefined ? image.toLowerCase() : `${name}@${pe.fileVersion}`;
}
