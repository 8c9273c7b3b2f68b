/**
 * DNS queries made by scripting hosts and living-off-the-land binaries. The list starts from the seed
 * detection's IsSuspiciousProcess set (powershell, pwsh, cmd, wscript, cscript, rundll32, regsvr32,
 * mshta, certutil, bitsadmin, curl, wget, msiexec, wmic, msbuild) plus other binaries that frameworks
 * use as implant hosts or downloaders (telemetry-realism.md §1.3: rundll32 spawnto, msbuild, installutil,
 * regasm/regsvcs, cmstp for Covenant-style launchers).
 */
import type { Event } from '../../events/event.js';
import { dnsQueryOf, type DnsQuery } from './fields.js';
import { registeredDomain } from './names.js';

export type ImageCategory = 'script-host' | 'shell' | 'lolbin' | 'downloader';

export const DEFAULT_LOLBINS: Readonly<Record<string, ImageCategory>> = {
  'powershell.exe': 'script-host',
  'pwsh.exe': 'script-host',
  'powershell_ise.exe': 'script-host',
  'wscript.exe': 'script-host',
  'cscript.exe': 'script-host',
  'mshta.exe': 'script-host',
  'cmd.exe': 'shell',
  'rundll32.exe': 'lolbin',
  'regsvr32.exe': 'lolbin',
  'msiexec.exe': 'lolbin',
  'wmic.exe': 'lolbin',
  'msbuild.exe': 'lolbin',
  'installutil.exe': 'lolbin',
  'regasm.exe': 'lolbin',
  'regsvcs.exe': 'lolbin',
  'cmstp.exe': 'lolbin',
  'hh.exe': 'lolbin',
  'odbcconf.exe': 'lolbin',
  'certutil.exe': 'downloader',
  'bitsadmin.exe': 'downloader',
  'curl.exe': 'downloader',
  'wget.exe': 'downloader',
};

/** File name of a Windows or POSIX path, lower-cased. */
export function imageBaseName(image: string): string {
  const cut = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
  return image.slice(cut + 1).toLowerCase();
}

export interface LolbinDnsResult {
  readonly host: string;
  readonly image: string;
  readonly category: ImageCategory;
  readonly domain: string;
  readonly queries: number;
  readonly failures: number;
  readonly names: readonly string[];
  readonly firstSeen: number;
  readonly lastSeen: number;
}

interface State {
  readonly host: string;
  readonly image: string;
  readonly category: ImageCategory;
  readonly domain: string;
  queries: number;
  failures: number;
  readonly names: Set<string>;
  first: number;
  last: number;
}

export class LolbinDnsAccumulator {
  private readonly groups = new Map<string, State>();
  private readonly list: ReadonlyMap<string, ImageCategory>;

  constructor(list: Readonly<Record<string, ImageCategory>> = DEFAULT_LOLBINS) {
    this.list = new Map(Object.entries(list).map(([k, v]) => [k.toLowerCase(), v]));
  }

  categoryOf(image: string): ImageCategory | undefined {
    return this.list.get(imageBaseName(image));
  }

  add(event: Event): void {
    const q = dnsQueryOf(event);
    if (q !== null) this.addQuery(q);
  }

  addQuery(q: Pick<DnsQuery, 'time' | 'host' | 'image' | 'name' | 'status'>): void {
    const category = this.categoryOf(q.image);
    if (category === undefined) return;
    const domain = registeredDomain(q.name);
    const key = `${q.host.toLowerCase()}\u0000${q.image.toLowerCase()}\u0000${domain}`;
    let s = this.groups.get(key);
    if (s === undefined) {
      s = { host: q.host, image: q.image, category, domain, queries: 0, failures: 0, names: new Set(), first: q.time, last: q.time };
      this.groups.set(key, s);
    }
    s.queries++;
    if (q.status !== '' && q.status !== '0') s.failures++;
    if (s.names.size < 16) s.names.add(q.name);
    s.first = Math.min(s.first, q.time);
    s.last = Math.max(s.last, q.time);
  }

  results(): LolbinDnsResult[] {
    const out = [...this.groups.values()].map((s) => ({
      host: s.host,
      image: s.image,
      category: s.category,
      domain: s.domain,
      queries: s.queries,
      failures: s.failures,
      names: [...s.names],
      firstSeen: s.first,
      lastSeen: s.last,
    }));
    const c = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return out.sort((a, b) => c(a.host, b.host) || c(a.image, b.image) || c(a.domain, b.domain));
  }
}
