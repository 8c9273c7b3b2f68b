/**
 * Profiles and the config become macro definitions; the definitions are checked as text (what exports
 * to Splunk) and by running them through the engine on events chosen to sit on either side of each rule.
 */
import { describe, expect, it } from 'vitest';
import { runSpl } from '../engine/run-spl.js';
import { parseMacros } from '../engine/macros.js';
import { createEvent, type Event } from '../events/event.js';
import { EMPTY_CONFIG, parseTuningConfig } from './config.js';
import {
  asMacroTable,
  destinationExclusions,
  domainAllowlist,
  formatMacrosConf,
  formatMacrosYaml,
  hostAllowlist,
  processAllowlist,
  splQuote,
  thresholdNames,
  tuningMacros,
} from './tuning-macros.js';

const PACK = parseMacros(
  [
    'c2hunt_dest_exclusions: ""',
    'c2hunt_domain_allowlist: ""',
    'c2hunt_beacon_min_connections: "10"',
    'c2hunt_beacon_max_ratio: "0.5"',
    'c2hunt_sysmon: index=wineventlog',
  ].join('\n'),
  'macros.yml',
);

function ev(fields: Record<string, string>): Event {
  return Object.assign(createEvent(), fields);
}

async function kept(definition: string, events: Event[], field: string): Promise<string[]> {
  const macros = new Map([['t', { name: 't', args: [], definition }]]);
  const { rows } = await runSpl('search `t`', [events], { macros });
  return rows.map((r) => String(r[field]));
}

