/**
 * The estate: hosts (workstations and servers), their users, when they are powered on and logged on,
 * and the processes that exist before any source runs (services, logon shells).
 *
 * Everything here is computed up front from the seed and is small (a few records per host and day), so
 * generation can stream events host by host. Workstations boot in the morning and shut down in the
 * evening on working days; about a third are left on (locked overnight); servers run the whole window.
 * The window starts with a reboot of every always-on machine so that each process's creation is in
 * the data.
 */
import { Rng, hash32 } from './prng.js';
import { DAY, HOUR, MINUTE, SECOND, LocalClock } from './clock.js';
import { hashesFor, imageIdentity, peInfo, type PeInfo } from './images.js';

export const DOMAIN_NETBIOS = 'CORP';
export const DOMAIN_FQDN = 'corp.example';
/** The domain SID's sub-authorities (fixed; fictional). */
const DOMAIN_SID = 'S-1-5-21-1004336348-1177238915-682003330';

export interface Account {
  /** As Sysmon prints it: `CORP\jsmith`, `NT AUTHORITY\SYSTEM`. */
  readonly name: string;
  readonly sam: string;
  readonly domain: string;
  readonly sid: string;
}

export const SYSTEM: Account = { name: 'NT AUTHORITY\\SYSTEM', sam: 'SYSTEM', domain: 'NT AUTHORITY', sid: 'S-1-5-18' };
export const LOCAL_SERVICE: Account = { name: 'NT AUTHORITY\\LOCAL SERVICE', sam: 'LOCAL SERVICE', domain: 'NT AUTHORITY', sid: 'S-1-5-19' };
export const NETWORK_SERVICE: Account = { name: 'NT AUTHORITY\\NETWORK SERVICE', sam: 'NETWORK SERVICE', domain: 'NT AUTHORITY', sid: 'S-1-5-20' };

/** Well-known logon ids of the service accounts. */
const SERVICE_LOGON_IDS: Readonly<Record<string, number>> = { 'S-1-5-18': 0x3e7, 'S-1-5-19': 0x3e5, 'S-1-5-20': 0x3e4 };

export interface User extends Account {
  readonly display: string;
  readonly isAdmin: boolean;
}

export type ServerRole = 'soc' | 'dc' | 'app' | 'sql' | 'file' | 'web' | 'mgmt';
export type Browser = 'chrome' | 'edge' | 'firefox';

export interface HostSoftware {
  readonly browser: Browser;
  readonly slack: boolean;
  readonly zoom: boolean;
  readonly dropbox: boolean;
  readonly citrix: boolean;
  readonly teamviewer: boolean;
  readonly anydesk: boolean;
}

export interface Host {
  readonly index: number;
  /** Short NetBIOS-style name, e.g. `WKS-004`, `SOC01`. */
  readonly name: string;
  /** Computer as Windows writes it (FQDN). */
  readonly fqdn: string;
  readonly kind: 'workstation' | 'server';
  readonly role: ServerRole | 'workstation';
  readonly ip: string;
  /** First group of every ProcessGuid Sysmon writes on this machine. */
  readonly machineId: string;
  readonly user: User | null;
  readonly alwaysOn: boolean;
  readonly software: HostSoftware;
  readonly sessions: readonly Session[];
}

/** A span when a person is at the keyboard (office hours, minus lunch). */
export interface ActiveWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface Logon {
  readonly startMs: number;
  readonly endMs: number;
  readonly user: User;
  readonly logonId: number;
  readonly logonGuid: string;
  readonly terminalSessionId: number;
  readonly userinit: Proc;
  readonly explorer: Proc;
  readonly active: readonly ActiveWindow[];
}

/** What a process inherits from the logon it runs in. */
export type LogonIdentity = Pick<Logon, 'user' | 'logonId' | 'logonGuid' | 'terminalSessionId'>;

export interface Proc {
  readonly guid: string;
  readonly pid: number;
  /** A thread of the process, for events whose System/Execution names it (PowerShell 4104). */
  readonly tid: number;
  readonly image: string;
  readonly commandLine: string;
  readonly currentDirectory: string;
  readonly account: Account;
  readonly logonGuid: string;
  readonly logonId: number;
  readonly terminalSessionId: number;
  readonly integrity: 'System' | 'High' | 'Medium' | 'Low';
  readonly parent: Proc | null;
  readonly startMs: number;
  readonly pe: PeInfo;
  readonly hashes: string;
}

