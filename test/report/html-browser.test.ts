/**
 * The HTML report in a real browser (Debian's Chromium driven by playwright-core): a demo report loads
 * with no script error and no Content-Security-Policy violation, fetches nothing, draws its charts, and
 * its one script filters the ranked table; a report made of hostile strings runs none of them.
 *
 * Needs /usr/bin/chromium (`.ci/run` installs Debian's chromium); without it the test skips with a notice.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html/index.js';
import { cli } from '../helpers/cli.js';
import { hostileRanked } from '../helpers/findings.js';
import { removeTempDirs, tempDir } from '../helpers/sysmon-xml.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`NOTICE: ${CHROMIUM} is absent; the HTML report's browser test is skipped (apt-get install chromium).`);

let browser: Browser;

interface Loaded {
  page: Page;
  /** Console errors (CSP violations are reported there), uncaught script errors and dialogs opened. */
  problems: string[];
  /** Every URL the page asked for. */
  requests: string[];
}

async function load(file: string): Promise<Loaded> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests };
}

describe.skipIf(!HAS_CHROMIUM)('HTML report in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Flags for a closed network (no background fetches), as root in CI.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    removeTempDirs();
  });

  it('a demo report loads cleanly, fetches nothing, draws its charts and filters its table', async () => {
    const html = join(tempDir(), 'demo.html');
    const r = await cli('demo', '--hosts', '5', '--days', '0.5', '--html', html, '--top', '1', '--details', '0');
    expect(r.code).toBe(0);
    const { page, problems, requests } = await load(html);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);

    // Charts have a size on the page (inline SVG, laid out).
    const charts = await page.locator('svg.chart').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(charts.length).toBeGreaterThan(0);
    for (const w of charts) expect(w).toBeGreaterThan(100);

    // The filter hides exactly the rows whose text lacks the query (case-insensitive), and shows all again.
    const rows = page.locator('#objects tbody tr');
    const texts = await rows.allTextContents();
    expect(texts.length).toBeGreaterThan(5);
    const query = 'WkS-001';
    await page.fill('#filter', query);
    const visible = await rows.evaluateAll((els) => els.map((e) => !(e as unknown as { hidden: boolean }).hidden));
    expect(visible).toEqual(texts.map((t) => t.toLowerCase().includes(query.toLowerCase())));
    expect(visible.some((v) => v)).toBe(true);
    expect(visible.some((v) => !v)).toBe(true);
    await page.fill('#filter', '');
    expect(await rows.evaluateAll((els) => els.every((e) => !(e as unknown as { hidden: boolean }).hidden))).toBe(true);
    await page.close();
  }, 60_000);

  it('a report of hostile strings runs none of them and shows them as text', async () => {
    const file = join(tempDir(), 'hostile.html');
    writeFileSync(file, renderHtml(hostileRanked()));
    const { page, problems, requests } = await load(file);
    // No alert() dialog, no error, nothing fetched (an injected <img src=x> would be a request).
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    // Exactly one script element, the report's own.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('body').innerText()).toContain('<script>alert(1)</script>');
    await page.close();
  }, 60_000);
});
