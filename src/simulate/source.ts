/**
 * The contract between the generator and its sources. A benign source or an attack scenario turns the
 * estate and one host into a time-ordered stream of episodes, drawing randomness only from the stream it
 * is given (keyed by seed, host and source name), so sources are independent and output is reproducible.
 */
import type { Rng } from './prng.js';
import type { Estate, Host } from './estate.js';
import type { AttackLabel, BenignCategory, BenignLabel } from './model.js';
import type { EpisodeSource } from './stream.js';

export interface BenignContext {
  readonly estate: Estate;
  readonly host: Host;
  readonly rng: Rng;
  readonly label: BenignLabel;
}

export interface BenignSource {
  /** Source id carried in labels, e.g. `datadog-agent`. */
  readonly name: string;
  readonly category: BenignCategory;
  /** What it is and how it behaves, with sources for periods (docs and the manifest). */
  readonly description: string;
  applies(host: Host, estate: Estate): boolean;
  episodes(ctx: BenignContext): EpisodeSource;
}

export interface ScenarioContext {
  readonly estate: Estate;
  readonly host: Host;
  readonly rng: Rng;
  /** Label for a step of this scenario (labels are shared objects: one per step). */
  step(step: string): AttackLabel;
}

export interface Scenario {
  /** Name used with --scenarios. */
  readonly name: string;
  readonly title: string;
  /** What it reproduces and why, including the seed test it comes from. */
  readonly description: string;
  /** Adversary infrastructure it uses (for --list and docs). */
  readonly infrastructure: readonly string[];
  /** Step names its labels use. */
  readonly steps: readonly string[];
  /** Which host(s) it runs on, chosen from the estate with the scenario's own stream. */
  pickHosts(estate: Estate, rng: Rng): Host[];
  episodes(ctx: ScenarioContext): EpisodeSource;
}
