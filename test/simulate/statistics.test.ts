/**
 * Intervals measured in the generated events match the parameters they were generated from. Tolerances
 * come from the parameters: a sample mean within 5 standard errors (σ/√n) plus the bounded extra time a
 * check-in takes (processing, and a DNS query when the answer has expired), support bounds widened by
 * that extra time, and Kolmogorov–Smirnov at α = 0.001 against the framework's uniform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateToTempDir } from '../../src/simulate/index.js';
import { readXmlDataset, readLabels, labelKey, utcMs, type ParsedEvent, type LabelRow } from '../helpers/simulated.js';
import { ksCritical001, ksStatistic, mean, sd, uniformCdf } from '../helpers/stats.js';

let events: ParsedEvent[] = [];
let labels = new Map<string, LabelRow>();
let cleanup = () => {};
const labelOf = (e: ParsedEvent) => labels.get(labelKey(e.computer, e.channel, e.recordId)) as LabelRow;

beforeAll(async () => {
  const r = await simulateToTempDir({ seed: 3, hosts: 7, days: 4 });
  cleanup = r.cleanup;
  events = readXmlDataset(r.out);
  labels = new Map(readLabels(r.out).map((l) => [labelKey(l.computer, l.channel, l.recordId), l]));
});
afterAll(() => cleanup());

/** Seconds between consecutive connections of one process, skipping intervals that contain a tasking. */
function callbackIntervals(scenario: string): number[] {
  const byGuid = new Map<string, { t: number; tasking: boolean }[]>();
  for (const e of events) {
    const l = labelOf(e);
    if (l.scenario !== scenario || e.eventId !== 3 && !(e.eventId === 1 && l.step === 'tasking')) continue;
    const guid = e.eventId === 1 ? e.data['ParentProcessGuid']! : e.data['ProcessGuid']!;
    let list = byGuid.get(guid);
    if (list === undefined) byGuid.set(guid, (list = []));
    list.push({ t: utcMs(e.data['UtcTime']!), tasking: l.step === 'tasking' });
  }
  const out: number[] = [];
  for (const list of byGuid.values()) {
    list.sort((a, b) => a.t - b.t);
    let prev: number | null = null;
    let dirty = false;
    for (const x of list) {
      if (x.tasking) {
        dirty = true;
        continue;
      }
      if (prev !== null && !dirty) out.push((x.t - prev) / 1000);
      prev = x.t;
      dirty = false;
    }
  }
  return out;
}

