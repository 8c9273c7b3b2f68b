/**
 * `| c2domain field=<name field> [prefix=<p>]`: split a host name with the public suffix list (tldts,
 * private section included, so customers of shared platforms stay apart). Streaming and stateless.
 * Adds, with the prefix (default none):
 *   domain           registered domain (eTLD+1), or the name itself when it has none;
 *   subdomain        everything left of it ("" → absent);
 *   name_length      length of the normalised name (lower case, no trailing dot);
 *   max_label_length the longest label.
 * Events without the field pass unchanged. An IP literal is its own domain.
 */
import { PlanError } from '../../errors.js';
import type { Event } from '../../events/event.js';
import { parseIp } from '../../events/ip.js';
import { normaliseName, registeredDomain, subdomainOf } from '../../analytics/dns/names.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { setField, text } from './values.js';

export interface C2domainConfig {
  readonly field: string;
  readonly prefix: string;
}


export const c2domain: CustomCommand<C2domainConfig> = {
  name: 'c2domain',
  summary: 'registered domain, subdomain and lengths of a host name (public suffix list)',
  rawUse: 'none', // reads named fields only
  configure(args) {
    const o = new CommandOptions('c2domain', args, { field: { type: 'field' }, prefix: { type: 'string' } });
    const prefix = o.string('prefix', '');
    if (!/^[A-Za-z0-9_]*$/.test(prefix)) throw new PlanError(`c2domain: prefix must be letters, digits and _, not '${prefix}'`);
    return { field: o.field('field', 'QueryName'), prefix };
  },
  create(config) {
    const p = config.prefix;
    return {
      push(batch: Event[]) {
        for (const event of batch) {
          const raw = text(event[config.field]);
          const name = raw === undefined ? null : normaliseName(raw);
          if (name === null) continue;
          // An address is its own "domain" (parsed, not matched: names are attacker-controlled text).
          const ip = parseIp(name) !== null;
          let maxLabel = 0;
          for (const label of name.split('.')) if (label.length > maxLabel) maxLabel = label.length;
          event[`${p}domain`] = ip ? name : registeredDomain(name);
          setField(event, `${p}subdomain`, ip ? undefined : subdomainOf(name) || undefined);
          event[`${p}name_length`] = name.length;
          event[`${p}max_label_length`] = maxLabel;
        }
        return batch;
      },
      finish: () => [],
    };
  },
};
