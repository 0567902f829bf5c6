import { ts } from '@ts-morph/common';
import type { Policy } from '../policy/types.js';
import type { Diagnostic, Finding, PossibleSend } from './finding.js';
import type { Dependencies } from './flow.js';
import { calleeName } from './declarations.js';
import { storingMembers } from './library-models.js';
import { ProjectCode } from './project-code.js';
import { ProjectIndex } from './project-index.js';

/** Syntactic facts of one source file: they hold as long as the file's text (and the policy) does. */
export interface FileFacts {
  calls: (ts.CallExpression | ts.NewExpression)[];
  /** The file's entries of the project-wide tables the flow analysis looks names up in. */
  index: ProjectIndex;
  /**
   * Every name under which the file has an entry in one of those tables (the
   * index's, and calls by callee name): a lookup of any other name gets the
   * same entries whatever the file says.
   */
  names: Set<string>;
}

/** What analysing one candidate send call produced. */
export interface CallOutcome {
  /** The call matched a modelled send API. */
  send: boolean;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The call only looks like a send (see `PossibleSend`). */
  possible?: PossibleSend;
  /** Library calls without a model that the analysis of this call assumed data through (with a cache only). */
  unmodelled?: UnmodelledSiteData[];
}

/** An `UnmodelledSite` as plain data, kept with a cached outcome. */
export interface UnmodelledSiteData {
  package: string;
  callee: string;
  /** `file:line:column`, relative to the project folder. */
  location: string;
  carried: boolean;
}

interface CachedCall {
  outcome: CallOutcome;
  dependencies: Dependencies;
  /** Flows were followed (the call's file was reported on); otherwise only `send` is known. */
  reported: boolean;
}

export interface IncrementalStats {
  /** Why everything was analysed afresh, if it was: "first run", "policy or compiler options changed", ... */
  fullReason?: string;
  changedFiles: number;
  /** Changed files and the project files that import them, directly or not. */
  affectedFiles: number;
  scannedFiles: number;
  reusedCalls: number;
  analysedCalls: number;
}

/**
 * Keeps what the analysis learned about a program so the next, edited program
 * (an editor session, ESLint re-linting after a fix) is not analysed from scratch.
 *
 * TypeScript reuses the `SourceFile` object of every file whose text did not
 * change when it builds the next program (language service, or a compiler host
 * that caches source files), so facts are keyed by `SourceFile` identity:
 * - per file: the calls in it and its entries of the project-wide tables (rescanned only for changed files);
 * - per candidate send call: its outcome, with the files the flow queries
 *   visited and the names they looked up in project-wide tables. The outcome is reused when its file is unchanged and
 *   no visited file is *affected* by the edit (changed, or importing a changed
 *   file directly or transitively, since types flow along imports), and no
 *   changed file has (or had) an entry under one of the names looked up.
 * Anything the file-level view cannot bound (added or removed files, a changed
 * declaration file or global script, other compiler options or policy) clears
 * the cache.
 */
export class AnalysisCache {
  private facts = new WeakMap<ts.SourceFile, FileFacts>();
  /** Members whose calls store into their receiver or argument (from the policy's models): what a file's index holds. */
  private storing: ReadonlySet<string> = new Set();
  private readonly imports = new WeakMap<ts.SourceFile, readonly string[]>();
  private calls = new Map<ts.SourceFile, Map<ts.Node, CachedCall>>();
  private previous: { files: Map<string, ts.SourceFile>; key: string } | undefined;
  /** Statistics of the latest run, for benchmarks and tests. */
  lastStats: IncrementalStats | undefined;

  /** Starts a run on `program`: works out what the edit since the previous program invalidated. */
  begin(program: ts.Program, policy: Policy, rootDir: string): CacheSession {
    const files = new Map(program.getSourceFiles().map((sf) => [sf.fileName, sf]));
    const key = JSON.stringify({ policy, rootDir, options: program.getCompilerOptions() }, (k, v: unknown) => (k === 'configFile' ? undefined : v));
    const stats: IncrementalStats = { changedFiles: 0, affectedFiles: 0, scannedFiles: 0, reusedCalls: 0, analysedCalls: 0 };
    const previous = this.previous;
    this.previous = { files, key };
    this.lastStats = stats;
    if (previous?.key !== key) {
      this.facts = new WeakMap();
      this.storing = storingMembers(policy.propagators);
    }

    const full = (reason: string): CacheSession => {
      stats.fullReason = reason;
      this.calls = new Map();
      return new CacheSession(this, stats, this.facts, this.calls);
    };
    if (!previous) return full('first run');
    if (previous.key !== key) return full('policy or compiler options changed');
    if (previous.files.size !== files.size || [...files.keys()].some((f) => !previous.files.has(f))) return full('files added or removed');

    const projectCode = ProjectCode.of(program);
    const changed: ts.SourceFile[] = [];
    const replaced: ts.SourceFile[] = [];
    for (const [fileName, sourceFile] of files) {
      const old = previous.files.get(fileName)!;
      if (old === sourceFile) continue;
      if (!projectCode.has(sourceFile) || !ts.isExternalModule(sourceFile) || hasGlobalAugmentation(sourceFile)) {
        return full(`${fileName} changed and may affect any file`);
      }
      changed.push(sourceFile);
      replaced.push(old);
    }
    stats.changedFiles = changed.length;
    if (changed.length === 0) return new CacheSession(this, stats, this.facts, this.calls);

    // Files whose types may have changed: the changed ones and everything that imports them.
    const checker = program.getTypeChecker();
    const importers = new Map<string, string[]>();
    const addEdges = (from: string, targets: readonly string[]): void => {
      for (const target of targets) {
        const list = importers.get(target);
        if (list) list.push(from);
        else importers.set(target, [from]);
      }
    };
    for (const sourceFile of files.values()) {
      if (!projectCode.has(sourceFile)) continue;
      addEdges(sourceFile.fileName, this.importsOf(sourceFile, checker));
    }
    for (const old of replaced) addEdges(old.fileName, this.imports.get(old) ?? []);
    const affected = new Set(changed.map((sf) => sf.fileName));
    const queue = [...affected];
    while (queue.length > 0) {
      for (const importer of importers.get(queue.pop()!) ?? []) {
        if (!affected.has(importer)) {
          affected.add(importer);
          queue.push(importer);
        }
      }
    }
    stats.affectedFiles = affected.size;

    const changedNames = new Set<string>();
    for (const sourceFile of [...changed, ...replaced]) for (const name of this.factsOf(sourceFile).names) changedNames.add(name);

    const kept = new Map<ts.SourceFile, Map<ts.Node, CachedCall>>();
    for (const [sourceFile, entries] of this.calls) {
      if (files.get(sourceFile.fileName) !== sourceFile) continue;
      const valid = new Map<ts.Node, CachedCall>();
      for (const [call, entry] of entries) {
        const stale = [...entry.dependencies.files].some((f) => affected.has(f)) || [...entry.dependencies.names].some((n) => changedNames.has(n));
        if (!stale) valid.set(call, entry);
      }
      kept.set(sourceFile, valid);
    }
    this.calls = kept;
    return new CacheSession(this, stats, this.facts, this.calls);
  }

