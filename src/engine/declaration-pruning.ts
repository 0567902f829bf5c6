import { ts } from '@ts-morph/common';

/**
 * Declaration files of dependencies that no part of the analysis reaches are
 * not loaded. An SDK's typings are mostly an API surface nobody calls:
 * twilio's client has a getter per REST domain, and the 740 files behind them
 * (8.5 MB, half of what the example bank bot loads) type calls the project
 * never makes. TypeScript loads every file an import names; here an import
 * inside a dependency's declaration file is followed only when what it
 * imports is used by a part of that file something can reach:
 *
 * - a member of a class, interface or type literal is reachable when the
 *   project's code spells its name somewhere (`client.messages` keeps
 *   `get messages(): MessageListInstance`, not `get accounts(): Accounts`);
 *   the rest of the file (signatures, heritage, type aliases) is;
 * - `export * from` is always followed, `export { a } from` when the project
 *   or a loaded declaration file spells `a`, and everything a namespace import,
 *   `export * as` or an `import("...")` type exposes (TypeScript resolves all of it);
 * - a file that declares globals, ambient modules, augmentations or a UMD
 *   global, or references other files, is followed whole, as is project code.
 *
 * An import that is not followed resolves to an empty stand-in module. That
 * is a prediction, checked twice. Once the program is built, the prediction
 * is redone with all it knows (names spelt in files loaded later, namespace
 * imports found later): an import now needed is followed and the program built
 * again (`settle`). While the analysis runs, every stand-in is a tripwire: the
 * type checker reaching into one (reading its module symbol once the checker
 * is set up, or merging an augmentation into it) throws `DeclarationNeeded`,
 * and the caller analyses again with every file loaded. So either the checker
 * never looked at a file that was not loaded, and every answer it gave is the
 * one the whole program gives, or the analysis is redone whole.
 */
export class DeclarationPruning {
  /** Words of the project's code: the member names it can reach. */
  private readonly projectWords: ReadonlySet<string>;
  /** Those, and the names the reached parts of loaded declaration files use or import. */
  private readonly names: Set<string>;
  /** Declaration files every export of which may be resolved (a namespace import of them is followed). */
  private readonly exposed = new Set<string>();
  private readonly demands = new WeakMap<ts.SourceFile, FileDemand | null>();
  /** Imports followed, and imports answered with a stand-in, by importing file, specifier and mode. */
  private readonly followed = new Map<string, Import>();
  private readonly stubbed = new Map<string, Import>();
  /** Files some followed import resolves to. */
  private readonly loaded = new Set<string>();
  /** Imports `settle` found needed: followed in the next build. */
  private readonly forced = new Set<string>();
  /** Files whose imports the next build must resolve again (canonical file names); the others keep their resolutions. */
  private readonly invalidated = new Set<string>();
  private readonly stubs = new Map<string, StandIn>();
  private armed = false;
  private cache: ts.ModuleResolutionCache | undefined;
  private canonical: (fileName: string) => string = (f) => f;

  constructor(projectTexts: Iterable<string>) {
    const words = new Set<string>(['constructor', 'default', 'then', 'prototype']);
    for (const text of projectTexts) for (const match of text.matchAll(/[A-Za-z_$][\w$]*/g)) words.add(match[0]);
    this.projectWords = words;
    this.names = new Set(words);
  }

  /** The declaration files `program` holds stand-ins for. */
  unloaded(program: ts.Program): string[] {
    return [...this.stubs.entries()].filter(([fileName]) => program.getSourceFile(fileName) !== undefined).map(([, stub]) => stub.target);
  }

