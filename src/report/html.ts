import type { AnalysisResult, Finding, SourceLocation } from '../engine/finding.js';
import { relativePath, repositoryRoot, sourceLines, type ReportContext } from './context.js';
import { escapeHtml as h } from './html-escape.js';
import { graphSvg } from './html-graph.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-style.js';
import { boxTitle, pathGraph, type PathGraph } from './path-graph.js';
import { summarise, type Entry, type Summary, type Tally } from './summary.js';

/**
 * One self-contained HTML page for a reviewer: a summary (by platform, data
 * category and file, suppressed and baselined counts, what finleak could not
 * see), then every finding with its paths drawn as a graph whose steps link to
 * their code. Styles and script are inline and nothing is loaded from anywhere,
 * so the page opens from a CI artifact or an e-mail; filters and search work
 * with the keyboard and without a server; light, dark and print styles.
 */
export function formatHtml(result: AnalysisResult, context: ReportContext): string {
  const rel = (file: string): string => relativePath(context.rootDir, file);
  const summary = summarise(result, context, rel);
  const link = sourceLink(context);
  const title = headline(summary, context);
  const body = [
    `<header class="top"><div><h1>finleak report</h1><p class="sub">${h(title)}</p></div>`,
    `<button type="button" id="theme" class="theme" aria-label="Colour theme: follows the system">Theme: auto</button></header>`,
    summarySection(summary, result, context, rel),
    filterForm(summary),
    `<main id="findings">`,
    summary.entries.length === 0 ? `<p class="empty">No financial data reaches a messaging send call.</p>` : '',
    ...summary.entries.map((entry, i) => findingArticle(entry, i + 1, context, rel, link)),
    `<p class="empty" id="no-match" hidden>No finding matches these filters.</p>`,
    `</main>`,
    `<footer>finleak ${h(context.toolVersion)} · project ${h(context.rootDir)}${timing(result)}</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No resource may load from anywhere: the page is read offline, and a report must not call out.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>finleak: ${h(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function headline(summary: Summary, context: ReportContext): string {
  const n = summary.counts.new;
  const fresh = context.baseline ? 'new ' : '';
  const leaks = n === 0 ? `no ${fresh}leaks` : `${n} ${fresh}leak${n === 1 ? '' : 's'} of financial data to messaging platforms`;
  return `${leaks}${summary.incomplete ? ' (the analysis is incomplete)' : ''}`;
}

function summarySection(summary: Summary, result: AnalysisResult, context: ReportContext, rel: (f: string) => string): string {
  const stat = (value: number | string, label: string, cls = ''): string => `<div class="stat ${cls}"><span class="value">${value}</span><span class="label">${h(label)}</span></div>`;
  const stats = [
    stat(summary.counts.new, context.baseline ? 'new leaks' : 'leaks', summary.counts.new > 0 ? 'bad' : 'good'),
    ...(context.baseline ? [stat(summary.counts.baselined, `baselined (${context.baseline.file})`)] : []),
    stat(summary.counts.suppressed, 'suppressed in the code'),
    ...(context.baseline && context.baseline.fixed.length > 0 ? [stat(context.baseline.fixed.length, 'fixed since the baseline', 'good')] : []),
    stat(result.stats.sendCalls, 'send calls analysed'),
    stat(result.stats.files, 'files'),
  ];
  const possible = result.possibleSends ?? [];
  const warnings = summary.coverage.length + (summary.unmodelledCalls?.length ? 1 : 0) + (possible.length > 0 ? 1 : 0);
  return [
    `<section class="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>`,
    summary.incomplete ? `<p class="alert" role="alert"><strong>The analysis is incomplete:</strong> finleak hit errors (listed under coverage) and findings may be missing.</p>` : '',
    context.changedSince ? `<p class="note">Only paths touching lines changed since <code>${h(context.changedSince)}</code>.</p>` : '',
    `<div class="stats">${stats.join('')}</div>`,
    `<div class="tallies">`,
    tallyTable('By platform', summary.byPlatform, 'platform', 'platform', context),
    tallyTable(summary.hasCategories ? 'By data category' : 'By source type', summary.byCategory, 'category', summary.hasCategories ? 'category' : 'source type', context),
    tallyTable('By file', summary.byFile, 'file', 'file', context),
    `</div>`,
    `<details class="coverage" ${warnings > 0 ? 'open' : ''}><summary><h3>Coverage: ${warnings === 0 ? 'nothing left unseen' : `${warnings} kind${warnings === 1 ? '' : 's'} of warning`}</h3></summary>`,
    warnings === 0 ? `<p>finleak resolved every import and analysed every file of the program.</p>` : '',
    ...summary.coverage.map(
      (group) =>
        `<div class="cov ${group.severity}"><h4>${h(group.code)} <span class="count">${group.diagnostics.length}</span></h4><ul>${group.diagnostics
          .slice(0, 50)
          .map((d) => `<li>${d.location ? `<code>${h(`${rel(d.location.file)}:${d.location.line}`)}</code> ` : ''}${h(d.message)}</li>`)
          .join('')}${group.diagnostics.length > 50 ? `<li>… and ${group.diagnostics.length - 50} more (--format json lists all)</li>` : ''}</ul></div>`,
    ),
    summary.unmodelledCalls?.length
      ? `<div class="cov warning"><h4>calls without a model, assumed to carry their arguments <span class="count">${summary.unmodelledCalls.reduce((a, c) => a + c.count, 0)}</span></h4><ul>${summary.unmodelledCalls
          .slice(0, 30)
          .map((c) => `<li><code>${h(c.name)}</code>: ${c.count} call site${c.count === 1 ? '' : 's'}${c.carried ? `, ${c.carried} carrying financial data` : ''}</li>`)
          .join('')}</ul></div>`
      : '',
    possible.length > 0
      ? `<div class="cov warning"><h4>calls that look like a send but are not confirmed by the policy <span class="count">${possible.length}</span></h4><ul>${possible
          .map(
            (p) =>
              `<li><code>${h(`${rel(p.location.file)}:${p.location.line}`)}</code> <code>${h(p.callee)}</code>: ${code(p.api)}${
                p.data.length > 0 ? ` — <strong>financial data reaches it</strong>: ${p.data.map((d) => `${h(d.kind)} (<code>${h(d.expression)}</code>)`).join(', ')}` : ''
              }</li>`,
          )
          .join('')}</ul><p>Confirm a real send by modelling it under <code>sinks</code> or <code>endpoints</code> in the finleak config; it then counts as a leak.</p></div>`
      : '',
    `</details>`,
    context.baseline && context.baseline.fixed.length > 0
      ? `<details class="fixed"><summary><h3>Fixed since the baseline: ${context.baseline.fixed.length}</h3></summary><ul>${context.baseline.fixed
          .map((e) => `<li><code>${h(e.file)}</code>${e.function ? ` ${h(e.function)}()` : ''}: ${h(e.source)} → ${h(e.platform)} through <code>${h(e.callee)}</code></li>`)
          .join('')}</ul><p>Remove them with <code>--update-baseline</code>.</p></details>`
      : '',
    `</section>`,
  ].join('\n');
}

