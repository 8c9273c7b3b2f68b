/**
 * The self-contained HTML report: one file, inline CSS, one small inline script, inline SVG charts, and a
 * Content-Security-Policy that forbids every fetch. Every string that came from logs or rules is passed
 * through `h()` (visible control characters, then HTML escaping) and placed only in element text or
 * quoted attribute values; URLs and ids are built from values the report validates itself.
 */
import type { Finding, HostRisk, RankedFindings, RiskObject } from '../../findings/index.js';
import { htmlText } from '../../util/escape.js';
import { formatCount, formatDecimal, formatIsoTime } from '../../util/format.js';
import { describeDestination, evidencePairs, findingDestination, formatTime } from '../text.js';
import { CONTENT_SECURITY_POLICY, SCRIPT, STYLE } from './assets.js';
import { histogramSvg, TICK_LIMIT, timelineSvg } from './charts.js';

export interface HtmlOptions {
  readonly title?: string;
  /** Epoch seconds shown in the footer; omitted by default for reproducible output. */
  readonly generatedAt?: number;
  /** Shown in the footer (the c2hunt version). */
  readonly version?: string;
}

const h = (s: string) => htmlText(s);
const score = (n: number) => formatDecimal(n, 1);

// ATT&CK ids come from rule files; only well-formed ones become links.
const TECHNIQUE_RE = /^T\d{4}(?:\.\d{3})?$/;

function techniqueLink(id: string): string {
  if (!TECHNIQUE_RE.test(id)) return `<span class="tech">${h(id)}</span>`;
  const path = id.replace('.', '/');
  return `<a class="tech" href="https://attack.mitre.org/techniques/${path}/" rel="noreferrer noopener">${id}</a>`;
}

const LEVELS = new Set(['informational', 'low', 'medium', 'high', 'critical']);

function sev(s: string): string {
  // A class name only from the five known levels; the text is escaped whatever a caller passed.
  return `<span class="sev sev-${LEVELS.has(s) ? s : 'unknown'}">${h(s)}</span>`;
}

function objectRow(o: RiskObject): string {
  return (
    `<tr><td class="num"><a href="#obj-${o.rank}">${o.rank}</a></td>` +
    `<td class="num${o.notable ? ' notable' : ''}">${score(o.score)}</td>` +
    `<td>${sev(o.severity)}</td><td>${h(o.confidence)}</td>` +
    `<td>${h(o.host)}</td><td class="mono">${h(describeDestination(o))}</td>` +
    `<td class="list">${o.contributions.map((c) => h(c.name)).join('<br>')}</td>` +
    `<td class="mono nowrap">${h(formatTime(o.lastSeen))}</td></tr>`
  );
}

function hostRow(x: HostRisk): string {
  return (
    `<tr><td class="num">${x.rank}</td><td>${h(x.host)}</td>` +
    `<td class="num${x.notable ? ' notable' : ''}">${score(x.score)}</td><td>${sev(x.severity)}</td>` +
    `<td class="num">${x.objects}</td><td class="num">${x.findings}</td>` +
    `<td class="mono">${x.destinations.slice(0, 5).map(h).join('<br>')}${x.destinations.length > 5 ? '<br>…' : ''}</td></tr>`
  );
}

function list(title: string, items: readonly string[]): string {
  if (items.length === 0) return '';
  return `<h4>${title}</h4><ol>${items.map((i) => `<li>${h(i)}</li>`).join('')}</ol>`;
}

function contextBlock(f: Finding): string {
  const c = f.context;
  if (c === undefined) return f.user !== undefined ? `<p class="meta">user ${h(f.user)}</p>` : '';
  const how =
    c.match === 'process-guid'
      ? 'Sysmon EID 1, same ProcessGuid'
      : c.match === 'host-image'
        ? 'latest Sysmon EID 1 of this image on this host (best guess)'
        : 'from the detection';
  const rows: [string, string | undefined][] = [
    ['image', c.image],
    ['command line', c.commandLine],
    ['parent image', c.parentImage],
    ['parent command line', c.parentCommandLine],
    ['user', c.user],
    ['process guid', c.processGuid],
    ['process id', c.processId],
    ['started', c.started === undefined ? undefined : formatIsoTime(c.started)],
  ];
  const body = rows
    .filter((r): r is [string, string] => r[1] !== undefined)
    .map(([k, v]) => `<dt>${k}</dt><dd><code>${h(v)}</code></dd>`)
    .join('');
  return `<h4>Process (${how}${c.truncated ? '; long values cut' : ''})</h4><dl class="evidence">${body}</dl>`;
}

function timelineBlock(f: Finding): string {
  const tl = f.timeline;
  if (tl === undefined) return '';
  const shown =
    tl.times.length < tl.total
      ? `${formatCount(tl.total)} connections; ${formatCount(tl.times.length)} kept evenly by rank, drawn as activity per time bin`
      : tl.times.length > TICK_LIMIT
        ? `${formatCount(tl.total)} connections, drawn as activity per time bin`
        : `${formatCount(tl.total)} connections, one tick each`;
  const head = `<h4>Beacon timeline</h4><figure>${timelineSvg(tl)}<figcaption>${shown}</figcaption></figure>`;
  const iv = tl.intervals;
  if (iv === undefined) {
    // The detection kept a sample of the times: gaps between sampled times are not the real intervals.
    return (
      head +
      `<p class="meta">No interval histogram: the detection kept ${formatCount(tl.times.length)} of the ${formatCount(tl.total)} connection times, ` +
      `and the gaps between sampled times are not the real intervals. The period, jitter and percentiles in the evidence are computed from every connection.</p>`
    );
  }
  const hist = histogramSvg(iv);
  const zero = iv.zero > 0 ? `; ${formatCount(iv.zero)} intervals of 0 s not drawn` : '';
  const what =
    iv.kind === 'checkins'
      ? `${formatCount(iv.total)} intervals between check-ins (connections of one burst count once), computed by the detection over every connection`
      : `${formatCount(iv.total)} intervals between connections, all connections counted`;
  return head + (hist !== '' ? `<figure>${hist}<figcaption>${what}${zero}</figcaption></figure>` : '');
}

