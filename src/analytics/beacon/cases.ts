/**
 * The named evaluation cases shared by the scorer's tests and bench/beacon-compare.mjs: each is a
 * synthetic series (see synthetic.ts) with the data window it was observed in and what it is.
 */
import { beaconSeries, humanSeries, poissonSeries } from './synthetic.js';

export type CaseClass = 'c2' | 'benign-periodic' | 'random';

export interface EvaluationCase {
  readonly name: string;
  readonly class: CaseClass;
  readonly times: () => number[];
  /** Seconds of data the series spans (the data window). */
  readonly duration: number;
}

const START = 1_700_006_400; // 2023-11-15 00:00:00 UTC
const DAY = 86_400;

export const EVALUATION_CASES: readonly EvaluationCase[] = [
  { name: 'CS 60 s, no jitter, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 1, start: START, period: 60, duration: DAY }) },
  { name: 'uniform 60 s ±20 %, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 2, start: START, period: 60, duration: DAY, jitter: { kind: 'uniform', fraction: 0.2 } }) },
  { name: 'Empire 300 s ±50 %, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 3, start: START, period: 300, duration: DAY, jitter: { kind: 'uniform', fraction: 0.5 } }) },
  { name: 'CS 300 s, 20 % jitter, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 4, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.2 } }) },
  { name: 'CS 300 s, 50 % jitter, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 5, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.5 } }) },
  { name: 'CS 300 s, 90 % jitter, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 6, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.9 } }) },
  { name: 'Sliver 60 s + U[0,30) s, 1 day', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 7, start: START, period: 60, duration: DAY, jitter: { kind: 'sliver', seconds: 30 } }) },
  { name: 'uniform 60 s ±20 %, 30 % missed', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 8, start: START, period: 60, duration: DAY, jitter: { kind: 'uniform', fraction: 0.2 }, dropRate: 0.3 }) },
  { name: 'CS 300 s 20 %, 30 % missed', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 9, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.2 }, dropRate: 0.3 }) },
  { name: 'CS 300 s 20 %, 60 % missed', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 10, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.2 }, dropRate: 0.6 }) },
  { name: 'CS 60 s 10 %, 3 conns per check-in', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 11, start: START, period: 60, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.1 }, burstSize: 3, burstSpread: 1.5 }) },
  { name: 'CS 300 s 20 % + 10 % random extras', class: 'c2', duration: DAY, times: () => beaconSeries({ seed: 12, start: START, period: 300, duration: DAY, jitter: { kind: 'cobalt', fraction: 0.2 }, extraRate: 0.1 }) },
  { name: 'hourly ±10 %, 7 days', class: 'c2', duration: 7 * DAY, times: () => beaconSeries({ seed: 13, start: START, period: 3600, duration: 7 * DAY, jitter: { kind: 'uniform', fraction: 0.1 } }) },
  { name: '6 h ±10 %, 7 days', class: 'c2', duration: 7 * DAY, times: () => beaconSeries({ seed: 14, start: START, period: 6 * 3600, duration: 7 * DAY, jitter: { kind: 'uniform', fraction: 0.1 } }) },
  { name: 'daily ±5 %, 14 days', class: 'c2', duration: 14 * DAY, times: () => beaconSeries({ seed: 15, start: START, period: DAY, duration: 14 * DAY, jitter: { kind: 'uniform', fraction: 0.05 } }) },
  { name: 'Atomic test 1: 5 × 30 s', class: 'c2', duration: 150, times: () => beaconSeries({ seed: 16, start: START, period: 30, duration: 150, jitter: { kind: 'normal', sd: 0.3 } }) },
  { name: 'Mythic 10 s ±23 %, 2 h', class: 'c2', duration: 7200, times: () => beaconSeries({ seed: 17, start: START, period: 10, duration: 7200, jitter: { kind: 'uniform', fraction: 0.23 } }) },
  { name: 'Splunk UF poller 60 s, 1 day', class: 'benign-periodic', duration: DAY, times: () => beaconSeries({ seed: 18, start: START, period: 60, duration: DAY, jitter: { kind: 'normal', sd: 0.5 } }) },
  { name: 'Datadog poller 15 s, 6 h', class: 'benign-periodic', duration: 6 * 3600, times: () => beaconSeries({ seed: 19, start: START, period: 15, duration: 6 * 3600, jitter: { kind: 'normal', sd: 0.2 } }) },
  { name: 'Poisson, mean 60 s, 1 day', class: 'random', duration: DAY, times: () => poissonSeries({ seed: 20, start: START, mean: 60, duration: DAY }) },
  { name: 'Poisson, mean 300 s, 1 day', class: 'random', duration: DAY, times: () => poissonSeries({ seed: 21, start: START, mean: 300, duration: DAY }) },
  { name: 'Poisson, mean 1 h, 7 days', class: 'random', duration: 7 * DAY, times: () => poissonSeries({ seed: 22, start: START, mean: 3600, duration: 7 * DAY }) },
  { name: 'Poisson, 6 connections', class: 'random', duration: 1800, times: () => poissonSeries({ seed: 23, start: START, mean: 300, duration: 1800 }).slice(0, 6) },
  { name: 'human browsing, 5 weekdays', class: 'random', duration: 7 * DAY, times: () => humanSeries({ seed: 24, start: START, days: 7 }) },
];
