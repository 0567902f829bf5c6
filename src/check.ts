import path from 'node:path';
import type { ts } from '@ts-morph/common';
import { loadConfigAtRef } from './ci/policy-from.js';
import { buildPolicy } from './config/build-policy.js';
import { checkConfigAgainstProgram } from './config/check-against-program.js';
import { ConfigError } from './config/config-error.js';
import { loadConfig, type LoadedConfig } from './config/load-config.js';
import { analyzeProgram } from './engine/analyze.js';
import type { AnalysisResult, Diagnostic } from './engine/finding.js';
import { missingPackages } from './engine/missing-packages.js';
import { PhaseClock, totalOf } from './engine/phases.js';
import { DeclarationNeeded } from './engine/declaration-pruning.js';
import { loadProgram, programKey, ProjectError, releaseSharedFiles, type ParsedProject, type UnparsableFile } from './engine/project.js';
import { isWorkspaceRoot } from './engine/repository-root.js';
import type { Policy, UserConfig } from './policy/types.js';
import { combineResults } from './workspace/combine-results.js';
import { findProjects, type ProjectSet } from './workspace/find-projects.js';
import { describeShard, shardOf, type Shard } from './workspace/shard.js';
import { relativePath } from './relative-path.js';

export interface CheckOptions {
  /** Path to the tsconfig.json (or its folder). Same as `projects: [project]`. */
  project?: string;
  /**
   * tsconfig files (or folders): one is a project (a solution-style tsconfig
   * stands for its references); several are analysed together, paths in the
   * report relative to `cwd`. None: `./tsconfig.json`, else the workspace packages' tsconfigs.
   */
  projects?: string[];
  /** Folder the check runs in; default process.cwd(). */
  cwd?: string;
  /** Explicit config file; otherwise searched from the project's folder. */
  config?: string;
  /** Report only findings whose send call is in these files or folders. */
  paths?: string[];
  /** Refuse JavaScript/TypeScript configs (they execute code); for untrusted pull requests. */
  dataOnlyConfig?: boolean;
  /** Read the config as of this git ref (data configs only), not from the working tree: --policy-from. */
  policyFrom?: string;
  /** Analyse only the projects of this shard (see workspace/shard.ts). */
  shard?: Shard;
  /**
   * Charges the run to its phases (`stats.phases`); `stats.milliseconds` is the
   * time since the clock's origin. Default: a clock started by this call.
   */
  clock?: PhaseClock;
  /**
   * Load every declaration file the projects' imports name, as `tsc` does
   * (the findings are the same; only the time differs). Default: the
   * dependencies' declaration files no part of the analysis reaches are not loaded.
   */
  loadAllDeclarations?: boolean;
}

/** A project of the check, and which program it was analysed in. */
export interface CheckedProject {
  tsconfig: string;
  /** Index of its program: projects whose options agree share one. */
  program: number;
}

export interface CheckOutcome {
  result: AnalysisResult;
  /** Folder that report paths, fingerprints and baselines are relative to. */
  rootDir: string;
  /** The first project's tsconfig. */
  tsconfig: string;
  /** Every project of the check (of this shard), in analysis order. */
  projects: CheckedProject[];
  /** How the projects were found: one tsconfig, a tsconfig's references, the workspaces, or a list. */
  foundBy: ProjectSet['foundBy'];
  shard?: Shard;
  configFile?: string;
  policy: Policy;
}

