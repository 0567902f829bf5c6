import { createColors } from 'picocolors';
import { isIncomplete, type AnalysisResult, type Finding, type SourceLocation } from '../engine/finding.js';
import { failingFindings, relativePath, sourceLines, type ReportContext } from './context.js';
import { unmodelledDetail, unmodelledSummary } from './unmodelled.js';

/**
 * Human output: each finding the check fails on with a code frame at the sink and its numbered
 * trace, then what the baseline knows or lost, then a summary line.
 */
export function formatPretty(result: AnalysisResult, context: ReportContext): string {
  const failing = failingFindings(result.findings, context);
  const c = createColors(context.color);
  const where = (l: SourceLocation): string => `${relativePath(context.rootDir, l.file)}:${l.line}:${l.column}`;
  const out: string[] = [];

  for (const diagnostic of result.diagnostics) {
    const tag = diagnostic.severity === 'error' ? c.red('error') : c.yellow('warning');
    out.push(`${diagnostic.location ? `${c.cyan(where(diagnostic.location))} ` : ''}${tag} ${diagnostic.message} ${c.dim(`(${diagnostic.code})`)}`);
  }
  if (result.diagnostics.length > 0) out.push('');

  // A value holding several kinds (a whole API response) gives one finding per kind along the same path: printed once.
  const printed = new Map<string, string>();
  failing.forEach((finding, i) => {
    out.push(`${c.cyan(where(finding.sink.location))}  ${c.red(c.bold('leak'))}  ${headline(finding)}  ${c.dim(finding.ruleId)}`);
    const key = pathKey(finding);
    const same = printed.get(key);
    if (same !== undefined) {
      out.push(`  ${c.dim('source:')} ${finding.source.kind} ${c.dim(`— ${finding.source.reason}`)}`);
      out.push(`  ${c.dim('path:')} the same as for ${same} above`);
      if (i < failing.length - 1) out.push('');
      return;
    }
    printed.set(key, finding.source.kind);
    out.push(...codeFrame(finding.sink.location, c));
    out.push(`  ${c.dim('source:')} ${finding.source.kind} ${c.dim(`— ${finding.source.reason}`)}`);
    out.push(`  ${c.dim('path:')}`);
    const width = String(finding.trace.length).length;
    finding.trace.forEach((step, n) => {
      // The expression once: not again after a label that already quotes it.
      const code = step.label.includes(`\`${step.code}\``) ? '' : `  ${c.dim(step.code)}`;
      out.push(`    ${c.dim(`${String(n + 1).padStart(width)}.`)} ${c.cyan(where(step.location))}  ${step.label}${code}`);
    });
    if (i < failing.length - 1) out.push('');
  });

  if (failing.length > 0) out.push('');
  const baseline = context.baseline;
  if (baseline) {
    if (baseline.updated) out.push(`${c.green('✔')} wrote ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} to the baseline ${baseline.file}`);
    else if (baseline.known.size > 0) out.push(c.dim(`${baseline.known.size} known finding${baseline.known.size === 1 ? '' : 's'} from the baseline ${baseline.file} not shown (--format json lists them)`));
    if (baseline.fixed.length > 0) {
      out.push(`${c.green('fixed')} since the baseline (remove them with --update-baseline):`);
      for (const entry of baseline.fixed) out.push(`  ${entry.file}${entry.function ? ` ${entry.function}()` : ''}: ${entry.source} → ${entry.platform} through \`${entry.callee}\``);
    }
    out.push('');
  }
  const suppressedCount = result.suppressed?.length ?? 0;
  const seconds = (result.stats.milliseconds / 1000).toFixed(1);
  const projects = result.stats.projects !== undefined ? `${context.shard ? `shard ${context.shard}: ` : ''}${plural(result.stats.projects, 'project')} in ${plural(result.stats.programs ?? 0, 'program')}, ` : '';
  const { sendCalls, sendFiles, files: analysed } = result.stats;
  const inFiles = sendFiles === analysed ? plural(sendFiles, 'file') : `${sendFiles} of ${analysed} files`;
  const scope = `${projects}${plural(sendCalls, 'send call')} in ${inFiles}, ${seconds}s`;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const incomplete = isIncomplete(result) ? c.red(` — ${errors} analysis error${errors === 1 ? '' : 's'}: the result is incomplete`) : errors > 0 ? c.red(` — ${errors} error${errors === 1 ? '' : 's'} in finleak comments`) : '';
  const assumed = unmodelledSummary(result.stats);
  const notes = [
    ...(suppressedCount > 0 ? [`${suppressedCount} suppressed in the code`] : []),
    ...(assumed ? [assumed] : []),
    ...(baseline ? [`${baseline.known.size} known from the baseline`] : []),
    ...(context.changedSince ? [`only paths touching lines changed since ${context.changedSince}`] : []),
  ];
  const extra = notes.length > 0 ? `; ${notes.join(', ')}` : '';
  const fresh = baseline ? 'new ' : '';
  const carryingData = (result.possibleSends ?? []).filter((p) => p.data.length > 0).length;
  // A tick only over a whole analysis: with errors, what was not analysed may leak.
  if (failing.length === 0 && errors > 0) out.push(`${c.red('!')} No ${baseline ? 'new path from financial data to' : 'financial data reaching'} a messaging send call in what finleak could analyse (${scope}${extra})${incomplete}`);
  else if (failing.length === 0 && carryingData > 0) {
    // No tick while financial data reaches a call that looks like a send: a person has to say what it is.
    out.push(`${c.yellow('!')} No ${baseline ? 'new path from financial data to' : 'financial data reaches'} a confirmed messaging send call (${scope}${extra}), but it reaches ${plural(carryingData, 'call')} that look${carryingData === 1 ? 's' : ''} like one`);
  } else if (failing.length === 0) out.push(`${c.green('✔')} No ${baseline ? 'new path from financial data to' : 'financial data reaches'} a messaging send call (${scope}${extra})`);
  else {
    const files = new Set(failing.map((f) => f.sink.location.file)).size;
    out.push(`${c.red('✖')} ${failing.length} ${fresh}leak${failing.length === 1 ? '' : 's'} of financial data to messaging platforms in ${files} file${files === 1 ? '' : 's'} (${scope}${extra})${incomplete}`);
    out.push(c.dim("  To fix a leak: stop sending the value, send a masked form made by a sanitizer listed in the finleak config, or send a link into the bank's own app."));
  }
  const detail = unmodelledDetail(result.stats);
  if (detail) out.push(c.dim(`  ${detail}`));
  out.push(...possibleSendLines(result, context, c));
  return `${out.join('\n')}\n`;
}