  /**
   * Makes `host` answer imports inside dependencies' declaration files with
   * stand-ins where they are not needed, and hand out each file it parsed
   * once (a program built again after `settle` parses nothing twice).
   */
  install(host: ts.CompilerHost, options: ts.CompilerOptions): void {
    const cache = (this.cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (f) => (host.useCaseSensitiveFileNames() ? f : f.toLowerCase()), options));
    host.getModuleResolutionCache = () => cache;
    host.hasInvalidatedResolutions = (filePath) => this.invalidated.has(filePath);
    const canonical = (f: string): string => (host.useCaseSensitiveFileNames() ? f : f.toLowerCase());
    this.canonical = canonical;
    host.resolveModuleNameLiterals = (literals, containingFile, redirectedReference, compilerOptions, containingSourceFile) => {
      const demand = this.demandOf(containingSourceFile);
      const answers = literals.map((literal): Answer => {
        const mode = ts.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
        const resolved = ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, cache, redirectedReference, mode);
        const target = resolved.resolvedModule;
        if (!target || !isDependencyDeclaration(target)) return { resolved };
        return { resolved, key: `${containingFile}\0${literal.text}\0${mode ?? ''}`, edge: { demand, literal, target: target.resolvedFileName } };
      });
      // Decided together, one level ahead: the files this one imports are parsed before any of them is
      // followed further, so a barrel's re-exports are decided knowing what its siblings use.
      const pending = answers.filter((a): a is Answer & Required<Pick<Answer, 'key' | 'edge'>> => a.edge !== undefined);
      for (let changed = true; changed; ) {
        changed = false;
        for (const answer of pending) {
          if (answer.followed || !(this.forced.has(answer.key) || this.loaded.has(answer.edge.target) || this.needed(answer.edge))) continue;
          answer.followed = true;
          this.follow(answer.key, answer.edge);
          this.stubbed.delete(answer.key);
          const parsed = host.getSourceFile(answer.edge.target, this.parseOptions(answer.edge.target, host, compilerOptions));
          if (parsed) this.demandOf(parsed);
          changed = true;
        }
      }
      return answers.map((answer) => {
        if (!answer.edge || answer.followed) return answer.resolved;
        this.stubbed.set(answer.key!, answer.edge);
        const target = answer.resolved.resolvedModule!;
        return { resolvedModule: { resolvedFileName: this.standInFor(target.resolvedFileName), extension: target.extension, isExternalLibraryImport: true } };
      });
    };
    const getSourceFile = host.getSourceFile;
    const parsed = new Map<string, ts.SourceFile | undefined>();
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const stub = this.stubs.get(fileName);
      if (stub) return (stub.sourceFile ??= this.createStandIn(fileName, languageVersion));
      const key = `${fileName}\0${typeof languageVersion === 'object' ? `${languageVersion.languageVersion}:${languageVersion.impliedNodeFormat}` : languageVersion}`;
      if (!parsed.has(key)) parsed.set(key, getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate));
      return parsed.get(key);
    };
  }

  /** The options TypeScript parses a file with (what it passes to the host's `getSourceFile`), so that a file parsed ahead is the one it gets. */
  private parseOptions(fileName: string, host: ts.CompilerHost, options: ts.CompilerOptions): ts.CreateSourceFileOptions {
    const internal = ts as unknown as { getEmitScriptTarget(o: ts.CompilerOptions): ts.ScriptTarget; getSetExternalModuleIndicator(o: ts.CompilerOptions): (file: ts.SourceFile) => void };
    return {
      languageVersion: internal.getEmitScriptTarget(options),
      impliedNodeFormat: ts.getImpliedNodeFormatForFile(fileName, this.cache?.getPackageJsonInfoCache(), host, options),
      setExternalModuleIndicator: internal.getSetExternalModuleIndicator(options),
      ...(host.jsDocParsingMode !== undefined ? { jsDocParsingMode: host.jsDocParsingMode } : {}),
    };
  }

  /**
   * Redoes the prediction with everything `program` knows. False when an
   * import answered with a stand-in is needed after all: it is followed in
   * the next build of the program (built with this one as its old program:
   * only the files whose imports changed are resolved again).
   */
  settle(program: ts.Program): boolean {
    this.invalidated.clear();
    for (const sourceFile of program.getSourceFiles()) this.demandOf(sourceFile);
    let stable = true;
    for (let changed = true; changed; ) {
      changed = false;
      // A namespace import found late exposes what the files it reaches re-export.
      for (const { demand, literal, target } of this.followed.values()) {
        if (demand && this.exposed.has(demand.fileName) && ts.isExportDeclaration(literal.parent) && !literal.parent.exportClause && !this.exposed.has(target)) {
          this.exposed.add(target);
          changed = true;
        }
      }
      for (const [key, edge] of this.stubbed) {
        // A file loaded anyway is followed from every import of it: a stand-in would only be a needless tripwire.
        if (!this.loaded.has(edge.target) && !this.needed(edge)) continue;
        this.stubbed.delete(key);
        this.forced.add(key);
        this.invalidated.add(this.canonical(key.slice(0, key.indexOf('\0'))));
        this.follow(key, edge);
        stable = false;
        changed = true;
      }
    }
    return stable;
  }

  /** Turns the stand-ins of `program` into tripwires once its type checker is set up (see the class comment). */
  arm(program: ts.Program): void {
    const standIns = [...this.stubs.values()].filter((s) => s.sourceFile !== undefined && program.getSourceFile(s.sourceFile.fileName) === s.sourceFile);
    const getTypeChecker = program.getTypeChecker.bind(program);
    program.getTypeChecker = () => {
      const checker = getTypeChecker();
      if (!this.armed) {
        // An augmentation (`declare module './x'`) in a loaded file was merged into a stand-in while the checker was set up.
        const merged = standIns.find((s) => ((s.symbol as { mergeId?: number } | undefined)?.mergeId ?? 0) > 0);
        if (merged) throw new DeclarationNeeded(merged.target);
        this.armed = true;
      }
      return checker;
    };
  }

  /** Follows an import: what it takes from its target, by the names the target exports them under, is needed there. */
  private follow(key: string, edge: Import): void {
    this.followed.set(key, edge);
    this.loaded.add(edge.target);
    const { demand } = edge;
    const statement = edge.literal.parent;
    const whole = !demand || this.exposed.has(demand.fileName);
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
      // Every name of a followed import, used in a reached part or not: the checker may still reach the others
      // (through an indexed access or a comparison of the types that use them), and each may be re-exported from further on.
      for (const e of statement.importClause.namedBindings.elements) this.names.add((e.propertyName ?? e.name).text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) if (whole || this.names.has(e.name.text)) this.names.add((e.propertyName ?? e.name).text);
    }
    if (exposesTarget(edge.literal) || (ts.isExportDeclaration(statement) && !statement.exportClause && demand && this.exposed.has(demand.fileName))) this.exposed.add(edge.target);
  }

  /** Whether an import of a dependency's declaration file must be followed. */
  private needed({ demand, literal }: Import): boolean {
    if (!demand) return true;
    const statement = literal.parent;
    const exposed = this.exposed.has(demand.fileName);
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (!clause) return true;
      const bound = [...(clause.name ? [clause.name.text] : []), ...boundNames(clause.namedBindings)];
      return bound.some((name) => demand.used.has(name));
    }
    if (ts.isExportDeclaration(statement)) {
      const exports = statement.exportClause;
      if (!exports) return true;
      if (exposed) return true;
      return ts.isNamespaceExport(exports) ? this.names.has(exports.name.text) : exports.elements.some((e) => this.names.has(e.name.text));
    }
    if (ts.isExternalModuleReference(statement) && ts.isImportEqualsDeclaration(statement.parent)) return demand.used.has(statement.parent.name.text);
    if (ts.isLiteralTypeNode(statement) && ts.isImportTypeNode(statement.parent)) return demand.importTypes.has(statement.parent);
    return true;
  }

  /** What the reachable parts of a dependency's declaration file use, or null when it is followed whole. */
  private demandOf(sourceFile: ts.SourceFile): FileDemand | null {
    let known = this.demands.get(sourceFile);
    if (known === undefined) {
      known = isPrunable(sourceFile) ? reachedParts(sourceFile, this.projectWords) : null;
      this.demands.set(sourceFile, known);
      if (known) for (const name of known.used) this.names.add(name);
    }
    return known;
  }

  private standInFor(target: string): string {
    const fileName = target.replace(/(\.d\.[cm]?ts)$/, '.finleak-unloaded$1');
    if (!this.stubs.has(fileName)) this.stubs.set(fileName, { target });
    return fileName;
  }

  private createStandIn(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
    const stub = this.stubs.get(fileName)!;
    const sourceFile = ts.createSourceFile(fileName, 'export {};\n', languageVersion);
    Object.defineProperty(sourceFile, 'symbol', {
      configurable: true,
      get: (): ts.Symbol | undefined => {
        if (this.armed) throw new DeclarationNeeded(stub.target);
        return stub.symbol;
      },
      set: (symbol: ts.Symbol | undefined) => {
        stub.symbol = symbol;
      },
    });
    return sourceFile;
  }
}

