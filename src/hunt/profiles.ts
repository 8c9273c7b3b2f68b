/**
 * Profiles: which destinations the pack leaves out before any tuning. `enterprise` (the default)
 * leaves out private and loopback addresses, as the seed query does, because on a production estate
 * traffic to them is internal and dominated by benign services. `lab` keeps them: test ranges and the
 * atomic tests (which call 127.0.0.1) live there.
 */

export const PROFILE_NAMES = ['enterprise', 'lab'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export const DEFAULT_PROFILE: ProfileName = 'enterprise';

export interface Profile {
  readonly name: ProfileName;
  readonly description: string;
  /** Destination networks no detection reports (before the config's allowlisted CIDRs). */
  readonly excludedDestinations: readonly string[];
}

/**
 * The seed excludes 10.*, 172.16–31.*, 192.168.*, 127.*, ::1 and its long form. As CIDRs, plus the
 * link-local ranges (169.254.0.0/16 and fe80::/10, RFC 3927 and RFC 4291) and IPv6 unique local
 * addresses (fc00::/7, RFC 4193, IPv6's private range), which are internal for the same reason.
 */
export const PRIVATE_AND_LOOPBACK: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '::1/128',
  'fe80::/10',
  'fc00::/7',
];

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  enterprise: {
    name: 'enterprise',
    description: 'production estates: private, link-local and loopback destinations are left out, as the seed query does',
    excludedDestinations: PRIVATE_AND_LOOPBACK,
  },
  lab: {
    name: 'lab',
    description: 'test ranges and atomic tests: private and loopback destinations are kept',
    excludedDestinations: [],
  },
};

export function isProfileName(s: string): s is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(s);
}
