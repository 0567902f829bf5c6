import { statSync } from 'node:fs';
import path from 'node:path';
import { getLibFiles, libFolderInMemoryPath, ts } from '@ts-morph/common';
import { DeclarationPruning } from './declaration-pruning.js';
import { ProjectError } from './project-error.js';

export { ProjectError };


export interface LoadedProject {
  program: ts.Program;
  /** Folder of the tsconfig: paths in reports and config globs are relative to it. */
  rootDir: string;
  configFile: string;
  /** Files the TypeScript parser could not read (nesting deeper than its recursion allows); analysed as empty. */
  unparsable: UnparsableFile[];
  /** With `loadAll: false`: the dependencies' declaration files the analysis cannot reach, which were not loaded (see declaration-pruning.ts). */
  unloaded?: string[];
}

export interface LoadOptions {
  /**
   * Load every declaration file the program's imports name, as `tsc` does.
   * Default: true. With false, a dependency's declaration files that no part
   * of the analysis reaches are not loaded, and the analysis throws
   * `DeclarationNeeded` should it reach one after all: analyse again with `loadAll`.
   */
  loadAll?: boolean;
}

export interface UnparsableFile {
  file: string;
  reason: string;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** A tsconfig, read and checked: its files, options and project references. */
export interface ParsedProject {
  configFile: string;
  parsed: ts.ParsedCommandLine;
}

/**
 * Builds the TypeScript program of a tsconfig with the compiler that ts-morph
 * bundles. Only the program and binder are created here: the checker answers
 * type questions lazily, for the nodes the analysis asks about.
 */
export function loadProject(tsconfigPath: string): LoadedProject {
  return loadProgram([readProject(tsconfigPath)]);
}

/**
 * Reads a tsconfig (and what it extends); a missing file, bad JSON or a
 * fatal option error is a ProjectError naming the file. With `allowEmpty`,
 * a tsconfig without input files of its own (a solution-style root that only
 * lists `references`) is accepted.
 */
export function readProject(tsconfigPath: string, options: { allowEmpty?: boolean } = {}): ParsedProject {
  const configFile = path.resolve(tsconfigPath);
  if (!ts.sys.fileExists(configFile)) {
    throw new ProjectError(`${configFile}: tsconfig not found. Pass the project's tsconfig.json with --project <file>.`, configFile);
  }
  const syntax = ts.parseConfigFileTextToJson(configFile, ts.sys.readFile(configFile) ?? '').error;
  if (syntax) {
    const at = syntax.file && syntax.start !== undefined ? syntax.file.getLineAndCharacterOfPosition(syntax.start) : undefined;
    const where = at ? `line ${at.line + 1}, column ${at.character + 1}: ` : '';
    throw new ProjectError(`${configFile}: not valid JSON: ${where}${ts.flattenDiagnosticMessageText(syntax.messageText, ' ')}`, configFile);
  }
  let configError: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => (configError = d) },
  );
  if (!parsed || configError) {
    const reason = configError ? ts.flattenDiagnosticMessageText(configError.messageText, ' ') : 'could not be read';
    throw new ProjectError(`${configFile}: ${reason}`, configFile);
  }
  const fatal = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (fatal.length > 0) {
    throw new ProjectError(`${configFile}: ${ts.formatDiagnostics(fatal, formatHost).trim()}`, configFile);
  }
  if (parsed.fileNames.length === 0 && !options.allowEmpty) {
    throw new ProjectError(`${configFile}: no input files; check "include", "files" and "exclude" in the tsconfig.`, configFile);
  }
  return { configFile, parsed };
}

/**
 * One program for several projects whose options agree (see `programKey`):
 * the union of their files, so what they share is parsed, bound and analysed
 * once. The first project's options apply. Files of a project reference are
 * read from their sources, as an editor does, not from built declarations.
 */
