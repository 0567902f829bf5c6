import { isIncomplete, type AnalysisResult, type Diagnostic, type Finding, type SourceLocation } from '../engine/finding.js';
import { failingFindings, relativePath, type ReportContext } from './context.js';

/**
 * GitHub Actions workflow commands: an `::error` annotation on the sink call of
 * every finding the check fails on, whose message carries the whole path from
 * the source; `::warning`/`::error` for diagnostics; a `::notice` for fixed
 * baseline entries; then a plain summary line for the log.
 * Paths are relative to `workspaceDir` (the checkout, GITHUB_WORKSPACE), which
 * is what GitHub matches against the pull request's files.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function formatGithub(result: AnalysisResult, context: ReportContext): string {
  const base = context.workspaceDir ?? context.rootDir;
  const out: string[] = [];
  const failing = failingFindings(result.findings, context);
  for (const finding of failing) out.push(command('error', finding.sink.location, `finleak: ${finding.source.kind} → ${finding.sink.platform}`, message(finding, base), base));
  for (const diagnostic of result.diagnostics) out.push(diagnosticCommand(diagnostic, base));
  const fixed = context.baseline?.fixed ?? [];
  if (fixed.length > 0) {
    const list = fixed.map((e) => `${e.file}${e.function ? ` ${e.function}()` : ''}: ${e.source} → ${e.platform} through ${e.callee}`);
    out.push(`::notice title=${escapeProperty('finleak: fixed since the baseline')}::${escapeData(`${fixed.length} baseline finding${fixed.length === 1 ? ' is' : 's are'} fixed; remove ${fixed.length === 1 ? 'it' : 'them'} with --update-baseline:\n${list.join('\n')}`)}`);
  }
  const notes = [
    ...(result.suppressed?.length ? [`${result.suppressed.length} suppressed in the code`] : []),
    ...(context.baseline ? [`${context.baseline.known.size} known from ${context.baseline.file}`] : []),
    ...(context.changedSince ? [`paths touching lines changed since ${context.changedSince}`] : []),
  ];
  const summary = failing.length === 0 ? `finleak: no ${context.baseline ? 'new ' : ''}leaks` : `finleak: ${failing.length} ${context.baseline ? 'new ' : ''}leak${failing.length === 1 ? '' : 's'} of financial data to messaging platforms`;
  out.push(`${summary} (${result.stats.sendCalls} send calls in ${result.stats.sendFiles} of ${result.stats.files} files${notes.length ? `; ${notes.join(', ')}` : ''})${isIncomplete(result) ? ' — the analysis is incomplete' : ''}`);
  return `${out.join('\n')}\n`;
}

function message(finding: Finding, base: string): string {
  const steps = finding.trace.map((step, i) => `${i + 1}. ${where(step.location, base)} ${step.label}: ${step.code}`);
  return `${finding.message}\n\nPath (${finding.source.kind} → ${finding.sink.platform}):\n${steps.join('\n')}`;
}

function diagnosticCommand(diagnostic: Diagnostic, base: string): string {
  const level = diagnostic.severity === 'error' ? 'error' : 'warning';
  const title = `finleak ${diagnostic.code}`;
  if (!diagnostic.location) return `::${level} title=${escapeProperty(title)}::${escapeData(diagnostic.message)}`;
  return command(level, diagnostic.location, title, diagnostic.message, base);
}

function command(level: 'error' | 'warning' | 'notice', location: SourceLocation, title: string, text: string, base: string): string {
  const props = [
    `file=${escapeProperty(relativePath(base, location.file))}`,
    `line=${location.line}`,
    `col=${location.column}`,
    ...(location.endLine === location.line ? [`endColumn=${location.endColumn}`] : [`endLine=${location.endLine}`]),
    `title=${escapeProperty(title)}`,
  ];
  return `::${level} ${props.join(',')}::${escapeData(text)}`;
}

const where = (location: SourceLocation, base: string): string => `${relativePath(base, location.file)}:${location.line}:${location.column}`;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

