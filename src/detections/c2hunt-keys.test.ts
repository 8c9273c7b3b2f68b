import { describe, expect, it } from 'vitest';
import { parseDetection } from './load-detection.js';

const BASE = 'name: x\nid: a\nsearch: index=x\n';
const load = (extra: string) => parseDetection(BASE + extra, 'd.yml');

describe("c2hunt's detection keys", () => {
  it('reads levels, risk, guide, vanilla form and requirements', () => {
    const d = load(
      [
        'severity: High',
        'confidence: low',
        'risk_score: 55',
        'risk_group: beacon',
        'guide:',
        '  investigate: [look]',
        '  respond: [act, block]',
        'vanilla_search: index=x | stats count',
        'requires: [intel]',
        'finding:',
        '  count: n',
      ].join('\n'),
    );
    expect(d.info).toEqual({
      id: 'a',
      name: 'x',
      techniques: [],
      severity: 'high',
      confidence: 'low',
      riskScore: 55,
      riskGroup: 'beacon',
      guide: ['look'],
      response: ['act', 'block'],
      finding: { count: 'n' },
    });
    expect(d.vanilla_search).toBe('index=x | stats count');
    expect(d.requires).toEqual(['intel']);
  });

  it('defaults from security_content: tags, rba, then severity', () => {
    expect(load('tags:\n  severity: low\n  confidence: 80\n').info).toMatchObject({ severity: 'low', confidence: 'high', riskScore: 20 });
    expect(load('rba:\n  message: m\n  risk_objects:\n    - {field: dest, type: system, score: 64}\n    - {field: user, type: user, score: 30}\n').info.riskScore).toBe(64);
    expect(load('').info).toMatchObject({ severity: 'medium', confidence: 'medium', riskScore: 40 });
  });

  it('names the key of each error', () => {
    expect(() => load('severity: severe')).toThrow("d.yml: 'severity' must be one of informational, low, medium, high, critical");
    expect(() => load('risk_score: 120')).toThrow("d.yml: 'risk_score' must be a number from 0 to 100");
    expect(() => load('guide:\n  investigate: [a, 3]')).toThrow("d.yml: 'guide.investigate[1]' must be a non-empty string");
    expect(() => load('guide:\n  respnd: [a]')).toThrow("d.yml: 'guide.respnd' is not a known key (keys: investigate, respond)");
    expect(() => load('requires: [feeds]')).toThrow("d.yml: 'requires[0]' must be one of intel");
    expect(() => load('rba:\n  risk_objects:\n    - {field: dest, type: system, score: high}')).toThrow("d.yml: 'rba.risk_objects[0].score' must be a number from 0 to 100");
    expect(() => load('vanilla_search: ""')).toThrow("d.yml: 'vanilla_search' must be a non-empty string");
    expect(() => load('finding: [a]')).toThrow("d.yml: 'finding' must be a mapping");
    expect(() => load('vanila_search: x')).toThrow("unknown key 'vanila_search' (did you mean 'vanilla_search'?)");
  });
});
