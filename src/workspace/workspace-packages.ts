import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLoadersSync } from 'cosmiconfig';
import { workspacePatterns } from '../engine/repository-root.js';
import { ProjectError } from '../engine/project-error.js';

/** A package of a monorepo's workspaces. */
export interface WorkspacePackage {
  /** Absolute folder. */
  dir: string;
  /** `name` from its package.json (the folder name when it has none). */
  name: string;
  /** Names of the packages it depends on (dependencies, devDependencies, peerDependencies). */
  dependencies: string[];
}

/**
 * The workspace packages a folder declares: the globs of its package.json
 * `workspaces` (npm, yarn, bun) or of pnpm-workspace.yaml's `packages`, each
 * matching folders that hold a package.json; `!` globs exclude. Undefined when
 * the folder declares no workspaces.
 */
export function workspacePackages(root: string): WorkspacePackage[] | undefined {
  const patterns = workspacePatterns(root) ?? pnpmPatterns(root);
  if (!patterns) return undefined;
  const include = patterns.filter((p) => !p.startsWith('!')).map(segmentsOf);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => segmentsOf(p.slice(1)));
  const found = new Set<string>();
  for (const pattern of include) for (const dir of matchPaths(root, pattern)) found.add(dir);
  return [...found]
    .filter((dir) => !exclude.some((pattern) => matchesAll(pattern, path.relative(root, dir).split(path.sep))))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .sort()
    .map(readPackage);
}

function pnpmPatterns(root: string): string[] | undefined {
  const file = path.join(root, 'pnpm-workspace.yaml');
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = defaultLoadersSync['.yaml'](file, readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, file);
  }
  const packages = (data as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(packages) || !packages.every((p) => typeof p === 'string')) {
    throw new ProjectError(`${file}: packages: expected a list of folder globs, such as ["apps/*", "packages/*"]`, file);
  }
  return packages;
}

function readPackage(dir: string): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const names = (key: string): string[] => {
    const deps = manifest[key];
    return deps && typeof deps === 'object' ? Object.keys(deps) : [];
  };
  return {
    dir,
    name: typeof manifest['name'] === 'string' ? manifest['name'] : path.basename(dir),
    dependencies: [...new Set([...names('dependencies'), ...names('devDependencies'), ...names('peerDependencies')])],
  };
}

/** A folder glob as one matcher per path segment: `**` any number of folders, `*` and `?` within a name. */
type Segment = '**' | RegExp;

function segmentsOf(glob: string): Segment[] {
  return glob
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map((s) => (s === '**' ? '**' : new RegExp(`^${s.replace(/[.+^$()|[\]\\{}]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)));
}

function matchesAll(pattern: readonly Segment[], parts: readonly string[]): boolean {
  const [head, ...rest] = pattern;
  if (head === undefined) return parts.length === 0;
  if (head === '**') return matchesAll(rest, parts) || (parts.length > 0 && matchesAll(pattern, parts.slice(1)));
  return parts.length > 0 && head.test(parts[0]!) && matchesAll(rest, parts.slice(1));
}

/** Files and folders under `root` that a glob matches (`*` and `?` within a name, `**` any folders), sorted. */
export function expandGlob(root: string, glob: string): string[] {
  return matchPaths(root, segmentsOf(glob)).sort();
}

/** Paths under `dir` that match the glob; node_modules and hidden folders are never entered. */
function matchPaths(dir: string, pattern: readonly Segment[]): string[] {
  const [head, ...rest] = pattern;
  if (head === undefined) return [dir];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // a file, or a folder that cannot be read
  }
  const children = entries.filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.') && (entry.isDirectory() || rest.length === 0)).map((entry) => entry.name);
  if (head === '**') return [...matchPaths(dir, rest), ...children.flatMap((name) => matchPaths(path.join(dir, name), pattern))];
  return children.filter((name) => head.test(name)).flatMap((name) => matchPaths(path.join(dir, name), rest));
}
