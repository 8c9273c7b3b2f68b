import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hostileRanked, workedExample } from '../../test/helpers/findings.js';
import { hostLabels, renderConsole, shouldUseColor } from './console.js';
import { PIPE_WIDTH, renderReport, reportWidth } from './index.js';

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
    // The table names the first address and counts the others; four detections contribute.
    expect(top).toContain('evil.test (203.0.113.10 +1)');
    expect(top).toContain('4: Beacon: regular check-ins, Known-bad destination');
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
    // Fixed columns # 5, Risk 9, Severity 10, Conf. 8, Last seen 22; flexible Host ≥ 10, Destination ≥ 24,
    // Detections ≥ 14; one border per column plus one. All eight need 5+9+10+8+22 + 48 + 9 = 111.
    expect(headerAt(111)).toContain('Last seen');
    // At 110, Last seen goes (the other seven need 32 + 48 + 8 = 88); below 88, Conf. goes too (24 + 48 + 7
    // = 79); below 79, Detections (24 + 34 + 6 = 64), so an 80-column terminal still shows it.
    expect(headerAt(110)).not.toContain('Last seen');
    expect(headerAt(88)).toContain('Conf.');
    expect(headerAt(87)).not.toContain('Conf.');
    expect(headerAt(80)).toContain('Detections');
    expect(headerAt(78)).not.toContain('Detections');
    expect(headerAt(70)).toContain('Destination');
    const narrow = renderConsole(ranked, { width: 70, color: false });
    // Long cells are cut with an ellipsis.
    expect(narrow).toContain('…');
  });

  it('is compact, and sizes the flexible columns to their content when there is room', () => {
    const out = renderConsole(ranked, { width: 200, color: false });
    const objects = out.slice(out.indexOf('Risk objects'), out.indexOf('\nHosts'));
    // One rule under the header, none between rows (three objects: five lines between the top and bottom).
    expect(objects.split('\n').filter((l) => l.startsWith('├'))).toHaveLength(1);
    expect(objects.split('\n').filter((l) => l.startsWith('│'))).toHaveLength(4);
    // The widest destination cell is "evil.test (203.0.113.10 +1)", 27 characters; with a space of padding
    // on each side the column is 29 wide, not the weighted share of the 200 columns.
    const top = objects.split('\n').find((l) => l.startsWith('│ 1 '))!;
    expect(top.split('│')[6]).toBe(' evil.test (203.0.113.10 +1) ');
    // Host is at its minimum (10): "WS01" needs 6.
    expect(top.split('│')[5]).toHaveLength(10);
  });

  it('shows hosts without their domain when the short name is unique, and says which domain', () => {
    const hosts = ['WKS-004.corp.example', 'SOC01.corp.example', 'WKS-1.a.example', 'WKS-1.b.example', '192.0.2.5', 'DC01'];
    const labels = hostLabels(hosts);
    expect(hosts.map(labels.label)).toEqual(['WKS-004', 'SOC01', 'WKS-1.a.example', 'WKS-1.b.example', '192.0.2.5', 'DC01']);
    expect(labels.domains).toEqual(['corp.example']);
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
    expect(out).toContain('(2 more risk objects: --top shows more; --format csv, json or html lists all)');
    expect(out).toContain('(2 more hosts)');
    expect(out).toContain('#2 WS02');
    expect(out).not.toContain('#3 WS03');
    expect(out).toContain('(1 more risk objects not detailed: --details N)');
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

  it('a pipe or a file is COLUMNS wide when set, else 160; a TTY its own width', () => {
    expect(PIPE_WIDTH).toBe(160);
    expect(reportWidth({ isTTY: false }, {})).toBe(160);
    expect(reportWidth(undefined, { COLUMNS: '200' })).toBe(200);
    expect(reportWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBe(160);
    expect(reportWidth({ isTTY: true, columns: 80 }, { COLUMNS: '200' })).toBe(80);
  });

  it('writes each machine format', async () => {
    for (const format of ['json', 'ndjson', 'csv', 'html'] as const) {
      const s = sink(false);
      await renderReport(workedExample(), format, s.stream);
      expect(s.text().length, format).toBeGreaterThan(100);
    }
  });
});