function tallyTable(title: string, rows: Tally[], filter: string, heading: string, context: ReportContext): string {
  if (rows.length === 0) return '';
  const extra = context.baseline ? '<th scope="col">baselined</th>' : '';
  return `<table class="tally"><caption>${h(title)}</caption><thead><tr><th scope="col">${h(heading)}</th><th scope="col">${context.baseline ? 'new' : 'leaks'}</th>${extra}<th scope="col">suppressed</th></tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr><th scope="row"><button type="button" class="pick" data-filter="${filter}" data-value="${h(r.name)}" title="Show only these findings">${h(r.name)}</button></th><td>${r.new}</td>${context.baseline ? `<td>${r.baselined}</td>` : ''}<td>${r.suppressed}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function filterForm(summary: Summary): string {
  const options = (rows: Tally[]): string => rows.map((r) => `<option value="${h(r.name)}">${h(r.name)}</option>`).join('');
  const statuses = (['new', 'baselined', 'suppressed'] as const).filter((s) => summary.counts[s] > 0);
  return [
    `<form class="filters" id="filters" role="search" aria-label="Filter findings">`,
    `<label>Search <input type="search" id="q" name="q" placeholder="field, function, file… ( / )" autocomplete="off"></label>`,
    `<label>Platform <select name="platform"><option value="">all</option>${options(summary.byPlatform)}</select></label>`,
    `<label>${summary.hasCategories ? 'Category' : 'Source type'} <select name="category"><option value="">all</option>${options(summary.byCategory)}</select></label>`,
    `<label>File <select name="file"><option value="">all</option>${options(summary.byFile)}</select></label>`,
    `<label>Status <select name="status"><option value="">all</option>${statuses.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>`,
    `<button type="reset">Clear</button>`,
    `<output id="shown" aria-live="polite">${summary.entries.length} finding${summary.entries.length === 1 ? '' : 's'}</output>`,
    `</form>`,
  ].join('\n');
}

function findingArticle(entry: Entry, n: number, context: ReportContext, rel: (f: string) => string, link: (l: SourceLocation) => string | undefined): string {
  const { finding, status } = entry;
  const id = `f${n}`;
  const graph = pathGraph(finding);
  const sink = finding.sink.location;
  const search = [
    finding.source.kind,
    ...entry.categories,
    finding.sink.platform,
    finding.sink.callee,
    finding.sink.api,
    finding.message,
    ...graph.nodes.flatMap((node) => [node.step.label, node.step.code, node.step.function ?? '', rel(node.step.location.file)]),
  ]
    .join(' ')
    .toLowerCase();
  const statusBadge = status === 'new' ? (context.baseline ? 'new' : 'leak') : status;
  return [
    `<article class="finding status-${status}" id="${id}" data-platform="${h(finding.sink.platform)}" data-category="${h(entry.categories.join('\n'))}" data-file="${h(rel(sink.file))}" data-status="${status}" data-search="${h(search)}">`,
    `<header><h2><a class="anchor" href="#${id}">#${n}</a> <span class="badge ${status}">${statusBadge}</span> ${h(finding.source.kind)} → ${h(finding.sink.platform)}</h2>`,
    `<p class="where">${locationLink(sink, rel, link)} in <code>${h(boxTitle({ function: finding.trace.at(-1)?.function }))}</code> · <code>${h(finding.sink.callee)}</code> (${h(finding.sink.argument.replace(/`/g, ''))}) · ${code(finding.sink.api)}</p></header>`,
    `<p class="message">${code(finding.message)}</p>`,
    finding.suppression ? `<p class="suppression">Suppressed at ${locationLink(finding.suppression.location, rel, link)}: ${h(finding.suppression.reason)}</p>` : '',
    `<p class="source">Source: <code>${h(finding.source.expression)}</code> at ${locationLink(finding.source.location, rel, link)}: ${code(finding.source.reason)}${sourceData(finding.source)}</p>`,
    `<div class="graph-wrap">${graphSvg(finding, graph, id, context.rootDir)}</div>`,
    graph.paths.length > 1 ? pathList(graph, id) : '',
    `<details class="steps" open><summary>Steps and code (${graph.nodes.length})</summary>`,
    ...graph.boxes.map(
      (box) =>
        `<section class="step-box"><h3><code>${h(boxTitle(box))}</code> <span class="file">${h(rel(box.file))}</span></h3>${box.nodes
          .map((i) => stepExcerpt(graph, i, id, rel, link))
          .join('')}</section>`,
    ),
    `</details>`,
    `</article>`,
  ].join('\n');
}

function pathList(graph: PathGraph, id: string): string {
  const items = graph.paths.map((path) => `<li>${path.map((i) => `<a href="#${id}-s${graph.nodes[i]!.number}">${graph.nodes[i]!.number}</a>`).join(' → ')}</li>`);
  return `<div class="paths"><p>${graph.paths.length} paths reach this send call (steps by number):</p><ol>${items.join('')}</ol></div>`;
}

function stepExcerpt(graph: PathGraph, i: number, id: string, rel: (f: string) => string, link: (l: SourceLocation) => string | undefined): string {
  const node = graph.nodes[i]!;
  const l = node.step.location;
  const labels = [node.step.label, ...node.otherLabels].map(code).join('; ');
  return `<div class="step role-${node.role}" id="${id}-s${node.number}" tabindex="-1"><p><span class="num">${node.number}</span> ${labels} <span class="loc">${locationLink(l, rel, link)}</span></p>${excerpt(l)}</div>`;
}

/** The lines around a location, its lines numbered and marked, the exact span highlighted. */
function excerpt(l: SourceLocation): string {
  const lines = sourceLines(l.file);
  if (!lines) return `<p class="no-code">(source not readable)</p>`;
  const first = Math.max(1, l.line - 1);
  const last = Math.min(lines.length, Math.max(l.endLine, l.line) + 1, l.line + 5);
  const width = String(last).length;
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const inSpan = n >= l.line && n <= l.endLine;
    const from = n === l.line ? l.column - 1 : 0;
    const to = n === l.endLine ? l.endColumn - 1 : text.length;
    const content = inSpan ? `${h(text.slice(0, from))}<mark>${h(text.slice(from, to))}</mark>${h(text.slice(to))}` : h(text);
    rows.push(`<span class="line${inSpan ? ' hit' : ''}"><span class="ln">${String(n).padStart(width)}</span>${content}</span>`);
  }
  return `<pre class="excerpt"><code>${rows.join('')}</code></pre>`;
}

/** `file:line:column`, linked to the hosted source when the context knows where that is. */
function locationLink(l: SourceLocation, rel: (f: string) => string, link: (l: SourceLocation) => string | undefined): string {
  const text = `<code>${h(`${rel(l.file)}:${l.line}:${l.column}`)}</code>`;
  const href = link(l);
  return href ? `<a href="${h(href)}">${text}</a>` : text;
}

/** Links to the hosted source (e.g. on GitHub), when `context.sourceUrl` says where it is. */
export function sourceLink(context: ReportContext): (l: SourceLocation) => string | undefined {
  if (!context.sourceUrl) return () => undefined;
  const base = context.sourceUrl.endsWith('/') ? context.sourceUrl : `${context.sourceUrl}/`;
  const root = repositoryRoot(context.rootDir);
  return (l) => `${base}${relativePath(root, l.file).split('/').map(encodeURIComponent).join('/')}#L${l.line}${l.endLine > l.line ? `-L${l.endLine}` : ''}`;
}

/** The fields and categories that reach the send, where the engine names them. */
function sourceData(source: Finding['source']): string {
  const parts = [
    ...(source.fields?.length ? [`fields ${source.fields.map((f) => `<code>${h(f)}</code>`).join(', ')}`] : []),
    ...(source.categories?.length ? [`categories ${source.categories.map(h).join(', ')}`] : []),
  ];
  return parts.length ? `. Reaching the send: ${parts.join('; ')}` : '';
}

/** Text with Markdown-style `code` spans. */
function code(text: string): string {
  return h(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The run's size and time, by phase (`stats.phases`). */
function timing(result: AnalysisResult): string {
  const list = Object.entries(result.stats.phases ?? {}).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}s`);
  return ` · ${result.stats.sendCalls} send calls in ${result.stats.files} files, ${(result.stats.milliseconds / 1000).toFixed(1)}s${list.length ? ` (${list.join(', ')})` : ''}`;
}
