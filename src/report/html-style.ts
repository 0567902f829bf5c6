/**
 * The HTML report's inline style and script. System fonts only (nothing to
 * load); colours as custom properties, switched by the system's colour scheme
 * or the page's theme button; a print style that drops the controls.
 */

const LIGHT = `
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --panel-2: #eef1f4;
  --accent: #0969da; --bad: #cf222e; --bad-bg: #ffebe9; --good: #1a7f37; --good-bg: #dafbe1; --warn: #9a6700; --warn-bg: #fff8c5;
  --node: #ffffff; --node-line: #8c959f; --source: #bc4c00; --source-bg: #fff1e5; --sink: #8250df; --sink-bg: #fbefff;
  --edge: #6e7781; --mark: #fff8c5; --hit: #fff8c5;`;

const DARK = `
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --panel-2: #1c2330;
  --accent: #4493f8; --bad: #ff7b72; --bad-bg: #3c1618; --good: #3fb950; --good-bg: #12261e; --warn: #d29922; --warn-bg: #2e2410;
  --node: #0d1117; --node-line: #656c76; --source: #ffa657; --source-bg: #3a2412; --sink: #d2a8ff; --sink-bg: #2b1d40;
  --edge: #8b949e; --mark: #5a4a12; --hit: #2e2a12;`;

