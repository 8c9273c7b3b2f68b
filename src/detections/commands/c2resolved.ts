/**
 * `| c2resolved [dns=keep|drop]`: name the domain behind each connection. Streaming: Sysmon EID 22
 * answers (QueryName + QueryResults) go into a ResolutionIndex (src/analytics/dns/resolution.ts, bounded
 * per host); each connection (an event with DestinationIp) then gets the name its host resolved that
 * address from (the same process preferred, the latest resolution at or before the connection), so
 * rotating IPs of one domain and CDN addresses come back together under their name.
 *
 * Added to connections:
 *   resolved_name    the FQDN from the host's own DNS answers (absent when none);
 *   dest_name        resolved_name, else DestinationHostname (Sysmon's reverse lookup), else absent;
 *   dest_name_source dns | ptr | ip;
 *   dest_domain      the registered domain of dest_name (public suffix list, private section included),
 *                    else DestinationIp: the key for grouping "by domain across IPs".
 * The DNS events pass on unchanged (`dns=drop` removes them). A connection is named only from answers
 * that came before it in the stream, as they do within each host's Sysmon log.
 */
import type { Event } from '../../events/event.js';
import { registeredDomain, ResolutionIndex } from '../../analytics/dns/index.js';
import { normaliseName } from '../../analytics/dns/names.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { setField, text } from './values.js';

export interface C2resolvedConfig {
  readonly dropDns: boolean;
}

export const c2resolved: CustomCommand<C2resolvedConfig> = {
  name: 'c2resolved',
  summary: 'name the domain behind each connection from the same host’s DNS answers',
  rawUse: 'none', // reads named fields only
  configure(args) {
    const o = new CommandOptions('c2resolved', args, { dns: { type: 'enum', values: ['keep', 'drop'] } });
    return { dropDns: o.enumeration<'keep' | 'drop'>('dns', 'keep') === 'drop' };
  },
  create(config) {
    const index = new ResolutionIndex();
    return {
      push(batch: Event[]) {
        const out: Event[] = [];
        for (const event of batch) {
          const ip = text(event['DestinationIp']);
          if (ip === undefined) {
            if (text(event['QueryName']) !== undefined) {
              index.add(event);
              if (config.dropDns) continue;
            }
            out.push(event);
            continue;
          }
          const host = text(event['host']) ?? '';
          const image = text(event['Image']) ?? '';
          const time = typeof event['_time'] === 'number' ? event['_time'] : undefined;
          const resolved = index.lookup(host, image, ip, time);
          const ptr = text(event['DestinationHostname']);
          const name = resolved ?? (ptr === undefined ? undefined : (normaliseName(ptr) ?? undefined));
          setField(event, 'resolved_name', resolved);
          setField(event, 'dest_name', name);
          event['dest_name_source'] = resolved !== undefined ? 'dns' : name !== undefined ? 'ptr' : 'ip';
          event['dest_domain'] = name !== undefined ? registeredDomain(name) : ip.toLowerCase();
          out.push(event);
        }
        return out;
      },
      finish: () => [],
    };
  },
};
