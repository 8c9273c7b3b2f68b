/**
 * `| c2dga field=<name field>`: how machine-generated a name looks (src/analytics/dns/label-model.ts:
 * the registrable label, left of the ICANN public suffix, under a character trigram model of host-name
 * labels). Streaming and stateless. Adds:
 *   dga_score   0–1 (0 ordinary, 1 very likely generated; labels under 8 characters are discounted);
 *   dga_label   the label that was scored;
 *   dga_entropy Shannon entropy of the label (bits per character);
 *   dga_surprise standard deviations above the model's training words.
 */
import type { Event } from '../../events/event.js';
import { assessDomain } from '../../analytics/dns/label-model.js';
import { normaliseName } from '../../analytics/dns/names.js';
import type { CustomCommand } from '../../engine/custom-commands.js';
import { CommandOptions } from './options.js';
import { text } from './values.js';

export interface C2dgaConfig {
  readonly field: string;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export const c2dga: CustomCommand<C2dgaConfig> = {
  name: 'c2dga',
  summary: 'DGA-likeness of a host name (character trigram model)',
  rawUse: 'none', // reads named fields only
  configure(args) {
    const o = new CommandOptions('c2dga', args, { field: { type: 'field' } });
    return { field: o.field('field', 'QueryName') };
  },
  create(config) {
    // Names repeat heavily in DNS logs; a small cache saves the model walk (bounded: cleared when full).
    const cache = new Map<string, ReturnType<typeof assessDomain>>();
    return {
      push(batch: Event[]) {
        for (const event of batch) {
          const raw = text(event[config.field]);
          const name = raw === undefined ? null : normaliseName(raw);
          if (name === null) continue;
          let a = cache.get(name);
          if (a === undefined) {
            if (cache.size >= 65_536) cache.clear();
            a = assessDomain(name);
            cache.set(name, a);
          }
          event['dga_score'] = a.score;
          event['dga_label'] = a.label;
          event['dga_entropy'] = r3(a.entropy);
          event['dga_surprise'] = r3(a.surprise);
        }
        return batch;
      },
      finish: () => [],
    };
  },
};
