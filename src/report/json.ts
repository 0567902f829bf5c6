import type { AnalysisResult, SourceLocation } from '../engine/finding.js';
import { relativePath, type ReportContext } from './context.js';

/** Machine output: the engine's result with paths relative to the project folder. */
export function formatJson(result: AnalysisResult, context: ReportContext): string {
  const rel = (l: SourceLocation): SourceLocation => ({ ...l, file: relativePath(context.rootDir, l.file) });
  const report = {
    tool: { name: 'finleak', version: context.toolVersion },
    findings: result.findings.map((f) => ({
      ...f,
      source: { ...f.source, location: rel(f.source.location) },
      sink: { ...f.sink, location: rel(f.sink.location) },
      trace: f.trace.map((s) => ({ ...s, location: rel(s.location) })),
    })),
    diagnostics: result.diagnostics.map((d) => (d.location ? { ...d, location: rel(d.location) } : d)),
    stats: result.stats,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