export function loadProgram(projects: readonly ParsedProject[], options: LoadOptions = {}): LoadedProject {
  const first = projects[0];
  if (!first) throw new Error('loadProgram needs at least one project');
  const rootNames = [...new Set(projects.flatMap((p) => p.parsed.fileNames))];
  const references = new Map<string, ts.ProjectReference>();
  for (const project of projects) for (const reference of project.parsed.projectReferences ?? []) references.set(path.resolve(reference.path), reference);
  const unparsable: UnparsableFile[] = [];
  const host = createHost(first.parsed.options, (file, error) => unparsable.push({ file, reason: error.message }));
  const pruning = options.loadAll === false ? new DeclarationPruning(rootNames.map((f) => ts.sys.readFile(f) ?? '')) : undefined;
  pruning?.install(host, first.parsed.options);
  const build = (oldProgram?: ts.Program): ts.Program =>
    ts.createProgram({
      rootNames,
      options: first.parsed.options,
      // None is not an empty list: with a list, TypeScript watches every folder lookup for links into referenced projects.
      ...(references.size > 0 ? { projectReferences: [...references.values()] } : {}),
      host,
      ...(oldProgram ? { oldProgram } : {}),
    });
  let program = build();
  if (pruning) {
    // Each build follows the imports the previous one showed are needed (it parses only those files).
    for (let builds = 1; !pruning.settle(program); builds++) {
      if (builds === MAX_BUILDS) return loadProgram(projects, { loadAll: true });
      program = build(program);
    }
    pruning.arm(program);
  }
  return { program, rootDir: path.dirname(first.configFile), configFile: first.configFile, unparsable, ...(pruning ? { unloaded: pruning.unloaded(program) } : {}) };
}

/** Builds of a program whose unloaded declaration files keep turning out needed, before every file is loaded. */
const MAX_BUILDS = 4;

/** Options that name where a project's files and outputs are: they do not change how its code is resolved or typed. */
const OUTPUT_OPTIONS = new Set(['configFilePath', 'rootDir', 'outDir', 'outFile', 'declarationDir', 'tsBuildInfoFile', 'project', 'composite', 'incremental', 'declaration', 'declarationMap', 'emitDeclarationOnly', 'sourceMap', 'inlineSourceMap', 'noEmit']);

/**
 * Projects with the same key can share one program: every option that
 * changes how a file is resolved, parsed, bound or typed is the same (`paths`
 * with the folder they are relative to), only their own files and outputs differ.
 */
export function programKey(options: ts.CompilerOptions): string {
  const relevant = Object.entries(options).filter(([name]) => !OUTPUT_OPTIONS.has(name) && name !== 'pathsBasePath' && name !== 'configFile');
  if (options.paths) relevant.push(['pathsBasePath', options.pathsBasePath]);
  return JSON.stringify(relevant.sort(([a], [b]) => a.localeCompare(b)));
}

let libTexts: Map<string, string> | undefined;

/**
 * A compiler host that reads the project from disk and TypeScript's lib
 * files (lib.es2022.d.ts, ...) from the copies bundled with ts-morph, so the
 * analysis uses one consistent TypeScript whatever the project installed.
 *
 * JSDoc is parsed the way `tsc` parses it, which matters on SDK typings that
 * are mostly comments: in .ts/.d.ts files only where it can matter for types
 * (`@see`/`@link`); in JavaScript files in full.
 */
