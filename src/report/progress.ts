/**
 * A progress line for long reads on stderr (bytes read of the total, events and events per second),
 * drawn by cli-progress. It draws only when the stream is a TTY: piped or redirected stderr, CI logs and
 * tests get nothing, and every call is then a no-op.
 */
import cliProgress from 'cli-progress';
import { formatBytes, formatCount } from '../util/format.js';

export interface ProgressOptions {
  /** Default process.stderr. */
  readonly stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Total bytes to read, when known (a bar and a percentage are drawn then). */
  readonly totalBytes?: number;
  readonly label?: string;
  /** Redraws per second at most (default 5). */
  readonly fps?: number;
  /** Clock in milliseconds, for tests (default Date.now). */
  readonly now?: () => number;
}

export interface Progress {
  /** Whether anything is being drawn. */
  readonly active: boolean;
  update(bytesRead: number, events: number): void;
  /** Finish the line (the bar stays on screen with its final figures). */
  stop(): void;
}

const NOOP: Progress = { active: false, update: () => {}, stop: () => {} };

/** The line's text, also used by tests: "reading [████░░░░] 45% 12.3 MiB / 27.1 MiB · 1,234 events · 98 ev/s". */
export function progressLine(
  label: string,
  bytes: number,
  totalBytes: number | undefined,
  events: number,
  elapsedMs: number,
  barWidth = 24,
): string {
  const rate = elapsedMs > 0 ? (events * 1000) / elapsedMs : 0;
  const tail = `${formatCount(events)} events · ${formatCount(rate)} ev/s`;
  if (totalBytes === undefined || !(totalBytes > 0)) return `${label} ${formatBytes(bytes)} · ${tail}`;
  const frac = Math.min(1, Math.max(0, bytes / totalBytes));
  const filled = Math.round(frac * barWidth);
  const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
  return `${label} [${bar}] ${Math.floor(frac * 100)}% ${formatBytes(bytes)} / ${formatBytes(totalBytes)} · ${tail}`;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if ((stream as { isTTY?: boolean }).isTTY !== true) return NOOP;
  const label = options.label ?? 'reading';
  const now = options.now ?? Date.now;
  const started = now();
  let events = 0;
  const total = options.totalBytes;
  const bar = new cliProgress.SingleBar({
    stream,
    fps: options.fps ?? 5,
    hideCursor: false,
    clearOnComplete: false,
    linewrap: false,
    format: (_opts, params) => progressLine(label, params.value, total, events, now() - started),
  });
  bar.start(total !== undefined && total > 0 ? total : 1, 0);
  let stopped = false;
  return {
    active: true,
    update(bytesRead: number, eventCount: number) {
      if (stopped) return;
      events = eventCount;
      bar.update(bytesRead);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