describe('profiles', () => {
  it('enterprise leaves out the seed\'s private and loopback ranges (as CIDRs) plus link-local and IPv6 ULA', () => {
    expect(destinationExclusions('enterprise', [])).toBe(
      'NOT (DestinationIp="10.0.0.0/8" OR DestinationIp="172.16.0.0/12" OR DestinationIp="192.168.0.0/16" OR ' +
        'DestinationIp="127.0.0.0/8" OR DestinationIp="169.254.0.0/16" OR DestinationIp="::1/128" OR ' +
        'DestinationIp="fe80::/10" OR DestinationIp="fc00::/7")',
    );
  });

  it('lab keeps everything unless the config allowlists a range', () => {
    expect(destinationExclusions('lab', [])).toBe('');
    expect(destinationExclusions('lab', ['198.18.0.0/15'])).toBe('NOT (DestinationIp="198.18.0.0/15")');
  });

  it('the enterprise macro drops exactly the internal addresses when run', async () => {
    // 172.31.255.255 is the last address of 172.16.0.0/12, 172.32.0.1 the first outside it;
    // 0:0:0:0:0:0:0:1 is ::1 written out, as the seed lists it.
    const ips = ['10.9.9.9', '172.31.255.255', '172.32.0.1', '192.168.1.1', '127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '169.254.1.1', 'fd00::5', '203.0.113.5', '-'];
    const events = ips.map((ip) => ev({ DestinationIp: ip }));
    expect(await kept(destinationExclusions('enterprise', []), events, 'DestinationIp')).toEqual(['172.32.0.1', '203.0.113.5', '-']);
    expect(await kept(destinationExclusions('lab', []), events, 'DestinationIp')).toEqual(ips);
  });
});

describe('allowlist macros', () => {
  it('quotes values for SPL: backslash and quote escaped, * kept', () => {
    expect(splQuote('C:\\a "b"\\*.exe')).toBe('"C:\\\\a \\"b\\"\\\\*.exe"');
  });

  it('domains match the name and its subdomains in DestinationHostname and QueryName', async () => {
    const def = domainAllowlist(['corp.example', '*.cdn.test']);
    expect(def).toBe(
      'NOT (DestinationHostname="corp.example" OR DestinationHostname="*.corp.example" OR DestinationHostname="*.cdn.test" OR ' +
        'QueryName="corp.example" OR QueryName="*.corp.example" OR QueryName="*.cdn.test")',
    );
    const names = ['corp.example', 'A.Corp.Example', 'notcorp.example', 'cdn.test', 'x.cdn.test', 'evil.test'];
    expect(await kept(def, names.map((n) => ev({ DestinationHostname: n })), 'DestinationHostname')).toEqual(['notcorp.example', 'cdn.test', 'evil.test']);
    expect(await kept(def, names.map((n) => ev({ QueryName: n })), 'QueryName')).toEqual(['notcorp.example', 'cdn.test', 'evil.test']);
  });

  it('processes: a full path exactly, a file name in any directory (case-insensitive)', async () => {
    const def = processAllowlist(['C:\\Program Files\\Agent\\agent.exe', 'splunkd.exe']);
    expect(def).toBe('NOT (Image="C:\\\\Program Files\\\\Agent\\\\agent.exe" OR Image="*\\\\splunkd.exe")');
    const images = ['C:\\Program Files\\Agent\\agent.exe', 'C:\\Temp\\agent.exe', 'D:\\x\\SPLUNKD.EXE', 'C:\\x\\notsplunkd.exe'];
    expect(await kept(def, images.map((i) => ev({ Image: i })), 'Image')).toEqual(['C:\\Temp\\agent.exe', 'C:\\x\\notsplunkd.exe']);
  });

  it('hosts: a short name also matches its FQDN', async () => {
    const def = hostAllowlist(['SOC01', 'web01.corp.example']);
    expect(def).toBe('NOT (host="SOC01" OR host="SOC01.*" OR host="web01.corp.example")');
    const hosts = ['SOC01', 'soc01.corp.example', 'SOC011', 'web01.corp.example', 'web01'];
    expect(await kept(def, hosts.map((h) => ev({ host: h })), 'host')).toEqual(['SOC011', 'web01']);
  });

  it('empty lists give empty (no-op) definitions', () => {
    expect(domainAllowlist([])).toBe('');
    expect(processAllowlist([])).toBe('');
    expect(hostAllowlist([])).toBe('');
  });
});

describe('the effective macro table', () => {
  it('thresholds are the pack\'s numeric c2hunt_ macros', () => {
    expect(thresholdNames(PACK)).toEqual(['beacon_max_ratio', 'beacon_min_connections']);
  });

  it('pack defaults < profile < config allowlists and thresholds < raw overrides', () => {
    const config = parseTuningConfig(
      'allowlist:\n  hosts: [SOC01]\nthresholds:\n  beacon_min_connections: 25\nmacros:\n  c2hunt_domain_allowlist: NOT QueryName="*.lan"\n',
      'c.yml',
    );
    const m = tuningMacros(PACK, config, 'lab');
    expect(m.get('c2hunt_sysmon')).toMatchObject({ definition: 'index=wineventlog', origin: 'pack' });
    expect(m.get('c2hunt_dest_exclusions')).toMatchObject({ definition: '', origin: 'profile' });
    expect(m.get('c2hunt_host_allowlist')).toMatchObject({ definition: 'NOT (host="SOC01" OR host="SOC01.*")', origin: 'config' });
    expect(m.get('c2hunt_beacon_min_connections')).toMatchObject({ definition: '25', origin: 'config' });
    expect(m.get('c2hunt_beacon_max_ratio')).toMatchObject({ definition: '0.5', origin: 'pack' });
    // The raw override wins over the (empty) generated domain allowlist.
    expect(m.get('c2hunt_domain_allowlist')).toMatchObject({ definition: 'NOT QueryName="*.lan"', origin: 'config' });
    expect(asMacroTable(m).get('c2hunt_beacon_min_connections')?.definition).toBe('25');
  });

  it('prints macros.conf stanzas in name order, and YAML that parseMacros reads back to the same table', () => {
    const m = tuningMacros(PACK, EMPTY_CONFIG, 'enterprise');
    const conf = formatMacrosConf(m, ['header']);
    expect(conf.startsWith('# header\n')).toBe(true);
    const stanzas = [...conf.matchAll(/^\[([^\]]+)\]$/gm)].map((x) => x[1]);
    expect(stanzas).toEqual([
      'c2hunt_beacon_max_ratio',
      'c2hunt_beacon_min_connections',
      'c2hunt_dest_exclusions',
      'c2hunt_domain_allowlist',
      'c2hunt_host_allowlist',
      'c2hunt_process_allowlist',
      'c2hunt_sysmon',
    ]);
    expect(conf).toContain('[c2hunt_beacon_min_connections]\ndefinition = 10\niseval = 0\n');
    const back = parseMacros(formatMacrosYaml(m), 'printed.yml');
    expect(new Map([...back].map(([k, v]) => [k, v.definition]))).toEqual(new Map([...asMacroTable(m)].map(([k, v]) => [k, v.definition])));
  });
});