describe('C2 jitter as each framework applies it', () => {
  it('https-beacon: Cobalt Strike 60 s, 20 % → U[48, 60] + processing U[0.08, 0.45] s', () => {
    const xs = callbackIntervals('https-beacon');
    expect(xs.length).toBeGreaterThan(500);
    // Extra per interval: processing 80–450 ms, 1 ms, and ≤ 45 ms when the next check-in re-resolves.
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(48 + 0.081);
    expect(Math.max(...xs)).toBeLessThanOrEqual(60 + 0.451 + 0.045);
    // Mean 54 + 0.265 + 0.001 (+ < 0.045 from DNS); σ ≈ 12/√12 = 3.464.
    expect(Math.abs(mean(xs) - 54.266)).toBeLessThan((5 * 3.47) / Math.sqrt(xs.length) + 0.045);
    expect(Math.abs(sd(xs) - 3.466)).toBeLessThan((5 * 3.47) / Math.sqrt(2 * xs.length));
    const shifted = xs.map((x) => x - 0.266);
    expect(ksStatistic(shifted, uniformCdf(48, 60))).toBeLessThan(ksCritical001(xs.length) + 0.01);
  });

  it('raw-ip: Sliver 60 s + U[0, 30) + processing U[0.06, 0.30] s, no DNS', () => {
    const xs = callbackIntervals('raw-ip');
    expect(xs.length).toBeGreaterThan(300);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(60.061);
    expect(Math.max(...xs)).toBeLessThanOrEqual(90.301);
    // Mean 75 + 0.18 + 0.001; σ = 30/√12 ≈ 8.660.
    expect(Math.abs(mean(xs) - 75.181)).toBeLessThan((5 * 8.67) / Math.sqrt(xs.length));
    expect(ksStatistic(xs.map((x) => x - 0.181), uniformCdf(60, 90))).toBeLessThan(ksCritical001(xs.length) + 0.01);
  });

  it('rotating-ip: Empire 120 s ± 30 % → U[84, 156] + processing U[0.1, 0.7] s', () => {
    const xs = callbackIntervals('rotating-ip');
    expect(xs.length).toBeGreaterThan(100);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(84.1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(156 + 0.701 + 0.045);
    // σ = 72/√12 ≈ 20.78; every check-in re-resolves (TTL 60 s < 84 s), adding 2–45 ms.
    expect(Math.abs(mean(xs) - 120.401)).toBeLessThan((5 * 20.8) / Math.sqrt(xs.length) + 0.045);
    expect(Math.abs(sd(xs) - 20.785)).toBeLessThan((5 * 20.8) / Math.sqrt(2 * xs.length));
  });

  it('long-sleep: Cobalt Strike 3 h, 50 % → U[5400, 10800] s', () => {
    const xs = callbackIntervals('long-sleep');
    expect(xs.length).toBeGreaterThan(25);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(5400);
    expect(Math.max(...xs)).toBeLessThanOrEqual(10801);
    expect(Math.abs(mean(xs) - 8100)).toBeLessThan((5 * 1559) / Math.sqrt(xs.length) + 1);
  });

  it('low-and-slow: Sliver 3600 s + U[0, 600) s — one callback an hour', () => {
    const xs = callbackIntervals('low-and-slow');
    expect(xs.length).toBeGreaterThan(10);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(3600);
    expect(Math.max(...xs)).toBeLessThanOrEqual(4201);
  });
});

/** Seconds between consecutive outbound connections of one process to one address family/name, for a benign source. */
function benignIntervals(source: string, filter: (e: ParsedEvent) => boolean = () => true): number[] {
  const byGuid = new Map<string, number[]>();
  for (const e of events) {
    if (e.eventId !== 3 || labelOf(e).source !== source || !filter(e)) continue;
    let list = byGuid.get(e.data['ProcessGuid']!);
    if (list === undefined) byGuid.set(e.data['ProcessGuid']!, (list = []));
    list.push(utcMs(e.data['UtcTime']!));
  }
  const out: number[] = [];
  for (const list of byGuid.values()) {
    list.sort((a, b) => a - b);
    for (let i = 1; i < list.length; i++) out.push((list[i]! - list[i - 1]!) / 1000);
  }
  return out;
}

describe('benign periods', () => {
  it('Datadog checks in every 300 s ± 2 s', () => {
    const xs = benignIntervals('datadog-agent', (e) => e.data['DestinationPort'] === '443').filter((x) => x > 100);
    expect(xs.length).toBeGreaterThan(300);
    // Each check-in re-resolves (TTL 60 s), adding 2–45 ms before the connection: ≤ 0.045 s either way.
    expect(Math.abs(mean(xs) - 300)).toBeLessThan((5 * 2) / Math.sqrt(xs.length) + 0.045);
    expect(Math.abs(sd(xs) - 2)).toBeLessThan(0.4);
  });

  it('the Splunk forwarder phones home every 60 s', () => {
    const xs = benignIntervals('splunk-forwarder');
    expect(xs.length).toBeGreaterThan(1000);
    expect(Math.abs(mean(xs) - 60)).toBeLessThan(0.05);
  });

  it('W32Time polls at 2^10 … 2^15 s, doubling', () => {
    const xs = benignIntervals('w32time-ntp').map((x) => Math.round(Math.log2(x)));
    expect(xs.length).toBeGreaterThan(10);
    for (const k of xs) expect(k).toBeGreaterThanOrEqual(10);
    for (const k of xs) expect(k).toBeLessThanOrEqual(15);
    expect(xs).toContain(15);
  });

  it('people browse in bursts: heavy-tailed gaps between page views, median about 90 s', () => {
    // Page views: clusters of the browser source's events separated by more than 10 s.
    const byHost = new Map<string, number[]>();
    for (const e of events) {
      if (labelOf(e).source !== 'browser' || e.eventId === 1) continue;
      let list = byHost.get(e.computer);
      if (list === undefined) byHost.set(e.computer, (list = []));
      list.push(utcMs(e.data['UtcTime']!));
    }
    const gaps: number[] = [];
    for (const list of byHost.values()) {
      list.sort((a, b) => a - b);
      for (let i = 1; i < list.length; i++) {
        const g = (list[i]! - list[i - 1]!) / 1000;
        if (g > 10 && g <= 3600) gaps.push(g);
      }
    }
    expect(gaps.length).toBeGreaterThan(500);
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    // Log-normal, median 90 s, σ = 1.3 (plus rare breaks): the coefficient of variation is far above
    // an exponential's 1.
    expect(median).toBeGreaterThan(70);
    expect(median).toBeLessThan(130);
    expect(sd(gaps) / mean(gaps)).toBeGreaterThan(1.2);
  });
});
