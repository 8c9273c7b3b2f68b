/**
 * Small inline SVG charts for the HTML report, written by hand so the report needs no script library
 * and fetches nothing: a beacon timeline (one tick per connection on a time axis) and a log-scale
 * histogram of the intervals between connections. Coordinates are numbers this module computes; the
 * only text is formatted numbers and times, still escaped.
 */
import type { IntervalHistogram, Timeline } from '../../findings/index.js';
import { escapeHtml } from '../../util/escape.js';
import { formatCount, formatDuration, formatIsoTime } from '../../util/format.js';

const W = 720;
const PAD_X = 10;

function fx(n: number): string {
  return n.toFixed(1);
}

/** Up to this many connections are drawn one tick each; more are drawn as activity per time bin. */
export const TICK_LIMIT = 400;
const DENSITY_BINS = 180;

/**
 * Connections on a time axis: one tick each when there are few, else columns of activity per time bin
 * (ticks of a dense beacon would merge into one block and hide its gaps). A thinned timeline keeps
 * points evenly by rank, so each kept point stands for total/kept connections and the column heights
 * estimate the real counts.
 */
export function timelineSvg(tl: Timeline): string {
  const h = 64;
  const top = 8;
  const base = 40;
  const first = tl.times[0] as number;
  const last = tl.times[tl.times.length - 1] as number;
  const span = last - first;
  const x = (t: number) => (span > 0 ? PAD_X + ((t - first) / span) * (W - 2 * PAD_X) : W / 2);
  let marks: string;
  if (tl.times.length <= TICK_LIMIT || span <= 0) {
    let d = '';
    for (const t of tl.times) d += `M${fx(x(t))} ${top}V${base}`;
    marks = `<path class="ticks" d="${d}"/>`;
  } else {
    const counts = new Array<number>(DENSITY_BINS).fill(0);
    for (const t of tl.times) {
      const b = Math.min(DENSITY_BINS - 1, Math.floor(((t - first) / span) * DENSITY_BINS));
      counts[b] = (counts[b] as number) + 1;
    }
    const max = Math.max(...counts);
    const each = tl.total / tl.times.length;
    const bw = (W - 2 * PAD_X) / DENSITY_BINS;
    const binSeconds = span / DENSITY_BINS;
    marks = '<g class="density">';
    counts.forEach((c, i) => {
      if (c === 0) return;
      const bh = Math.max(1, (c / max) * (base - top));
      const tip = `${formatIsoTime(first + i * binSeconds)}: ≈${formatCount(c * each)} connections in ${formatDuration(binSeconds)}`;
      marks +=
        `<rect x="${fx(PAD_X + i * bw)}" y="${fx(base - bh)}" width="${fx(Math.max(1, bw - 0.5))}" height="${fx(bh)}">` +
        `<title>${escapeHtml(tip)}</title></rect>`;
    });
    marks += '</g>';
  }
  const label = `Connection timeline: ${formatCount(tl.total)} connections from ${formatIsoTime(first)} to ${formatIsoTime(last)}`;
  return (
    `<svg class="chart timeline" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeHtml(label)}">` +
    `<line class="axis" x1="${PAD_X}" y1="${base + 0.5}" x2="${W - PAD_X}" y2="${base + 0.5}"/>` +
    marks +
    `<text x="${PAD_X}" y="${h - 6}">${escapeHtml(formatIsoTime(first))}</text>` +
    `<text x="${W - PAD_X}" y="${h - 6}" text-anchor="end">${escapeHtml(formatIsoTime(last))}</text>` +
    (span > 0 ? `<text x="${W / 2}" y="${h - 6}" text-anchor="middle">${escapeHtml(formatDuration(span))}</text>` : '') +
    `</svg>`
  );
}

/** Bars over log-spaced interval bins, with the median marked. */
export function histogramSvg(hist: IntervalHistogram): string {
  const h = 128;
  // Room above the bars for the median's label, so no bar covers it.
  const top = 18;
  const base = 100;
  const n = hist.counts.length;
  if (n === 0) return '';
  const max = Math.max(...hist.counts);
  const bw = (W - 2 * PAD_X) / n;
  let bars = '';
  hist.counts.forEach((c, i) => {
    if (c === 0) return;
    const bh = (c / max) * (base - top);
    const lo = hist.edges[i] as number;
    const hi = hist.edges[i + 1] as number;
    const tip = `${formatDuration(lo)} – ${formatDuration(hi)}: ${formatCount(c)} interval${c === 1 ? '' : 's'}`;
    bars +=
      `<rect x="${fx(PAD_X + i * bw + 1)}" y="${fx(base - bh)}" width="${fx(Math.max(1, bw - 2))}" height="${fx(bh)}">` +
      `<title>${escapeHtml(tip)}</title></rect>`;
  });
  const lo = hist.edges[0] as number;
  const hi = hist.edges[n] as number;
  let median = '';
  if (hist.median !== null && hist.median > 0 && hi > lo) {
    const mx = PAD_X + (Math.log(hist.median / lo) / Math.log(hi / lo)) * (W - 2 * PAD_X);
    if (mx >= PAD_X && mx <= W - PAD_X) {
      median =
        `<line class="median" x1="${fx(mx)}" y1="${top}" x2="${fx(mx)}" y2="${base}"/>` +
        `<text class="label" x="${fx(mx)}" y="${top - 5}" text-anchor="${mx > W - 90 ? 'end' : mx < 90 ? 'start' : 'middle'}" dx="${mx > W - 90 ? -4 : mx < 90 ? 4 : 0}">median ${escapeHtml(formatDuration(hist.median))}</text>`;
    }
  }
  const label = `Histogram of ${formatCount(hist.total)} intervals between connections, log scale from ${formatDuration(lo)} to ${formatDuration(hi)}`;
  return (
    `<svg class="chart histogram" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeHtml(label)}">` +
    `<line class="axis" x1="${PAD_X}" y1="${base + 0.5}" x2="${W - PAD_X}" y2="${base + 0.5}"/>` +
    `<g class="bars">${bars}</g>${median}` +
    `<text x="${PAD_X}" y="${h - 12}">${escapeHtml(formatDuration(lo))}</text>` +
    `<text x="${W - PAD_X}" y="${h - 12}" text-anchor="end">${escapeHtml(formatDuration(hi))}</text>` +
    `<text x="${W / 2}" y="${h - 12}" text-anchor="middle">interval (log scale)</text>` +
    `</svg>`
  );
}