export interface SpawnSpec {
  readonly image: string;
  readonly commandLine: string;
  readonly currentDirectory?: string;
  readonly account?: Account;
  readonly integrity?: Proc['integrity'];
  /** Hash identity override (implants get their own hashes). */
  readonly hashIdentity?: string;
  readonly pe?: PeInfo;
}

/** Services started at boot that several sources share (EID 1 written by the boot source). */
export const BOOT_SERVICES = {
  dcomlaunch: { cmd: '-k DcomLaunch -p', account: SYSTEM },
  schedule: { cmd: '-k netsvcs -p -s Schedule', account: SYSTEM },
  gpsvc: { cmd: '-k netsvcs -p -s gpsvc', account: SYSTEM },
  wuauserv: { cmd: '-k netsvcs -p -s wuauserv', account: SYSTEM },
  diagtrack: { cmd: '-k utcsvc -p', account: SYSTEM },
  cryptsvc: { cmd: '-k NetworkService -p -s CryptSvc', account: NETWORK_SERVICE },
  nlasvc: { cmd: '-k NetworkService -p -s NlaSvc', account: NETWORK_SERVICE },
  termservice: { cmd: '-k NetworkService -s TermService', account: NETWORK_SERVICE },
  w32time: { cmd: '-k LocalService -s W32Time', account: LOCAL_SERVICE },
} as const;
export type BootService = keyof typeof BOOT_SERVICES;

export const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
export const DEFENDER_IMAGE = 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe';

/** One power-on span of a host, with its process-id allocator and the processes that exist from boot. */
export class Session {
  readonly services: Proc;
  readonly winlogon: Proc;
  readonly lsassPid: number;
  readonly sysmonPid: number;
  readonly sysmonTids: readonly number[];
  readonly bootServices: Readonly<Record<BootService, Proc>>;
  readonly defender: Proc;
  readonly logons: Logon[] = [];
  private pidCounter = 0;
  private guidCounter: number;
  private portCounter: number;

