/**
 * Reports over ranked findings: a terminal table, JSON, NDJSON, CSV and a self-contained HTML file,
 * plus a progress line for long reads. `renderReport` picks the format; the CLI passes its stdout.
 */
import type { RankedFindings } from '../findings/index.js';
import { renderConsole, shouldUseColor, type ConsoleOptions } from './console.js';
import { renderCsv } from './csv.js';
import { renderHtml, type HtmlOptions } from './html/index.js';
import { renderJson, type JsonOptions } from './json.js';
import { renderNdjson } from './ndjson.js';

export const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  readonly console?: ConsoleOptions;
  readonly json?: JsonOptions;
  readonly html?: HtmlOptions;
  /** Environment for NO_COLOR (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Width of a piped or redirected table when COLUMNS does not say: wide enough for FQDNs and names. */
export const PIPE_WIDTH = 160;

/**
 * Columns for the table: a TTY's own width; otherwise (a pipe, a CI log, a file) COLUMNS when it is a
 * positive whole number, else PIPE_WIDTH, so piped output is not cut to a terminal's 80 columns.
 */
export function reportWidth(stream: { isTTY?: boolean; columns?: number } | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (stream?.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const cols = env['COLUMNS'];
  if (cols !== undefined && /^\d+$/.test(cols.trim()) && Number(cols) > 0) return Number(cols);
  return PIPE_WIDTH;
}

/** The report as text. For `table`, width and colour come from `stream` unless the options fix them. */
export function renderReportText(
  ranked: RankedFindings,
  format: ReportFormat,
  options: ReportOptions = {},
  stream?: { isTTY?: boolean; columns?: number },
): string {
  const renderers: Record<ReportFormat, () => string> = {
    table: () =>
      renderConsole(ranked, {
        ...options.console,
        width: options.console?.width ?? reportWidth(stream, options.env ?? process.env),
        color: options.console?.color ?? (stream !== undefined && shouldUseColor(stream, options.env ?? process.env)),
      }),
    json: () => renderJson(ranked, options.json),
    ndjson: () => renderNdjson(ranked, options.json),
    csv: () => renderCsv(ranked),
    html: () => renderHtml(ranked, options.html),
  };
  return renderers[format]();
}

/** Render and write to `stream`; resolves once the stream has taken the text. */
export function renderReport(
  ranked: RankedFindings,
  format: ReportFormat,
  stream: OutStream,
  options: ReportOptions = {},
): Promise<void> {
  const text = renderReportText(ranked, format, options, stream);
  return new Promise((resolve, reject) => {
    stream.write(text, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

export { hostLabels, renderConsole, shouldUseColor, type ConsoleOptions, type HostLabels } from './console.js';
export { CSV_COLUMNS, csvCell, protectFormula, quoteField, renderCsv } from './csv.js';
export { renderHtml, type HtmlOptions } from './html/index.js';
export { JSON_SCHEMA, findingJson, renderJson, reportJson, type JsonOptions } from './json.js';
export { renderNdjson } from './ndjson.js';
export { createProgress, progressLine, type Progress, type ProgressOptions } from './progress.js';
