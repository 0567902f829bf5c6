import { readFileSync } from 'node:fs';
import type { BaselineEntry } from '../ci/baseline.js';
import type { Finding } from '../engine/finding.js';
import { relativePath } from '../relative-path.js';

export { repositoryRoot } from '../engine/repository-root.js';

/** What every reporter gets besides the findings. */
export interface ReportContext {
  /** Paths in the report are relative to this folder. */
  rootDir: string;
  toolVersion: string;
  color: boolean;
  /** Set when the check ran against a baseline (--baseline). */
  baseline?: BaselineView;
  /** The git ref of --changed-since, when findings were narrowed to changed lines. */
  changedSince?: string;
  /** Folder that GitHub annotation paths are relative to (the repository checkout); default rootDir. */
  workspaceDir?: string;
  /** The projects of a check that covered several, or of a shard: the tsconfig (absolute), and the index of the program it was analysed in. */
  projects?: { tsconfig: string; program: number }[];
  /** `--shard`, as given (`2/4`). */
  shard?: string;
  /**
   * Where the repository's files are browsable at this commit, e.g.
   * `https://github.com/acme/bot/blob/<sha>/`: the HTML and Markdown reports link
   * each location to `<sourceUrl><path from the repository root>#L<line>`.
   */
  sourceUrl?: string;
}

/** How the findings compare with a baseline file. */
export interface BaselineView {
  /** As given on the command line. */
  file: string;
  /** Findings the baseline already has; the others are new. */
  known: ReadonlySet<Finding>;
  /** Baseline entries that no longer occur. */
  fixed: readonly BaselineEntry[];
  /** True when --update-baseline just wrote the file. */
  updated?: boolean;
}

/** Findings a check fails on: not suppressed in the code, and not known to the baseline if there is one. */
export function failingFindings(findings: readonly Finding[], context: Pick<ReportContext, 'baseline'>): Finding[] {
  const known = context.baseline?.known;
  return known ? findings.filter((f) => !known.has(f)) : [...findings];
}

export { relativePath };

const fileCache = new Map<string, string[] | undefined>();

/** Lines of a source file, for code frames; undefined when the file cannot be read. */
export function sourceLines(file: string): string[] | undefined {
  if (!fileCache.has(file)) {
    try {
      fileCache.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
    } catch {
      fileCache.set(file, undefined);
    }
  }
  return fileCache.get(file);
}
