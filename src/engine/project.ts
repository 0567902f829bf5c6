import { statSync } from 'node:fs';
import path from 'node:path';
import { getLibFiles, libFolderInMemoryPath, ts } from '@ts-morph/common';
import { ProjectError } from './project-error.js';

export { ProjectError };


export interface LoadedProject {
  program: ts.Program;
  /** Folder of the tsconfig: paths in reports and config globs are relative to it. */
  rootDir: string;
  configFile: string;
  /** Files the TypeScript parser could not read (nesting deeper than its recursion allows); analysed as empty. */
  unparsable: UnparsableFile[];
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

/**
 * Builds the TypeScript program of a tsconfig with the compiler that ts-morph
 * bundles. Only the program and binder are created here: the checker answers
 * type questions lazily, for the nodes the analysis asks about.
 */
export function loadProject(tsconfigPath: string): LoadedProject {
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
  if (parsed.fileNames.length === 0) {
    throw new ProjectError(`${configFile}: no input files; check "include", "files" and "exclude" in the tsconfig.`, configFile);
  }
  const unparsable: UnparsableFile[] = [];
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    host: createHost(parsed.options, (file, error) => unparsable.push({ file, reason: error.message })),
  });
  return { program, rootDir: path.dirname(configFile), configFile, unparsable };
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
  sharedFiles.set(key, { sourceFile, stamp });
  return sourceFile;
}

/** Options that name the project's own folders: they do not change how a file is parsed or bound. */
const PROJECT_PATHS = new Set(['configFilePath', 'pathsBasePath', 'baseUrl', 'rootDir', 'rootDirs', 'outDir', 'outFile', 'declarationDir', 'tsBuildInfoFile', 'typeRoots', 'paths', 'project']);

/** Programs share a parsed file only when every other compiler option is the same. */
function settingsKey(options: ts.CompilerOptions): string {
  return JSON.stringify(Object.entries(options).filter(([name]) => !PROJECT_PATHS.has(name)).sort(([a], [b]) => a.localeCompare(b)));
}
