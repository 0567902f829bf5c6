import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CheckOutcome } from '../check.js';
import { hasCodeErrors, isIncomplete, type AnalysisResult, type Finding } from '../engine/finding.js';
import { failingFindings, relativePath, type BaselineView } from '../report/context.js';
import { BaselineError, compareWithBaseline, readBaseline, writeBaseline, type BaselineEntry } from './baseline.js';
import { touchesChange, type ChangedLines } from './changed-lines.js';

export interface GateOptions {
  /** Baseline file (--baseline). */
  baseline?: string;
  /** Its entries, read (and so validated) before the analysis; read here when missing. */
  baselineEntries?: readonly BaselineEntry[];
  /** Write the current findings to the baseline file instead of comparing (--update-baseline). */
  updateBaseline?: boolean;
  /** Show only findings whose path touches these lines (--changed-since, read from git before the analysis). */
  changed?: ChangedLines;
  /** Whether a file's send calls were analysed (the `paths` given to check); baseline entries elsewhere are not "fixed". */
  inScope?: (file: string) => boolean;
}

export interface GateOutcome {
  /** The result to report: findings narrowed to changed lines when asked. */
  result: AnalysisResult;
  baseline?: BaselineView;
  /** Findings the check fails on. */
  failing: Finding[];
  exitCode: 0 | 1 | 2;
}

/**
 * The pull-request gate on top of a check: baseline comparison (or update),
 * then narrowing to changed lines, then the exit code: 2 when the analysis is
 * incomplete, 1 when a finding fails the check or a finleak comment is
 * invalid, else 0.
 */
export function applyGate(outcome: CheckOutcome, options: GateOptions): GateOutcome {
  const relative = (file: string): string => relativePath(outcome.rootDir, file);
  let result = outcome.result;
  let baseline: BaselineView | undefined;

  if (options.baseline !== undefined) {
    const file = options.baseline;
    if (options.updateBaseline) {
      const previous = existsSync(file) ? compareWithBaseline(result.findings, readPrevious(file), relative) : undefined;
      writeBaseline(file, result.findings, relative);
      baseline = { file, known: new Set(result.findings), fixed: previous?.fixed ?? [], updated: true };
    } else {
      const comparison = compareWithBaseline(result.findings, options.baselineEntries ?? readBaseline(file), relative);
      const inScope = options.inScope;
      const fixed = inScope ? comparison.fixed.filter((e: BaselineEntry) => inScope(path.resolve(outcome.rootDir, e.file))) : comparison.fixed;
      baseline = { file, known: new Set(comparison.known), fixed };
    }
  }

  const changed = options.changed;
  if (changed) {
    const findings = result.findings.filter((f) => touchesChange(f, changed));
    const suppressed = result.suppressed?.filter((f) => touchesChange(f, changed));
    result = { ...result, findings, ...(suppressed ? { suppressed } : {}) };
    if (baseline) baseline = { ...baseline, known: new Set(findings.filter((f) => baseline!.known.has(f))) };
  }

  const failing = failingFindings(result.findings, baseline ? { baseline } : {});
  const exitCode = isIncomplete(result) ? 2 : failing.length > 0 || hasCodeErrors(result) ? 1 : 0;
  return { result, ...(baseline ? { baseline } : {}), failing, exitCode };
}

/** The baseline being replaced, to report what it lost; a broken one is simply replaced. */
function readPrevious(file: string): BaselineEntry[] {
  try {
    return readBaseline(file);
  } catch (error) {
    if (error instanceof BaselineError) return [];
    throw error;
  }
}
