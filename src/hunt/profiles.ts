/**
 * Profiles: which destinations the pack leaves out before any tuning. `enterprise` (the default)
 * leaves out private, loopback and link-local addresses, as the seed query does, because on a
 * production estate traffic to them is internal and dominated by benign services. `lab` keeps them:
 * test ranges and the seed's atomic tests (which call 127.0.0.1) live there. The definitions are the
 * pack's macro files (detections/macros/, detections/profiles/<name>.yml); this module names them.
 */
import { DEFAULT_PROFILE as PACK_DEFAULT, PROFILES, type Profile } from '../detections/pack.js';

export type ProfileName = Profile;
export const PROFILE_NAMES: readonly ProfileName[] = PROFILES;
export const DEFAULT_PROFILE: ProfileName = PACK_DEFAULT;

export const PROFILE_DESCRIPTIONS: Readonly<Record<ProfileName, string>> = {
  enterprise: 'production estates: private, link-local and loopback destinations are left out, as the seed query does',
  lab: 'test ranges and atomic tests: private and loopback destinations are kept',
};

export function isProfileName(s: string): s is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(s);
}