/** Config -> policy -> programs -> findings: the whole `finleak check`, without any output. */
export async function check(options: CheckOptions): Promise<CheckOutcome> {
  const clock = options.clock ?? new PhaseClock();
  const outer = clock.enter('load');
  const cwd = options.cwd ?? process.cwd();
  const given = options.projects ?? (options.project !== undefined ? [options.project] : []);
  // Without --project, the config found from here may list the projects; otherwise it is found from the projects' root.
  const early = given.length === 0 ? await findConfig(cwd, options) : undefined;
  const configured = early?.file && early.config.projects ? { file: early.file, projects: early.config.projects } : undefined;
  const found = findProjects({ cwd, projects: given, ...(configured ? { configured } : {}) });
  const rootDir = found.root;
  const { config, file: configFile, baseDir } = early && (configured || rootDir === cwd) ? early : await findConfig(rootDir, options);
  const policy = buildPolicy(config, baseDir ?? (configFile ? path.dirname(configFile) : rootDir));

  const relative = (file: string): string => relativePath(rootDir, file);
  const shard = options.shard;
  const projects = shard ? found.projects.filter((p) => shardOf(relative(p.configFile), shard.count) === shard.index) : found.projects;
  const groups = groupByProgram(projects);

  const only = options.paths?.length ? options.paths.map((p) => path.resolve(cwd, p)) : undefined;
  const onlyFiles = only ? (file: string) => only.some((p) => file === p || file.startsWith(p + path.sep)) : undefined;
  const results: AnalysisResult[] = [];
  const diagnostics: Diagnostic[] = [...notes(found, relative), ...(shard && projects.length === 0 ? [emptyShard(shard, found.projects.length)] : [])];
  const configChecks: ConfigCheck[] = [];
  let unloaded = 0;
  let reloaded = false;
  const analyse = (group: ParsedProject[], loadAll: boolean): { result: AnalysisResult; unparsable: UnparsableFile[]; configCheck?: ConfigCheck; unloaded: number } => {
    clock.enter('load');
    const { program, unparsable, configFile: tsconfig, unloaded } = loadProgram(group, { loadAll });
    const missing = missingPackages(program, path.dirname(tsconfig), policy);
    if (missing.packages.length > 0) throw new ProjectError(missingPackagesMessage(missing.packages), tsconfig);
    const configCheck = configFile ? checkConfig(config, configFile, program, policy.baseDir) : undefined;
    // `sources.types` entries are looked for in the dependencies' declarations too: one that matches nothing may be declared in a file not loaded.
    if (unloaded?.length && config.sources?.types?.length && configCheck && 'warnings' in configCheck && configCheck.warnings.some((w) => w.code === 'config-unmatched')) {
      throw new DeclarationNeeded('a declaration file that may declare a sources.types entry');
    }
    const result = analyzeProgram(program, policy, { rootDir, ...(onlyFiles ? { onlyFiles } : {}), clock });
    return { result, unparsable, ...(configCheck ? { configCheck } : {}), unloaded: unloaded?.length ?? 0 };
  };
  for (const [i, group] of groups.entries()) {
    let analysed;
    try {
      // Declaration files no part of the analysis can reach are not loaded; should it reach one, it is redone with all.
      analysed = analyse(group, options.loadAllDeclarations === true);
    } catch (error) {
      if (!(error instanceof DeclarationNeeded)) throw error;
      reloaded = true;
      analysed = analyse(group, true);
    }
    unloaded += analysed.unloaded;
    if (analysed.configCheck) configChecks.push(analysed.configCheck);
    diagnostics.push(...analysed.unparsable.map(unparsableFile));
    results.push(analysed.result);
    if (groups.length > 1) releaseSharedFiles(groups.slice(i + 1).flat());
  }
  const result = results.length === 1 ? results[0]! : combineResults(results);
  result.diagnostics.unshift(...configWarnings(configChecks), ...diagnostics);
  if (found.projects.length > 1 || shard) result.stats = { ...result.stats, projects: projects.length, programs: groups.length };
  if (unloaded > 0 || reloaded) result.stats = { ...result.stats, unloadedDeclarationFiles: unloaded, ...(reloaded ? { reloadedDeclarations: true } : {}) };

  clock.enter(outer);
  result.stats.phases = clock.snapshot();
  result.stats.milliseconds = totalOf(result.stats.phases);
  const checked = groups.flatMap((group, program) => group.map((p) => ({ tsconfig: p.configFile, program })));
  return {
    result,
    rootDir,
    tsconfig: found.projects[0]!.configFile,
    projects: checked,
    foundBy: found.foundBy,
    ...(shard ? { shard } : {}),
    ...(configFile ? { configFile } : {}),
    policy,
  };
}

