import { statSync } from 'node:fs';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import { createHost, ProjectError } from '../engine/project.js';

/** How often, at most, a long-lived process looks at the disk for files edited outside ESLint. */
const DISK_CHECK_INTERVAL_MS = 500;

interface CachedFile {
  sourceFile: ts.SourceFile;
  /** Modification time when read from disk; undefined for text ESLint handed us. */
  mtimeMs?: number;
}

/**
 * A program finleak builds itself with the engine's TypeScript, for when the
 * parser has no program it can share (no type information configured, or a
 * TypeScript of another major.minor). Rebuilt incrementally: the compiler
 * host hands back the same `SourceFile` for every file whose text did not
 * change, so TypeScript reuses it and the analysis cache recognises it.
 */
export class OwnProgram {
  private static readonly projects = new Map<string, OwnProgram>();
  private readonly files = new Map<string, CachedFile>();
  private readonly overrides = new Map<string, string>();
  private program: ts.Program | undefined;
  private lastDiskCheck = 0;

  private constructor(
    readonly rootNames: readonly string[],
    readonly options: ts.CompilerOptions,
    /** The tsconfig, if any: report paths and the config search start at its folder. */
    readonly configFile: string | undefined,
  ) {}

  /** The project a linted file belongs to: its tsconfig's (explicit or the nearest one above it), or a program of its own. */
  static forFile(fileName: string, explicitProject?: string): OwnProgram {
    const configFile = explicitProject ? path.resolve(explicitProject) : findTsconfig(path.dirname(fileName));
    const parsed = configFile ? parseTsconfig(configFile) : undefined;
    const inProject = parsed?.fileNames.some((f) => path.resolve(f) === fileName) ?? false;
    const key = inProject ? `project:${configFile}` : `file:${fileName}`;
    let project = OwnProgram.projects.get(key);
    if (!project) {
      const options = parsed?.options ?? { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true };
      project = new OwnProgram(inProject ? parsed!.fileNames : [fileName], { ...options, noEmit: true }, inProject ? configFile : undefined);
      OwnProgram.projects.set(key, project);
    }
    return project;
  }

  /** The program with `text` as the content of `fileName` (the editor's unsaved buffer) and every other file as on disk. */
  programFor(fileName: string, text: string): ts.Program {
    let stale = this.program === undefined;
    if (this.files.get(fileName)?.sourceFile.text !== text) {
      this.overrides.set(fileName, text);
      stale = true;
    }
    const now = performance.now();
    if (!stale && now - this.lastDiskCheck > DISK_CHECK_INTERVAL_MS) {
      this.lastDiskCheck = now;
      stale = [...this.files].some(([name, cached]) => cached.mtimeMs !== undefined && modified(name, cached.mtimeMs));
    }
    if (stale) this.program = this.build();
    return this.program!;
  }

  private build(): ts.Program {
    const host = createHost(this.options);
    const original = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const cached = this.files.get(fileName);
      const override = this.overrides.get(fileName);
      if (override !== undefined) {
        if (cached?.sourceFile.text === override) return cached.sourceFile;
        const sourceFile = ts.createSourceFile(fileName, override, languageVersion, true);
        this.files.set(fileName, { sourceFile });
        return sourceFile;
      }
      const mtimeMs = mtimeOf(fileName);
      if (cached && (mtimeMs === undefined || cached.mtimeMs === mtimeMs)) return cached.sourceFile;
      const sourceFile = original(fileName, languageVersion, onError, shouldCreate);
      if (!sourceFile) return undefined;
      if (cached && cached.sourceFile.text === sourceFile.text) {
        cached.mtimeMs = mtimeMs;
        return cached.sourceFile;
      }
      this.files.set(fileName, { sourceFile, ...(mtimeMs !== undefined ? { mtimeMs } : {}) });
      return sourceFile;
    };
    this.lastDiskCheck = performance.now();
    return ts.createProgram({ rootNames: this.rootNames, options: this.options, host, ...(this.program ? { oldProgram: this.program } : {}) });
  }
}

function modified(fileName: string, mtimeMs: number): boolean {
  return mtimeOf(fileName) !== mtimeMs;
}

function mtimeOf(fileName: string): number | undefined {
  try {
    return statSync(fileName).mtimeMs;
  } catch {
    return undefined; // in-memory lib files, or deleted
  }
}

function findTsconfig(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'tsconfig.json');
    if (ts.sys.fileExists(candidate)) return candidate;
    if (path.dirname(current) === current || path.basename(current) === 'node_modules') return undefined;
  }
}

function parseTsconfig(configFile: string): ts.ParsedCommandLine {
  let configError: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => (configError = d) });
  if (!parsed || configError) {
    const reason = configError ? ts.flattenDiagnosticMessageText(configError.messageText, ' ') : 'could not be read';
    throw new ProjectError(`${configFile}: ${reason}`, configFile);
  }
  return parsed;
}
