import path from 'node:path';
import { ts } from '@ts-morph/common';
import type { HttpCarrierSpec, ResolvedSources } from '../policy/types.js';
import { addressOf, moduleMatches, packageOfFile, skipOuter } from './declarations.js';
import { ProjectCode } from './project-code.js';
import { SourceCalls } from './source-calls.js';

/** Why a type is account or transaction data. */
export interface FinancialMatch {
  /** Source kind, one finding per kind and sink: the type's name, e.g. "BankAccount". */
  kind: string;
  /** e.g. "type `AccountRead` (src/lib/model.ts:12): name matches `Account`, field `attributes.current_balance`". */
  reason: string;
}

type NamePattern = { test(name: string): boolean; describe: string };

/** Compiles `Name` or `/regex/flags` entries of `sources.types`. */
export function compileTypePatterns(entries: readonly string[]): NamePattern[] {
  return entries.map((entry) => {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
    if (regex) {
      const compiled = new RegExp(regex[1]!, regex[2]);
      return { test: (name) => compiled.test(name), describe: `matches ${entry}` };
    }
    return { test: (name) => name === entry, describe: `is \`${entry}\`` };
  });
}

/** `AccountRead` -> [account, read]; `bank_accounts` -> [bank, accounts]; `$TransactionPayload` -> [transaction, payload]. */
export function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** `current_balance`, `currentBalance`, `CurrentBalance` -> `currentbalance`. */
const normalize = (field: string): string => field.replace(/[_\-\s]/g, '').toLowerCase();

/** A name word: `Account` matches the words `account`, `accounts`, and (for long words) compounds like `bankaccounts`. */
function compileNameWord(entry: string): NamePattern {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  if (regex) {
    const compiled = new RegExp(regex[1]!, regex[2]);
    return { test: (name) => compiled.test(name), describe: `matches ${entry}` };
  }
  const word = entry.toLowerCase();
  const plural = (w: string): boolean => w === word || w === `${word}s` || w === `${word}es`;
  const compound = (w: string): boolean => word.length >= 6 && (w.includes(word));
  return { test: (name) => words(name).some((w) => plural(w) || compound(w)), describe: `name matches \`${entry}\`` };
}

/** A field word sequence: `accountNumber` matches `account_number`, `bankAccountNumber`, `account_numbers`; `/regex/` is tested on the whole field name. */
function fieldMatcher(entries: readonly string[]): (field: string) => string | undefined {
  const regexes: RegExp[] = [];
  const sequences: { entry: string; seq: string[] }[] = [];
  for (const entry of entries) {
    const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
    if (regex) regexes.push(new RegExp(regex[1]!, regex[2]));
    else sequences.push({ entry, seq: words(entry) });
  }
  return (field) => {
    if (regexes.some((r) => r.test(field))) return field;
    const fieldWords = words(field).map((w) => w.replace(/s$/, ''));
    for (const { entry, seq } of sequences) {
      const wanted = seq.map((w) => w.replace(/s$/, ''));
      for (let i = 0; i + wanted.length <= fieldWords.length; i++) {
        if (wanted.every((w, j) => fieldWords[i + j] === w)) return entry;
      }
    }
    return undefined;
  };
}

const PRIMITIVE =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike |
  ts.TypeFlags.EnumLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.VoidLike | ts.TypeFlags.Null;
const NUMERIC = ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike;
const ANONYMOUS = new Set(['__type', '__object', '__function', 'default']);
/** How far "contains" looks into properties: `{ user: { account: BankAccount } }` is found, deeper nesting is not. */
const CONTAINS_DEPTH = 3;
/** How deep, and how wide, evidence for a candidate name is looked for. */
const EVIDENCE_DEPTH = 4;
const EVIDENCE_BUDGET = 400;
/** How many properties of an anonymous type are asked where they were declared. */
const ORIGIN_PROPERTIES = 6;

