/**
 * The tuning config's validation: every message a user can get, with the file, line and key path, and
 * what a valid file normalises to. Expected messages are the documented ones (docs/tuning.md).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { checkTuningConfig, parseTuningConfig } from './config.js';

const CONTEXT = { thresholds: ['beacon_min_connections', 'beacon_min_hours'], macros: ['c2hunt_dest_exclusions', 'c2hunt_beacon_min_hours'] };

function error(text: string, context = CONTEXT): string {
  try {
    parseTuningConfig(text, 'config.yml', context);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('tuning config: valid files', () => {
  it('normalises every list and keeps thresholds and macro overrides', () => {
    const c = parseTuningConfig(
      [
        'profile: lab',
        'allowlist:',
        '  domains: [Corp.Example., "*.datadoghq.com", bücher.example]',
        '  cidrs: [10.1.2.3/8, 192.0.2.7, "2001:DB8::1/32"]',
        "  processes: ['C:\\Program Files\\Agent\\agent.exe', splunkd.exe, C:/Tools/x.exe]",
        '  hosts: [SOC01, web01.corp.example]',
        'thresholds:',
        '  beacon_min_connections: 20',
        '  beacon_min_hours: 1.5',
        'macros:',
        '  c2hunt_dest_exclusions: NOT DestinationIp="198.18.0.0/15"',
      ].join('\n'),
      'config.yml',
      CONTEXT,
    );
    expect(c.profile).toBe('lab');
    // Lower-cased, trailing dot dropped; the IDN label becomes punycode (bücher → xn--bcher-kva).
    expect(c.allowlist.domains).toEqual(['corp.example', '*.datadoghq.com', 'xn--bcher-kva.example']);
    // A CIDR is reduced to its network (10.1.2.3/8 → 10.0.0.0/8); IPv6 is lower-cased and compressed.
    expect(c.allowlist.cidrs).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    // Forward slashes become backslashes.
    expect(c.allowlist.processes).toEqual(['C:\\Program Files\\Agent\\agent.exe', 'splunkd.exe', 'C:\\Tools\\x.exe']);
    expect(c.allowlist.hosts).toEqual(['SOC01', 'web01.corp.example']);
    expect(c.thresholds).toEqual({ beacon_min_connections: 20, beacon_min_hours: 1.5 });
    expect(c.macros).toEqual({ c2hunt_dest_exclusions: 'NOT DestinationIp="198.18.0.0/15"' });
  });

  it('an empty file, empty sections and a single string instead of a list are fine', () => {
    expect(parseTuningConfig('', 'c.yml').allowlist.domains).toEqual([]);
    expect(parseTuningConfig('allowlist:\n  domains:\nthresholds:\n', 'c.yml').thresholds).toEqual({});
    expect(parseTuningConfig('allowlist:\n  hosts: SOC01\n', 'c.yml').allowlist.hosts).toEqual(['SOC01']);
  });

  it('duplicates (case-insensitive) are kept once', () => {
    expect(parseTuningConfig('allowlist:\n  domains: [a.example, A.example]\n', 'c.yml').allowlist.domains).toEqual(['a.example']);
  });

  it('without a known threshold list, any lower-case name is accepted', () => {
    expect(parseTuningConfig('thresholds:\n  anything_9: 3\n', 'c.yml').thresholds).toEqual({ anything_9: 3 });
  });
});

describe('tuning config: every error names the file, line and key', () => {
  it('unknown keys suggest the key meant, at every level', () => {
    expect(error('allowlist:\n  domian: [a.example]\n')).toBe("config.yml:2: unknown key 'allowlist.domian' (did you mean 'domains'?)");
    expect(error('alowlist:\n  domains: []\n')).toBe("config.yml:1: unknown key 'alowlist' (did you mean 'allowlist'?)");
    expect(error('thresholds:\n  beacon_min_conections: 5\n')).toBe(
      "config.yml:2: unknown key 'thresholds.beacon_min_conections' (did you mean 'beacon_min_connections'?)",
    );
    expect(error('macros:\n  c2hunt_dest_exclusion: x\n')).toBe(
      "config.yml:2: unknown key 'macros.c2hunt_dest_exclusion' (did you mean 'c2hunt_dest_exclusions'?)",
    );
    // Nothing close: no suggestion.
    expect(error('zzzzzzzz: 1\n')).toBe("config.yml:1: unknown key 'zzzzzzzz'");
  });

  it('a key given twice', () => {
    expect(error('allowlist:\n  hosts: [a]\n  hosts: [b]\n')).toBe("config.yml:3: key 'allowlist.hosts' is given twice");
  });

  it('YAML syntax errors and a non-mapping root', () => {
    expect(error('allowlist: [unclosed\n')).toMatch(/^config\.yml:\d+: not valid YAML: /);
    expect(error('- a\n- b\n')).toBe('config.yml:1: the config must be a YAML mapping (keys: profile, allowlist, thresholds, macros)');
  });

  it('wrong shapes', () => {
    expect(error('allowlist: [a.example]\n')).toBe("config.yml:1: 'allowlist' must be a mapping (keys: domains, cidrs, processes, hosts)");
    expect(error('allowlist:\n  domains:\n    x: 1\n')).toBe("config.yml:3: 'allowlist.domains' must be a list of strings");
    expect(error('allowlist:\n  hosts: [[a]]\n')).toBe('config.yml:2: allowlist.hosts[0] must be a string');
    expect(error('allowlist:\n  hosts: ["  "]\n')).toBe('config.yml:2: allowlist.hosts[0] is empty');
    expect(error('allowlist:\n  processes: ["a\\u0007b.exe"]\n')).toBe('config.yml:2: allowlist.processes[0] contains a control character');
    expect(error('thresholds: 5\n')).toBe("config.yml:1: 'thresholds' must be a mapping of threshold names to numbers");
    expect(error('thresholds:\n  beacon_min_hours: two\n')).toBe("config.yml:2: 'thresholds.beacon_min_hours' must be a number of 0 or more");
    expect(error('thresholds:\n  beacon_min_hours: -1\n')).toBe("config.yml:2: 'thresholds.beacon_min_hours' must be a number of 0 or more");
    expect(error('macros: [a]\n')).toBe("config.yml:1: 'macros' must be a mapping of macro names to SPL definitions");
    expect(error('macros:\n  c2hunt_beacon_min_hours: 3\n')).toBe("config.yml:2: 'macros.c2hunt_beacon_min_hours' must be an SPL string");
  });

  it('a profile that does not exist', () => {
    expect(error('profile: labs\n')).toBe("config.yml:1: 'profile' must be one of enterprise, lab, got 'labs' (did you mean 'lab'?)");
    expect(error('profile: 3\n')).toBe("config.yml:1: 'profile' must be one of enterprise, lab, got a non-string");
  });

  it('bad entries', () => {
    expect(error('allowlist:\n  cidrs: [10.0.0.0/33]\n')).toBe(
      "config.yml:2: allowlist.cidrs[0]: '10.0.0.0/33' is not an IP address or CIDR range (e.g. 192.0.2.0/24, 2001:db8::/32)",
    );
    // Not four-part decimal: inet_aton would read 10.1 as 10.0.0.1, which nobody means in an allowlist.
    expect(error('allowlist:\n  cidrs: ["10.1"]\n')).toMatch(/allowlist\.cidrs\[0\]: '10\.1' is not an IP address/);
    expect(error('allowlist:\n  domains: [exa mple.com]\n')).toBe(
      "config.yml:2: allowlist.domains[0]: 'exa mple.com' is not a domain name (letters, digits, '-', '_', '.' and the wildcard '*')",
    );
    expect(error('allowlist:\n  domains: ["*"]\n')).toBe("config.yml:2: allowlist.domains[0]: '*' would allowlist every name");
    expect(error('allowlist:\n  domains: [co.uk]\n')).toBe(
      "config.yml:2: allowlist.domains[0]: 'co.uk' is a public suffix: it would allowlist every name under it",
    );
    expect(error('allowlist:\n  processes: ["*"]\n')).toBe("config.yml:2: allowlist.processes[0]: '*' would allowlist every process");
    expect(error('allowlist:\n  hosts: ["a b"]\n')).toBe(
      "config.yml:2: allowlist.hosts[0]: 'a b' is not a host name (letters, digits, '-', '_', '.' and the wildcard '*')",
    );
    expect(error('allowlist:\n  hosts: ["*"]\n')).toBe("config.yml:2: allowlist.hosts[0]: '*' would allowlist every host");
  });

  it('several problems: the first is thrown, the rest counted; checkTuningConfig lists them all', () => {
    const text = 'alowlist: 1\nprofile: x\nthresholds:\n  nope: 1\n';
    expect(error(text)).toBe("config.yml:1: unknown key 'alowlist' (did you mean 'allowlist'?) (and 2 more problems)");
    const { problems } = checkTuningConfig(text, 'config.yml', CONTEXT);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['alowlist', 1],
      ['profile', 2],
      ['thresholds.nope', 4],
    ]);
  });
});
