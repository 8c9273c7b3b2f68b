/**
 * What the simulator generates before any writer renders it: one `SimEvent` per Windows event, with its
 * EventData in schema order, its System-block values, its write time, and the ground-truth label.
 */

export type ChannelId = 'sysmon' | 'security' | 'powershell';

export const CHANNEL_NAMES: Readonly<Record<ChannelId, string>> = {
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  security: 'Security',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
};

/** File stem per channel in the output layout (events/<host>/<stem>.<ext>). */
export const CHANNEL_FILES: Readonly<Record<ChannelId, string>> = {
  sysmon: 'sysmon',
  security: 'security',
  powershell: 'powershell',
};

/**
 * The five false-positive sources the seed lists, verbatim, plus the other benign categories the
 * simulator produces. Category ids are what labels carry.
 */
export const SEED_FALSE_POSITIVE_CATEGORIES = {
  'monitoring-agent':
    'Monitoring and telemetry agents making regular check-ins at consistent intervals to cloud-hosted backends not covered by the domain exclusion list',
  'software-updater': 'Software update services using non-browser processes with predictable polling schedules',
  'enterprise-heartbeat': 'Enterprise applications maintaining heartbeat connections to vendor cloud infrastructure',
  'threat-intel-update': 'Security tools with consistent threat intel update cycles using curl.exe or PowerShell',
  'remote-management': 'Remote management tools maintaining persistent management connections from non-browser processes',
} as const;

export const OTHER_BENIGN_CATEGORIES = {
  browser: 'Web browsers driven by people during office hours',
  collaboration: 'Teams, Slack, Zoom and OneDrive',
  'windows-update': 'Windows Update, certificate trust lists and Microsoft Defender updates to Microsoft domains',
  'office-activity': 'Office-hours human activity: Office, Outlook, SmartScreen, admin tools',
  'windows-background': 'Operating-system background: boot and logon processes, NTP, connectivity probes, diagnostic data, directory traffic, inbound RDP',
} as const;

export type BenignCategory = keyof typeof SEED_FALSE_POSITIVE_CATEGORIES | keyof typeof OTHER_BENIGN_CATEGORIES;

export const BENIGN_CATEGORIES: Readonly<Record<BenignCategory, string>> = {
  ...SEED_FALSE_POSITIVE_CATEGORIES,
  ...OTHER_BENIGN_CATEGORIES,
};

export interface BenignLabel {
  readonly kind: 'benign';
  readonly category: BenignCategory;
  /** The benign source, e.g. `datadog-agent`. */
  readonly source: string;
}

export interface AttackLabel {
  readonly kind: 'attack';
  readonly scenario: string;
  /** The scenario's step, e.g. `callback`, `dns-query`, `task-created`. */
  readonly step: string;
}

export type Label = BenignLabel | AttackLabel;

/** Stable text id of what a label belongs to (source or scenario, without the step). */
export function labelOwner(label: Label): string {
  return label.kind === 'benign' ? `benign:${label.category}:${label.source}` : `attack:${label.scenario}`;
}

/** Where a network event points, for the per-entity ground truth (not written into the event). */
export interface EntityHint {
  /** The name the process resolved (or the tunnel zone), when the destination came from DNS. */
  readonly domain?: string;
}

export interface SimEvent {
  /** Computer (FQDN). */
  readonly computer: string;
  readonly channel: ChannelId;
  readonly eventId: number;
  /** Activity time, epoch ms (Sysmon UtcTime). */
  readonly utcMs: number;
  /** Log-write time (TimeCreated), epoch µs; never before utcMs. */
  readonly createdUs: number;
  /** EventData in schema order; every value is a string, `-` when empty where Sysmon writes `-`. */
  readonly data: Readonly<Record<string, string>>;
  /** System/Execution ProcessID and ThreadID. */
  readonly execPid: number;
  readonly execTid: number;
  /** System/Security UserID, or null for `<Security/>`. */
  readonly userSid: string | null;
  /** Optional System/Correlation ActivityID (PowerShell). */
  readonly activityId?: string;
  /** System/Level when it differs from the schema's (PowerShell marks suspicious blocks Warning = 3). */
  readonly level?: number;
  readonly label: Label;
  readonly entity?: EntityHint;
  /** Image for the ground truth when the event has no Image field (4104, 4698): the acting process. */
  readonly actorImage?: string;
}