/** Where an anonymous type's fields were declared: a named type (a Pick/Omit/Partial of it, a query result) or a schema/table. */
interface Origin {
  /** Name that is matched against the name words: the type, schema variable or table name. */
  names: string[];
  /** The declaration shown in the reason. */
  node: ts.Node;
  /** "type", "schema", "entity", ... */
  what: string;
  /** Where evidence is looked for when the shape itself has none: the whole declared type, or the schema's object literal. */
  declaredType?: ts.Type;
  literal?: ts.ObjectLiteralExpression;
}

export interface FinancialTypesOptions {
  sources: ResolvedSources;
  /** Folder that relative `module` paths in the policy are resolved against. */
  baseDir: string;
  /** Folder that file names in explanations are relative to. */
  rootDir?: string;
}

/**
 * Decides from a static type whether a value is account or transaction data,
 * and says why. "is": the type itself (or a union member, array element,
 * promise result) is financial. "contains": it is, or one of its properties or
 * type arguments is, up to a small depth. Every answer is cached per type, and
 * only types along the data-flow slice are ever asked.
 *
 * A type is financial when (first match wins):
 * 1. its name is excluded (`sources.exclude.types`): never;
 * 2. its name is listed in `sources.types`;
 * 3. it is a modelled SDK type (`sources.sdkTypes`, rules/sdks): by package and declared name;
 * 4. its name (or the name of the type, schema, table or entity its fields were
 *    declared in) contains a name word and a field at any depth is evidence;
 * 5. it carries an identifying field (`sources.fields`) itself.
 */
