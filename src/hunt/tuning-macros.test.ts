import { describe, expect, it } from 'vitest';
import { runSpl } from '../engine/run-spl.js';
import { parseMacros } from '../engine/macros.js';
import { createEvent, type Event } from '../events/event.js';
import type { MacroTable } from '../spl/macros.js';
import { EMPTY_CONFIG, parseTuningConfig } from './config.js';
import { effectiveMacros } from './hunt.js';
import { loadPack } from './pack-adapter.js';
import {
  asMacroTable,
  domainTerms,
  extendFilter,
  formatMacrosConf,
  formatMacrosYaml,
  hostTerms,
  ipTerms,
  processTerms,
  splQuote,
  thresholdNames,
  tuningMacros,
} from './tuning-macros.js';

const PACK = parseMacros(
  [
    'c2hunt_ip_allowlist: search *',
    'c2hunt_process_allowlist: search NOT Image="*\\\\chrome.exe"',
    '"c2hunt_domain_allowlist(1)":',
    '  args: [field]',
    '  definition: search NOT $field$="*.microsoft.com"',
    'c2hunt_beacon_min_checkins: "4"',
    'c2hunt_beacon_min_score: "0.5"',
    'c2hunt_sysmon: index=wineventlog',
  ].join('\n'),
  'macros.yml',
);

function ev(fields: Record<string, string>): Event {
  return Object.assign(createEvent(), fields);
}

/** Run `search * | <filter>` over the events and return one field of what is kept. */
async function kept(filter: string, events: Event[], field: string, macros?: MacroTable): Promise<string[]> {
  const { rows } = await runSpl(`search * | ${filter}`, [events], { macros });
  return rows.map((r) => String(r[field]));
}

describe('profiles (the bundled pack\'s macros, as the runner layers them)', () => {
  // 172.31.255.255 is the last address of 172.16.0.0/12, 172.32.0.1 the first outside it;
  // 0:0:0:0:0:0:0:1 is ::1 written out, as the seed lists it.
  const ips = ['10.9.9.9', '172.31.255.255', '172.32.0.1', '192.168.1.1', '127.0.0.1', '::1', '0:0:0:0:0:0:0:1', '169.254.1.1', 'fd00::5', '203.0.113.5', '-'];
  const events = () => ips.map((ip) => ev({ DestinationIp: ip }));

  it('enterprise leaves out private, loopback and link-local destinations, as the seed does', async () => {
    const macros = asMacroTable(effectiveMacros(loadPack(), EMPTY_CONFIG, 'enterprise'));
    expect(await kept('`c2hunt_dest_exclusions`', events(), 'DestinationIp', macros)).toEqual(['172.32.0.1', '203.0.113.5', '-']);
  });

  it('lab keeps them all; a config CIDR allowlist still applies in lab', async () => {
    const lab = asMacroTable(effectiveMacros(loadPack(), EMPTY_CONFIG, 'lab'));
    expect(await kept('`c2hunt_dest_exclusions`', events(), 'DestinationIp', lab)).toEqual(ips);
    const config = parseTuningConfig('allowlist:\n  cidrs: [127.0.0.0/8]\n', 'c.yml');
    const tuned = asMacroTable(effectiveMacros(loadPack(), config, 'lab'));
    expect(await kept('`c2hunt_dest_exclusions` | `c2hunt_ip_allowlist`', events(), 'DestinationIp', tuned)).toEqual(ips.filter((ip) => ip !== '127.0.0.1'));
  });
});

describe('allowlist terms', () => {
  it('quotes values for SPL: backslash and quote escaped, * kept', () => {
    expect(splQuote('C:\\a "b"\\*.exe')).toBe('"C:\\\\a \\"b\\"\\\\*.exe"');
  });

  it('domains match the name and its subdomains in the field the detection names', async () => {
    const def = extendFilter(undefined, domainTerms(['corp.example', '*.cdn.test']));
    expect(def).toBe('search NOT ($field$="corp.example" OR $field$="*.corp.example" OR $field$="*.cdn.test")');
    const macros = new Map([['allow(1)', { name: 'allow', args: ['field'], definition: def }]]);
    const names = ['corp.example', 'A.Corp.Example', 'notcorp.example', 'cdn.test', 'x.cdn.test', 'evil.test'];
    expect(await kept('`allow(QueryName)`', names.map((n) => ev({ QueryName: n })), 'QueryName', macros)).toEqual(['notcorp.example', 'cdn.test', 'evil.test']);
  });

  it('processes: a full path exactly, a file name in any directory (case-insensitive)', async () => {
    const def = extendFilter(undefined, processTerms(['C:\\Program Files\\Agent\\agent.exe', 'splunkd.exe']));
    expect(def).toBe('search NOT (Image="C:\\\\Program Files\\\\Agent\\\\agent.exe" OR Image="*\\\\splunkd.exe")');
    const images = ['C:\\Program Files\\Agent\\agent.exe', 'C:\\Temp\\agent.exe', 'D:\\x\\SPLUNKD.EXE', 'C:\\x\\notsplunkd.exe'];
    expect(await kept(def, images.map((i) => ev({ Image: i })), 'Image')).toEqual(['C:\\Temp\\agent.exe', 'C:\\x\\notsplunkd.exe']);
  });

  it('hosts: a short name also matches its FQDN; CIDRs match by range', async () => {
    const def = extendFilter(undefined, hostTerms(['SOC01', 'web01.corp.example']));
    expect(def).toBe('search NOT (host="SOC01" OR host="SOC01.*" OR host="web01.corp.example")');
    const hosts = ['SOC01', 'soc01.corp.example', 'SOC011', 'web01.corp.example', 'web01'];
    expect(await kept(def, hosts.map((h) => ev({ host: h })), 'host')).toEqual(['SOC011', 'web01']);
    expect(ipTerms(['198.18.0.0/15'])).toEqual(['DestinationIp="198.18.0.0/15"']);
  });

  it('extends a default filter, replaces a pass-all default, keeps the default when there is nothing to add', () => {
    expect(extendFilter('search NOT Image="*\\\\chrome.exe"', ['host="a"'])).toBe('search NOT Image="*\\\\chrome.exe"\n| search NOT (host="a")');
    expect(extendFilter('search *', ['host="a"'])).toBe('search NOT (host="a")');
    expect(extendFilter('search NOT x=1', [])).toBe('search NOT x=1');
    expect(extendFilter(undefined, [])).toBe('search *');
  });
});

