/** The self-contained HTML report. */
export { renderHtml, type HtmlOptions } from './render.js';
export { CONTENT_SECURITY_POLICY, SCRIPT, SCRIPT_HASH } from './assets.js';
export { histogramSvg, timelineSvg } from './charts.js';
