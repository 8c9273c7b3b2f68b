/**
 * The pack as a whole: every detection loads, its `finding:` block is valid, a `search` using a c2hunt
 * command has a `vanilla_search` that uses none, and both plan with nothing c2hunt cannot run under every
 * profile; `c2hunt spl --check -f detections/*.yml` exits 0 and lists both queries of each file.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerSpl } from '../../src/cli/spl.js';
import { checkPackDetection, loadPackDetections, macrosUsed, packCommandsUsed, packMacros, PROFILES } from '../../src/detections/pack.js';
import { REPO_ROOT } from '../helpers/shared-data.js';

const DIR = resolve(REPO_ROOT, 'detections');
const detections = loadPackDetections(DIR);

describe('detection pack', () => {
  it('has the issue’s detections, each once', () => {
    expect(detections.map((d) => d.file.split('/').pop()).sort()).toEqual([
      'c2_beacon_interval_by_domain.yml',
      'c2_beacon_interval_by_ip.yml',
      'c2_beaconing_seed_plus.yml',
      'c2_beaconing_to_acquired_server.yml',
      'c2_dns_dga_like_names.yml',
      'c2_dns_nxdomain_burst.yml',
      'c2_dns_query_by_lolbin.yml',
      'c2_dns_rare_domain.yml',
      'c2_dns_tunnelling.yml',
      'c2_lolbin_nonstandard_port.yml',
      'c2_resolved_then_beaconed.yml',
      'c2_scheduled_task_callback.yml',
      'c2_threat_intel_match.yml',
    ]);
  });

  for (const profile of PROFILES) {
    it(`lints clean under the ${profile} profile`, () => {
      const macros = packMacros({ profile, dir: DIR });
      for (const d of detections) expect(checkPackDetection(d, { macros }), d.file).toEqual([]);
    });
  }

  it('gives every detection a guide, ATT&CK ids, data sources and a finding block', () => {
    for (const d of detections) {
      expect(d.info.guide?.length ?? 0, d.file).toBeGreaterThan(0);
      expect(d.info.response?.length ?? 0, d.file).toBeGreaterThan(0);
      expect(d.mitre_attack_id?.every((t) => /^T\d{4}(\.\d{3})?$/.test(t)), d.file).toBe(true);
      expect(d.data_source?.length ?? 0, d.file).toBeGreaterThan(0);
      expect(d.finding, d.file).toBeDefined();
    }
  });

  it('keeps vanilla forms free of c2hunt commands and requires them where search uses one', () => {
    for (const d of detections) {
      if (packCommandsUsed(d.search).length > 0) expect(d.vanilla_search, d.file).toBeDefined();
      if (d.vanilla_search !== undefined) expect(packCommandsUsed(d.vanilla_search), d.file).toEqual([]);
    }
  });

  it('calls only macros the pack defines (so a config can retune every one)', () => {
    const defined = packMacros({ dir: DIR });
    for (const d of detections) {
      for (const m of [...macrosUsed(d.search), ...macrosUsed(d.vanilla_search ?? '')]) expect(defined.has(m), `${d.file}: ${m}`).toBe(true);
    }
    // The seed's query is verbatim: it calls none.
    expect(macrosUsed(detections.find((d) => d.file.endsWith('c2_beaconing_to_acquired_server.yml'))!.search)).toEqual([]);
  });

  it('the threat-intel detection declares its feed requirement; no other does', () => {
    for (const d of detections) expect(d.requires ?? [], d.file).toEqual(packCommandsUsed(d.search).includes('c2intel') ? ['intel'] : []);
  });
});

describe('c2hunt spl --check -f detections/*.yml', () => {
  it('exits 0 and checks each search and vanilla_search', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort().map((f) => join(DIR, f));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const program = new Command('c2hunt').exitOverride();
    registerSpl(program, { stdout, stderr });
    process.exitCode = undefined;
    await program.parseAsync(['node', 'c2hunt', 'spl', '--check', '-f', ...files]);
    const code = process.exitCode ?? 0;
    process.exitCode = undefined;
    await new Promise((r) => setImmediate(r));
    const withVanilla = detections.filter((d) => d.vanilla_search !== undefined).length;
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => / ok \(/.test(l)).length).toBe(files.length + withVanilla);
    expect(err).toContain(`${files.length + withVanilla} of ${files.length + withVanilla} queries can run`);
  });
});
