import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import { Project, type SourceFile } from 'ts-morph';
import { check, type CheckOptions } from '../check.js';
import { analyzeProgram } from '../engine/analyze.js';
import type { AnalysisResult, Finding } from '../engine/finding.js';
import { applyPlan } from './apply.js';
import { planFix, type FixPlan } from './plan.js';
import { mapPosition, textEdits } from './text-diff.js';

export interface FixOptions extends CheckOptions {
  /** Compute and return the edits without writing any file. */
  dryRun?: boolean;
}

export interface FixedFinding {
  finding: Finding;
  /** The wraps that cleared it (more than one when several paths needed one each). */
  plans: FixPlan[];
}

export interface UnfixedFinding {
  finding: Finding;
  reason: string;
  /** The sanitizer to declare, where none fits. */
  declare?: string;
}

export interface FixOutcome {
  rootDir: string;
  fixed: FixedFinding[];
  unfixed: UnfixedFinding[];
  /** Every file the fix changes (or, with dryRun, would change), with its text before and after. */
  files: { file: string; before: string; after: string }[];
  /** The analysis of the fixed program: what still reaches a send. */
  after: AnalysisResult;
}

/** Rounds of plan → apply → re-analyse; a path that only shows once another is masked gets its own round. */
const MAX_ROUNDS = 3;

/**
 * `finleak fix`: analyse, wrap each fixable value in a sanitizer (ts-morph
 * over the project's files), keep an edit only if the file's type-check
 * diagnostics gain no error from it, analyse again, and repeat while a round
 * clears something. Findings are matched across rounds by their send call and
 * source kind, not by line (an added import moves the lines).
 */
export async function fixProject(options: FixOptions): Promise<FixOutcome> {
  const first = await check(options);
  const { policy, rootDir } = first;
  const project = new Project({ tsConfigFilePath: first.tsconfig, skipAddingFilesFromTsConfig: false });
  const only = options.paths?.length ? options.paths.map((p) => path.resolve(p)) : undefined;
  const analyse = (): AnalysisResult =>
    analyzeProgram(project.getProgram().compilerObject as unknown as ts.Program, policy, {
      rootDir,
      ...(only ? { onlyFiles: (file: string) => only.some((p) => file === p || file.startsWith(p + path.sep)) } : {}),
    });

  const originals = new Map<string, string>();
  const applied = new Map<string, FixPlan[]>();
  const refused = new Map<string, { reason: string; declare?: string }>();
  let findings = first.result.findings;
  let after = first.result;
  for (let round = 0; round < MAX_ROUNDS && findings.length > 0; round++) {
    const program = project.getProgram().compilerObject as unknown as ts.Program;
    const plans = new Map<string, { plan: FixPlan; key: string }[]>();
    for (const finding of findings) {
      const key = keyOf(finding, rootDir);
      const decision = planFix(program, finding, policy);
      if ('reason' in decision) {
        refused.set(key, { reason: decision.reason, ...(decision.declare ? { declare: decision.declare } : {}) });
        continue;
      }
      const list = plans.get(decision.plan.file) ?? [];
      if (!list.some((p) => p.plan.start === decision.plan.start && p.plan.end === decision.plan.end)) list.push({ plan: decision.plan, key });
      plans.set(decision.plan.file, list);
    }
    let accepted = 0;
    for (const [file, list] of plans) {
      const sourceFile = project.getSourceFileOrThrow(file);
      if (!originals.has(file)) originals.set(file, sourceFile.getFullText());
      accepted += applyChecked(sourceFile, list, applied, refused);
    }
    if (accepted === 0) break;
    after = analyse();
    findings = after.findings.filter((f) => applied.has(keyOf(f, rootDir)) && !refused.has(keyOf(f, rootDir)));
  }

  const remaining = new Set(after.findings.map((f) => keyOf(f, rootDir)));
  const fixed: FixedFinding[] = [];
  const unfixed: UnfixedFinding[] = [];
  for (const finding of first.result.findings) {
    const key = keyOf(finding, rootDir);
    if (!remaining.has(key)) fixed.push({ finding, plans: applied.get(key) ?? [] });
    else {
      const why = refused.get(key);
      unfixed.push(
        why
          ? { finding, reason: why.reason, ...(why.declare ? { declare: why.declare } : {}) }
          : { finding, reason: applied.has(key) ? 'still reaches the send after the wraps finleak could make' : 'no fix was tried' },
      );
    }
  }
  const files = [...originals].map(([file, before]) => ({ file, before, after: project.getSourceFileOrThrow(file).getFullText() })).filter((f) => f.before !== f.after);
  if (!options.dryRun) for (const f of files) writeFileSync(f.file, f.after);
  return { rootDir, fixed, unfixed, files, after };
}

/**
 * Applies one file's plans, last first, each kept only when the file's
 * diagnostics gain no error; a rolled-back plan's finding is refused with the
 * compiler's message. Positions of the plans not yet applied follow the edits.
 */
function applyChecked(sourceFile: SourceFile, list: { plan: FixPlan; key: string }[], applied: Map<string, FixPlan[]>, refused: Map<string, { reason: string; declare?: string }>): number {
  let baseline = errorsOf(sourceFile);
  let accepted = 0;
  let pending = [...list].sort((a, b) => b.plan.start - a.plan.start);
  while (pending.length > 0) {
    const [{ plan, key }, ...rest] = pending as [{ plan: FixPlan; key: string }, ...{ plan: FixPlan; key: string }[]];
    const before = sourceFile.getFullText();
    applyPlan(sourceFile, plan);
    const errors = errorsOf(sourceFile);
    const added = newErrors(baseline, errors);
    if (added.length > 0) {
      sourceFile.replaceWithText(before);
      refused.set(key, {
        reason: `wrapping \`${plan.expression}\` in ${plan.callee}()${plan.import ? ` (imported from '${plan.import.moduleSpecifier}')` : ''} would not compile, so the file was left as it was: ${added[0]}`,
      });
    } else {
      applied.set(key, [...(applied.get(key) ?? []), plan]);
      baseline = errors;
      accepted++;
    }
    const edits = textEdits(before, sourceFile.getFullText());
    pending = rest.map((p) => ({ ...p, plan: { ...p.plan, start: mapPosition(p.plan.start, edits), end: mapPosition(p.plan.end, edits) } }));
  }
  return accepted;
}

/** The file's type-check errors, as "line: TSnnnn message" (counted by message, since lines move). */
function errorsOf(sourceFile: SourceFile): string[] {
  return sourceFile
    .getPreEmitDiagnostics()
    .map((d) => d.compilerObject)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const line = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return `${line}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}

function newErrors(before: string[], after: string[]): string[] {
  const count = new Map<string, number>();
  const strip = (e: string): string => e.replace(/^[^ ]*:\d+: /, '');
  for (const e of before) count.set(strip(e), (count.get(strip(e)) ?? 0) + 1);
  return after.filter((e) => {
    const n = count.get(strip(e)) ?? 0;
    if (n > 0) {
      count.set(strip(e), n - 1);
      return false;
    }
    return true;
  });
}

/** A finding across edits: its send call (file, function, callee, payload slot) and source kind. */
function keyOf(finding: Finding, rootDir: string): string {
  const sink = finding.sink;
  return [finding.source.kind, path.relative(rootDir, sink.location.file), finding.trace.at(-1)?.function ?? '', sink.callee, sink.argument].join('\u0000');
}
