import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from './progress.js';

function sink(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  return { stream, text: () => text };
}

describe('progress line', () => {
  it('formats bytes of total, events and the event rate', () => {
    // 5 MiB of 20 MiB = 25 %: 6 of 24 bar cells; 10,000 events in 2 s = 5,000 ev/s.
    expect(progressLine('reading', 5 * 1024 * 1024, 20 * 1024 * 1024, 10_000, 2000)).toBe(
      'reading [██████░░░░░░░░░░░░░░░░░░] 25% 5.0 MiB / 20.0 MiB · 10,000 events · 5,000 ev/s',
    );
    expect(progressLine('reading', 1536, undefined, 3, 0)).toBe('reading 1.5 KiB · 3 events · 0 ev/s');
  });

  it('writes nothing when stderr is not a TTY', () => {
    const s = sink(false);
    const p = createProgress({ stream: s.stream, totalBytes: 100 });
    p.update(50, 10);
    p.stop();
    expect(p.active).toBe(false);
    expect(s.text()).toBe('');
  });

  it('draws on a TTY', () => {
    const s = sink(true);
    let now = 0;
    const p = createProgress({ stream: s.stream, totalBytes: 100, now: () => now, fps: 1000 });
    now = 1000;
    p.update(50, 2000);
    p.stop();
    p.stop(); // idempotent
    expect(p.active).toBe(true);
    expect(s.text()).toContain('50%');
    expect(s.text()).toContain('2,000 events');
  });
});