describe('the effective macro table', () => {
  it('thresholds are the pack\'s numeric c2hunt_ macros', () => {
    expect(thresholdNames(PACK)).toEqual(['beacon_min_checkins', 'beacon_min_score']);
  });

  it('pack < config allowlists and thresholds < raw overrides; allowlists add to the defaults', async () => {
    const config = parseTuningConfig(
      [
        'allowlist:',
        '  hosts: [SOC01]',
        '  processes: [agent.exe]',
        '  domains: [corp.example]',
        'thresholds:',
        '  beacon_min_checkins: 6',
        'macros:',
        '  c2hunt_sysmon: index=main',
      ].join('\n'),
      'c.yml',
    );
    const m = tuningMacros(PACK, config);
    expect(m.get('c2hunt_beacon_min_score')).toMatchObject({ definition: '0.5', origin: 'pack' });
    expect(m.get('c2hunt_beacon_min_checkins')).toMatchObject({ definition: '6', origin: 'config' });
    expect(m.get('c2hunt_ip_allowlist')).toMatchObject({ definition: 'search *', origin: 'pack' });
    expect(m.get('c2hunt_host_allowlist')).toMatchObject({ definition: 'search NOT (host="SOC01" OR host="SOC01.*")', origin: 'config' });
    expect(m.get('c2hunt_process_allowlist')).toMatchObject({
      definition: 'search NOT Image="*\\\\chrome.exe"\n| search NOT (Image="*\\\\agent.exe")',
      origin: 'config',
    });
    expect(m.get('c2hunt_domain_allowlist(1)')).toMatchObject({
      args: ['field'],
      definition: 'search NOT $field$="*.microsoft.com"\n| search NOT ($field$="corp.example" OR $field$="*.corp.example")',
    });
    expect(m.get('c2hunt_sysmon')).toMatchObject({ definition: 'index=main', origin: 'config' });
    // Both the default and the config's entry apply when the macros run.
    const images = ['C:\\a\\chrome.exe', 'C:\\b\\agent.exe', 'C:\\c\\beacon.exe'];
    expect(await kept('`c2hunt_process_allowlist`', images.map((i) => ev({ Image: i })), 'Image', asMacroTable(m))).toEqual(['C:\\c\\beacon.exe']);
  });

  it('prints macros.conf stanzas in name order, and YAML that parseMacros reads back to the same table', () => {
    const m = tuningMacros(PACK, parseTuningConfig('allowlist:\n  hosts: [A]\n', 'c.yml'));
    const conf = formatMacrosConf(m, ['header']);
    expect(conf.startsWith('# header\n')).toBe(true);
    const stanzas = [...conf.matchAll(/^\[([^\]]+)\]$/gm)].map((x) => x[1]);
    expect(stanzas).toEqual([
      'c2hunt_beacon_min_checkins',
      'c2hunt_beacon_min_score',
      'c2hunt_domain_allowlist(1)',
      'c2hunt_host_allowlist',
      'c2hunt_ip_allowlist',
      'c2hunt_process_allowlist',
      'c2hunt_sysmon',
    ]);
    expect(conf).toContain('[c2hunt_beacon_min_checkins]\ndefinition = 4\niseval = 0\n');
    // A macro with arguments names them; a line break continues with a backslash.
    expect(conf).toContain('[c2hunt_domain_allowlist(1)]\nargs = field\ndefinition = search NOT $field$="*.microsoft.com"\n');
    expect(conf).toContain('definition = search NOT Image="*\\\\chrome.exe"\niseval');
    const back = parseMacros(formatMacrosYaml(m), 'printed.yml');
    expect(new Map([...back].map(([k, v]) => [k, v.definition]))).toEqual(new Map([...asMacroTable(m)].map(([k, v]) => [k, v.definition])));
  });
});
