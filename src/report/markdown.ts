import type { AnalysisResult, Finding, SourceLocation } from '../engine/finding.js';
import { relativePath, type ReportContext } from './context.js';
import { sourceLink } from './html.js';
import { boxTitle, pathGraph, type PathGraph } from './path-graph.js';
import { summarise, type Summary, type Tally } from './summary.js';

/**
 * GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`:
 * the summary, then every finding the check fails on with a Mermaid flowchart
 * of its paths (GitHub draws ```mermaid blocks) and its steps, numbered as in
 * the chart and linked to their lines (with `context.sourceUrl`), with each
 * path as a sequence of step numbers where there are several. Findings stop before the text
 * would pass GitHub's limit for a comment; the rest are counted.
 */
export const COMMENT_LIMIT = 60_000;

/** Longer step lists are folded (`<details>`), so that a comment with several findings stays readable. */
const COLLAPSE_STEPS = 12;

export function formatMarkdown(result: AnalysisResult, context: ReportContext): string {
  const rel = (file: string): string => relativePath(context.rootDir, file);
  const summary = summarise(result, context, rel);
  const link = sourceLink(context);
  const where = (l: SourceLocation): string => {
    const text = inlineCode(`${rel(l.file)}:${l.line}`);
    const href = link(l);
    return href ? `[${text}](${href})` : text;
  };
  const head = summaryBlock(summary, result, context, where);
  const failing = summary.entries.filter((e) => e.status === 'new');
  const sections: string[] = [];
  let size = head.length;
  let shown = 0;
  for (const entry of failing) {
    const section = findingSection(entry.finding, shown + 1, where, rel);
    if (size + section.length > COMMENT_LIMIT) break;
    sections.push(section);
    size += section.length;
    shown++;
  }
  const rest = failing.length - shown;
  const tail = rest > 0 ? [`_${rest} more finding${rest === 1 ? '' : 's'} not shown here, to stay within GitHub's comment size; the HTML, SARIF or JSON report lists ${rest === 1 ? 'it' : 'them all'}._`] : [];
  return `${[head, ...sections, ...tail].join('\n\n')}\n`;
}

function summaryBlock(summary: Summary, result: AnalysisResult, context: ReportContext, where: (l: SourceLocation) => string): string {
  const n = summary.counts.new;
  const fresh = context.baseline ? 'new ' : '';
  const title = n === 0 ? `✅ finleak: no ${fresh}leaks of financial data to messaging platforms` : `❌ finleak: ${n} ${fresh}leak${n === 1 ? '' : 's'} of financial data to messaging platforms`;
  const facts = [
    `${result.stats.sendCalls} send call${result.stats.sendCalls === 1 ? '' : 's'} analysed in ${result.stats.files} file${result.stats.files === 1 ? '' : 's'}`,
    ...(summary.counts.suppressed > 0 ? [`${summary.counts.suppressed} suppressed in the code`] : []),
    ...(context.baseline ? [`${summary.counts.baselined} known from the baseline \`${context.baseline.file}\``] : []),
    ...(context.baseline && context.baseline.fixed.length > 0 ? [`${context.baseline.fixed.length} fixed since the baseline`] : []),
    ...(context.changedSince ? [`only paths touching lines changed since \`${context.changedSince}\``] : []),
  ];
  const out = [`## ${title}`, '', facts.join(' · ')];
  if (summary.incomplete) out.push('', '> [!CAUTION]', '> The analysis is incomplete: finleak hit errors (see coverage below), so findings may be missing.');
  if (summary.entries.length > 0) {
    out.push('', tallyTable('Platform', summary.byPlatform, context), '', tallyTable(summary.hasCategories ? 'Data category' : 'Source type', summary.byCategory, context));
    if (summary.byFile.length > 1) out.push('', tallyTable('File', summary.byFile, context));
  }
  const coverage = summary.coverage.map((g) => `- **${g.severity}** \`${g.code}\`: ${g.diagnostics.length} (e.g. ${oneLine(g.diagnostics[0]!.message)})`);
  if (summary.unmodelledCalls?.length) {
    const total = summary.unmodelledCalls.reduce((a, c) => a + c.count, 0);
    coverage.push(`- **warning** calls without a model, assumed to carry their arguments: ${total} (${summary.unmodelledCalls.slice(0, 8).map((c) => `\`${c.name}\``).join(', ')})`);
  }
  const possible = result.possibleSends ?? [];
  if (possible.length > 0) {
    const carrying = possible.filter((p) => p.data.length > 0);
    const shown = (carrying.length > 0 ? carrying : possible).slice(0, 8).map((p) => `${inlineCode(p.callee)} at ${where(p.location)}`);
    coverage.push(`- **warning** calls that look like a send but are not confirmed by the policy: ${possible.length}, financial data reaches ${carrying.length} (${shown.join(', ')})`);
  }
  if (coverage.length > 0) out.push('', `<details><summary>Coverage: ${coverage.length} kind${coverage.length === 1 ? '' : 's'} of warning</summary>`, '', ...coverage, '', '</details>');
  return out.join('\n');
}

function tallyTable(title: string, rows: Tally[], context: ReportContext): string {
  const baseline = context.baseline !== undefined;
  const header = `| ${title} | ${baseline ? 'New' : 'Leaks'} |${baseline ? ' Baselined |' : ''} Suppressed |`;
  const rule = `| --- | ---: |${baseline ? ' ---: |' : ''} ---: |`;
  return [header, rule, ...rows.map((r) => `| ${cell(r.name)} | ${r.new} |${baseline ? ` ${r.baselined} |` : ''} ${r.suppressed} |`)].join('\n');
}

function findingSection(finding: Finding, n: number, where: (l: SourceLocation) => string, rel: (f: string) => string): string {
  const graph = pathGraph(finding);
  const sink = finding.sink;
  const out = [
    `### ${n}. ${finding.source.kind} → ${finding.sink.platform}`,
    '',
    `${where(sink.location)} in ${inlineCode(boxTitle({ function: finding.trace.at(-1)?.function }))} · ${inlineCode(sink.callee)} (${text(sink.argument)})`,
    '',
    text(finding.message),
    '',
    ...(finding.source.fields?.length ? [`Fields reaching the send: ${finding.source.fields.map((f) => inlineCode(f)).join(', ')}${finding.source.categories?.length ? ` (${finding.source.categories.join(', ')})` : ''}`, ''] : []),
    '```mermaid',
    mermaid(finding, graph, rel),
    '```',
    '',
  ];
  // Each step once, numbered as in the chart; several paths then as sequences of those numbers.
  const steps = [...graph.nodes].sort((a, b) => a.number - b.number).map((node) => `${node.number}. ${where(node.step.location)} ${text(node.step.label)}: ${inlineCode(node.step.code)}`);
  const collapse = steps.length > COLLAPSE_STEPS;
  if (collapse) out.push(`<details><summary>${steps.length} steps</summary>`, '');
  out.push(...steps, '');
  if (graph.paths.length > 1) {
    out.push(`${graph.paths.length} paths reach this send call:`, '');
    for (const path of graph.paths) out.push(`- ${path.map((i) => graph.nodes[i]!.number).join(' → ')}`);
    out.push('');
  }
  if (collapse) out.push('</details>');
  return out.join('\n').trimEnd();
}

