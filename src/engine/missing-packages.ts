import { builtinModules } from 'node:module';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import type { Policy } from '../policy/types.js';
import { asList } from './declarations.js';
import { ProjectCode } from './project-code.js';

/**
 * Packages the project imports that are not installed, when finleak must not
 * go on without them: a run over a checkout whose dependencies were never
 * installed would find no send call and no source, and pass.
 *
 * A package counts when the project's package.json declares it (dependencies,
 * devDependencies or peerDependencies), or when finleak's policy models it
 * (a messaging SDK, an HTTP client, a bank SDK, a schema library): without
 * its type declarations the calls through it are invisible. Other unresolved
 * imports (a `paths` alias, an undeclared package) stay warnings of the
 * analysis. A package that is installed but has no types is not missing.
 */
export interface MissingPackages {
  /** Package names, sorted. */
  packages: string[];
  /** The package.json that declares dependencies, when one was found above the project. */
  manifest?: string;
}

export function missingPackages(program: ts.Program, rootDir: string, policy: Policy): MissingPackages {
  const manifest = findManifest(rootDir);
  const declared = manifest ? declaredDependencies(manifest) : new Set<string>();
  const modelled = modelledPackages(policy);
  const options = program.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (f) => f, options);
  const missing = new Set<string>();
  for (const sourceFile of ProjectCode.of(program).files()) {
    for (const { specifier, syntax } of moduleSpecifiers(sourceFile)) {
      const name = packageName(specifier.text);
      if (!name || missing.has(name) || (!declared.has(name) && !modelled.has(name))) continue;
      if (ts.resolveModuleName(specifier.text, sourceFile.fileName, options, ts.sys, cache, undefined, resolutionMode(sourceFile, syntax)).resolvedModule) continue;
      missing.add(name);
    }
  }
  return { packages: [...missing].sort(), ...(manifest ? { manifest } : {}) };
}

/** `@slack/web-api/dist/x` -> `@slack/web-api`; `telegraf/filters` -> `telegraf`; relative paths, Node built-ins -> undefined. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier) || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** How a module is imported: an `import`/`export` declaration, `require()` (or `import x = require()`), or `import()`. */
type ImportSyntax = 'declaration' | 'require' | 'dynamic';

/**
 * The resolution mode of an import, from its syntax (what TypeScript's
 * `getModeForUsageLocation` derives, without reading parent pointers: project
 * files are parsed without them, and the binder has not run yet).
 */
function resolutionMode(sourceFile: ts.SourceFile, syntax: ImportSyntax): ts.ResolutionMode {
  if (syntax === 'require') return ts.ModuleKind.CommonJS;
  if (syntax === 'dynamic') return ts.ModuleKind.ESNext;
  return sourceFile.impliedNodeFormat;
}

/**
 * Module specifiers of imports, re-exports, `import x = require()`, `require()`
 * and `import()` calls. Walks with its own stack: generated code nests deeper
 * than a recursive walk can follow.
 */
function moduleSpecifiers(sourceFile: ts.SourceFile): { specifier: ts.StringLiteralLike; syntax: ImportSyntax }[] {
  const out: { specifier: ts.StringLiteralLike; syntax: ImportSyntax }[] = [];
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      if (!(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly)) out.push({ specifier: node.moduleSpecifier, syntax: 'declaration' });
      continue;
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      out.push({ specifier: node.moduleReference.expression, syntax: 'require' });
      continue;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) out.push({ specifier: node.arguments[0], syntax: 'dynamic' });
      else if (ts.isIdentifier(callee) && callee.text === 'require') out.push({ specifier: node.arguments[0], syntax: 'require' });
    }
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}

/** The nearest package.json at or above the project's folder that declares dependencies. */
function findManifest(rootDir: string): string | undefined {
  for (let dir = rootDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (ts.sys.fileExists(file) && declaredDependencies(file).size > 0) return file;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function declaredDependencies(file: string): Set<string> {
  try {
    const manifest = JSON.parse(ts.sys.readFile(file) ?? '{}') as Record<string, unknown>;
    const names = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((key) => Object.keys((manifest[key] as object | undefined) ?? {}));
    return new Set(names);
  } catch {
    return new Set();
  }
}

/** Packages whose declarations the policy models: messaging SDKs, HTTP clients, bank SDKs, source calls, schema libraries. */
export function modelledPackages(policy: Policy): Set<string> {
  const modules = [
    ...policy.sinks.flatMap((s) => asList(s.module)),
    ...policy.carriers.flatMap((c) => asList(c.module)),
    ...policy.sources.sdkTypes.flatMap((s) => asList(s.module)),
    ...policy.sources.calls.flatMap((c) => asList(c.module)),
    ...policy.sources.schemaLibraries,
  ];
  return new Set(modules.map((m) => packageName(m)).filter((m): m is string => m !== undefined));
}

/**
 * Modelled packages whose calls finleak can only see through their type
 * declarations: every modelled package but those with a model for their
 * untyped form (`untyped: true` sinks, matched by import and member name).
 */
export function typedModelledPackages(policy: Policy): Set<string> {
  const byName = new Set(policy.sinks.filter((s) => s.untyped).flatMap((s) => asList(s.module)).map((m) => packageName(m)));
  return new Set([...modelledPackages(policy)].filter((name) => !byName.has(name)));
}
