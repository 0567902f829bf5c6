import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ts } from '@ts-morph/common';
import { repositoryRoot } from './repository-root.js';
import { relativePath } from '../relative-path.js';

/**
 * Which files of a program are the project's own code, the code finleak
 * analyses: the one place that decides it.
 *
 * A file is project code when it is not a declaration file and its real path
 * lies outside every node_modules folder, and either inside the repository
 * or reached the way the project reaches its own files (listed in the
 * tsconfig, imported by a relative path or through `paths`). How TypeScript
 * resolved it does not matter: a workspace package that node_modules links
 * to (`node_modules/@acme/db -> ../../packages/db`), whose `exports` point at
 * `src/*.ts`, is project code although TypeScript counts it as an external
 * library. A package installed into node_modules, or linked from outside the
 * repository, is a dependency.
 */
export class ProjectCode {
  private static readonly byProgram = new WeakMap<ts.Program, ProjectCode>();

  /** The decision for a program, made once; the repository is found from the program's tsconfig. */
  static of(program: ts.Program): ProjectCode {
    let known = ProjectCode.byProgram.get(program);
    if (!known) ProjectCode.byProgram.set(program, (known = new ProjectCode(program)));
    return known;
  }

  /** The repository root (real path): see repository-root.ts. */
  readonly root: string;
  private readonly own = new Map<ts.SourceFile, boolean>();
  private ownFiles: readonly ts.SourceFile[] | undefined;
  private readonly preserveSymlinks: boolean;

  private constructor(private readonly program: ts.Program) {
    const configFile = program.getCompilerOptions().configFilePath;
    const folder = typeof configFile === 'string' ? path.dirname(configFile) : program.getCurrentDirectory();
    this.root = realPath(repositoryRoot(folder));
    this.preserveSymlinks = program.getCompilerOptions().preserveSymlinks === true;
  }

  /** Whether finleak analyses this file as the project's code. */
  has(sourceFile: ts.SourceFile): boolean {
    let known = this.own.get(sourceFile);
    if (known === undefined) {
      known = !sourceFile.isDeclarationFile && this.decide(sourceFile);
      this.own.set(sourceFile, known);
    }
    return known;
  }

  /** Whether this node is in the project's code. */
  hasNode(node: ts.Node): boolean {
    return this.has(node.getSourceFile());
  }

  /** The program's project code, in program order. */
  files(): readonly ts.SourceFile[] {
    this.ownFiles ??= this.program.getSourceFiles().filter((sf) => this.has(sf));
    return this.ownFiles;
  }

  /** Declared by an installed package (its real path is in a node_modules folder) or by TypeScript's lib. */
  isDependency(sourceFile: ts.SourceFile): boolean {
    return this.program.isSourceFileDefaultLibrary(sourceFile) || inNodeModules(this.located(sourceFile.fileName));
  }

  /** Inside the repository and outside its node_modules folders (by real path): where workspace packages live. */
  isInRepository(fileName: string): boolean {
    const relative = this.located(fileName);
    return isInside(relative) && !inNodeModules(relative);
  }

  private decide(sourceFile: ts.SourceFile): boolean {
    const relative = this.located(sourceFile.fileName);
    if (inNodeModules(relative)) return false;
    return isInside(relative) || !this.program.isSourceFileFromExternalLibrary(sourceFile);
  }

  /**
   * The file's real path relative to the repository (absolute outside it). TypeScript already names
   * a file it found in node_modules by its real path (unless `preserveSymlinks`): those need no lookup.
   */
  private located(fileName: string): string {
    const real = !this.preserveSymlinks && fileName.includes('/node_modules/') ? fileName : realPath(fileName);
    return relativePath(this.root, real);
  }
}

const isInside = (relative: string): boolean => !path.isAbsolute(relative) && relative !== '..' && !relative.startsWith('../');

/** A path (relative to the repository, or absolute outside it) with a node_modules folder in it. */
function inNodeModules(file: string): boolean {
  return file === 'node_modules' || file.startsWith('node_modules/') || file.includes('/node_modules/');
}

function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file; // in-memory files (TypeScript's lib) and files removed since they were read
  }
}
