import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hostileRanked, workedExample } from '../../test/helpers/findings.js';
import { renderConsole, shouldUseColor } from './console.js';
import { renderReport } from './index.js';

function width(line: string): number {
  return Array.from(line).length;
}

describe('console report', () => {
  const ranked = workedExample();

  it('prints the ranked table with its columns and the hand-computed top row', () => {
    const out = renderConsole(ranked, { width: 180, color: false });
    const lines = out.split('\n');
    const header = lines.find((l) => l.includes('Severity'))!;
    for (const col of ['#', 'Risk', 'Severity', 'Conf.', 'Host', 'Destination', 'Detections', 'Last seen']) {
      expect(header).toContain(col);
    }
    const top = lines.find((l) => l.startsWith('│ 1 '))!;
    // 151.5 ≥ 100: marked notable with "!".
    expect(top).toContain('151.5 !');
    expect(top).toContain('WS01');
    expect(top).toContain('evil.test (203.0.113.10, 203.0.113.11)');
    expect(top).toContain('2024-01-01T01:00:00Z');
    expect(out).toContain('c2hunt: 7 findings in 3 risk objects on 3 hosts; 1 notable');
  });

  it('details each finding with evidence and its guide', () => {
    const out = renderConsole(ranked, { width: 140, color: false });
    expect(out).toContain('#1 WS01 → evil.test (203.0.113.10, 203.0.113.11) · risk 151.5 (undiminished 194)');
    expect(out).toContain('contributions: Beacon: regular check-ins 61.5 (2 findings) · Known-bad destination 50');
    expect(out).toContain('every 60 s ± 2%, 5 connections to c2.evil.test');
    expect(out).toMatch(/evidence: count 5 · first seen 2024-01-01T00:00:00Z · last seen 2024-01-01T00:04:00Z/);
    expect(out).toContain('investigate:');
    expect(out).toContain('1. Check the parent process and how the image was started.');
    expect(out).toContain('respond:');
  });

  it('fits the terminal width, dropping the least important columns when narrow', () => {
    for (const w of [60, 80, 100, 140]) {
      const out = renderConsole(ranked, { width: w, color: false });
      for (const line of out.split('\n')) expect(width(line), `${w}: ${line}`).toBeLessThanOrEqual(w);
    }
    const headerAt = (w: number) =>
      renderConsole(ranked, { width: w, color: false })
        .split('\n')
        .find((l) => l.includes('Severity'))!;
    // Fixed columns # 5, Risk 9, Severity 10, Conf. 8, Last seen 22; flexible Host ≥ 10, Destination ≥ 14,
    // Detections ≥ 14; one border per column plus one. All eight need 5+9+10+8+22 + 38 + 9 = 101.
    expect(headerAt(101)).toContain('Last seen');
    // At 100, Last seen goes (the other seven need 32 + 38 + 8 = 78); below 78, Conf. goes too (69).
    expect(headerAt(100)).not.toContain('Last seen');
    expect(headerAt(78)).toContain('Conf.');
    expect(headerAt(77)).not.toContain('Conf.');
    expect(headerAt(70)).toContain('Destination');
    const narrow = renderConsole(ranked, { width: 70, color: false });
    // Long cells are cut with an ellipsis.
    expect(narrow).toContain('…');
  });

  it('colours only when asked', () => {
    const plain = renderConsole(ranked, { width: 120, color: false });
    const coloured = renderConsole(ranked, { width: 120, color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it('shows control and bidi characters from logs as escapes', () => {
    const out = renderConsole(hostileRanked(), { width: 200, color: false });
    expect(out).not.toContain('\u001b');
    expect(out).not.toContain('\u0007');
    expect(out).not.toContain('\u202e');
    expect(out).toContain('red\\x1b[31mtext');
    expect(out).toContain('invoice\\u{202e}gpj.exe');
  });

  it('lists at most tableLimit rows and details at most detailLimit objects, counting the rest', () => {
    const out = renderConsole(ranked, { width: 140, color: false, tableLimit: 1, detailLimit: 2 });
    const rows = out.split('\n').filter((l) => /^│ \d+ /.test(l));
    expect(rows).toHaveLength(2); // one object row, one host row
    expect(out).toContain('(2 more risk objects; --format csv, json or html lists all)');
    expect(out).toContain('(2 more hosts)');
    expect(out).toContain('#2 WS02');
    expect(out).not.toContain('#3 WS03');
    expect(out).toContain('(1 more risk objects not detailed)');
  });

  it('says so when there is nothing', () => {
    expect(renderConsole({ objects: [], hosts: [], totalFindings: 0, options: { decay: 0.5, threshold: 100 } })).toBe(
      'c2hunt: no findings.\n',
    );
  });
});

describe('colour decision (no-color.org)', () => {
  it('needs a TTY and NO_COLOR unset or empty', () => {
    expect(shouldUseColor({ isTTY: true }, {})).toBe(true);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldUseColor({ isTTY: false }, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });
});

describe('renderReport', () => {
  function sink(isTTY: boolean, columns?: number) {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, cb) {
        text += String(chunk);
        cb();
      },
    }) as Writable & { isTTY?: boolean; columns?: number };
    stream.isTTY = isTTY;
    if (columns !== undefined) stream.columns = columns;
    return { stream, text: () => text };
  }

  it('writes a plain table to a pipe and a coloured one sized to a TTY', async () => {
    const pipe = sink(false);
    await renderReport(workedExample(), 'table', pipe.stream, { env: {} });
    expect(pipe.text()).not.toContain('\u001b[');
    const tty = sink(true, 90);
    await renderReport(workedExample(), 'table', tty.stream, { env: {} });
    expect(tty.text()).toContain('\u001b[');
    for (const line of stripVTControlCharacters(tty.text()).split('\n')) expect(width(line)).toBeLessThanOrEqual(90);
    const noColor = sink(true, 90);
    await renderReport(workedExample(), 'table', noColor.stream, { env: { NO_COLOR: '1' } });
    expect(noColor.text()).not.toContain('\u001b[');
  });

  it('writes each machine format', async () => {
    for (const format of ['json', 'ndjson', 'csv', 'html'] as const) {
      const s = sink(false);
      await renderReport(workedExample(), format, s.stream);
      expect(s.text().length, format).toBeGreaterThan(100);
    }
  });
});
