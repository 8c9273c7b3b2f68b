/**
 * `| c2tunnel [field=QueryName] [by <fields>] [long_label=40] [long_name=100] [many_subdomains=100]
 * [many_long=10]`: DNS tunnelling indicators per parent (registered) domain, within each BY group
 * (src/analytics/dns/tunnel.ts). Blocking; one row per group and parent with the BY fields, `parent`,
 * `queries`, `distinct_subdomains` (exact to 256, then HyperLogLog, so about 1 KB per parent),
 * `long_queries`, `max_name_length`, `max_label_length`, `mean_subdomain_length`,
 * `mean_subdomain_entropy`, `tunnel_hosts`, `first_seen`, `last_seen`, `sample_names` and `tunnel_score`
 * (max(distinct/many_subdomains, long/many_long), capped at 1).
 */
import { createEvent, type Event } from '../../events/event.js';
import { TunnelAccumulator, TUNNEL_DEFAULTS } from '../../analytics/dns/tunnel.js';
import { dnsQueryOf } from '../../analytics/dns/fields.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { byKey } from './values.js';
import type { TunnelOptions } from '../../analytics/dns/tunnel.js';

export interface C2tunnelConfig {
  readonly field: string;
  readonly by: readonly string[];
  readonly options: TunnelOptions;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export const c2tunnel: CustomCommand<C2tunnelConfig> = {
  name: 'c2tunnel',
  summary: 'DNS tunnelling indicators per parent domain (long names, many unique subdomains)',
  rawUse: 'drop', // aggregate rows carry no _raw
  configure(args) {
    const o = new CommandOptions(
      'c2tunnel',
      args,
      {
        field: { type: 'field' },
        long_label: { type: 'number', integer: true, min: 1, max: 63 },
        long_name: { type: 'number', integer: true, min: 1, max: 253 },
        many_subdomains: { type: 'number', integer: true, min: 1 },
        many_long: { type: 'number', integer: true, min: 1 },
      },
      { by: 'optional' },
    );
    return {
      field: o.field('field', 'QueryName'),
      by: o.by,
      options: {
        ...TUNNEL_DEFAULTS,
        longLabel: o.number('long_label', TUNNEL_DEFAULTS.longLabel),
        longName: o.number('long_name', TUNNEL_DEFAULTS.longName),
        manySubdomains: o.number('many_subdomains', TUNNEL_DEFAULTS.manySubdomains),
        manyLongQueries: o.number('many_long', TUNNEL_DEFAULTS.manyLongQueries),
      },
    };
  },
  create(config) {
    const groups = new Map<string, { values: string[]; acc: TunnelAccumulator }>();
    return {
      push(batch: Event[]) {
        for (const event of batch) {
          const key = byKey(event, config.by);
          if (key === null) continue;
          const q = dnsQueryOf(config.field === 'QueryName' ? event : { ...event, QueryName: event[config.field] ?? null });
          if (q === null) continue;
          let g = groups.get(key.key);
          if (g === undefined) {
            g = { values: key.values, acc: new TunnelAccumulator(config.options) };
            groups.set(key.key, g);
          }
          g.acc.addQuery(q);
        }
        return [];
      },
      finish() {
        const rows: { row: Event; score: number; sort: string }[] = [];
        for (const [key, g] of groups) {
          for (const t of g.acc.results()) {
            const row = createEvent();
            config.by.forEach((f, i) => (row[f] = g.values[i] as string));
            Object.assign(row, {
              parent: t.parent,
              queries: t.queries,
              distinct_subdomains: t.distinctSubdomains,
              long_queries: t.longQueries,
              max_name_length: t.maxNameLength,
              max_label_length: t.maxLabelLength,
              mean_subdomain_length: r3(t.meanSubdomainLength),
              mean_subdomain_entropy: r3(t.meanSubdomainEntropy),
              tunnel_hosts: t.hosts,
              first_seen: t.firstSeen,
              last_seen: t.lastSeen,
              tunnel_score: t.score,
            });
            if (t.sampleNames.length > 0) row['sample_names'] = t.sampleNames.length === 1 ? (t.sampleNames[0] as string) : [...t.sampleNames];
            rows.push({ row, score: t.score, sort: `${key}\u0000${t.parent}` });
          }
        }
        rows.sort((a, b) => b.score - a.score || (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
        return rows.map((r) => r.row);
      },
    };
  },
};
