import path from 'node:path';
import { buildPolicy } from './config/build-policy.js';
import { loadConfigAtRef } from './ci/policy-from.js';
import { checkConfigAgainstProgram } from './config/check-against-program.js';
import { loadConfig } from './config/load-config.js';
import { analyzeProgram } from './engine/analyze.js';
import type { AnalysisResult } from './engine/finding.js';
import { missingPackages } from './engine/missing-packages.js';
import { PhaseClock, totalOf } from './engine/phases.js';
import { loadProject, ProjectError } from './engine/project.js';
import type { Policy } from './policy/types.js';

export interface CheckOptions {
  /** Path to the tsconfig.json (or its folder). */
  project: string;
  /** Explicit config file; otherwise searched from the project's folder. */
  config?: string;
  /** Report only findings whose send call is in these files or folders. */
  paths?: string[];
  /** Refuse JavaScript/TypeScript configs (they execute code); for untrusted pull requests. */
  dataOnlyConfig?: boolean;
  /** Read the config as of this git ref (data configs only), not from the working tree: --policy-from. */
  policyFrom?: string;
  /**
   * Charges the run to its phases (`stats.phases`); `stats.milliseconds` is the
   * time since the clock's origin. Default: a clock started by this call.
   */
  clock?: PhaseClock;
}

export interface CheckOutcome {
  result: AnalysisResult;
  rootDir: string;
  tsconfig: string;
  configFile?: string;
  policy: Policy;
}

/** Config -> policy -> program -> findings: the whole `finleak check`, without any output. */
export async function check(options: CheckOptions): Promise<CheckOutcome> {
  const clock = options.clock ?? new PhaseClock();
  const outer = clock.enter('load');
  const tsconfig = resolveTsconfig(options.project);
  const rootDir = path.dirname(tsconfig);
  const { config, file: configFile, baseDir } =
    options.policyFrom !== undefined ? await loadConfigAtRef(options.policyFrom, rootDir, options.config) : await loadConfig(rootDir, options.config, { dataOnly: options.dataOnlyConfig === true });
  const policy = buildPolicy(config, baseDir ?? (configFile ? path.dirname(configFile) : rootDir));
  const { program, unparsable } = loadProject(tsconfig);
  const missing = missingPackages(program, rootDir, policy);
  if (missing.packages.length > 0) throw new ProjectError(missingPackagesMessage(missing.packages), tsconfig);
  const configWarnings = configFile ? checkConfigAgainstProgram(config, configFile, program, policy.baseDir) : [];
  const only = options.paths?.length ? options.paths.map((p) => path.resolve(p)) : undefined;
  const result = analyzeProgram(program, policy, {
    rootDir,
    ...(only ? { onlyFiles: (file: string) => only.some((p) => file === p || file.startsWith(p + path.sep)) } : {}),
    clock,
  });
  result.diagnostics.unshift(
    ...configWarnings,
    ...unparsable.map((u) => ({
      severity: 'error' as const,
      code: 'unparsable-file',
      message: `cannot parse this file (${u.reason}: its code nests deeper than the TypeScript parser can follow); it was skipped, so leaks in it are not reported`,
      location: { file: u.file, line: 1, column: 1, endLine: 1, endColumn: 1 },
    })),
  );
  clock.enter(outer);
  result.stats.phases = clock.snapshot();
  result.stats.milliseconds = totalOf(result.stats.phases);
  return { result, rootDir, tsconfig, ...(configFile ? { configFile } : {}), policy };
}

function missingPackagesMessage(packages: readonly string[]): string {
  const shown = packages.length > 6 ? `${packages.slice(0, 5).join(', ')} and ${packages.length - 5} more` : packages.join(', ');
  const count = packages.length === 1 ? 'a package the project imports is' : `${packages.length} packages the project imports are`;
  return `${count} not installed (${shown}): install the project's dependencies first (for example \`npm ci --ignore-scripts\`); finleak reads their type declarations to see the send calls and the financial data that go through them`;
}

function resolveTsconfig(project: string): string {
  const resolved = path.resolve(project);
  return resolved.endsWith('.json') ? resolved : path.join(resolved, 'tsconfig.json');
}