/** Thrown when the type checker reaches a declaration file that was not loaded: analyse again with every file loaded. */
export class DeclarationNeeded extends Error {
  constructor(readonly file: string) {
    super(`the analysis reached ${file}, which was not loaded`);
  }
}

interface FileDemand {
  fileName: string;
  /** Identifiers and string literals in the reachable parts of the file. */
  used: Set<string>;
  /** `import("...")` types in the reachable parts. */
  importTypes: Set<ts.ImportTypeNode>;
}

/** An import of a dependency's declaration file; `demand` is null when the importing file is followed whole. */
interface Import {
  demand: FileDemand | null;
  literal: ts.StringLiteralLike;
  /** The file it resolves to. */
  target: string;
}

/** How one import of a file is answered: as resolved (followed), or with a stand-in. */
interface Answer {
  resolved: ts.ResolvedModuleWithFailedLookupLocations;
  key?: string;
  edge?: Import;
  followed?: boolean;
}

interface StandIn {
  /** The file it stands in for. */
  target: string;
  sourceFile?: ts.SourceFile;
  symbol?: ts.Symbol;
}

const DECLARATION = /\.d\.[cm]?ts$/;

function isDependencyDeclaration(resolved: ts.ResolvedModuleFull): boolean {
  return resolved.isExternalLibraryImport === true && DECLARATION.test(resolved.resolvedFileName) && resolved.resolvedFileName.includes('/node_modules/');
}