export const PAGE_STYLE = `
:root { color-scheme: light; ${LIGHT} }
:root[data-theme="dark"] { color-scheme: dark; ${DARK} }
@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) { color-scheme: dark; ${DARK} } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 20px 24px 40px; background: var(--bg); color: var(--fg);
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
code, pre, .node-code, .box-file { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 12.5px; background: var(--panel-2); padding: 0 4px; border-radius: 4px; }
a { color: var(--accent); }
h1 { font-size: 22px; margin: 0; } h2 { font-size: 17px; margin: 0; } h3 { font-size: 14px; margin: 0; } h4 { font-size: 13px; margin: 0 0 4px; }
.top { display: flex; justify-content: space-between; align-items: center; gap: 16px; border-bottom: 1px solid var(--line); padding-bottom: 12px; }
.sub { margin: 2px 0 0; color: var(--muted); }
button { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { background: var(--panel-2); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.summary { margin: 18px 0; }
.summary > h2 { margin-bottom: 10px; }
.alert { background: var(--bad-bg); color: var(--bad); border: 1px solid var(--bad); border-radius: 6px; padding: 8px 12px; }
.note { color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin-bottom: 14px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; background: var(--panel); }
.stat .value { display: block; font-size: 22px; font-weight: 600; }
.stat .label { color: var(--muted); font-size: 12px; }
.stat.bad .value { color: var(--bad); } .stat.good .value { color: var(--good); }
.tallies { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 14px; align-items: start; }
table.tally { border-collapse: collapse; width: 100%; font-size: 13px; }
table.tally caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
table.tally th, table.tally td { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: right; }
table.tally th:first-child { text-align: left; font-weight: normal; word-break: break-all; }
table.tally thead th { color: var(--muted); font-weight: normal; font-size: 12px; }
button.pick { border: 0; background: none; padding: 0; color: var(--accent); text-align: left; }
button.pick:hover { text-decoration: underline; background: none; }
details > summary { cursor: pointer; }
details > summary > h3 { display: inline; }
.coverage, .fixed { margin-top: 14px; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.cov { margin-top: 8px; } .cov ul { margin: 0; padding-left: 20px; font-size: 13px; }
.cov.error h4 { color: var(--bad); } .cov.warning h4 { color: var(--warn); }
.count { display: inline-block; min-width: 20px; text-align: center; font-size: 11px; border-radius: 10px; background: var(--panel-2); padding: 0 6px; color: var(--fg); }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: end; gap: 10px; padding: 10px 0; margin-bottom: 6px;
  background: var(--bg); border-bottom: 1px solid var(--line); }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.filters input, .filters select { font: inherit; font-size: 13px; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 4px 6px; }
.filters input { width: 260px; } .filters select { max-width: 220px; }
.filters output { margin-left: auto; color: var(--muted); font-size: 13px; align-self: center; }
.empty { color: var(--muted); padding: 20px 0; }
.finding { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; margin: 16px 0; background: var(--bg); }
.finding.status-suppressed, .finding.status-baselined { border-style: dashed; }
.finding header { margin-bottom: 6px; }
.anchor { color: var(--muted); text-decoration: none; font-weight: normal; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; border-radius: 10px; padding: 1px 8px; vertical-align: 2px; }
.badge.new { background: var(--bad-bg); color: var(--bad); } .badge.baselined { background: var(--panel-2); color: var(--muted); } .badge.suppressed { background: var(--warn-bg); color: var(--warn); }
.where, .source, .suppression { margin: 2px 0; color: var(--muted); font-size: 13px; }
.message { margin: 6px 0; }
.suppression { color: var(--warn); }
.graph-wrap { overflow-x: auto; margin: 10px 0; padding: 10px 4px 4px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
svg.graph { display: block; max-width: none; }
svg.graph .box rect { fill: var(--panel-2); stroke: var(--line); }
svg.graph .box-fn { font-size: 12.5px; font-weight: 600; fill: var(--fg); }
svg.graph .box-file { font-size: 11px; fill: var(--muted); }
svg.graph .node rect { fill: var(--node); stroke: var(--node-line); stroke-width: 1; }
svg.graph .node-source rect { fill: var(--source-bg); stroke: var(--source); stroke-width: 1.5; }
svg.graph .node-sink rect { fill: var(--sink-bg); stroke: var(--sink); stroke-width: 1.5; }
svg.graph .node:hover rect, svg.graph .node:focus rect { stroke: var(--accent); stroke-width: 2.5; }
svg.graph .node:focus { outline: none; }
svg.graph .node-label { font-size: 12px; fill: var(--fg); }
svg.graph .node-code { font-size: 11px; fill: var(--muted); }
svg.graph .node-line { fill: var(--accent); }
svg.graph circle.num { fill: var(--fg); }
svg.graph text.num { font-size: 10px; font-weight: 700; fill: var(--bg); text-anchor: middle; }
svg.graph .node-source circle.num { fill: var(--source); } svg.graph .node-sink circle.num { fill: var(--sink); }
svg.graph .edge { fill: none; stroke: var(--edge); stroke-width: 1.5; }
svg.graph .edge-send { stroke: var(--sink); stroke-dasharray: 4 3; }
svg.graph .arrow { fill: var(--edge); }
svg.graph .platform rect { fill: var(--sink); }
svg.graph .platform text { text-anchor: middle; fill: var(--bg); }
svg.graph .platform-name { font-size: 12.5px; font-weight: 700; } svg.graph .platform-call { font-size: 11px; }
.paths { font-size: 13px; } .paths p { margin: 4px 0; } .paths ol { margin: 0; padding-left: 22px; }
.steps > summary { font-weight: 600; margin: 6px 0; }
.step-box { margin: 8px 0 12px; }
.step-box h3 { font-size: 13px; margin-bottom: 4px; } .step-box .file { color: var(--muted); font-weight: normal; font-size: 12px; }
.step { margin: 6px 0 8px 10px; border-left: 3px solid var(--line); padding-left: 10px; scroll-margin-top: 80px; }
.step.role-source { border-left-color: var(--source); } .step.role-sink { border-left-color: var(--sink); }
.step:target { background: var(--hit); }
.step p { margin: 0 0 4px; font-size: 13px; }
.step .num { display: inline-block; min-width: 20px; height: 20px; line-height: 20px; text-align: center; border-radius: 10px; background: var(--fg); color: var(--bg); font-size: 11px; font-weight: 700; }
.step.role-source .num { background: var(--source); } .step.role-sink .num { background: var(--sink); }
.step .loc { color: var(--muted); }
pre.excerpt { margin: 0; padding: 6px 0; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; font-size: 12px; line-height: 1.45; }
pre.excerpt code { background: none; padding: 0; font-size: 12px; }
pre.excerpt .line { display: block; padding: 0 10px 0 0; }
pre.excerpt .line.hit { background: var(--hit); }
pre.excerpt .ln { display: inline-block; color: var(--muted); padding: 0 10px; margin-right: 8px; border-right: 1px solid var(--line); user-select: none; }
pre.excerpt mark { background: var(--mark); color: inherit; border-bottom: 2px solid var(--warn); }
footer { margin-top: 30px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
[hidden] { display: none !important; }
@media print {
  :root, :root[data-theme="dark"] { color-scheme: light; ${LIGHT} }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .filters, .theme, button.pick::after { display: none !important; }
  button.pick { color: var(--fg); }
  .finding { border-color: #999; }
  .finding > header, .graph-wrap, .paths, .step { break-inside: avoid-page; }
  .finding > header { break-after: avoid-page; }
  .graph-wrap { overflow: visible; background: none; }
  pre.excerpt { overflow: visible; white-space: pre-wrap; word-break: break-all; }
  svg.graph { max-width: 100%; height: auto; }
  details:not([open]) > *:not(summary) { display: block; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Filters, search (`/` focuses it, Escape clears), the theme button; the page works without it, showing everything. */
export const PAGE_SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const q = document.getElementById('q');
  const shown = document.getElementById('shown');
  const none = document.getElementById('no-match');
  const findings = Array.from(document.querySelectorAll('article.finding'));
  const apply = () => {
    const data = new FormData(form);
    const words = String(data.get('q') || '').toLowerCase().split(/\\s+/).filter(Boolean);
    let count = 0;
    for (const f of findings) {
      const d = f.dataset;
      const ok = (!data.get('platform') || d.platform === data.get('platform'))
        && (!data.get('category') || d.category.split('\\n').includes(data.get('category')))
        && (!data.get('file') || d.file === data.get('file'))
        && (!data.get('status') || d.status === data.get('status'))
        && words.every((w) => d.search.includes(w));
      f.hidden = !ok;
      if (ok) count++;
    }
    shown.textContent = count === findings.length ? count + (count === 1 ? ' finding' : ' findings') : count + ' of ' + findings.length + ' findings';
    none.hidden = count > 0 || findings.length === 0;
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('reset', () => setTimeout(apply));
  for (const b of document.querySelectorAll('button.pick')) {
    b.addEventListener('click', () => {
      form.elements[b.dataset.filter].value = b.dataset.value;
      apply();
      form.scrollIntoView({ block: 'start' });
    });
  }
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (e.key === '/' && !typing) { e.preventDefault(); q.focus(); }
    else if (e.key === 'Escape' && document.activeElement === q) { q.value = ''; apply(); }
  });
  const root = document.documentElement;
  const themeButton = document.getElementById('theme');
  const themes = ['auto', 'light', 'dark'];
  const setTheme = (t) => {
    if (t === 'auto') root.removeAttribute('data-theme'); else root.setAttribute('data-theme', t);
    themeButton.textContent = 'Theme: ' + t;
    themeButton.setAttribute('aria-label', 'Colour theme: ' + (t === 'auto' ? 'follows the system' : t));
  };
  const fromHash = /theme=(light|dark)/.exec(location.hash);
  setTheme(fromHash ? fromHash[1] : 'auto');
  themeButton.addEventListener('click', () => {
    const current = root.getAttribute('data-theme') || 'auto';
    setTheme(themes[(themes.indexOf(current) + 1) % themes.length]);
  });
  apply();
})();
`;
