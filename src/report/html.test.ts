import { createHash } from 'node:crypto';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { BEACON, HOSTILE, hostileRanked, row, workedExample } from '../../test/helpers/findings.js';
import { mapRows, rankFindings } from '../findings/index.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, renderHtml } from './html/index.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  const kids = (node as { childNodes?: Node[] }).childNodes ?? [];
  for (const k of kids) walk(k, visit);
  const content = (node as { content?: Node }).content; // <template>
  if (content !== undefined) walk(content, visit);
}

function elements(doc: Node): Element[] {
  const out: Element[] = [];
  walk(doc, (n) => {
    if ('tagName' in n) out.push(n as Element);
  });
  return out;
}

function textOf(node: Node): string {
  let s = '';
  walk(node, (n) => {
    if (n.nodeName === '#text') s += (n as DefaultTreeAdapterMap['textNode']).value;
  });
  return s;
}

describe('HTML report with hostile log values', () => {
  const html = renderHtml(hostileRanked());
  const doc = parse(html);
  const els = elements(doc);

  it('contains exactly our one script and one stylesheet', () => {
    const scripts = els.filter((e) => e.tagName === 'script');
    expect(scripts).toHaveLength(1);
    expect(textOf(scripts[0]!)).toBe(SCRIPT);
    expect(els.filter((e) => e.tagName === 'style')).toHaveLength(1);
  });

  it('lets no markup through: no event handlers, no fetching elements, links only where the report makes them', () => {
    for (const e of els) {
      for (const a of e.attrs) {
        expect(a.name.startsWith('on'), `${e.tagName} ${a.name}`).toBe(false);
        expect(a.name).not.toBe('src');
        if (a.name === 'href') expect(a.value).toMatch(/^(#obj-\d+|https:\/\/attack\.mitre\.org\/techniques\/T\d{4}(\/\d{3})?\/)$/);
      }
    }
    const tags = new Set(els.map((e) => e.tagName));
    for (const t of ['img', 'iframe', 'object', 'embed', 'link', 'base', 'form', 'meta-refresh']) expect(tags.has(t)).toBe(false);
  });

  it('shows the hostile strings as text', () => {
    const text = textOf(doc);
    expect(text).toContain(HOSTILE.script); // host name, as text
    expect(text).toContain(HOSTILE.quotes); // in the image path
    expect(text).toContain(HOSTILE.style); // command line and guide
    expect(text).toContain(HOSTILE.url); // guide step, not a link
    expect(text).toContain(HOSTILE.comment);
    expect(text).toContain(HOSTILE.cdata);
    expect(text).toContain('javascript:alert(6)'); // a malformed technique id is text, not a link
  });

  it('makes invisible and reordering characters visible instead of emitting them', () => {
    const text = textOf(doc);
    expect(text).toContain('line\\u{2028}break\\u{2029}para');
    expect(text).toContain('invoice\\u{202e}gpj.exe');
    expect(text).toContain('red\\x1b[31mtext\\x1b]0;title\\x07');
    for (const ch of ['\u2028', '\u2029', '\u202e', '\u001b', '\u0007']) expect(html.includes(ch)).toBe(false);
  });

  it('escapes at the source: no raw hostile markup in the bytes', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('</style><script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<svg onload');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('forbids every fetch in its Content-Security-Policy and pins the script by hash', () => {
    const csp = els.find((e) => e.tagName === 'meta' && e.attrs.some((a) => a.value === 'Content-Security-Policy'));
    const content = csp!.attrs.find((a) => a.name === 'content')!.value;
    expect(content).toBe(CONTENT_SECURITY_POLICY);
    expect(content).toContain("default-src 'none'");
    const hash = createHash('sha256').update(SCRIPT).digest('base64');
    expect(content).toContain(`'sha256-${hash}'`);
  });
});

describe('HTML report content', () => {
  const ranked = workedExample();
  const html = renderHtml(ranked);
  const doc = parse(html);
  const els = elements(doc);

  it('ranks the objects in a table linked to their sections', () => {
    const objectTable = els.find((e) => e.attrs.some((a) => a.name === 'id' && a.value === 'objects'))!;
    const objectRows = elements(objectTable).filter((e) => e.tagName === 'tr' && e.parentNode?.nodeName === 'tbody');
    expect(objectRows.map((r) => textOf(r.childNodes[0]!))).toEqual(['1', '2', '3']);
    expect(textOf(objectRows[0]!)).toContain('151.5');
    for (const rank of [1, 2, 3]) expect(els.some((e) => e.attrs.some((a) => a.name === 'id' && a.value === `obj-${rank}`))).toBe(true);
  });

  it('draws a timeline and an interval histogram for a finding with connection times', () => {
    const svgs = els.filter((e) => e.tagName === 'svg');
    // Only F1 of the worked example carries times: one timeline, one histogram.
    expect(svgs.map((s) => s.attrs.find((a) => a.name === 'class')!.value)).toEqual(['chart timeline', 'chart histogram']);
    const ticks = els.find((e) => e.tagName === 'path' && e.attrs.some((a) => a.value === 'ticks'))!;
    const d = ticks.attrs.find((a) => a.name === 'd')!.value;
    // Five connections → five tick segments, the first at the left edge and the last at the right.
    expect(d.match(/M/g)).toHaveLength(5);
    expect(d.startsWith('M10.0 ')).toBe(true);
    expect(d).toContain('M710.0 ');
  });

  it('draws a dense timeline as activity per time bin, estimating counts from the kept points', () => {
    // 3,000 connections 60 s apart: thinned to 2,000 points, each standing for 1.5 connections.
    const times = Array.from({ length: 3000 }, (_, i) => String(1_704_067_200 + i * 60));
    const dense = renderHtml(rankFindings(mapRows(BEACON, [row({ host: 'H', DestinationIp: '192.0.2.1', times })])));
    const d = elements(parse(dense));
    expect(d.some((e) => e.tagName === 'path' && e.attrs.some((a) => a.value === 'ticks'))).toBe(false);
    const group = d.find((e) => e.tagName === 'g' && e.attrs.some((a) => a.value === 'density'))!;
    const bars = elements(group).filter((e) => e.tagName === 'rect');
    // 180 bins over an even series: every bin has points.
    expect(bars).toHaveLength(180);
    // Bin 0 holds the first ⌈2000/180⌉ = 12 kept points (times are even), so ≈ 12 × 1.5 = 18 connections.
    expect(textOf(bars[0]!)).toContain('≈18 connections');
    expect(textOf(parse(dense))).toContain('3,000 connections; 2,000 kept evenly by rank');
  });

  it('draws no interval histogram when the detection kept only a sample of the times, and says why', () => {
    // 50 times 600 s apart standing for 491 connections (count: connections): their gaps are not intervals.
    const times = Array.from({ length: 50 }, (_, i) => String(1_704_067_200 + i * 600));
    const sampled = renderHtml(rankFindings(mapRows(BEACON, [row({ host: 'H', DestinationIp: '192.0.2.1', times, connections: 491 })])));
    const d = elements(parse(sampled));
    expect(d.filter((e) => e.tagName === 'svg').map((s) => s.attrs.find((a) => a.name === 'class')!.value)).toEqual(['chart timeline']);
    const text = textOf(parse(sampled));
    expect(text).toContain('491 connections; 50 kept evenly by rank');
    expect(text).toContain('No interval histogram: the detection kept 50 of the 491 connection times');
  });

  it('is the same bytes on every run and says when there is nothing', () => {
    expect(renderHtml(workedExample())).toBe(html);
    const empty = renderHtml({ objects: [], hosts: [], totalFindings: 0, options: { decay: 0.5, threshold: 100 } });
    expect(textOf(parse(empty))).toContain('No findings.');
  });
});
