/** Output formats: one renderer per format, chosen by `--format`. */
import type { SimEvent } from '../model.js';
import { renderXml } from './xml.js';
import { renderEcs } from './ecs.js';
import { renderNxlog } from './nxlog.js';

export type OutputFormat = 'xml' | 'ecs' | 'nxlog';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['xml', 'ecs', 'nxlog'];

export interface Renderer {
  readonly extension: string;
  render(e: SimEvent, recordId: number): string;
}

export function rendererFor(format: OutputFormat, utcOffsetMinutes: number): Renderer {
  const table: Record<OutputFormat, Renderer> = {
    xml: { extension: 'xml', render: renderXml },
    ecs: { extension: 'ndjson', render: renderEcs },
    nxlog: { extension: 'ndjson', render: (e, id) => renderNxlog(e, id, utcOffsetMinutes) },
  };
  return table[format];
}