  constructor(
    readonly host: Omit<Host, 'sessions'>,
    readonly index: number,
    readonly bootMs: number,
    readonly endMs: number,
    rng: Rng,
  ) {
    this.guidCounter = rng.int(0x0100, 0x7fff);
    this.portCounter = rng.int(0, 16383);
    // Processes that start before Sysmon's service: referenced as parents, never logged themselves.
    this.services = this.spawn({ image: 'C:\\Windows\\System32\\services.exe', commandLine: 'C:\\Windows\\system32\\services.exe' }, bootMs - 8 * SECOND, null);
    this.winlogon = this.spawn({ image: 'C:\\Windows\\System32\\winlogon.exe', commandLine: 'winlogon.exe' }, bootMs - 9 * SECOND, null);
    this.lsassPid = this.allocPid();
    this.sysmonPid = this.allocPid();
    this.sysmonTids = [this.allocPid() + 4, this.allocPid() + 4, this.allocPid() + 4];
    const svc = {} as Record<BootService, Proc>;
    let offset = 2 * SECOND;
    for (const [name, def] of Object.entries(BOOT_SERVICES) as [BootService, (typeof BOOT_SERVICES)[BootService]][]) {
      offset += rng.int(80, 900);
      svc[name] = this.spawn(
        { image: SVCHOST, commandLine: `C:\\Windows\\system32\\svchost.exe ${def.cmd}`, account: def.account },
        bootMs + offset,
        this.services,
      );
    }
    this.bootServices = svc;
    this.defender = this.spawn(
      { image: DEFENDER_IMAGE, commandLine: `"${DEFENDER_IMAGE}"`, currentDirectory: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\' },
      bootMs + offset + rng.int(500, 3000),
      this.services,
    );
  }

  /**
   * Process ids: Windows hands out multiples of 4 and reuses them; here a per-boot counter runs through a
   * fixed permutation of 16,000 slots, so ids look scattered yet never repeat within a boot.
   */
  allocPid(): number {
    const n = this.pidCounter++;
    const slot = (n * 7919 + (hash32(this.host.name) % 16000)) % 16000;
    return 4 * (64 + slot);
  }

  /** Windows' dynamic port range 49152–65535, handed out nearly sequentially. */
  nextSourcePort(rng: Rng): number {
    this.portCounter = (this.portCounter + 1 + (rng.chance(0.2) ? rng.int(1, 6) : 0)) % 16384;
    return 49152 + this.portCounter;
  }

  /** Sysmon's ProcessGuid: machine id, process creation time (low then high 16 bits), a counter, boot tag. */
  private processGuid(startMs: number): string {
    const secs = Math.floor(startMs / 1000) >>> 0;
    const lo = (secs & 0xffff).toString(16).padStart(4, '0');
    const hi = (secs >>> 16).toString(16).padStart(4, '0');
    this.guidCounter = (this.guidCounter + 1) & 0xffff;
    const ctr = this.guidCounter.toString(16).padStart(4, '0');
    const boot = ((this.index + 7) & 0xff).toString(16).padStart(2, '0');
    return `{${this.host.machineId}-${lo}-${hi}-${ctr}-00000000${boot}00}`;
  }

  /** LogonGuid: machine id, logon time, then the logon id's bytes little-endian (as in real samples). */
  logonGuidFor(logonId: number, atMs: number): string {
    const secs = Math.floor(atMs / 1000) >>> 0;
    const lo = (secs & 0xffff).toString(16).padStart(4, '0');
    const hi = (secs >>> 16).toString(16).padStart(4, '0');
    let le = '';
    let v = logonId;
    for (let i = 0; i < 8; i++) {
      le += (v & 0xff).toString(16).padStart(2, '0');
      v = Math.floor(v / 256);
    }
    return `{${this.host.machineId}-${lo}-${hi}-${le.slice(0, 4)}-${le.slice(4)}}`;
  }

  /** Create a process (no event is written here; sources write EID 1 with `processCreate`). */
  spawn(spec: SpawnSpec, atMs: number, parent: Proc | null, logon?: LogonIdentity): Proc {
    const account = spec.account ?? logon?.user ?? SYSTEM;
    const serviceLogon = SERVICE_LOGON_IDS[account.sid];
    const logonId = serviceLogon ?? logon?.logonId ?? 0x3e7;
    const integrity = spec.integrity ?? (serviceLogon !== undefined ? 'System' : 'Medium');
    const pid = this.allocPid();
    return {
      guid: this.processGuid(atMs),
      pid,
      tid: this.allocPid() + 4 * ((pid >> 2) % 3),
      image: spec.image,
      commandLine: spec.commandLine,
      currentDirectory:
        spec.currentDirectory ?? (logon !== undefined && serviceLogon === undefined ? `C:\\Users\\${logon.user.sam}\\` : 'C:\\Windows\\system32\\'),
      account,
      logonGuid:
        serviceLogon !== undefined || logon === undefined ? this.logonGuidFor(logonId, this.bootMs - 10 * SECOND) : logon.logonGuid,
      logonId,
      terminalSessionId: serviceLogon !== undefined || logon === undefined ? 0 : logon.terminalSessionId,
      integrity,
      parent,
      startMs: atMs,
      pe: spec.pe ?? peInfo(spec.image),
      hashes: hashesFor(spec.hashIdentity ?? imageIdentity(spec.image)),
    };
  }
}

const FIRST = ['james', 'maria', 'li', 'fatima', 'oliver', 'sofia', 'noah', 'amara', 'lukas', 'chen', 'priya', 'mateo', 'hana', 'david', 'ines', 'omar', 'zoe', 'ivan', 'nadia', 'kofi', 'elena', 'sam', 'yuki', 'aisha'];
const LAST = ['smith', 'garcia', 'wang', 'khan', 'brown', 'rossi', 'mueller', 'okafor', 'novak', 'kim', 'patel', 'silva', 'sato', 'cohen', 'dubois', 'haddad', 'jensen', 'petrov', 'ali', 'mensah', 'costa', 'lee', 'tanaka', 'nguyen'];

const SERVER_ROLES: readonly ServerRole[] = ['soc', 'dc', 'app', 'sql', 'file', 'web', 'mgmt'];

export interface EstateOptions {
  readonly seed: number;
  readonly hosts: number;
  readonly days: number;
  readonly startMs: number;
  readonly utcOffsetMinutes: number;
}

export interface Estate extends EstateOptions {
  readonly hostList: readonly Host[];
  readonly endMs: number;
  readonly clock: LocalClock;
  /** The domain controller's address (a destination even when the DC is not among the simulated hosts). */
  readonly dcIp: string;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Users' at-keyboard windows within a logon on working days: from settling in to leaving, minus lunch. */
function activeWindows(rng: Rng, clock: LocalClock, fromMs: number, toMs: number, workdayBounds: (day: number) => [number, number] | null): ActiveWindow[] {
  const out: ActiveWindow[] = [];
  for (let day = clock.dayStart(fromMs); day < toMs; day += DAY) {
    const bounds = workdayBounds(day);
    if (bounds === null) continue;
    const start = Math.max(fromMs, bounds[0]) + rng.int(30, 240) * SECOND;
    const end = Math.min(toMs, bounds[1]) - rng.int(10, 120) * SECOND;
    if (end <= start) continue;
    if (rng.chance(0.8)) {
      const lunchStart = clock.at(day, clamp(rng.normal(12.1, 0.3), 11.4, 13.2));
      const lunchEnd = lunchStart + rng.int(25, 65) * MINUTE;
      if (lunchStart > start && lunchEnd < end) {
        out.push({ startMs: start, endMs: lunchStart }, { startMs: lunchEnd, endMs: end });
        continue;
      }
    }
    out.push({ startMs: start, endMs: end });
  }
  return out;
}

function makeLogon(session: Session, rng: Rng, user: User, startMs: number, endMs: number, active: ActiveWindow[], terminalSessionId: number): Logon {
  const logonId = rng.int(0x100000, 0xffffff);
  const logonGuid = session.logonGuidFor(logonId, startMs);
  const partial: LogonIdentity = { user, logonId, logonGuid, terminalSessionId };
  const userinit = session.spawn(
    { image: 'C:\\Windows\\System32\\userinit.exe', commandLine: 'C:\\Windows\\system32\\userinit.exe', currentDirectory: 'C:\\Windows\\system32\\' },
    startMs,
    session.winlogon,
    partial,
  );
  const explorer = session.spawn(
    { image: 'C:\\Windows\\explorer.exe', commandLine: 'C:\\Windows\\Explorer.EXE', currentDirectory: 'C:\\Windows\\system32\\' },
    startMs + rng.int(400, 2500),
    userinit,
    partial,
  );
  return { startMs, endMs, user, logonId, logonGuid, terminalSessionId, userinit, explorer, active };
}

export function buildEstate(options: EstateOptions): Estate {
  const { seed, hosts: n, days, startMs, utcOffsetMinutes } = options;
  const clock = new LocalClock(utcOffsetMinutes);
  const endMs = startMs + days * DAY;
  const rng = Rng.of(seed, 'estate');
  const servers = n <= 1 ? 0 : Math.max(1, Math.round(n * 0.2));
  const usedNames = new Set<string>();
  const hostList: Host[] = [];
  const roleCount: Record<string, number> = {};

  for (let i = 0; i < n; i++) {
    const hr = rng.fork('host', i);
    const isServer = i < servers;
    const role: Host['role'] = isServer ? (SERVER_ROLES[i % SERVER_ROLES.length] as ServerRole) : 'workstation';
    roleCount[role] = (roleCount[role] ?? 0) + 1;
    const name = isServer
      ? `${role.toUpperCase()}${String(roleCount[role]).padStart(2, '0')}`
      : `WKS-${String(i - servers + 1).padStart(3, '0')}`;
    const ip = isServer ? `10.20.0.${40 + i}` : `10.20.${1 + Math.floor((i - servers) / 250)}.${10 + ((i - servers) % 250)}`;
    let user: User | null = null;
    if (!isServer) {
      let sam: string;
      let first: string;
      let last: string;
      do {
        first = hr.pick(FIRST);
        last = hr.pick(LAST);
        sam = `${first[0]}${last}`;
        if (usedNames.has(sam)) sam = `${first}.${last}${hr.int(1, 99)}`;
      } while (usedNames.has(sam));
      usedNames.add(sam);
      user = {
        name: `${DOMAIN_NETBIOS}\\${sam}`,
        sam,
        domain: DOMAIN_NETBIOS,
        sid: `${DOMAIN_SID}-${1100 + i}`,
        display: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
        // The first workstation belongs to IT: admin PowerShell and elevated tools come from there.
        isAdmin: i === servers,
      };
    }
    // Optional software is random, except that the first workstations carry one each, so that even a
    // small estate has every benign category.
    const w = isServer ? -1 : i - servers;
    const software: HostSoftware = {
      browser: hr.weighted<Browser>(['chrome', 'edge', 'firefox'], (b) => (b === 'chrome' ? 0.6 : b === 'edge' ? 0.3 : 0.1)),
      slack: hr.chance(0.5),
      zoom: hr.chance(0.6),
      dropbox: hr.chance(0.25) || w === 1,
      citrix: hr.chance(0.3) || w === 2,
      teamviewer: hr.chance(0.2) || w === 1,
      anydesk: hr.chance(0.1) || w === 3,
    };
    const base = {
      index: i,
      name,
      fqdn: `${name}.${DOMAIN_FQDN}`,
      kind: isServer ? ('server' as const) : ('workstation' as const),
      role,
      ip,
      machineId: hr.hex(8),
      user,
      alwaysOn: isServer || hr.chance(0.3),
      software,
    };
    const sessions: Session[] = [];
    const sr = hr.fork('schedule');
    const workday = (r: Rng) => (day: number): [number, number] | null => {
      if (clock.isWeekend(day + 12 * HOUR)) return null;
      const s = clock.at(day, clamp(r.normal(8.1, 0.55), 6.8, 10.5));
      const e = clock.at(day, clamp(r.normal(17.6, 0.8), 15.5, 21));
      return [s, e];
    };
    if (base.alwaysOn) {
      const boot = startMs + sr.int(5, 90) * SECOND;
      const session = new Session(base, 0, boot, endMs, sr.fork('session', 0));
      if (user !== null) {
        const lr = sr.fork('logon', 0);
        const at = boot + lr.int(40, 180) * SECOND;
        const active = activeWindows(lr, clock, at, endMs, workday(lr.fork('days')));
        session.logons.push(makeLogon(session, lr, user, at, endMs, active, 1));
      }
      sessions.push(session);
    } else {
      let index = 0;
      for (let day = clock.dayStart(startMs); day < endMs; day += DAY) {
        const dr = sr.fork('day', day);
        const bounds = workday(dr)(day);
        if (bounds === null) continue;
        // Absent (leave, sickness) about one working day in seventeen, never on the first day.
        if (day > clock.dayStart(startMs) && dr.chance(0.06)) continue;
        let boot = bounds[0] - dr.int(2, 15) * MINUTE;
        const shutdown = Math.min(endMs, bounds[1] + dr.int(1, 10) * MINUTE);
        if (shutdown <= startMs) continue;
        if (boot < startMs) boot = startMs + dr.int(5, 90) * SECOND;
        if (shutdown - boot < 30 * MINUTE) continue;
        const session = new Session(base, index, boot, shutdown, dr.fork('session'));
        const lr = dr.fork('logon');
        const at = boot + lr.int(40, 240) * SECOND;
        const logoff = shutdown - lr.int(5, 60) * SECOND;
        const active = activeWindows(lr, clock, at, logoff, () => [at, logoff]);
        session.logons.push(makeLogon(session, lr, user as User, at, logoff, active, 1));
        sessions.push(session);
        index++;
      }
    }
    hostList.push({ ...base, sessions });
  }
  return { ...options, hostList, endMs, clock, dcIp: '10.20.0.10' };
}

/** All at-keyboard windows of a host, in time order, with their logon and session. */
export function activeSpans(host: Host): { session: Session; logon: Logon; window: ActiveWindow }[] {
  const out: { session: Session; logon: Logon; window: ActiveWindow }[] = [];
  for (const session of host.sessions) for (const logon of session.logons) for (const w of logon.active) out.push({ session, logon, window: w });
  return out;
}

/** The session and logon covering `t`, if any. */
export function sessionAt(host: Host, t: number): { session: Session; logon: Logon | undefined } | null {
  for (const session of host.sessions) {
    if (t >= session.bootMs && t < session.endMs) {
      return { session, logon: session.logons.find((l) => t >= l.startMs && t < l.endMs) };
    }
  }
  return null;
}