  /** @internal */
  factsOf(sourceFile: ts.SourceFile, stats?: IncrementalStats): FileFacts {
    let facts = this.facts.get(sourceFile);
    if (!facts) {
      const index = new ProjectIndex(this.storing);
      const { calls } = scanFile(sourceFile, index);
      const names = index.names();
      for (const call of calls) {
        const name = ts.isCallExpression(call) ? calleeName(call) : undefined;
        if (name !== undefined) names.add(name);
      }
      facts = { calls, index, names };
      this.facts.set(sourceFile, facts);
      if (stats) stats.scannedFiles++;
    }
    return facts;
  }

  /** Project files a file imports or re-exports (module specifiers the checker resolves to a source file). */
  private importsOf(sourceFile: ts.SourceFile, checker: ts.TypeChecker): readonly string[] {
    let found = this.imports.get(sourceFile);
    if (found) return found;
    const targets = new Set<string>();
    for (const specifier of moduleSpecifiers(sourceFile)) {
      const symbol = checker.getSymbolAtLocation(specifier);
      for (const declaration of symbol?.declarations ?? []) targets.add(declaration.getSourceFile().fileName);
    }
    found = [...targets];
    this.imports.set(sourceFile, found);
    return found;
  }
}

/** One analysis run using an `AnalysisCache`. */
export class CacheSession {
  constructor(
    private readonly cache: AnalysisCache,
    readonly stats: IncrementalStats,
    private readonly facts: WeakMap<ts.SourceFile, FileFacts>,
    private readonly calls: Map<ts.SourceFile, Map<ts.Node, CachedCall>>,
  ) {}

  factsOf(sourceFile: ts.SourceFile): FileFacts {
    return this.facts.get(sourceFile) ?? this.cache.factsOf(sourceFile, this.stats);
  }

  /** The project-wide index of these files, merged from each file's (only an edited file is walked again). */
  projectIndex(files: readonly ts.SourceFile[], storing: ReadonlySet<string>): ProjectIndex {
    return ProjectIndex.merge(files.map((sf) => this.factsOf(sf).index), storing);
  }

  /** The cached outcome of a call, if still valid (and complete enough for `reported`). */
  reuse(call: ts.CallExpression | ts.NewExpression, reported: boolean): CallOutcome | undefined {
    const entry = this.calls.get(call.getSourceFile())?.get(call);
    if (!entry || (reported && !entry.reported)) return undefined;
    this.stats.reusedCalls++;
    return entry.outcome;
  }

  store(call: ts.CallExpression | ts.NewExpression, reported: boolean, recorded: { value: CallOutcome; dependencies: Dependencies }): CallOutcome {
    const sourceFile = call.getSourceFile();
    recorded.dependencies.files.add(sourceFile.fileName);
    let entries = this.calls.get(sourceFile);
    if (!entries) this.calls.set(sourceFile, (entries = new Map()));
    entries.set(call, { outcome: recorded.value, dependencies: recorded.dependencies, reported });
    this.stats.analysedCalls++;
    return recorded.value;
  }
}

/** One walk over a file: collects its calls, and adds its entries to `index`. */
export function scanFile(sourceFile: ts.SourceFile, index: ProjectIndex): { calls: (ts.CallExpression | ts.NewExpression)[] } {
  const calls: (ts.CallExpression | ts.NewExpression)[] = [];
  // Iterative walk: deeply nested generated code must not overflow the stack.
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) calls.push(node);
    index.add(node);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return { calls };
}

function moduleSpecifiers(sourceFile: ts.SourceFile): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) found.push(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) found.push(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) found.push(node.arguments[0]);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) found.push(node.name);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function hasGlobalAugmentation(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some((s) => ts.isModuleDeclaration(s) && (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0);
}