export function createHost(options: ts.CompilerOptions, onUnparsable?: (file: string, error: RangeError) => void): ts.CompilerHost {
  libTexts ??= new Map(getLibFiles().map((f) => [path.posix.join(libFolderInMemoryPath, f.fileName), f.text]));
  const libs = libTexts;
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  // Files of referenced projects come from their sources, not their built .d.ts (as in an editor).
  (host as ts.CompilerHost & { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  host.getDefaultLibLocation = () => libFolderInMemoryPath;
  host.getDefaultLibFileName = (o) => path.posix.join(libFolderInMemoryPath, ts.getDefaultLibFileName(o));
  host.fileExists = (f) => libs.has(f) || fileExists.call(host, f);
  host.readFile = (f) => libs.get(f) ?? readFile.call(host, f);
  host.directoryExists = (d) => d === libFolderInMemoryPath || (directoryExists?.call(host, d) ?? true);
  const settings = settingsKey(options);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    try {
      return sharedDeclarationFile(fileName, languageVersion, settings, libs.get(fileName)) ?? getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    } catch (error) {
      // The parser is recursive: generated code nested thousands of levels deep overflows the stack.
      // That file is analysed as empty (and reported) so the rest of the project still is.
      if (!(error instanceof RangeError) || !onUnparsable) throw error;
      onUnparsable(fileName, error);
      return ts.createSourceFile(fileName, '', languageVersion, true);
    }
  };
  return host;
}

interface SharedFile {
  sourceFile: ts.SourceFile;
  stamp: string;
  settings: string;
}

/**
 * Lib files and files under node_modules, parsed once per process and shared
 * by every program built with the same settings: a process that loads several
 * projects (the ESLint plugin in an editor, a test run) parses and binds
 * `@types/node` and the SDK typings once, as TypeScript's language service
 * does. A file changed on disk since (an `npm install` in a long-lived
 * process) is parsed again.
 */
const sharedFiles = new Map<string, SharedFile>();

function sharedDeclarationFile(
  fileName: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
  settings: string,
  libText: string | undefined,
): ts.SourceFile | undefined {
  if (libText === undefined && !fileName.includes('/node_modules/')) return undefined;
  const format = typeof languageVersion === 'object' ? `${languageVersion.languageVersion}:${languageVersion.impliedNodeFormat}` : `${languageVersion}`;
  const key = `${settings}\0${format}\0${fileName}`;
  let stamp = 'lib';
  if (libText === undefined) {
    const stat = statSync(fileName, { throwIfNoEntry: false });
    if (!stat) return undefined;
    stamp = `${stat.mtimeMs}:${stat.size}`;
  }
  const cached = sharedFiles.get(key);
  if (cached?.stamp === stamp) return cached.sourceFile;
  const text = libText ?? ts.sys.readFile(fileName);
  if (text === undefined) return undefined;
  const sourceFile = ts.createSourceFile(fileName, text, languageVersion);
  sharedFiles.set(key, { sourceFile, stamp, settings });
  return sourceFile;
}

/**
 * Programs share a parsed file when the options that affect parsing and
 * binding agree: the list TypeScript's language service keys its shared
 * documents by (target, module, jsx, alwaysStrict, ...). Projects of one
 * repository that differ in `types`, `lib`, `paths` or strictness still share
 * `@types/node` and the SDK typings. Should a TypeScript build not expose that
 * list, every option but the project's own folders counts.
 */
function settingsKey(options: ts.CompilerOptions): string {
  const internals = ts as unknown as {
    sourceFileAffectingCompilerOptions?: readonly { name: string }[];
    getCompilerOptionValue?: (options: ts.CompilerOptions, option: { name: string }) => unknown;
  };
  const affecting = internals.sourceFileAffectingCompilerOptions;
  const value = internals.getCompilerOptionValue;
  if (affecting && value) return JSON.stringify(affecting.map((option) => [option.name, value(options, option)]));
  return JSON.stringify(Object.entries(options).filter(([name]) => !PROJECT_PATHS.has(name)).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Forgets the shared files that no program of `upcoming` could use: a run
 * over the projects of a monorepo keeps only what the programs still to be
 * built share, not every program's declarations at once.
 */
export function releaseSharedFiles(upcoming: readonly ParsedProject[]): void {
  const needed = new Set(upcoming.map((p) => settingsKey(p.parsed.options)));
  for (const [key, file] of sharedFiles) if (!needed.has(file.settings)) sharedFiles.delete(key);
}

/** Options that name the project's own folders: they do not change how a file is parsed or bound. */
const PROJECT_PATHS = new Set(['configFilePath', 'pathsBasePath', 'baseUrl', 'rootDir', 'rootDirs', 'outDir', 'outFile', 'declarationDir', 'tsBuildInfoFile', 'typeRoots', 'paths', 'project']);
