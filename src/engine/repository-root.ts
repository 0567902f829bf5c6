import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The root of the repository around `folder`: the nearest folder at or above
 * it that holds `.git`; outside a git repository, the nearest workspace root
 * (a package.json with `workspaces`, or a pnpm-workspace.yaml); else `folder`.
 *
 * Code under it and outside every node_modules folder is the repository's own
 * (see project-code.ts), and SARIF paths are relative to it.
 */
export function repositoryRoot(folder: string): string {
  const start = path.resolve(folder);
  let workspace: string | undefined;
  for (let current = start; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    workspace ??= isWorkspaceRoot(current) ? current : undefined;
    if (path.dirname(current) === current) return workspace ?? start;
  }
}

/** A folder that declares workspace packages: npm, yarn and bun `workspaces` in package.json, or pnpm-workspace.yaml. */
export function isWorkspaceRoot(folder: string): boolean {
  if (existsSync(path.join(folder, 'pnpm-workspace.yaml'))) return true;
  return workspacePatterns(folder) !== undefined;
}

/**
 * The `workspaces` globs of a folder's package.json (the array form, or
 * yarn's `{ packages: [...] }`); undefined when it declares none or cannot be read.
 */
export function workspacePatterns(folder: string): string[] | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const workspaces = (manifest as { workspaces?: unknown } | null)?.workspaces;
  const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) && list.every((p) => typeof p === 'string') ? list : undefined;
}
