/**
 * Template definitions shared across the chunks of one file.
 *
 * Every chunk re-embeds the definitions its records use, so a 1 MiB Security log would parse the same
 * handful of templates once per chunk (the Rust crate found template re-parsing to be its main cost and
 * now caches per file, omerbenamram/evtx docs/compiled-templates.html). Definitions are matched by their
 * offset-independent signature (binxml/template-signature.ts: GUID and body tokens with names resolved),
 * and a match reuses the parsed tree and its compiled field plan. The signature is a 64-bit hash: two
 * different definitions colliding inside one file would only make that file render one of them with the
 * other's layout, and the cache never spans files.
 */
import type { Template } from './binxml/nodes.js';

/** A bound for crafted files with endless distinct definitions. */
const MAX_ENTRIES = 4096;

export class SharedTemplates {
  private readonly bySignature = new Map<string, Template>();

  get(signature: string): Template | undefined {
    return this.bySignature.get(signature);
  }

  add(signature: string, template: Template): void {
    if (this.bySignature.size < MAX_ENTRIES) this.bySignature.set(signature, template);
  }
}
