/**
 * docs/tuning.md's complete example config is valid against the shipped pack, and means what the page
 * says it means once it is turned into macros.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveMacros, resolveConfig } from '../../src/hunt/hunt.js';
import { parseTuningConfig } from '../../src/hunt/config.js';
import { loadPack } from '../../src/hunt/pack-adapter.js';
import { thresholdNames } from '../../src/hunt/tuning-macros.js';
import { packMacros } from '../../src/detections/pack.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

function exampleConfig(): string {
  const page = readFileSync(resolve(REPO_ROOT, 'docs/tuning.md'), 'utf8');
  const m = /A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(page);
  if (m === null) throw new Error('no example in docs/tuning.md');
  return m[1] as string;
}

describe('docs/tuning.md example', () => {
  it('validates against the shipped pack and becomes the documented macros', () => {
    const defaults = packMacros();
    const config = parseTuningConfig(exampleConfig(), 'tuning.yml', { thresholds: thresholdNames(defaults), macros: [...defaults.keys()] });
    expect(config.allowlist.domains).toEqual(['corp.example', '*.datadoghq.com', 'xn--bcher-kva.example']);
    expect(config.allowlist.processes).toEqual([
      'C:\\Program Files\\Datadog\\Datadog Agent\\bin\\agent.exe',
      'C:\\Program Files\\Splunk\\bin\\splunkd.exe',
      'elastic-agent.exe',
    ]);
    const macros = effectiveMacros(loadPack(), config, 'enterprise');
    expect(macros.get('c2hunt_host_allowlist')?.definition).toBe('search NOT (host="SOC01" OR host="SOC01.*" OR host="jump01.corp.example")');
    expect(macros.get('c2hunt_ip_allowlist')?.definition).toBe(
      'search NOT (DestinationIp="198.18.0.0/15" OR DestinationIp="192.0.2.10" OR DestinationIp="2001:db8:1::/48")',
    );
    expect(macros.get('c2hunt_beacon_min_checkins')?.definition).toBe('6');
    // The process allowlist keeps the pack's browser list and adds the config's entries after it.
    const proc = macros.get('c2hunt_process_allowlist')?.definition ?? '';
    expect(proc).toContain('Image="*\\\\chrome.exe"');
    expect(proc.endsWith('| search NOT (Image="C:\\\\Program Files\\\\Datadog\\\\Datadog Agent\\\\bin\\\\agent.exe" OR Image="C:\\\\Program Files\\\\Splunk\\\\bin\\\\splunkd.exe" OR Image="*\\\\elastic-agent.exe")')).toBe(true);
  });

  it('resolveConfig checks names against the pack: a misspelt threshold is refused with a suggestion', () => {
    expect(() => parseTuningConfig('thresholds:\n  beacon_min_chekins: 5\n', 'tuning.yml', { thresholds: thresholdNames(packMacros()) })).toThrow(
      "tuning.yml:2: unknown key 'thresholds.beacon_min_chekins' (did you mean 'beacon_min_checkins'?)",
    );
    expect(resolveConfig(undefined, loadPack()).allowlist.hosts).toEqual([]);
  });
});
