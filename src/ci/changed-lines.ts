import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Finding, SourceLocation } from '../engine/finding.js';
import { commitOf, git, GitError, gitTop, tryGit } from './git.js';

/**
 * `--changed-since <ref>`: which lines of which files changed between the
 * merge base of `<ref>` and HEAD and the working tree (committed, staged,
 * unstaged and untracked changes alike), read from git. The whole program is
 * still analysed; only the findings shown are narrowed to those whose path
 * touches a changed line, so a new send call that receives old data is caught,
 * and so is an old send call that receives new data.
 */

/** Absolute real path -> changed 1-based lines, or 'all' for files git does not track yet. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

export { GitError };

export function changedLinesSince(ref: string, cwd: string): ChangedLines {
  const top = gitTop(cwd, '--changed-since');
  const resolved = commitOf(ref, top, '--changed-since');
  const base = tryGit(['merge-base', resolved.trim(), 'HEAD'], top)?.trim() || resolved.trim();
  const diff = git(
    ['-c', 'core.quotepath=off', 'diff', '--no-color', '--no-ext-diff', '--unified=0', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, '--'],
    top,
    `cannot diff against '${ref}'`,
  );
  const changed = parseUnifiedDiff(diff, top);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], top, 'cannot list untracked files');
  for (const file of untracked.split('\0').filter(Boolean)) changed.set(path.join(top, file), 'all');
  return changed;
}

/** New-side line numbers of each file in a `git diff --unified=0` patch. Exported for tests. */
export function parseUnifiedDiff(diff: string, top: string): ChangedLines {
  const changed: ChangedLines = new Map();
  let lines: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4).replace(/\t$/, ''));
      if (name === '/dev/null' || !name.startsWith('b/')) lines = undefined;
      else {
        lines = new Set();
        changed.set(path.join(top, name.slice(2)), lines);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !lines) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) {
      // Lines were only deleted: the lines around the gap changed meaning (a removed sanitizer, say).
      lines.add(start);
      lines.add(start + 1);
    }
    for (let n = start; n < start + count; n++) lines.add(n);
  }
  return changed;
}

/** True when the finding's source, any step of any of its paths, or its sink call is on a changed line. */
export function touchesChange(finding: Finding, changed: ChangedLines): boolean {
  const locations: SourceLocation[] = [finding.source.location, ...[finding.trace, ...(finding.otherPaths ?? [])].flat().map((s) => s.location), finding.sink.location];
  return locations.some((location) => {
    const lines = changed.get(realPath(location.file));
    if (!lines) return false;
    if (lines === 'all') return true;
    for (let n = location.line; n <= location.endLine; n++) if (lines.has(n)) return true;
    return false;
  });
}

const realPaths = new Map<string, string>();
function realPath(file: string): string {
  let real = realPaths.get(file);
  if (real === undefined) {
    try {
      real = realpathSync(file);
    } catch {
      real = file;
    }
    realPaths.set(file, real);
  }
  return real;
}

function unquote(name: string): string {
  if (!name.startsWith('"')) return name;
  // git's C-style quoting: \" \\ \t \n and octal bytes.
  const bytes: number[] = [];
  for (let i = 1; i < name.length - 1; i++) {
    const ch = name[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = name[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(name.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
