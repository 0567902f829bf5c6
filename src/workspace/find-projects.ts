import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../engine/project-error.js';
import { readProject, type ParsedProject } from '../engine/project.js';
import { ConfigError } from '../config/config-error.js';
import { expandGlob, workspacePackages, type WorkspacePackage } from './workspace-packages.js';

/** The projects one `finleak check` analyses. */
export interface ProjectSet {
  /** Folder that report paths, fingerprints and baselines are relative to. */
  root: string;
  /** The projects, read, in analysis order: a project before the projects it depends on. */
  projects: ParsedProject[];
  /** How they were found, said in the report. */
  foundBy: 'tsconfig' | 'references' | 'workspaces' | 'list' | 'config';
  /** Workspace packages without a tsconfig.json: their files are analysed only where a project imports them. */
  withoutTsconfig: string[];
}

export interface FindProjectsOptions {
  /** Folder the command runs in. */
  cwd: string;
  /** tsconfig files or their folders given on the command line (`--project`, repeatable). */
  projects?: readonly string[];
  /** The config's `projects`: tsconfig files, folders or globs relative to the config file. */
  configured?: { file: string; projects: readonly string[] };
}

/**
 * Which projects to analyse:
 * - one `--project`: that tsconfig; a solution-style one (no files of its own,
 *   only `references`) stands for the projects it references;
 * - several `--project`, or the config's `projects`: those, reports relative to the current folder;
 * - neither: `./tsconfig.json` as above; without one (or when it has no files
 *   and no references), the tsconfig.json of every workspace package
 *   (package.json `workspaces`, pnpm-workspace.yaml).
 */
export function findProjects(options: FindProjectsOptions): ProjectSet {
  const given = options.projects ?? [];
  if (given.length === 1) return fromTsconfig(tsconfigOf(path.resolve(options.cwd, given[0]!)), true);
  if (given.length > 1) {
    const seen = new Set<string>();
    const projects = given.flatMap((p) => expand(tsconfigOf(path.resolve(options.cwd, p)), seen));
    return ordered({ root: options.cwd, projects, foundBy: 'list', withoutTsconfig: [] });
  }
  if (options.configured) return configuredProjects(options.configured.file, options.configured.projects);
  const rootConfig = path.join(options.cwd, 'tsconfig.json');
  const packages = workspacePackages(options.cwd);
  if (existsSync(rootConfig)) {
    const found = fromTsconfig(rootConfig, !packages);
    if (found.projects.length > 0) return found;
  }
  if (!packages) {
    throw new ProjectError(
      `${rootConfig}: tsconfig not found. Pass the project's tsconfig.json with --project <file> (repeat it for several projects), or run finleak at a monorepo root (package.json "workspaces" or pnpm-workspace.yaml).`,
      rootConfig,
    );
  }
  const withoutTsconfig: string[] = [];
  const projects: ParsedProject[] = [];
  const seen = new Set<string>();
  for (const pkg of packages) {
    const file = path.join(pkg.dir, 'tsconfig.json');
    if (existsSync(file)) projects.push(...expand(file, seen));
    else withoutTsconfig.push(pkg.dir);
  }
  if (projects.length === 0) {
    throw new ProjectError(`${path.join(options.cwd, 'package.json')}: none of the ${packages.length} workspace packages has a tsconfig.json; pass the projects with --project <file>.`, path.join(options.cwd, 'package.json'));
  }
  return ordered({ root: options.cwd, projects, foundBy: 'workspaces', withoutTsconfig }, packages);
}

/** The config's `projects`, relative to the config file; an entry that matches no tsconfig is a config error. */
function configuredProjects(configFile: string, entries: readonly string[]): ProjectSet {
  const root = path.dirname(configFile);
  const seen = new Set<string>();
  const projects = entries.flatMap((entry, i) => {
    const files = expandGlob(root, entry)
      .map(tsconfigOf)
      .filter((file) => existsSync(file));
    if (files.length === 0) throw new ConfigError(`"${entry}" matches no tsconfig file or folder holding a tsconfig.json (relative to ${root})`, configFile, `projects[${i}]`);
    return files.flatMap((file) => expand(file, seen));
  });
  return ordered({ root, projects, foundBy: 'config', withoutTsconfig: [] });
}

/** The projects of one tsconfig; `required`: a tsconfig without files and without references is an error. */
function fromTsconfig(file: string, required: boolean): ProjectSet {
  const projects = expand(file, new Set());
  if (projects.length === 0 && required) {
    throw new ProjectError(`${file}: no input files and no project references; check "include", "files", "exclude" and "references" in the tsconfig.`, file);
  }
  const foundBy = projects.length === 1 && projects[0]!.configFile === file ? 'tsconfig' : 'references';
  return ordered({ root: path.dirname(file), projects, foundBy, withoutTsconfig: [] });
}

/**
 * A tsconfig with files of its own is one project (its program reads the
 * sources of the projects it references). One without files stands for the
 * projects it references, recursively.
 */
function expand(file: string, seen: Set<string>): ParsedProject[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const project = readProject(file, { allowEmpty: true });
  if (project.parsed.fileNames.length > 0) return [project];
  const references = project.parsed.projectReferences ?? [];
  if (references.length === 0) return [];
  return references.flatMap((reference) => expand(tsconfigOf(reference.path), seen));
}

/** A tsconfig path, or a folder standing for its tsconfig.json. */
function tsconfigOf(file: string): string {
  const resolved = path.resolve(file);
  return existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, 'tsconfig.json') : resolved;
}

/**
 * Projects that use others come first (by workspace dependencies and project
 * references), then by path: a program built for an app already holds the
 * packages it imports. The order changes only how programs are shared, never
 * the findings.
 */
function ordered(set: ProjectSet, packages: readonly WorkspacePackage[] = []): ProjectSet {
  const packageOf = (configFile: string): WorkspacePackage | undefined =>
    packages.filter((p) => configFile.startsWith(p.dir + path.sep)).sort((a, b) => b.dir.length - a.dir.length)[0];
  const uses = new Map<ParsedProject, Set<ParsedProject>>();
  for (const project of set.projects) {
    const used = new Set<ParsedProject>();
    const pkg = packageOf(project.configFile);
    const referenced = new Set((project.parsed.projectReferences ?? []).map((r) => tsconfigOf(r.path)));
    for (const other of set.projects) {
      if (other === project) continue;
      const otherPackage = packageOf(other.configFile);
      if (referenced.has(other.configFile) || (pkg && otherPackage && otherPackage !== pkg && pkg.dependencies.includes(otherPackage.name))) used.add(other);
    }
    uses.set(project, used);
  }
  // Kahn's algorithm on "is used by": emit projects nobody left unemitted uses; a cycle falls back to path order.
  const remaining = [...set.projects].sort((a, b) => a.configFile.localeCompare(b.configFile));
  const result: ParsedProject[] = [];
  while (remaining.length > 0) {
    const next = remaining.find((candidate) => !remaining.some((other) => other !== candidate && uses.get(other)!.has(candidate))) ?? remaining[0]!;
    result.push(next);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return { ...set, projects: result };
}