/**
 * A dependency's declaration file whose imports are followed one by one: a
 * module that declares nothing global, augments no module, exports no UMD
 * global and references no other file.
 */
function isPrunable(sourceFile: ts.SourceFile): boolean {
  if (!sourceFile.isDeclarationFile || !sourceFile.fileName.includes('/node_modules/') || !ts.isExternalModule(sourceFile)) return false;
  if (sourceFile.referencedFiles.length > 0 || sourceFile.typeReferenceDirectives.length > 0 || sourceFile.libReferenceDirectives.length > 0) return false;
  return !sourceFile.statements.some((s) => ts.isNamespaceExportDeclaration(s) || (ts.isModuleDeclaration(s) && (ts.isStringLiteral(s.name) || (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0)));
}

/** A namespace import (`import * as`, `import x = require()`), `export * as` or `import("...")` type: TypeScript resolves every export of its target. */
function exposesTarget(literal: ts.StringLiteralLike): boolean {
  const statement = literal.parent;
  if (ts.isImportDeclaration(statement)) return statement.importClause?.namedBindings !== undefined && ts.isNamespaceImport(statement.importClause.namedBindings);
  if (ts.isExportDeclaration(statement)) return statement.exportClause !== undefined && ts.isNamespaceExport(statement.exportClause);
  return ts.isExternalModuleReference(statement) || (ts.isLiteralTypeNode(statement) && ts.isImportTypeNode(statement.parent));
}

/** What the reachable parts of a declaration file use: all of it but the members whose names the project never spells. */
function reachedParts(sourceFile: ts.SourceFile, projectWords: ReadonlySet<string>): FileDemand {
  const used = new Set<string>();
  const importTypes = new Set<ts.ImportTypeNode>();
  // Declaration files are parsed without parent pointers (the binder sets them later): the walk keeps each node's
  // parent, and whether it is inside a generic declaration, whose members the checker compares all at once
  // (to learn its type parameters' variance): those are all reachable.
  const stack: [ts.Node, ts.Node, boolean][] = sourceFile.statements.map((s) => [s, sourceFile, false]);
  while (stack.length > 0) {
    const [node, parent, generic] = stack.pop()!;
    // The names an import or re-export binds are not uses.
    if (ts.isImportDeclaration(node) || (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) || (ts.isExportDeclaration(node) && node.moduleSpecifier)) continue;
    if (!generic && isMember(node, parent)) {
      const name = memberName(node);
      if (name !== undefined && !projectWords.has(name)) continue;
    }
    if (ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) used.add(node.text);
    else if (ts.isImportTypeNode(node)) importTypes.add(node);
    const inGeneric = generic || ((ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && (node.typeParameters?.length ?? 0) > 0);
    ts.forEachChild(node, (child) => {
      stack.push([child, node, inGeneric]);
    });
  }
  return { fileName: sourceFile.fileName, used, importTypes };
}

function isMember(node: ts.Node, parent: ts.Node): boolean {
  if (!(ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeLiteralNode(parent))) return false;
  return ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node);
}

function memberName(member: ts.Node): string | undefined {
  const name = (member as ts.NamedDeclaration).name;
  return name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) ? name.text : undefined;
}

function boundNames(bindings: ts.NamedImportBindings | undefined): string[] {
  if (!bindings) return [];
  return ts.isNamespaceImport(bindings) ? [bindings.name.text] : bindings.elements.map((e) => e.name.text);
}
