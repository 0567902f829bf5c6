import path from 'node:path';
import { ts } from '@ts-morph/common';
import { asList } from '../engine/declarations.js';
import { financial } from '../../rules/index.js';
import { declaredTypeNames } from '../engine/declared-names.js';
import type { Diagnostic } from '../engine/finding.js';
import { unmatchedFieldEntries } from '../engine/unmatched-fields.js';
import type { UserConfig } from '../policy/types.js';
import { ConfigError } from './config-error.js';

/**
 * What a config refers to, checked against the loaded program, so that no
 * entry is dropped without a word:
 * - every `module` (of `sanitizers`, `sinks`, `propagators`, `sources.sdkTypes`,
 *   `sources.calls`) must resolve: a path (relative to the config file) to a
 *   file of the program, a package name to an installed package. Otherwise a
 *   ConfigError (exit 2) names the key and what was looked for: a sanitizer
 *   whose module is misspelt would silently stop masking.
 * - entries that match nothing in the program are warnings (`config-unmatched`):
 *   `sources.types` names that no type or schema of the project or its
 *   dependencies has, `sources.fields` words that no field of the project has.
 *   Further keys use `unmatchedEntries` the same way.
 */
export function checkConfigAgainstProgram(config: UserConfig, file: string, program: ts.Program, baseDir: string): Diagnostic[] {
  const references: [string, string | readonly string[] | undefined][] = [
    ...(config.sanitizers ?? []).map((s, i): [string, string | undefined] => [`sanitizers[${i}].module`, s.module]),
    ...(config.sinks ?? []).map((s, i): [string, string | readonly string[]] => [`sinks[${i}].module`, s.module]),
    ...(config.sources?.sdkTypes ?? []).map((s, i): [string, string | readonly string[]] => [`sources.sdkTypes[${i}].module`, s.module]),
    ...(config.sources?.calls ?? []).map((s, i): [string, string | readonly string[] | undefined] => [`sources.calls[${i}].module`, s.module]),
    // `lib` (TypeScript's own lib files) and `node` (@types/node) are names of the policy, not packages to resolve.
    ...(config.propagators ?? []).map((p, i): [string, string | readonly string[] | undefined] => [`propagators[${i}].module`, asList(p.module).some((m) => m === 'lib' || m === 'node') ? undefined : p.module]),
  ];
  for (const [key, modules] of references) {
    const list = asList(modules);
    list.forEach((module, i) => {
      const problem = unresolvedModule(module, program, baseDir);
      if (problem) throw new ConfigError(problem, file, typeof modules === 'string' ? key : `${key}[${i}]`);
    });
  }
  const types = config.sources?.types;
  return [
    ...(types?.length ? unmatchedEntries(file, 'sources.types', types, declaredTypeNames(program), 'no type or schema declared in the project or its dependencies') : []),
    ...unmatchedFieldEntries(file, config.sources?.fields, program, [...financial.modifiers, ...(config.sources?.modifiers ?? [])]),
  ];
}

/**
 * Warnings for the entries of a config list (names, or `/regex/flags`) that
 * match none of `names`: `matchesNothing` says what was searched.
 */
export function unmatchedEntries(file: string, key: string, entries: readonly string[] | undefined, names: ReadonlySet<string>, matchesNothing: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  entries?.forEach((entry, i) => {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
    const test = regex ? ((re: RegExp) => (name: string) => re.test(name))(new RegExp(regex[1]!, regex[2])) : (name: string) => name === entry;
    if (regex ? [...names].some(test) : names.has(entry)) return;
    out.push({
      severity: 'warning',
      code: 'config-unmatched',
      message: `${file}: ${key}[${i}] "${entry}" matches ${matchesNothing}, so it has no effect: check its spelling, or remove it`,
    });
  });
  return out;
}

/** Why a config `module` resolves to nothing, or undefined when it resolves. */
function unresolvedModule(module: string, program: ts.Program, baseDir: string): string | undefined {
  if (module.startsWith('.') || path.isAbsolute(module)) {
    const target = path.resolve(baseDir, module);
    const stripped = (fileName: string): string => fileName.replace(/\.(d\.)?[mc]?[jt]sx?$/, '');
    if (program.getSourceFiles().some((sf) => stripped(sf.fileName) === target || stripped(sf.fileName) === path.join(target, 'index'))) return undefined;
    const onDisk = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'].flatMap((ext) => [target + ext, path.join(target, `index${ext}`)]).find((f) => ts.sys.fileExists(f));
    if (onDisk) return `'${module}' is ${onDisk}, which is not part of the TypeScript program (see "include" and "files" in the tsconfig), so nothing in it can match`;
    return `'${module}' matches no file: looked for ${target}.ts (and .tsx, .d.ts, .js, ...) and ${path.join(target, 'index.ts')}; a path is relative to the config file's folder`;
  }
  const resolved = ts.resolveModuleName(module, path.join(baseDir, 'finleak-config.ts'), program.getCompilerOptions(), ts.sys).resolvedModule;
  if (resolved) return undefined;
  return `package '${module}' cannot be resolved from ${baseDir}: install it (and the project's other dependencies), or correct the name`;
}
