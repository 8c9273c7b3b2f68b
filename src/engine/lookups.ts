/**
 * CSV lookup tables from a directory (`--lookups DIR`), as Splunk's lookup table files: the first row is
 * the header. `lookup bad_ips` finds `bad_ips` or `bad_ips.csv`; a table name never leaves the directory.
 * Tables are read once per run and kept.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SourceError } from '../errors.js';
import type { LookupSource, LookupTable } from './operators/context.js';

const MAX_TABLE_BYTES = 256 * 1024 * 1024;

export function directoryLookups(dir: string | undefined): LookupSource {
  const cache = new Map<string, LookupTable>();
  return {
    load(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      if (dir === undefined) throw new SourceError(`lookup table '${name}': no lookup directory (give --lookups DIR)`);
      if (name !== basename(name) || name === '.' || name === '..') {
        throw new SourceError(`lookup table '${name}': a table name cannot contain a path`);
      }
      const candidates = name.toLowerCase().endsWith('.csv') ? [name] : [name, `${name}.csv`];
      const path = candidates.map((c) => join(dir, c)).find((p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      });
      if (path === undefined) throw new SourceError(`lookup table '${name}' not found in ${dir} (looked for ${candidates.join(', ')})`);
      if (statSync(path).size > MAX_TABLE_BYTES) throw new SourceError(`lookup table ${path} is larger than 256 MiB`);
      let records: string[][];
      try {
        records = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      } catch (err) {
        throw new SourceError(`lookup table ${path}: ${(err as Error).message.split('\n')[0]}`);
      }
      const [header, ...body] = records;
      if (header === undefined) throw new SourceError(`lookup table ${path} is empty`);
      const columns = header.map((h) => h.trim());
      const rows = body.map((r) => {
        const row: Record<string, string> = Object.create(null) as Record<string, string>;
        columns.forEach((c, i) => (row[c] = r[i] ?? ''));
        return row;
      });
      const table: LookupTable = { name, columns, rows };
      cache.set(name, table);
      return table;
    },
  };
}