/** Possible sends: counted, and those financial data reaches named, since they are where a leak may hide. */
function possibleSendLines(result: AnalysisResult, context: ReportContext, c: ReturnType<typeof createColors>): string[] {
  const possible = result.possibleSends ?? [];
  if (possible.length === 0) return [];
  const carrying = possible.filter((p) => p.data.length > 0);
  const lines = [
    `${c.yellow('!')} ${possible.length} call${possible.length === 1 ? ' looks' : 's look'} like a send but ${possible.length === 1 ? 'is' : 'are'} not confirmed by the policy${carrying.length > 0 ? `; financial data reaches ${carrying.length}` : ''} (--format json or sarif lists them; model real sends in the finleak config)`,
  ];
  for (const p of carrying.slice(0, 5)) {
    lines.push(`  ${relativePath(context.rootDir, p.location.file)}:${p.location.line} \`${p.callee}\` ← ${p.data.map((d) => d.kind).join(', ')}`);
  }
  if (carrying.length > 5) lines.push(c.dim(`  … and ${carrying.length - 5} more`));
  return lines;
}

/** The steps of a finding's path after its first (which names the kind), with the send call: equal for findings that differ only in kind. */
function pathKey(finding: Finding): string {
  const at = (l: SourceLocation): string => `${l.file}:${l.line}:${l.column}`;
  return [at(finding.sink.location), at(finding.source.location), ...finding.trace.slice(1).map((s) => `${at(s.location)} ${s.label}`)].join('\u0000');
}

function headline(finding: Finding): string {
  return `${finding.source.kind} data reaches ${finding.sink.platform} through \`${finding.sink.callee}\` (${finding.sink.argument})`;
}

function codeFrame(location: SourceLocation, c: ReturnType<typeof createColors>): string[] {
  const lines = sourceLines(location.file);
  if (!lines) return [];
  const first = Math.max(1, location.line - 1);
  const last = Math.min(lines.length, location.line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === location.line ? c.red('>') : ' ';
    frame.push(`  ${marker} ${c.dim(`${String(n).padStart(width)} |`)} ${lines[n - 1]}`);
    if (n === location.line) {
      const span = location.endLine === location.line ? Math.max(1, location.endColumn - location.column) : Math.max(1, (lines[n - 1]?.length ?? 0) - location.column + 1);
      frame.push(`    ${c.dim(`${' '.repeat(width)} |`)} ${' '.repeat(location.column - 1)}${c.red('^'.repeat(Math.min(span, 80)))}`);
    }
  }
  return frame;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
