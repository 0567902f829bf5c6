import { summariseUnmodelled } from '../engine/analyze.js';
import { compareFindings, type AnalysedCode, type AnalysisResult, type Diagnostic, type Finding, type SourceLocation } from '../engine/finding.js';

/**
 * The results of several programs of one repository as one: a file or a send
 * call that two programs hold (a shared workspace package) counts once, and
 * so does a finding. As within one program, there is one finding per source
 * kind and send call; where programs found different paths to it (different
 * callers), the shortest is kept, the first program's on a tie. A library
 * call the open-world default passed data through counts once per call site.
 * All results
 * must have been computed with the same report root, so their fingerprints agree.
 */
export function combineResults(results: readonly AnalysisResult[]): AnalysisResult {
  const files = new Set<string>();
  const sendCalls = new Map<string, SourceLocation>();
  const unmodelled = new Map<string, AnalysedCode['unmodelled'][number]>();
  for (const result of results) {
    for (const file of result.analysed?.files ?? []) files.add(file);
    for (const call of result.analysed?.sendCalls ?? []) sendCalls.set(at(call), call);
    for (const site of result.analysed?.unmodelled ?? []) {
      const known = unmodelled.get(site.location);
      unmodelled.set(site.location, known ? { ...known, carried: known.carried || site.carried } : site);
    }
  }
  const findings = shortestPerSink(results.flatMap((r) => r.findings));
  const suppressed = shortestPerSink(results.flatMap((r) => r.suppressed ?? []));
  // A suppression one program did not need may be the one another program's finding used.
  const used = new Set(suppressed.map((f) => at(f.suppression!.location)));
  const diagnostics = unique(results.flatMap((r) => r.diagnostics)).filter((d) => !(d.code === 'unused-suppression' && d.location && used.has(at(d.location))));
  const first = results[0]?.stats;
  return {
    findings,
    suppressed,
    diagnostics,
    stats: {
      files: files.size,
      sendCalls: sendCalls.size,
      sendFiles: new Set([...sendCalls.values()].map((call) => call.file)).size,
      findings: findings.length,
      milliseconds: first?.milliseconds ?? 0,
      phases: first?.phases ?? { startup: 0, load: 0, bind: 0, sinks: 0, flow: 0, report: 0 },
      unmodelledCalls: summariseUnmodelled(unmodelled.values()),
    },
    analysed: { files: [...files], sendCalls: [...sendCalls.values()], unmodelled: [...unmodelled.values()] },
  };
}

const at = (l: SourceLocation): string => `${l.file}:${l.line}:${l.column}`;

function shortestPerSink(findings: readonly Finding[]): Finding[] {
  const kept = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.source.kind}\u0000${at(finding.sink.location)}`;
    const previous = kept.get(key);
    if (!previous || finding.trace.length < previous.trace.length) kept.set(key, finding);
  }
  return [...kept.values()].sort(compareFindings);
}

function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = `${d.severity}\u0000${d.code}\u0000${d.message}\u0000${d.location ? at(d.location) : ''}`;
    if (!seen.has(key)) seen.set(key, d);
  }
  return [...seen.values()];
}
