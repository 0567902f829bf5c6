import { ts } from '@ts-morph/common';

/** Why a type is account or transaction data. */
export interface FinancialMatch {
  /** Source kind, one finding per kind and sink: the type's name, e.g. "BankAccount". */
  kind: string;
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

const PRIMITIVE =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike |
  ts.TypeFlags.EnumLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.VoidLike | ts.TypeFlags.Null;
const ANONYMOUS = new Set(['__type', '__object', '__function', 'default']);
/** How far "contains" looks into properties: `{ user: { account: BankAccount } }` is found, deeper nesting is not. */
const CONTAINS_DEPTH = 3;

/**
 * Decides from a static type whether a value is account or transaction data.
 * "is": the type itself (or a union member, array element, promise result) is
 * named as financial or carries a financial field. "contains": it is, or one
 * of its properties or type arguments is, up to a small depth.
 */
export class FinancialTypes {
  private readonly names: NamePattern[];
  private readonly fields: Set<string>;
  private readonly isCache = new Map<ts.Type, FinancialMatch | null>();
  private readonly containsCache = new Map<ts.Type, FinancialMatch | null>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    sources: { types: readonly string[]; fields: readonly string[] },
  ) {
    this.names = compileTypePatterns(sources.types);
    this.fields = new Set(sources.fields);
  }

  is(type: ts.Type): FinancialMatch | undefined {
    return this.cached(this.isCache, type, () => this.computeIs(type, 0)) ?? undefined;
  }

  contains(type: ts.Type): FinancialMatch | undefined {
    return this.cached(this.containsCache, type, () => this.computeContains(type, 0, new Set())) ?? undefined;
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
    if (type.isUnionOrIntersection()) {
      for (const member of type.types) {
        const match = this.is(member);
        if (match) return match;
      }
      return undefined;
    }
    const byName = this.matchName(type) ?? this.matchMappedFrom(type);
    if (byName) return byName;
    for (const wrapped of this.wrappedTypes(type)) {
      const match = this.computeIs(wrapped, depth + 1);
      if (match) return match;
    }
    if (this.isLibType(type) || type.getCallSignatures().length > 0) return undefined;
    for (const property of type.getProperties()) {
      if (this.fields.has(property.name)) {
        const name = this.typeName(type);
        return {
          kind: name ?? `object with \`${property.name}\``,
          reason: `${name ? `type \`${name}\`` : 'its type'} has field \`${property.name}\``,
        };
      }
    }
    return undefined;
  }

  private computeContains(type: ts.Type, depth: number, seen: Set<ts.Type>): FinancialMatch | undefined {
    const own = this.is(type);
    if (own || depth >= CONTAINS_DEPTH || seen.has(type) || this.isPrimitive(type)) return own;
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
        const name = this.typeName(type);
        return name && name !== match.kind ? { kind: match.kind, reason: `${match.reason}, inside \`${name}\`` } : match;
      }
    }
    return undefined;
  }

  private matchName(type: ts.Type): FinancialMatch | undefined {
    const candidates = [type.aliasSymbol?.name, type.getSymbol()?.name];
    for (const name of candidates) {
      if (!name || ANONYMOUS.has(name)) continue;
      const pattern = this.names.find((p) => p.test(name));
      if (pattern) return { kind: name, reason: `type name \`${name}\` ${pattern.describe === `is \`${name}\`` ? 'is listed as financial' : pattern.describe}` };
    }
    return undefined;
  }

  /**
   * `Pick<T, K>`, `Omit<T, K>`, `Partial<T>` and other mapped types of a named
   * type keep the declarations of `T`'s properties: the type they came from is
   * the type whose members those are.
   */
  private matchMappedFrom(type: ts.Type): FinancialMatch | undefined {
    if (!((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Mapped) && !type.aliasSymbol) return undefined;
    for (const property of type.getProperties()) {
      for (const declaration of property.declarations ?? []) {
        const owner = declaration.parent;
        const name = (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? owner.name.text : undefined;
        const pattern = name !== undefined ? this.names.find((p) => p.test(name)) : undefined;
        if (name !== undefined && pattern) return { kind: name, reason: `its members come from \`${name}\`, which ${pattern.describe === `is \`${name}\`` ? 'is listed as financial' : pattern.describe}` };
      }
    }
    return undefined;
  }

  private typeName(type: ts.Type): string | undefined {
    const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
    return name && !ANONYMOUS.has(name) ? name : undefined;
  }

  /** Arrays, tuples, promises and other lib generics: their type arguments. */
  private wrappedTypes(type: ts.Type): readonly ts.Type[] {
    return this.isLibType(type) || this.checker.isTupleType(type) ? this.typeArguments(type) : [];
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
    return declaration !== undefined && this.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
  }
}