function findingArticle(f: Finding): string {
  const evidence = evidencePairs(f)
    .map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`)
    .join('');
  return (
    `<article class="finding" id="f-${h(f.id)}">` +
    `<h3>${h(f.detection.name)}${f.detection.techniques.map(techniqueLink).join('')}</h3>` +
    `<p class="meta">risk ${score(f.risk)} · ${sev(f.severity)} severity · ${h(f.confidence)} confidence · ` +
    `${f.process !== undefined ? `<code>${h(f.process)}</code> → ` : ''}<code>${h(findingDestination(f))}</code></p>` +
    `<p>${h(f.explanation)}</p>` +
    (evidence !== '' ? `<h4>Evidence</h4><dl class="evidence">${evidence}</dl>` : '') +
    contextBlock(f) +
    timelineBlock(f) +
    list('Investigate', f.guide) +
    list('Respond', f.response) +
    `<p class="meta mono">detection ${h(f.detection.id)} · finding ${h(f.id)}</p>` +
    `</article>`
  );
}

function objectSection(o: RiskObject): string {
  const contrib = o.contributions
    .map(
      (c) =>
        `<tr><td>${h(c.name)}</td><td class="mono">${h(c.detectionId)}</td><td class="num">${c.findings}</td>` +
        `<td class="num">${score(c.maxRisk)}</td><td class="num">${score(c.score)}</td><td>${sev(c.severity)}</td></tr>`,
    )
    .join('');
  return (
    `<section class="object" id="obj-${o.rank}">` +
    `<h2>#${o.rank} ${h(o.host)} → <span class="mono">${h(describeDestination(o))}</span></h2>` +
    `<p class="meta">risk <span class="${o.notable ? 'notable' : ''}">${score(o.score)}</span>` +
    (o.rawScore !== o.score ? ` (undiminished ${score(o.rawScore)})` : '') +
    ` · ${sev(o.severity)} severity · ${h(o.confidence)} confidence · ${o.techniques.map(techniqueLink).join(' ')}` +
    ` · first seen ${h(formatTime(o.firstSeen))} · last seen ${h(formatTime(o.lastSeen))}</p>` +
    `<table class="contrib"><thead><tr><th>Detection</th><th>Id</th><th class="num">Findings</th>` +
    `<th class="num">Max risk</th><th class="num">Added</th><th>Severity</th></tr></thead><tbody>${contrib}</tbody></table>` +
    o.findings.map(findingArticle).join('') +
    `</section>`
  );
}

/** The whole report as one HTML document. */
export function renderHtml(ranked: RankedFindings, options: HtmlOptions = {}): string {
  const title = options.title ?? 'c2hunt findings';
  const { objects, hosts } = ranked;
  const notable = objects.filter((o) => o.notable).length;
  const summary =
    `${formatCount(ranked.totalFindings)} findings in ${formatCount(objects.length)} risk objects on ` +
    `${formatCount(hosts.length)} hosts; ${notable} notable (risk ≥ ${score(ranked.options.threshold)}). ` +
    `Repeated findings of one kind diminish by ×${ranked.options.decay} each.`;
  const body =
    objects.length === 0
      ? '<p>No findings.</p>'
      : `<section><h2>Risk objects</h2>` +
        `<p><input id="filter" type="search" placeholder="Filter rows" aria-label="Filter risk objects"></p>` +
        `<table id="objects"><thead><tr><th class="num">#</th><th class="num">Risk</th><th>Severity</th>` +
        `<th>Confidence</th><th>Host</th><th>Destination</th><th>Detections</th><th>Last seen</th></tr></thead>` +
        `<tbody>${objects.map(objectRow).join('')}</tbody></table></section>` +
        `<section><h2>Hosts</h2><table><thead><tr><th class="num">#</th><th>Host</th><th class="num">Risk</th>` +
        `<th>Severity</th><th class="num">Objects</th><th class="num">Findings</th><th>Destinations</th></tr></thead>` +
        `<tbody>${hosts.map(hostRow).join('')}</tbody></table></section>` +
        objects.map(objectSection).join('');
  const footer =
    `c2hunt${options.version !== undefined ? ` ${h(options.version)}` : ''} report` +
    (options.generatedAt !== undefined ? ` · generated ${h(formatIsoTime(options.generatedAt))}` : '') +
    ' · self-contained: this file fetches nothing.';
  return (
    '<!DOCTYPE html>\n' +
    '<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${h(title)}</title><style>${STYLE}</style></head>\n<body>` +
    `<header><h1>${h(title)}</h1><p class="summary">${summary}</p></header>\n` +
    `<main>${body}</main>\n<footer>${footer}</footer>\n` +
    `<script>${SCRIPT}</script></body></html>\n`
  );
}
