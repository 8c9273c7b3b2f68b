/**
 * `| c2intel [fields="DestinationIp,DestinationHostname,QueryName"] [keep=matched|all]`: match events
 * against the run's threat-intel feeds (src/intel: addresses exact and by CIDR, names and their parent
 * domains; `c2hunt hunt --intel FILE...`). Streaming and stateless: the indicator set is built before the
 * run and handed to the command registry (createPackCommands({ intel })); without feeds nothing matches.
 * A field whose name ends in `Ip` is matched as an address, any other as a host name (an IP literal in
 * it as an address). Adds to a matching event (multivalue when several indicators match, at most 16):
 *   intel_field, intel_value, intel_how (exact | cidr | parent-domain), intel_indicator, intel_kind,
 *   intel_feed, intel_source, intel_description, intel_ref, intel_matches (count).
 * `keep=matched` (the default) drops events without a match.
 */
import type { Event } from '../../events/event.js';
import type { IndicatorSet, IntelMatch } from '../../intel/indicator-set.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { setField } from './values.js';

export interface C2intelConfig {
  readonly fields: readonly string[];
  readonly keepAll: boolean;
}

const MAX_MATCHES = 16;

function column(matches: readonly IntelMatch[], get: (m: IntelMatch) => string | undefined): string[] {
  return matches.map((m) => get(m) ?? '-');
}

export function c2intelCommand(intel: IndicatorSet | undefined): CustomCommand<C2intelConfig> {
  return {
    name: 'c2intel',
    summary: 'match destinations and DNS queries against threat-intel feeds (--intel)',
    rawUse: 'none', // reads the named fields only
    configure(args) {
      const o = new CommandOptions('c2intel', args, { fields: { type: 'fields' }, keep: { type: 'enum', values: ['matched', 'all'] } });
      return {
        fields: o.fields('fields', ['DestinationIp', 'DestinationHostname', 'QueryName']),
        keepAll: o.enumeration<'matched' | 'all'>('keep', 'matched') === 'all',
      };
    },
    create(config) {
      return {
        push(batch: Event[]) {
          const out: Event[] = [];
          for (const event of batch) {
            const matches = intel === undefined || intel.size === 0 ? [] : intel.matchEvent(event, config.fields).slice(0, MAX_MATCHES);
            if (matches.length === 0) {
              if (config.keepAll) out.push(event);
              continue;
            }
            setField(event, 'intel_field', column(matches, (m) => m.field));
            setField(event, 'intel_value', column(matches, (m) => m.value));
            setField(event, 'intel_how', column(matches, (m) => m.how));
            setField(event, 'intel_indicator', column(matches, (m) => m.indicator.value));
            setField(event, 'intel_kind', column(matches, (m) => m.indicator.kind));
            setField(event, 'intel_feed', column(matches, (m) => m.indicator.feed));
            setField(event, 'intel_source', column(matches, (m) => m.indicator.source));
            setField(event, 'intel_description', column(matches, (m) => m.indicator.description));
            setField(event, 'intel_ref', column(matches, (m) => m.indicator.ref));
            event['intel_matches'] = matches.length;
            out.push(event);
          }
          return out;
        },
        finish: () => [],
      };
    },
  };
}
