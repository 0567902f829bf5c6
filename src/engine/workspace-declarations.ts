import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import type { Diagnostic } from './finding.js';
import { locationOf } from './locations.js';
import { ProjectCode } from './project-code.js';
import { relativePath } from '../relative-path.js';

/**
 * A coverage gap: a package of the repository (a workspace package) that the
 * program sees only through its built declarations (`dist/index.d.ts` next to
 * `dist/index.js`), so its code is not analysed and flows through it are lost.
 * A hand-written declaration file (no compiled JavaScript beside it, no
 * declaration map) is a type, not a gap.
 *
 * One error per package, at the first import of it in the project's code,
 * saying how to point finleak at the sources. `ignored` (relative to
 * `rootDir`) accepts a gap: a package whose built files match it is not reported.
 */
export function builtDeclarationGaps(program: ts.Program, checker: ts.TypeChecker, rootDir: string, ignored: (relativePath: string) => boolean): Diagnostic[] {
  const projectCode = ProjectCode.of(program);
  const relative = (file: string): string => relativePath(rootDir, file);
  const configFile = program.getCompilerOptions().configFilePath;
  const projectDir = typeof configFile === 'string' ? path.dirname(configFile) : program.getCurrentDirectory();
  const ownPackage = packageFolder(projectDir);
  const built = new Map<ts.SourceFile, BuiltFile>();
  for (const sourceFile of program.getSourceFiles()) {
    if (!sourceFile.isDeclarationFile || program.isSourceFileDefaultLibrary(sourceFile) || !projectCode.isInRepository(sourceFile.fileName)) continue;
    const file = builtFile(sourceFile.fileName);
    if (file && file.packageDir !== ownPackage && !ignored(relative(sourceFile.fileName))) built.set(sourceFile, file);
  }
  if (built.size === 0) return [];

  const gaps = new Map<string, Gap>();
  const record = (file: BuiltFile, specifier?: ts.StringLiteralLike): void => {
    const gap = gaps.get(file.packageDir) ?? { file, files: new Set<string>() };
    gap.files.add(file.fileName);
    if (specifier && !gap.specifier) gap.specifier = specifier;
    gaps.set(file.packageDir, gap);
  };
  for (const sourceFile of projectCode.files()) {
    for (const specifier of moduleSpecifiers(sourceFile)) {
      const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      const file = target && ts.isSourceFile(target) ? built.get(target) : undefined;
      if (file) record(file, specifier);
    }
  }
  for (const file of built.values()) record(file);

  const pathsBase = program.getCompilerOptions().pathsBasePath;
  const base = typeof pathsBase === 'string' ? pathsBase : projectDir;
  return [...gaps.values()].map((gap) => diagnostic(gap, relative, base));
}

interface BuiltFile {
  fileName: string;
  packageDir: string;
  packageName: string;
  /** The source it was built from, when its declaration map or the usual layout says. */
  source?: string;
}

interface Gap {
  file: BuiltFile;
  files: Set<string>;
  specifier?: ts.StringLiteralLike;
}

function diagnostic(gap: Gap, relative: (file: string) => string, pathsBase: string): Diagnostic {
  const { file } = gap;
  const more = gap.files.size > 1 ? ` and ${gap.files.size - 1} more` : '';
  const imported = gap.specifier?.text ?? file.packageName;
  const sourceHint = file.source ? `"${imported}": ["${relativePath(pathsBase, file.source)}"]` : `"${imported}": ["<its src/index.ts>"]`;
  const tsconfig = existsSync(path.join(file.packageDir, 'tsconfig.json')) ? ` or add its tsconfig (${relative(path.join(file.packageDir, 'tsconfig.json'))}) to this project's \`references\`,` : '';
  return {
    severity: 'error',
    code: 'built-declarations',
    message:
      `workspace package \`${file.packageName}\` is seen through its built declarations (${relative(file.fileName)}${more}), not its sources: ` +
      `its code is not analysed, so financial data passing through it and its send calls are missed. ` +
      `Point finleak at the sources: map it in this project's tsconfig \`paths\` (${sourceHint}),${tsconfig} ` +
      `or let its package.json \`exports\` point at its .ts sources; to accept the gap, add ${relative(file.packageDir)}/ to \`ignore\` in the finleak config`,
    location: gap.specifier ? locationOf(gap.specifier) : { file: file.fileName, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
}

/** A declaration file emitted by a build: compiled JavaScript or a declaration map beside it. */
function builtFile(fileName: string): BuiltFile | undefined {
  const stem = fileName.replace(/\.d\.([cm]?)ts$/, '');
  if (stem === fileName) return undefined;
  const map = `${fileName}.map`;
  const hasMap = existsSync(map);
  if (!hasMap && !['.js', '.mjs', '.cjs'].some((ext) => existsSync(stem + ext))) return undefined;
  const packageDir = packageFolder(path.dirname(fileName));
  if (!packageDir) return undefined;
  const source = (hasMap ? mappedSource(map) : undefined) ?? conventionalSource(stem);
  return { fileName, packageDir, packageName: packageName(packageDir), ...(source ? { source } : {}) };
}

function mappedSource(map: string): string | undefined {
  try {
    const data = JSON.parse(readFileSync(map, 'utf8')) as { sources?: unknown; sourceRoot?: unknown };
    const first = Array.isArray(data.sources) && typeof data.sources[0] === 'string' ? data.sources[0] : undefined;
    if (!first) return undefined;
    const root = typeof data.sourceRoot === 'string' ? data.sourceRoot : '';
    const source = path.resolve(path.dirname(map), root, first);
    return existsSync(source) ? source : undefined;
  } catch {
    return undefined;
  }
}

/** `dist/x` (or lib/, build/, out/) built from `src/x.ts(x)`. */
function conventionalSource(stem: string): string | undefined {
  const candidate = stem.replace(/\/(dist|lib|build|out)\//, '/src/');
  if (candidate === stem) return undefined;
  return ['.ts', '.tsx', '.mts', '.cts'].map((ext) => candidate + ext).find((file) => existsSync(file));
}

function packageFolder(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function packageName(dir: string): string {
  try {
    const name = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  } catch {
    // unreadable manifest: the folder names the package
  }
  return path.basename(dir);
}

/** Module names the file imports or re-exports from. */
function moduleSpecifiers(sourceFile: ts.SourceFile): ts.StringLiteralLike[] {
  const out: ts.StringLiteralLike[] = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      out.push(statement.moduleSpecifier);
    }
  }
  return out;
}

