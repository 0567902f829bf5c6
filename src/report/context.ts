import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What every reporter gets besides the findings. */
export interface ReportContext {
  /** Paths in the report are relative to this folder. */
  rootDir: string;
  toolVersion: string;
  color: boolean;
}

export const relativePath = (rootDir: string, file: string): string => path.relative(rootDir, file).split(path.sep).join('/');

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

/** The folder holding `.git` at or above `folder` (the repository root); `folder` itself outside a repository. */
export function repositoryRoot(folder: string): string {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return path.resolve(folder);
  }
}
