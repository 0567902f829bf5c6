import { createColors } from 'picocolors';
import type { Finding } from '../engine/finding.js';
import type { FixOutcome } from '../fix/fix-project.js';
import type { FixPlan } from '../fix/plan.js';
import { unifiedDiff } from '../fix/text-diff.js';
import { relativePath } from '../relative-path.js';

/**
 * What `finleak fix` prints: each finding fixed (with the wrap) or not (with
 * the reason and the sanitizer to declare), then a summary. With --dry-run the
 * unified diff goes to stdout and this report to stderr.
 */
export function formatFixReport(outcome: FixOutcome, color: boolean, dryRun: boolean): string {
  const c = createColors(color);
  const rel = (file: string): string => relativePath(outcome.rootDir, file);
  const where = (f: Finding): string => `${rel(f.sink.location.file)}:${f.sink.location.line}:${f.sink.location.column}`;
  const title = (f: Finding): string => `${f.source.kind} → ${f.sink.platform} through \`${f.sink.callee}\``;
  const rows = [
    ...outcome.fixed.map((f) => ({ f: f.finding, line: fixedLine(f.plans, c, dryRun) })),
    ...outcome.unfixed.map((u) => ({
      f: u.finding,
      line: `${c.yellow('not fixed')}  ${u.reason}${u.declare ? `\n    ${c.dim('to fix it:')} ${u.declare}` : ''}`,
    })),
  ].sort((a, b) => a.f.sink.location.file.localeCompare(b.f.sink.location.file) || a.f.sink.location.line - b.f.sink.location.line);
  const out = rows.map(({ f, line }) => `${c.cyan(where(f))}  ${title(f)}\n  ${line}`);
  const total = outcome.fixed.length + outcome.unfixed.length;
  const files = outcome.files.length;
  const verb = dryRun ? 'would fix' : 'fixed';
  if (total === 0) out.push(`${c.green('✔')} Nothing to fix: no financial data reaches a messaging send call.`);
  else {
    out.push('');
    out.push(
      `${outcome.unfixed.length === 0 ? c.green('✔') : c.yellow('!')} ${verb} ${outcome.fixed.length} of ${total} finding${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` +
        (outcome.unfixed.length > 0 ? `; ${outcome.unfixed.length} remain${outcome.unfixed.length === 1 ? 's' : ''} (reasons above)` : '') +
        (dryRun && files > 0 ? '; nothing written (--dry-run)' : ''),
    );
  }
  return `${out.join('\n')}\n`;
}

function fixedLine(plans: readonly FixPlan[], c: ReturnType<typeof createColors>, dryRun: boolean): string {
  const wraps = plans.map((p) => `wrapped \`${p.expression}\` in ${p.callee}()${p.import ? ` (import ${p.import.alias ? `${p.import.name} as ${p.import.alias}` : p.import.name} from '${p.import.moduleSpecifier}')` : ''}`);
  return `${c.green(dryRun ? 'fixable' : 'fixed')}  ${wraps.join('; ') || 'cleared by the other edits'}`;
}

/** The --dry-run diff of every changed file, paths relative to the project folder. */
export function formatFixDiff(outcome: FixOutcome): string {
  return outcome.files.map((f) => unifiedDiff(relativePath(outcome.rootDir, f.file), f.before, f.after)).join('');
}
