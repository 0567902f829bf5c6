import type { AnalysisResult, Finding, PossibleSend, SourceLocation } from '../engine/finding.js';
import { failingFindings, relativePath, type ReportContext } from './context.js';

/**
 * Machine output: the engine's result with paths relative to the project folder.
 * `findings` lists every finding; one suppressed in the code has `suppressed: true`
 * and its `suppression` (reason and comment location); with a baseline each has
 * `baseline: "new" | "known"` and the top-level `baseline` lists the fixed entries.
 * `failing` counts the findings the check fails on. `possibleSends` lists calls that look like
 * sends but are not confirmed by the policy, with the financial data reaching them; they never fail.
 */
export function formatJson(result: AnalysisResult, context: ReportContext): string {
  const rel = (l: SourceLocation): SourceLocation => ({ ...l, file: relativePath(context.rootDir, l.file) });
  const finding = (f: Finding) => ({
    ...f,
    source: { ...f.source, location: rel(f.source.location) },
    sink: { ...f.sink, location: rel(f.sink.location) },
    trace: f.trace.map((s) => ({ ...s, location: rel(s.location) })),
    ...(f.otherPaths ? { otherPaths: f.otherPaths.map((p) => p.map((s) => ({ ...s, location: rel(s.location) }))) } : {}),
    ...(f.suppression ? { suppressed: true, suppression: { ...f.suppression, location: rel(f.suppression.location) } } : {}),
    ...(context.baseline && !f.suppression ? { baseline: context.baseline.known.has(f) ? 'known' : 'new' } : {}),
  });
  const possible = (p: PossibleSend) => ({ ...p, location: rel(p.location), data: p.data.map((d) => ({ ...d, location: rel(d.location) })) });
  const suppressed = result.suppressed ?? [];
  const report = {
    tool: { name: 'finleak', version: context.toolVersion },
    findings: [...result.findings, ...suppressed].map(finding),
    failing: failingFindings(result.findings, context).length,
    suppressed: suppressed.length,
    ...(context.baseline
      ? {
          baseline: {
            file: context.baseline.file,
            ...(context.baseline.updated ? { updated: true } : {}),
            new: result.findings.length - context.baseline.known.size,
            known: context.baseline.known.size,
            fixed: context.baseline.fixed,
          },
        }
      : {}),
    ...(context.changedSince ? { changedSince: context.changedSince } : {}),
    ...(context.projects ? { projects: context.projects.map((p) => ({ ...p, tsconfig: relativePath(context.rootDir, p.tsconfig) })) } : {}),
    ...(context.shard ? { shard: context.shard } : {}),
    possibleSends: (result.possibleSends ?? []).map(possible),
    diagnostics: result.diagnostics.map((d) => (d.location ? { ...d, location: rel(d.location) } : d)),
    stats: result.stats,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
