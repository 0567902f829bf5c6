import path from 'node:path';
import type { ts } from '@ts-morph/common';
import { buildPolicy } from '../config/build-policy.js';
import { loadConfigSync } from '../config/load-config.js';
import { validateConfig } from '../config/validate-config.js';
import { analyzeProgram } from '../engine/analyze.js';
import type { AnalysisResult, Diagnostic, Finding } from '../engine/finding.js';
import { AnalysisCache } from '../engine/incremental.js';
import type { Policy, UserConfig } from '../policy/types.js';
import { POLICY_KEYS, type RuleOptions } from './options.js';

/** The whole-program analysis of one program, shared by every file of it that ESLint lints. */
export interface ProgramAnalysis {
  result: AnalysisResult;
  rootDir: string;
  policy: Policy;
  findingsByFile: Map<string, Finding[]>;
  errorsByFile: Map<string, Diagnostic[]>;
}

const byProgram = new WeakMap<ts.Program, Map<string, ProgramAnalysis>>();
/** One cache per project (tsconfig) and policy: the chain of programs an editor session goes through. */
const caches = new Map<string, AnalysisCache>();

/**
 * Analyses `program` once per rule options; later calls for other files of
 * the same program return the same analysis. A new program of the same
 * project (after an edit) is analysed incrementally from the previous one.
 */
export function analysisOf(program: ts.Program, rootDir: string, options: RuleOptions): ProgramAnalysis {
  const optionsKey = JSON.stringify(options);
  let perOptions = byProgram.get(program);
  const known = perOptions?.get(optionsKey);
  if (known) return known;

  const policy = policyFor(rootDir, options);
  const project = (program.getCompilerOptions().configFilePath as string | undefined) ?? program.getRootFileNames().join('\u0000');
  const cacheKey = `${project}\u0000${optionsKey}`;
  let cache = caches.get(cacheKey);
  if (!cache) caches.set(cacheKey, (cache = new AnalysisCache()));
  const result = analyzeProgram(program, policy, { rootDir, cache });

  const findingsByFile = new Map<string, Finding[]>();
  const errorsByFile = new Map<string, Diagnostic[]>();
  const add = <T>(map: Map<string, T[]>, file: string, item: T): void => {
    const list = map.get(file);
    if (list) list.push(item);
    else map.set(file, [item]);
  };
  for (const finding of result.findings) {
    add(findingsByFile, path.resolve(finding.sink.location.file), finding);
    const source = path.resolve(finding.source.location.file);
    if (options.reportAtSource && source !== path.resolve(finding.sink.location.file)) add(findingsByFile, source, finding);
  }
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.severity === 'error' && diagnostic.location) add(errorsByFile, path.resolve(diagnostic.location.file), diagnostic);
  }
  const analysis: ProgramAnalysis = { result, rootDir, policy, findingsByFile, errorsByFile };
  if (!perOptions) byProgram.set(program, (perOptions = new Map()));
  perOptions.set(optionsKey, analysis);
  return analysis;
}

/** The AnalysisCache statistics of the latest analysis of a project, for benchmarks. */
export function cacheStats(): Record<string, AnalysisCache['lastStats']> {
  return Object.fromEntries([...caches].map(([key, cache]) => [key.split('\u0000')[0]!, cache.lastStats]));
}

/** The finleak config the CLI would use for this project, with the policy keys of the rule options replacing the file's. */
function policyFor(rootDir: string, options: RuleOptions): Policy {
  const { config, file } = loadConfigSync(rootDir, options.config);
  const merged: UserConfig = { ...config };
  let overridden = false;
  for (const key of POLICY_KEYS) {
    if (options[key] !== undefined) {
      (merged as Record<string, unknown>)[key] = options[key];
      overridden = true;
    }
  }
  const checked = overridden ? validateConfig(merged, file ? `${file} with the ESLint rule options` : 'the ESLint rule options') : merged;
  return buildPolicy(checked, file ? path.dirname(file) : rootDir);
}