function missingPackagesMessage(packages: readonly string[]): string {
  const shown = packages.length > 6 ? `${packages.slice(0, 5).join(', ')} and ${packages.length - 5} more` : packages.join(', ');
  const count = packages.length === 1 ? 'a package the project imports is' : `${packages.length} packages the project imports are`;
  return `${count} not installed (${shown}): install the project's dependencies first (for example \`npm ci --ignore-scripts\`); finleak reads their type declarations to see the send calls and the financial data that go through them`;
}

/**
 * The config searched from the project's folder (or the monorepo root); a
 * package of a monorepo without a config of its own uses the one at the
 * workspace root above it. With --policy-from, the config as of that git ref.
 */
async function findConfig(start: string, options: CheckOptions): Promise<LoadedConfig> {
  if (options.policyFrom !== undefined) return loadConfigAtRef(options.policyFrom, start, options.config);
  const dataOnly = { dataOnly: options.dataOnlyConfig === true };
  const found = await loadConfig(start, options.config, dataOnly);
  if (found.file || options.config) return found;
  for (let dir = path.dirname(start); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (isWorkspaceRoot(dir)) return loadConfig(dir, undefined, dataOnly);
  }
  return found;
}

/** The config checked against one program: its warnings, or the config error it raised. */
type ConfigCheck = { warnings: Diagnostic[] } | { error: ConfigError };

function checkConfig(config: UserConfig, file: string, program: ts.Program, baseDir: string): ConfigCheck {
  try {
    return { warnings: checkConfigAgainstProgram(config, file, program, baseDir) };
  } catch (error) {
    if (error instanceof ConfigError) return { error };
    throw error;
  }
}

/**
 * What the config refers to must exist in one of the programs at least: an
 * entry (a sanitizer's module, a source type) that one package's program lacks
 * may be another's. An error or warning that every program gives is reported.
 */
function configWarnings(checks: readonly ConfigCheck[]): Diagnostic[] {
  if (checks.length === 0) return [];
  const errors = checks.filter((c): c is { error: ConfigError } => 'error' in c);
  if (errors.length === checks.length) throw errors[0]!.error;
  const lists = checks.filter((c): c is { warnings: Diagnostic[] } => 'warnings' in c).map((c) => c.warnings);
  return lists[0]!.filter((warning) => lists.every((list) => list.some((other) => other.message === warning.message)));
}

/** Projects in order, grouped so that projects whose options agree share one program (first appearance order). */
function groupByProgram(projects: readonly ParsedProject[]): ParsedProject[][] {
  const groups = new Map<string, ParsedProject[]>();
  for (const project of projects) {
    const key = programKey(project.parsed.options);
    const group = groups.get(key);
    if (group) group.push(project);
    else groups.set(key, [project]);
  }
  return [...groups.values()];
}

function notes(found: ProjectSet, relative: (file: string) => string): Diagnostic[] {
  if (found.withoutTsconfig.length === 0) return [];
  const list = found.withoutTsconfig.map(relative).join(', ');
  return [
    {
      severity: 'warning',
      code: 'workspace-without-tsconfig',
      message: `${found.withoutTsconfig.length} workspace package${found.withoutTsconfig.length === 1 ? ' has' : 's have'} no tsconfig.json (${list}): their files are analysed only where another project imports them`,
    },
  ];
}

function emptyShard(shard: Shard, total: number): Diagnostic {
  return { severity: 'warning', code: 'empty-shard', message: `shard ${describeShard(shard)} has none of the ${total} projects: nothing to analyse in this shard` };
}

function unparsableFile(u: { file: string; reason: string }): Diagnostic {
  return {
    severity: 'error',
    code: 'unparsable-file',
    message: `cannot parse this file (${u.reason}: its code nests deeper than the TypeScript parser can follow); it was skipped, so leaks in it are not reported`,
    location: { file: u.file, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
}