export class FinancialTypes {
  private readonly explicit: NamePattern[];
  private readonly excluded: NamePattern[];
  private readonly nameWords: NamePattern[];
  private readonly identifying: Set<string>;
  private readonly evidenceField: (field: string) => string | undefined;
  private readonly excludedFields: Set<string>;
  private readonly schemaLibraries: readonly string[];
  private readonly sdkTypes = new Map<string, { module: string | string[]; sdk: string }[]>();
  private readonly calls: SourceCalls | undefined;
  private readonly isCache = new Map<ts.Type, FinancialMatch | null>();
  private readonly containsCache = new Map<ts.Type, FinancialMatch | null>();
  private readonly evidenceCache = new Map<ts.Type, string | null>();
  private readonly rootDir: string;
  private readonly baseDir: string;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    options: FinancialTypesOptions | ResolvedSources,
  ) {
    const { sources, baseDir, rootDir } = 'sources' in options ? options : { sources: options, baseDir: program.getCurrentDirectory(), rootDir: undefined };
    this.rootDir = rootDir ?? program.getCurrentDirectory();
    this.explicit = compileTypePatterns(sources.types);
    this.excluded = compileTypePatterns(sources.exclude?.types ?? []);
    const droppedWords = new Set((sources.exclude?.names ?? []).map((n) => n.toLowerCase()));
    this.nameWords = (sources.names ?? []).filter((n) => !droppedWords.has(n.toLowerCase())).map(compileNameWord);
    this.excludedFields = new Set((sources.exclude?.fields ?? []).map(normalize));
    this.identifying = new Set(sources.fields.map(normalize));
    this.evidenceField = fieldMatcher(sources.evidence ?? []);
    this.schemaLibraries = sources.schemaLibraries ?? [];
    for (const spec of sources.sdkTypes ?? []) {
      for (const type of spec.types) {
        const list = this.sdkTypes.get(type) ?? [];
        list.push({ module: spec.module, sdk: spec.sdk ?? (typeof spec.module === 'string' ? spec.module : spec.module.join('/')) });
        this.sdkTypes.set(type, list);
      }
    }
    const clients: HttpCarrierSpec[] = sources.httpClients ?? [];
    this.baseDir = baseDir;
    this.calls = sources.calls?.length ? new SourceCalls(program, checker, sources.calls, clients, baseDir, this) : undefined;
  }

  is(type: ts.Type): FinancialMatch | undefined {
    return this.cached(this.isCache, type, () => this.computeIs(type, 0)) ?? undefined;
  }

  contains(type: ts.Type): FinancialMatch | undefined {
    return this.cached(this.containsCache, type, () => this.computeContains(type, 0, new Set())) ?? undefined;
  }

  /**
   * Untyped data from a call modelled in `sources.calls`: the call's result,
   * or a part of it the types say nothing about (`any`, `unknown`, a field
   * the declared type does not have).
   */
  fromCall(node: ts.Node, fields: readonly string[]): FinancialMatch | undefined {
    return this.calls?.match(node, fields);
  }

  /** Type of a property path ("balance", "[]" for elements) inside a type, looking through promises and unions. */
  typeAtPath(type: ts.Type, path: readonly string[]): ts.Type | undefined {
    let current: ts.Type | undefined = type;
    for (const segment of path) {
      if (!current) return undefined;
      current = this.checker.getAwaitedType(current) ?? current;
      if (segment === '()') {
        current = current.getCallSignatures()[0]?.getReturnType();
        continue;
      }
      current =
        segment === '[]' ? this.elementType(current) : (this.propertyType(current, segment) ?? (/^\d+$/.test(segment) ? this.elementType(current) : undefined));
    }
    return current;
  }

  /** The names by which a type is known: its alias, its symbol. */
  typeName(type: ts.Type): string | undefined {
    const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
    return name && !ANONYMOUS.has(name) ? name : undefined;
  }

  /** `file:line` of a declaration for explanations: relative to the project, or the package name for dependencies. */
  where(node: ts.Node): string {
    const sourceFile = node.getSourceFile();
    if (this.program.isSourceFileDefaultLibrary(sourceFile)) return 'lib';
    if (ProjectCode.of(this.program).isDependency(sourceFile)) return packageOfFile(this.program, sourceFile);
    const named = (node as ts.NamedDeclaration).name;
    const line = sourceFile.getLineAndCharacterOfPosition((named ?? node).getStart(sourceFile)).line + 1;
    return `${path.relative(this.rootDir, sourceFile.fileName).split(path.sep).join('/')}:${line}`;
  }

  private cached(cache: Map<ts.Type, FinancialMatch | null>, type: ts.Type, compute: () => FinancialMatch | undefined) {
    const hit = cache.get(type);
    if (hit !== undefined) return hit;
    cache.set(type, null); // recursion guard for self-referencing types
    const result = compute() ?? null;
    cache.set(type, result);
    return result;
  }

  private computeIs(type: ts.Type, depth: number): FinancialMatch | undefined {
    if (depth > 4 || this.isPrimitive(type)) return undefined;
    if (this.isExcluded(type)) return undefined;
    const byName = this.matchListed(type) ?? this.matchSdk(type) ?? this.matchMappedFromListed(type);
    if (byName) return byName;
    if (type.isUnionOrIntersection()) {
      for (const member of type.types) {
        const match = this.is(member);
        if (match) return match;
      }
      return undefined;
    }
    for (const wrapped of this.wrappedTypes(type)) {
      const match = this.computeIs(wrapped, depth + 1);
      if (match) return match;
    }
    if (this.isLibType(type) || type.getCallSignatures().length > 0) return undefined;
    return this.matchCandidate(type) ?? this.matchIdentifyingField(type);
  }

  private computeContains(type: ts.Type, depth: number, seen: Set<ts.Type>): FinancialMatch | undefined {
    const own = this.is(type);
    if (own || depth >= CONTAINS_DEPTH || seen.has(type) || this.isPrimitive(type) || this.isExcluded(type)) return own;
    seen.add(type);
    const inner: ts.Type[] = [];
    if (type.isUnionOrIntersection()) inner.push(...type.types);
    else {
      inner.push(...this.typeArguments(type));
      if (!this.isLibType(type) && type.getCallSignatures().length === 0) {
        for (const property of type.getProperties()) {
          const propertyType = this.checker.getTypeOfSymbol(property);
          if (propertyType.getCallSignatures().length === 0) inner.push(propertyType);
        }
      }
    }
    for (const member of inner) {
      const match = this.computeContains(member, depth + 1, seen);
      if (match) {
        // Name the project's own containers (`inside \`Statement\``), not a library's wrappers (`PgSelectBase`, `Omit`).
        const name = this.typeName(type);
        const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
        const own = declaration !== undefined && !this.isLibDeclaration(declaration) && !ProjectCode.of(this.program).isDependency(declaration.getSourceFile());
        return name && own && name !== match.kind ? { kind: match.kind, reason: `${match.reason}, inside \`${name}\`` } : match;
      }
    }
    return undefined;
  }

  private names(type: ts.Type): string[] {
    return [type.aliasSymbol?.name, type.getSymbol()?.name].filter((n): n is string => !!n && !ANONYMOUS.has(n));
  }

  private isExcluded(type: ts.Type): boolean {
    return this.excluded.length > 0 && this.names(type).some((name) => this.excluded.some((p) => p.test(name)));
  }

  private matchListed(type: ts.Type): FinancialMatch | undefined {
    for (const name of this.names(type)) {
      const pattern = this.explicit.find((p) => p.test(name));
      if (pattern) {
        const how = pattern.describe === `is \`${name}\`` ? 'listed in `sources.types`' : `name ${pattern.describe} (\`sources.types\`)`;
        return { kind: name, reason: `type \`${name}\`${this.declaredAt(type)}: ${how}` };
      }
    }
    return undefined;
  }

  /**
   * `Pick<T, K>`, `Omit<T, K>`, `Partial<T>` and other mapped types of a type
   * listed in `sources.types` keep the declarations of `T`'s properties: the
   * type they came from is the type whose members those are. (Types matched
   * by name words are found the same way in `origin`.)
   */
  private matchMappedFromListed(type: ts.Type): FinancialMatch | undefined {
    if (this.explicit.length === 0) return undefined;
    if (!((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) && !type.aliasSymbol) return undefined;
    for (const property of type.getProperties()) {
      for (const declaration of property.declarations ?? []) {
        const owner = declaration.parent;
        const name = (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? owner.name.text : undefined;
        const pattern = name !== undefined ? this.explicit.find((p) => p.test(name)) : undefined;
        if (name === undefined || !pattern) continue;
        const how = pattern.describe === `is \`${name}\`` ? 'listed in `sources.types`' : `name ${pattern.describe} (\`sources.types\`)`;
        const shown = this.typeName(type);
        return { kind: name, reason: `${shown ? `type \`${shown}\`${this.declaredAt(type)}: ` : ''}its fields come from \`${name}\` (${this.where(owner)}), ${how}` };
      }
    }
    return undefined;
  }

  /** A type a bank-integration SDK declares (rules/sdks, `sources.sdkTypes`). */
  private matchSdk(type: ts.Type): FinancialMatch | undefined {
    if (this.sdkTypes.size === 0) return undefined;
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      const models = symbol && this.sdkTypes.get(symbol.name);
      const declaration = symbol?.declarations?.[0];
      if (!models || !declaration) continue;
      const address = addressOf(this.program, declaration);
      const model = models.find((m) => moduleMatches(address, m.module, this.baseDir));
      if (model) return { kind: symbol.name, reason: `type \`${symbol.name}\` (${this.where(declaration)}): ${model.sdk} model of account or transaction data` };
    }
    return undefined;
  }

  /** Name words plus evidence: by the type's own name, or by where its fields were declared. */
  private matchCandidate(type: ts.Type): FinancialMatch | undefined {
    for (const name of this.names(type)) {
      const word = this.nameWord(name);
      if (!word) continue;
      const field = this.evidence(type);
      if (field) return { kind: name, reason: `type \`${name}\`${this.declaredAt(type)}: ${word}, field \`${field}\`` };
    }
    const origin = this.origin(type);
    return origin && this.originMatch(origin, type);
  }

  private originMatch(origin: Origin, type: ts.Type | undefined): FinancialMatch | undefined {
    for (const name of origin.names) {
      const word = this.nameWord(name);
      if (!word) continue;
      const field =
        (type ? this.evidence(type) : undefined) ??
        (origin.declaredType ? this.evidence(origin.declaredType) : undefined) ??
        (origin.literal ? this.literalEvidence(origin.literal, 0) : undefined);
      if (!field) continue;
      const shape = type ? this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation) : '';
      const shown = shape && shape.length <= 60 ? ` \`${shape}\`` : '';
      const kind = origin.names[0]!;
      return { kind, reason: `values${shown} of ${origin.what} \`${kind}\` (${this.where(origin.node)}): ${word}${name !== kind ? ` (\`${name}\`)` : ''}, field \`${field}\`` };
    }
    return undefined;
  }

  // ---- for `finleak sources`: whole declarations, and what the rules turned down ----

  /** `const transactionSchema = z.object({ ... })`, `const transactions = pgTable(...)`: a schema or table built by a library. */
  isSchemaVariable(declaration: ts.VariableDeclaration): boolean {
    return this.schemaOfVariable(declaration) !== undefined;
  }

  schemaVariable(declaration: ts.VariableDeclaration): FinancialMatch | undefined {
    const origin = this.schemaOfVariable(declaration);
    return origin && !this.excluded.some((p) => origin.names.some((n) => p.test(n))) ? this.originMatch(origin, undefined) : undefined;
  }

  schemaLookAlike(declaration: ts.VariableDeclaration): string | undefined {
    const origin = this.schemaOfVariable(declaration);
    const word = origin?.names.map((n) => this.nameWord(n)).find(Boolean);
    return word && `${origin!.what} \`${origin!.names[0]}\` (${this.where(declaration)}): ${word}, but no money or account-number field`;
  }

  /** A type whose name matches a name word but that the rules did not find financial: why not. */
  lookAlike(type: ts.Type): string | undefined {
    const name = this.names(type).find((n) => this.nameWord(n));
    if (!name) return undefined;
    if (this.isExcluded(type)) return `type \`${name}\`${this.declaredAt(type)}: excluded by \`sources.exclude.types\``;
    return `type \`${name}\`${this.declaredAt(type)}: ${this.nameWord(name)}, but no money or account-number field`;
  }

  private schemaOfVariable(declaration: ts.VariableDeclaration): Origin | undefined {
    const literal = declaration.initializer && findObjectLiteral(declaration.initializer);
    const origin = literal && this.schemaOrigin(literal);
    return origin && origin.node === declaration ? origin : undefined;
  }

  private nameWord(name: string): string | undefined {
    return this.nameWords.find((p) => p.test(name))?.describe;
  }

  private matchIdentifyingField(type: ts.Type): FinancialMatch | undefined {
    for (const property of type.getProperties()) {
      const normalized = normalize(property.name);
      if (this.identifying.has(normalized) && !this.excludedFields.has(normalized)) {
        const name = this.typeName(type);
        return {
          kind: name ?? `object with \`${property.name}\``,
          reason: `${name ? `type \`${name}\`${this.declaredAt(type)}:` : 'its type'} has field \`${property.name}\``,
        };
      }
    }
    return undefined;
  }

  /** A field path, at any depth, whose name is evidence of money or an account number; cached per type. */
  private evidence(type: ts.Type): string | undefined {
    const hit = this.evidenceCache.get(type);
    if (hit !== undefined) return hit ?? undefined;
    this.evidenceCache.set(type, null);
    const found = this.searchEvidence(type);
    this.evidenceCache.set(type, found ?? null);
    return found;
  }

  private searchEvidence(root: ts.Type): string | undefined {
    let budget = EVIDENCE_BUDGET;
    const seen = new Set<ts.Type>();
    let level: { type: ts.Type; path: string }[] = [{ type: root, path: '' }];
    for (let depth = 0; depth < EVIDENCE_DEPTH && level.length > 0; depth++) {
      const next: { type: ts.Type; path: string }[] = [];
      for (const { type, path: at } of level) {
        for (const objectType of this.objectParts(type)) {
          if (seen.has(objectType)) continue;
          seen.add(objectType);
          const properties = objectType.getProperties();
          const numeric = properties.find((p) => this.checker.getTypeOfSymbol(p).flags & NUMERIC);
          for (const property of properties) {
            if (--budget < 0) return undefined;
            const name = property.name;
            if (this.excludedFields.has(normalize(name))) continue;
            const fieldPath = at ? `${at}.${name}` : name;
            if (this.identifying.has(normalize(name)) || this.evidenceField(name)) return fieldPath;
            if (words(name).includes('currency') && numeric && numeric !== property) return `${fieldPath}\` with \`${at ? `${at}.` : ''}${numeric.name}`;
            const propertyType = this.checker.getTypeOfSymbol(property);
            if (!this.isPrimitive(propertyType) && propertyType.getCallSignatures().length === 0) next.push({ type: propertyType, path: fieldPath });
          }
        }
      }
      level = next;
    }
    return undefined;
  }

  /** The object types a value of this type may be: union members, array elements, promise results. */
  private objectParts(type: ts.Type): ts.Type[] {
    const parts: ts.Type[] = [];
    const visit = (t: ts.Type, depth: number): void => {
      if (depth > 3 || this.isPrimitive(t)) return;
      if (t.isUnion()) return t.types.forEach((m) => visit(m, depth + 1));
      if (t.isIntersection()) return void parts.push(t);
      if (this.isLibType(t) || this.checker.isTupleType(t)) return this.typeArguments(t).forEach((a) => visit(a, depth + 1));
      if (t.getCallSignatures().length > 0) return;
      const element = this.arrayElement(t);
      if (element.length > 0) return element.forEach((e) => visit(e, depth + 1));
      parts.push(t);
    };
    visit(type, 0);
    return parts;
  }

  /** Evidence in a schema's object literal (`z.object({ amount: z.number() })`, a Drizzle columns object), by property names. */
  private literalEvidence(literal: ts.ObjectLiteralExpression, depth: number): string | undefined {
    for (const property of literal.properties) {
      const name = property.name && ts.isIdentifier(property.name) ? property.name.text : property.name && ts.isStringLiteral(property.name) ? property.name.text : undefined;
      if (!name || this.excludedFields.has(normalize(name))) continue;
      if (this.identifying.has(normalize(name)) || this.evidenceField(name)) return name;
      if (depth < 2 && ts.isPropertyAssignment(property)) {
        const nested = findObjectLiteral(property.initializer);
        const inner = nested && this.literalEvidence(nested, depth + 1);
        if (inner) return `${name}.${inner}`;
      }
    }
    return undefined;
  }

  /**
   * Where the fields of an anonymous type were declared. Mapped types (Pick,
   * Omit, Partial, zod's and Drizzle's inferred rows, Prisma's results) keep
   * their properties' declarations, so a query result still knows its table.
   */
  private origin(type: ts.Type): Origin | undefined {
    const properties = type.getProperties().slice(0, ORIGIN_PROPERTIES);
    for (const property of properties) {
      const declaration = property.declarations?.[0];
      if (!declaration || this.isLibDeclaration(declaration)) continue;
      const origin = this.originOf(declaration);
      if (origin && origin.names.some((n) => this.nameWord(n))) return origin;
    }
    return undefined;
  }

  private originOf(declaration: ts.Node): Origin | undefined {
    for (let node: ts.Node | undefined = declaration.parent; node && !ts.isSourceFile(node); node = node.parent) {
      if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
        if (!node.name) return undefined;
        const names = [node.name.text];
        const entity = ts.isClassLike(node) ? entityName(node) : undefined;
        if (entity) names.push(entity);
        const symbol = this.checker.getSymbolAtLocation(node.name);
        const declaredType = symbol ? this.checker.getDeclaredTypeOfSymbol(symbol) : undefined;
        return { names, node, what: entity ? 'entity' : ts.isClassLike(node) ? 'class' : 'type', ...(declaredType ? { declaredType } : {}) };
      }
      if (ts.isObjectLiteralExpression(node)) return this.schemaOrigin(node);
      if (ts.isFunctionLike(node) || ts.isBlock(node)) return undefined;
    }
    return undefined;
  }

  /** `const transactions = pgTable('transactions', { ... })`, `const TxnSchema = z.object({ ... }).strict()`. */
  private schemaOrigin(literal: ts.ObjectLiteralExpression): Origin | undefined {
    const call = literal.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(literal)) return undefined;
    const callee = this.checker.getResolvedSignature(call)?.declaration;
    // A schema builder is a call into a schema or ORM library, not any call with a literal (`t('transactions.list', { amount })`).
    if (!callee || !moduleMatches(addressOf(this.program, callee), this.schemaLibraries, this.baseDir)) return undefined;
    const names: string[] = [];
    let holder: ts.Node = call;
    while (holder.parent && (ts.isPropertyAccessExpression(holder.parent) || ts.isCallExpression(holder.parent) || ts.isAsExpression(holder.parent) || ts.isSatisfiesExpression(holder.parent) || ts.isParenthesizedExpression(holder.parent))) {
      holder = holder.parent;
    }
    const parent = holder.parent;
    if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) names.push(parent.name.text);
    const table = call.arguments.find(ts.isStringLiteral);
    if (table) names.push(table.text);
    if (names.length === 0) return undefined;
    return { names, node: parent ?? call, what: table ? 'table' : 'schema', literal };
  }

  private declaredAt(type: ts.Type): string {
    const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
    return declaration ? ` (${this.where(declaration)})` : '';
  }

  /** Arrays, tuples, promises and other lib generics: their type arguments. */
  private wrappedTypes(type: ts.Type): readonly ts.Type[] {
    if (this.isLibType(type) || this.checker.isTupleType(type)) return this.typeArguments(type);
    return this.arrayElement(type);
  }

  /** The element of a project's own array type (`interface AccountArray extends Array<Account> {}`). */
  private arrayElement(type: ts.Type): ts.Type[] {
    if (type.isUnionOrIntersection() || !this.checker.isArrayLikeType(type)) return [];
    const element = this.checker.getIndexTypeOfType(type, ts.IndexKind.Number);
    return element ? [element] : [];
  }

  private typeArguments(type: ts.Type): readonly ts.Type[] {
    const args: ts.Type[] = [...(type.aliasTypeArguments ?? [])];
    if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
      args.push(...this.checker.getTypeArguments(type as ts.TypeReference));
    }
    return args;
  }

  private elementType(type: ts.Type): ts.Type | undefined {
    if (type.isUnion()) {
      const members = type.types.map((t) => this.elementType(t)).filter((t): t is ts.Type => t !== undefined);
      return members[0];
    }
    return this.checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? this.typeArguments(type)[0];
  }

  private propertyType(type: ts.Type, name: string): ts.Type | undefined {
    const property = this.checker.getPropertyOfType(this.checker.getNonNullableType(type), name);
    return property ? this.checker.getTypeOfSymbol(property) : undefined;
  }

  private isPrimitive(type: ts.Type): boolean {
    return (type.flags & (PRIMITIVE | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.NonPrimitive)) !== 0 && !type.isUnionOrIntersection();
  }

  /** Declared in TypeScript's own lib files (Array, Promise, Map, Date, ...). */
  private isLibType(type: ts.Type): boolean {
    const declaration = type.getSymbol()?.declarations?.[0];
    return declaration !== undefined && this.isLibDeclaration(declaration);
  }

  private isLibDeclaration(declaration: ts.Node): boolean {
    return this.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
  }
}

/** TypeORM's `@Entity('transactions')` / `@Entity({ name: 'transactions' })`. */
function entityName(node: ts.ClassLikeDeclaration): string | undefined {
  for (const decorator of ts.getDecorators(node) ?? []) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Entity') continue;
    const [arg] = call.arguments;
    if (arg && ts.isStringLiteral(arg)) return arg.text;
    if (arg && ts.isObjectLiteralExpression(arg)) {
      const name = arg.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'name');
      if (name && ts.isPropertyAssignment(name) && ts.isStringLiteral(name.initializer)) return name.initializer.text;
    }
  }
  return undefined;
}

/** The object literal inside a nested schema call: `z.object({ ... }).optional()`. */
function findObjectLiteral(expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
  let node = skipOuter(expression);
  for (let i = 0; i < 4; i++) {
    if (ts.isObjectLiteralExpression(node)) return node;
    if (ts.isCallExpression(node)) {
      const literal = node.arguments.find(ts.isObjectLiteralExpression);
      if (literal) return literal;
      if (ts.isPropertyAccessExpression(node.expression)) {
        node = skipOuter(node.expression.expression);
        continue;
      }
    }
    return undefined;
  }
  return undefined;
}
