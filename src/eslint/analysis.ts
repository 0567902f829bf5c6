import path from 'node:path';
import type { ts } from '@ts-morph/common';
import { buildPolicy } from '../config/build-policy.js';
import { loadConfigSync } from '../config/load-config.js';
import { validateConfig } from '../config/validate-config.js';
import { ProgramAnalyzer, type FileResult } from '../engine/analyze.js';
import { pushTo } from '../engine/declarations.js';
import type { Diagnostic, Finding } from '../engine/finding.js';
import { AnalysisCache } from '../engine/incremental.js';
import type { Policy, UserConfig } from '../policy/types.js';
import { POLICY_KEYS, type RuleOptions } from './options.js';

/**
 * The analysis of one program, shared by every file of it that ESLint lints.
 * A file's send calls are analysed when that file is linted: a re-lint of the
 * edited file after an edit analyses its own calls, not those of every file
 * the edit may have changed (they are analysed, from the cache where still
 * valid, when they are linted).
 */
export interface ProgramAnalysis {
  rootDir: string;
  policy: Policy;
  /** Findings to report in this file: at their send call, and (with `reportAtSource`) where their data is read. */
  findingsIn(fileName: string): readonly Finding[];
  /** Errors located in this file: calls that could not be followed, malformed suppressions, coverage gaps. */
  errorsIn(fileName: string): readonly Diagnostic[];
}

const byProgram = new WeakMap<ts.Program, Map<string, ProgramAnalysis>>();
/** One cache per project (tsconfig) and policy: the chain of programs an editor session goes through. */
const caches = new Map<string, AnalysisCache>();

/**
 * The analysis of `program` for these rule options, made once; later calls
 * for other files of the same program return the same analysis. A new
 * program of the same project (after an edit) reuses the previous one's
 * results where the edit cannot have changed them.
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
  const analyzer = new ProgramAnalyzer(program, policy, { rootDir, cache });
  // Nothing to reuse (the first lint of the project, or the policy changed): a whole-project lint follows, or an
  // editor opened the project; either way every file's calls are analysed now, in program order, as `finleak check` does.
  if (cache.lastStats?.fullReason) for (const sourceFile of analyzer.files) analyzer.fileResult(sourceFile);

  const resultOf = (fileName: string): FileResult | undefined => {
    const sourceFile = program.getSourceFile(fileName);
    return sourceFile && analyzer.fileResult(sourceFile);
  };
  /** With `reportAtSource`: every file's findings, by the file their data is read in (when not the send call's). */
  let bySource: Map<string, Finding[]> | undefined;
  const atSource = (fileName: string): Finding[] => {
    if (!bySource) {
      bySource = new Map();
      for (const sourceFile of analyzer.files) {
        for (const finding of analyzer.fileResult(sourceFile).findings) {
          const source = path.resolve(finding.source.location.file);
          if (source !== path.resolve(finding.sink.location.file)) pushTo(bySource, source, finding);
        }
      }
    }
    return bySource.get(fileName) ?? [];
  };
  const analysis: ProgramAnalysis = {
    rootDir,
    policy,
    findingsIn: (fileName) => [...(resultOf(fileName)?.findings ?? []), ...(options.reportAtSource ? atSource(fileName) : [])],
    errorsIn: (fileName) => resultOf(fileName)?.errors ?? [],
  };
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
