/**
 * The report's inline stylesheet and script. The script only filters the ranked table by its visible
 * text; no report data is ever placed inside it. Its SHA-256 goes into the page's Content-Security-Policy,
 * so even markup that slipped past escaping could not run a script of its own.
 */
import { createHash } from 'node:crypto';

export const STYLE = `
:root{--fg:#1d232a;--muted:#5b6570;--bg:#fff;--panel:#f5f7f9;--line:#d8dee4;--accent:#0b5cad;
--crit:#7a1fa2;--high:#c62828;--med:#b26a00;--low:#1565c0;--info:#6b7785}
@media (prefers-color-scheme:dark){:root{--fg:#e3e8ee;--muted:#9aa5b1;--bg:#14181c;--panel:#1c2228;--line:#2e3740;
--accent:#6cb2ff;--crit:#d48cf0;--high:#ff7b72;--med:#e3b341;--low:#79c0ff;--info:#8b949e}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1200px;margin:0 auto;padding:12px 20px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 6px}
h4{font-size:13px;margin:10px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:var(--panel);font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap,.sev{white-space:nowrap}td.list{font-size:12.5px}
a{color:var(--accent)}
code,.mono{font:12.5px/1.4 ui-monospace,"Cascadia Mono",Consolas,monospace;overflow-wrap:break-word}
.summary{color:var(--muted)}
.sev{font-weight:600}.sev-critical{color:var(--crit)}.sev-high{color:var(--high)}.sev-medium{color:var(--med)}
.sev-low{color:var(--low)}.sev-informational{color:var(--info)}
.notable{font-weight:700;color:var(--high)}
.object{border-top:2px solid var(--line);margin-top:28px}
.finding{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px 14px;margin:12px 0}
.meta{color:var(--muted);margin:2px 0 8px}
dl.evidence{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 14px;margin:6px 0}
dl.evidence dt{color:var(--muted)}dl.evidence dd{margin:0;min-width:0;overflow-wrap:anywhere}
.finding code,.finding .mono{overflow-wrap:anywhere}
.tech{font-size:12px;margin-left:6px}
.chart{max-width:100%;height:auto;display:block}
.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}
.chart .axis{stroke:var(--line)}
.chart .ticks{stroke:var(--accent);stroke-width:1;opacity:.7}
.chart rect{fill:var(--accent);opacity:.8}
.chart .density rect{opacity:.65}
.chart .median{stroke:var(--high);stroke-dasharray:3 2}
.chart text.label{paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round;fill:var(--fg)}
figure{margin:8px 0}figcaption{color:var(--muted);font-size:12px}
input[type=search]{padding:4px 8px;width:320px;max-width:100%;border:1px solid var(--line);border-radius:4px;
background:var(--bg);color:var(--fg)}
footer{color:var(--muted);font-size:12px}
`;

export const SCRIPT =
  "(function(){var i=document.getElementById('filter');if(!i)return;" +
  "var rows=Array.prototype.slice.call(document.querySelectorAll('#objects tbody tr'));" +
  "i.addEventListener('input',function(){var q=i.value.toLowerCase();" +
  "rows.forEach(function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});})();";

export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}`;

/** No network: nothing may be fetched; only the inline style, this one script and data: images. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;