/** A left-to-right flowchart: one subgraph per function and file, the steps in it, the platform last. */
function mermaid(finding: Finding, graph: PathGraph, rel: (f: string) => string): string {
  const lines = ['flowchart LR'];
  graph.boxes.forEach((box, b) => {
    lines.push(`  subgraph b${b}["${label(`${boxTitle(box)} · ${rel(box.file)}`)}"]`, '    direction TB');
    for (const i of box.nodes) {
      const node = graph.nodes[i]!;
      const shape = node.role === 'source' ? ['[/', '/]'] : node.role === 'sink' ? ['[[', ']]'] : ['[', ']'];
      lines.push(`    n${i}${shape[0]}"${label(`${node.number}. ${node.step.label.replace(/`/g, '')}`)}<br/><small>L${node.step.location.line}: ${label(clip(node.step.code, 48))}</small>"${shape[1]}`);
    }
    lines.push('  end');
  });
  for (const { from, to } of graph.edges) lines.push(`  n${from} --> n${to}`);
  const sink = graph.nodes.findIndex((n) => n.role === 'sink');
  lines.push(`  n${sink} -. sends .-> platform(["${label(finding.sink.platform)}"])`);
  lines.push('  classDef source fill:#fff1e5,stroke:#bc4c00,color:#1f2328', '  classDef sink fill:#fbefff,stroke:#8250df,color:#1f2328', '  classDef platform fill:#8250df,stroke:#8250df,color:#ffffff');
  const of = (role: string): string => graph.nodes.flatMap((n, i) => (n.role === role ? [`n${i}`] : [])).join(',');
  if (of('source')) lines.push(`  class ${of('source')} source`);
  lines.push(`  class ${of('sink')} sink`, '  class platform platform');
  return lines.join('\n');
}

/** Text inside a quoted Mermaid label: quotes, angle brackets, backticks and `#` as Mermaid entity codes. */
function label(value: string): string {
  return value.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/`/g, '#96;');
}

/** A code span that holds any text, backticks included. */
function inlineCode(value: string): string {
  const text = value.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

/** Prose with `code` spans: outside the spans, characters Markdown or HTML would act on are escaped. */
function text(value: string): string {
  return value
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_[\]<>|~])/g, '\\$1')))
    .join('');
}

const cell = (value: string): string => text(value).replace(/\n/g, ' ');
const oneLine = (value: string): string => text(clip(value.replace(/\s+/g, ' '), 160));
const clip = (value: string, max: number): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
