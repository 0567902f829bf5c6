import { ts } from '@ts-morph/common';
import type { HttpCarrierSpec, ResolvedSources } from '../policy/types.js';
import { addressOf, moduleMatches } from './declarations.js';
import { FieldRules, UNCLASSIFIED, type Member, type ShapeVerdict } from './field-rules.js';
import { compileTypePatterns, type NamePattern } from './field-words.js';
import { SourceCalls } from './source-calls.js';
import { findObjectLiteral, TypeOrigins, type TypeIdentity } from './type-origin.js';

export { compileTypePatterns } from './field-words.js';

/** Financial fields of one kind that a value carries, and why. */
export interface FinancialMatch {
  /** Source kind, one finding per kind and sink: the type holding the fields, e.g. "BankAccount". */
  kind: string;
  /** e.g. "type `AccountRead` (src/lib/model.ts:12): field `attributes.current_balance` (balance); name matches `Account`". */
  reason: string;
  /** Paths of the financial fields inside `kind` (`balance`, `attributes.current_balance`); `*` for every field. */
  fields: string[];
  /** Their data categories (`balance`, `account-identifier`, ...). */
  categories: string[];
  /** For trace labels: "`iban` (account-identifier), `balance` (balance)", "every field". */
  summary: string;
}

/** "`iban` (account-identifier), `balance` (balance)": field paths with their categories, the first few. */
export function summarizeFields(fields: ReadonlyMap<string, string>): string {
  const entries = [...fields];
  if (entries.length === 1 && entries[0]![0] === EVERY_FIELD) return `every field (${entries[0]![1]})`;
  const shown = entries.slice(0, 3).map(([path, category]) => (path === EVERY_FIELD ? 'every field' : `\`${path}\` (${category})`));
  return `${shown.join(', ')}${entries.length > 3 ? `, and ${entries.length - 3} more` : ''}`;
}

/** A field path that means every field: a listed type, or untyped bank data. */
export const EVERY_FIELD = '*';

const PRIMITIVE =
  ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike |
  ts.TypeFlags.EnumLike | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.VoidLike | ts.TypeFlags.Null |
  ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.NonPrimitive;
/** How deep a whole value is searched for financial fields: `{ user: { accounts: BankAccount[] } }` is found. */
const WITHIN_DEPTH = 4;
/** How many properties one search looks at, at most. */
const WITHIN_BUDGET = 600;

export interface FinancialTypesOptions {
  sources: ResolvedSources;
  /** Folder that relative `module` paths in the policy are resolved against. */
  baseDir: string;
  /** Folder that file names in explanations are relative to. */
  rootDir?: string;
}

/** An object type as the policy sees it: who it is, and its financial fields. */
interface Shape {
  identity?: TypeIdentity;
  verdict: ShapeVerdict;
  /** The property of each financial field, by name. */
  properties: Map<string, ts.Symbol>;
  /** Listed in `sources.types` or an SDK model: financial as it is ("listed in `sources.types`"). */
  declared?: string;
  /** Listed in `sources.types`: every field taints, whatever the rules say. */
  listed?: boolean;
}

/** The named object an anonymous object type is nested in: its kind, names and evidence carry over. */
interface Context {
  identity: TypeIdentity;
  evidence?: string;
  prefix: readonly string[];
  /** Inside a financial field (`money` of a `Transaction`): even a named type there (`Money`) is part of the outer one. */
  absorb?: boolean;
}

/** Financial fields found in a value, per kind, while searching it. */
interface Found {
  identity?: TypeIdentity;
  evidence?: string;
  /** Field path -> category. */
  fields: Map<string, string>;
  /** A listed or SDK type none of whose fields a rule matched: all of it. */
  whole?: boolean;
  /** The kind of an object type without a name: "object with `totalBalance`", after its first financial field, whichever field is read. */
  unnamed?: string;
}

/**
 * Decides from static types which *fields* of a value are account or
 * transaction data, in which category, and says why. Only types along the
 * data-flow slice are ever asked, and every answer is cached per type.
 *
 * A field is financial when a field rule of the policy matches its name (as
 * words, any casing) and its object is a money or account shape: its type's
 * name (or the schema, table, entity or model its fields come from) contains a
 * name word, a field of it identifies money or an account by itself (`iban`,
 * `balance`), an `amount` sits beside a currency, a date or a merchant, it is
 * nested in such an object, it is listed in `sources.types`, or it is a
 * modelled SDK type. A listed or SDK type with no such field is financial as a
 * whole. Excluded types (`sources.exclude.types`) never are.
 */
export class FinancialTypes {
  private readonly explicit: NamePattern[];
  private readonly excluded: NamePattern[];
  private readonly rules: FieldRules;
  private readonly origins: TypeOrigins;
  private readonly sdkTypes = new Map<string, { module: string | string[]; sdk: string }[]>();
  private readonly calls: SourceCalls | undefined;
  private readonly shapes = new Map<ts.Type, Map<string, Shape>>();
  private readonly withinCache = new Map<ts.Type, Map<string, Found[] | null>>();
  private readonly handles = new Map<ts.Type, boolean>();
  private readonly anonymousKeys = new Map<ts.Type, number>();
  private readonly schemaLibraries: readonly string[];
  private readonly baseDir: string;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    options: FinancialTypesOptions | ResolvedSources,
  ) {
    const { sources, baseDir, rootDir } = 'sources' in options ? options : { sources: options, baseDir: program.getCurrentDirectory(), rootDir: undefined };
    this.baseDir = baseDir;
    this.schemaLibraries = sources.schemaLibraries;
    this.explicit = compileTypePatterns(sources.types);
    this.excluded = compileTypePatterns(sources.exclude.types);
    this.rules = new FieldRules(sources);
    this.origins = new TypeOrigins(checker, program, sources.schemaLibraries, baseDir, rootDir ?? program.getCurrentDirectory());
    for (const spec of sources.sdkTypes) {
      for (const type of spec.types) {
        const list = this.sdkTypes.get(type) ?? [];
        list.push({ module: spec.module, sdk: spec.sdk ?? (typeof spec.module === 'string' ? spec.module : spec.module.join('/')) });
        this.sdkTypes.set(type, list);
      }
    }
    const clients: HttpCarrierSpec[] = sources.httpClients;
    this.calls = sources.calls.length ? new SourceCalls(program, checker, sources.calls, clients, baseDir, this, this.rules) : undefined;
  }

  /**
   * The financial fields of the value at `path` ("balance", "[]" for
   * elements, "()" for a call's result) inside a value of `type`, one match
   * per kind: the field the path reads (and everything below it), or the
   * financial fields the value at the path carries. Empty: nothing financial.
   */
  at(type: ts.Type, path: readonly string[]): FinancialMatch[] {
    let level: { type: ts.Type; context?: Context }[] = [{ type }];
    for (let i = 0; i < path.length && level.length > 0; i++) {
      const segment = path[i]!;
      const rest = path.slice(i + 1);
      const next: typeof level = [];
      const push = (t: ts.Type, context: Context | undefined): void => void next.push(context ? { type: t, context } : { type: t });
      for (const { type: current, context } of level) {
        if (segment === '()') {
          for (const signature of this.awaited(current).getCallSignatures().slice(0, 1)) push(signature.getReturnType(), undefined);
          continue;
        }
        if (segment === '[]' || /^\d+$/.test(segment)) {
          for (const element of this.elements(current, segment)) push(element, context);
          continue;
        }
        for (const part of this.objectParts(current)) {
          const { identity, inner } = this.resolve(part, context);
          const shape = this.shape(part, inner);
          const fieldPath = (field: string): string => [...(inner?.prefix ?? []), field].filter((s) => s !== '[]' && !/^\d+$/.test(s)).join('.');
          const hit = shape.verdict.fields.find((f) => f.field === segment);
          if (this.isWhole(part, context, shape)) return this.toMatches([{ ...(identity ? { identity } : {}), evidence: shape.declared!, fields: new Map([[fieldPath(segment), hit?.category ?? UNCLASSIFIED]]) }]);
          const propertyType = this.propertyType(part, segment);
          if (!propertyType) continue;
          const nested = this.nestedContext(identity, shape, inner, segment);
          // A financial field: all of it, unless it is itself an object with financial fields (`balances.current`, not `balances.currency`).
          if (hit && (rest.length === 0 || this.within(propertyType, nested).length === 0)) {
            return this.toMatches([{ ...(identity ? { identity } : {}), ...this.evidenceOf(shape), fields: new Map([[fieldPath(segment), hit.category]]) }]);
          }
          push(propertyType, hit && nested ? { ...nested, absorb: true } : nested);
        }
      }
      level = next;
    }
    return this.toMatches(level.flatMap(({ type: t, context }) => this.within(t, context)));
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
      current = this.awaited(current);
      if (segment === '()') {
        current = current.getCallSignatures()[0]?.getReturnType();
        continue;
      }
      current = segment === '[]' ? this.elements(current, segment)[0] : (this.propertyType(current, segment) ?? (/^\d+$/.test(segment) ? this.elements(current, segment)[0] : undefined));
    }
    return current;
  }

  /** `file:line` of a declaration for explanations: relative to the project, or the package name for dependencies. */
  where(node: ts.Node): string {
    return this.origins.where(node);
  }

  // ---- for `finleak sources`: whole declarations, and what the rules turned down ----

  /** A declared type's own financial fields (those of anonymous objects nested in it too). */
  declared(type: ts.Type): FinancialMatch | undefined {
    const identity = this.origins.identity(type);
    const own = this.within(type, undefined).filter((f) => f.identity?.kind === identity?.kind);
    return this.toMatches(own)[0];
  }

  /** A type the rules did not find financial, but whose name or fields look like it: why not. */
  lookAlike(type: ts.Type): string | undefined {
    const identity = this.origins.identity(type);
    if (!identity || identity.kind !== this.origins.typeName(type)) return undefined;
    if (this.isExcluded(identity)) return `${identity.label}: excluded by \`sources.exclude.types\``;
    return this.rejected(identity, this.shape(type, undefined).verdict);
  }

  /** `const transactionSchema = z.object({ ... })`, `const transactions = pgTable(...)`: a schema or table built by a library. */
  isSchemaVariable(declaration: ts.VariableDeclaration): boolean {
    return this.origins.schemaOfVariable(declaration) !== undefined;
  }

  /** The fields of a schema's or table's object literal, judged as the values it shapes are. */
  schemaVariable(declaration: ts.VariableDeclaration): { match?: FinancialMatch; lookAlike?: string } {
    const origin = this.origins.schemaOfVariable(declaration);
    if (!origin?.literal) return {};
    const identity: TypeIdentity = { kind: origin.names[0]!, names: origin.names, label: `${origin.what} \`${origin.names[0]}\` (${this.where(origin.node)})`, external: false, anonymous: true };
    if (this.isExcluded(identity)) return { lookAlike: `${identity.label}: excluded by \`sources.exclude.types\`` };
    const found: Found = { identity, fields: new Map() };
    const visit = (literal: ts.ObjectLiteralExpression, prefix: string, names: readonly string[], given: string | undefined, depth: number): void => {
      const members: Member[] = [];
      for (const property of literal.properties) {
        const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
        if (name !== undefined) members.push({ name });
      }
      const verdict = this.rules.classify(members, names, given, depth === 0 ? names : []);
      found.evidence ??= verdict.evidence;
      for (const hit of verdict.fields) found.fields.set(`${prefix}${hit.field}`, hit.category);
      if (depth >= 2) return;
      for (const property of literal.properties) {
        if (!ts.isPropertyAssignment(property) || !property.name || !ts.isIdentifier(property.name) || verdict.fields.some((f) => f.field === (property.name as ts.Identifier).text)) continue;
        const nested = findObjectLiteral(property.initializer);
        if (nested) visit(nested, `${prefix}${property.name.text}.`, names, verdict.evidence, depth + 1);
      }
    };
    const listed = this.listed(identity);
    if (listed) found.fields.set(EVERY_FIELD, UNCLASSIFIED);
    visit(origin.literal, '', origin.names, listed, 0);
    if (found.fields.size > 0) return { match: this.toMatches([found])[0]! };
    const members = origin.literal.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [{ name: p.name.text }] : []));
    const rejected = this.rejected(identity, this.rules.classify(members, origin.names));
    return rejected ? { lookAlike: rejected } : {};
  }

  private rejected(identity: TypeIdentity, verdict: ShapeVerdict): string | undefined {
    const word = identity.names.map((n) => this.rules.nameWord(n)).find(Boolean);
    if (word) return `${identity.label}: ${word}, but no financial field`;
    if (verdict.hits.length > 0) {
      const shown = verdict.hits.slice(0, 3).map((h) => `\`${h.field}\` (${h.category})`).join(', ');
      return `${identity.label}: ${shown}, but nothing shows a money or account shape (no currency or date beside it, no account or transaction name)`;
    }
    return undefined;
  }

  // ---- shapes ----

  /**
   * Who a type reached inside `context` is: an anonymous object inside a
   * named one (`attributes` of `AccountRead`, a nested zod object) is part of
   * it, with its kind, names, evidence and the path to it; a type with a
   * name, or fields from elsewhere (`Partial<BankAccount>`), is itself.
   */
  private resolve(type: ts.Type, context: Context | undefined): { identity?: TypeIdentity; inner?: Context } {
    const identity = this.origins.identity(type);
    if (context && (context.absorb || !identity || (identity.anonymous && identity.kind === context.identity.kind))) return { identity: context.identity, inner: context };
    return identity ? { identity, inner: { identity, prefix: [] } } : {};
  }

  /** The context of the value of field `segment` of an object of this shape. */
  private nestedContext(identity: TypeIdentity | undefined, shape: Shape, inner: Context | undefined, segment: string): Context | undefined {
    if (!identity) return undefined;
    const evidence = shape.declared ?? shape.verdict.evidence;
    return { identity, ...(evidence ? { evidence } : {}), prefix: [...(inner?.prefix ?? []), segment] };
  }

  /** What a match says about an object of this shape: the evidence, and for an object type without a name, its kind. */
  private evidenceOf(shape: Shape): { evidence?: string; unnamed?: string } {
    const evidence = shape.declared ?? shape.verdict.evidence;
    const first = shape.identity ? undefined : shape.verdict.fields[0]?.field;
    return { ...(evidence ? { evidence } : {}), ...(first !== undefined ? { unnamed: `object with \`${first}\`` } : {}) };
  }

  private shape(type: ts.Type, context: Context | undefined): Shape {
    const key = contextKey(context);
    let byKey = this.shapes.get(type);
    const hit = byKey?.get(key);
    if (hit) return hit;
    if (!byKey) this.shapes.set(type, (byKey = new Map()));
    const shape = this.computeShape(type, context);
    byKey.set(key, shape);
    return shape;
  }

  private computeShape(type: ts.Type, context: Context | undefined): Shape {
    const own = this.origins.identity(type);
    const identity = context?.identity ?? own;
    const properties = new Map<string, ts.Symbol>();
    const empty: Shape = { ...(identity ? { identity } : {}), verdict: { fields: [], hits: [] }, properties };
    if (this.isPrimitive(type) || this.isLibType(type) || type.getCallSignatures().length > 0) return empty;
    if ((own && this.isExcluded(own)) || (identity && this.isExcluded(identity))) return empty;
    // `Error.name`, `Date` members: TypeScript's own, never bank data.
    const ownProperties = type
      .getProperties()
      .filter((property) => !(property.declarations?.[0] && this.origins.isLib(property.declarations[0])))
      .map((property): { property: ts.Symbol; member: Member } => ({ property, member: { name: property.name, ...withAlias(this.origins.aliasOf(property)) } }));
    const listed = own ? this.listed(own) : undefined;
    const declared = listed ?? this.matchSdk(type);
    const names = [...new Set([...(own?.names ?? []), ...(identity?.names ?? [])])];
    const ownNames = own && !own.nested && !(context && own.kind === context.identity.kind && context.prefix.length > 0) ? own.names : [];
    const shapeOf = (verdict: ShapeVerdict): Shape => ({ ...empty, verdict, ...(declared ? { declared } : {}), ...(listed ? { listed: true } : {}) });
    // Names first: when no member's name is a financial field, their types cannot make one (a type only drops a
    // method or a schema column and marks a date, which is evidence for a field, not a field). So the members'
    // types are asked only then: an SDK's index class has hundreds of members typed by modules nothing else needs.
    const byName = this.rules.classify(
      ownProperties.map((p) => p.member),
      names,
      declared ?? context?.evidence,
      ownNames,
    );
    if (byName.hits.length === 0) return shapeOf(byName);
    const members: Member[] = [];
    for (const { property, member } of ownProperties) {
      const propertyType = this.checker.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length > 0 && !(propertyType.flags & PRIMITIVE)) continue; // methods
      if (this.isSchemaObject(propertyType)) continue; // a table's column or a schema's field definition, not a value
      members.push(this.isDate(propertyType) ? { ...member, isDate: true } : member);
      properties.set(property.name, property);
    }
    return shapeOf(this.rules.classify(members, names, declared ?? context?.evidence, ownNames));
  }

  /** "listed in `sources.types`", when a name of the type (or of where its fields come from) is. */
  private listed(identity: TypeIdentity): string | undefined {
    for (const name of identity.names) {
      const pattern = this.explicit.find((p) => p.test(name));
      if (pattern) return pattern.describe === `is \`${name}\`` ? 'listed in `sources.types`' : `name ${pattern.describe} (\`sources.types\`)`;
    }
    return undefined;
  }

  /** A type a bank-integration SDK declares (rules/sdks, `sources.sdkTypes`). */
  private matchSdk(type: ts.Type): string | undefined {
    if (this.sdkTypes.size === 0) return undefined;
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      const models = symbol && this.sdkTypes.get(symbol.name);
      const declaration = symbol?.declarations?.[0];
      if (!models || !declaration) continue;
      const address = addressOf(this.program, declaration);
      const model = models.find((m) => moduleMatches(address, m.module, this.baseDir));
      if (model) return `${model.sdk} model of account or transaction data`;
    }
    return undefined;
  }

  private isExcluded(identity: TypeIdentity): boolean {
    return this.excluded.length > 0 && identity.names.some((name) => this.excluded.some((p) => p.test(name)));
  }

  /** A listed type, or an SDK type in which no rule finds a financial field at any depth searched: every field of it is financial. */
  private isWhole(type: ts.Type, context: Context | undefined, shape: Shape): boolean {
    if (shape.listed) return true;
    if (!shape.declared || shape.verdict.fields.length > 0) return false;
    const inside = this.within(type, context);
    return inside.length === 1 && inside[0]!.whole === true;
  }

  // ---- what a value carries ----

  /** The financial fields a value of this type carries, per kind, a few levels deep. */
  private within(type: ts.Type, context: Context | undefined): Found[] {
    const key = contextKey(context);
    let byKey = this.withinCache.get(type);
    const hit = byKey?.get(key);
    if (hit !== undefined) return hit ?? [];
    if (!byKey) this.withinCache.set(type, (byKey = new Map()));
    byKey.set(key, null); // recursion guard for self-referencing types
    const found = new Map<string, Found>();
    this.search(type, context, 0, found, { left: WITHIN_BUDGET }, new Set());
    const result = [...found.values()];
    byKey.set(key, result);
    return result;
  }

  private search(type: ts.Type, context: Context | undefined, depth: number, found: Map<string, Found>, budget: { left: number }, seen: Set<ts.Type>): void {
    for (const part of this.valueParts(type)) {
      if (seen.has(part) || --budget.left < 0 || this.isHandle(part) || this.isSchemaObject(part)) continue;
      seen.add(part);
      const { identity, inner } = this.resolve(part, context);
      const shape = this.shape(part, inner);
      const prefix = inner?.prefix ?? [];
      // One entry per kind; the fields of one unnamed object together.
      const key = identity?.kind ?? `\u0000${this.anonymousKey(part)}`;
      if (shape.listed) {
        const fields = new Map([[prefix.join('.') || EVERY_FIELD, UNCLASSIFIED], ...shape.verdict.fields.map((h) => [[...prefix, h.field].join('.'), h.category] as const)]);
        addFound(found, key, { ...(identity ? { identity } : {}), evidence: shape.declared!, fields, whole: true });
        continue;
      }
      const before = countFields(found);
      for (const hit of shape.verdict.fields) {
        const property = shape.properties.get(hit.field)!;
        const nested = this.nestedContext(identity, shape, inner, hit.field);
        const inside = depth + 1 < WITHIN_DEPTH && nested ? this.within(this.checker.getTypeOfSymbol(property), { ...nested, absorb: true }).filter((f) => !f.whole) : [];
        const fields = inside.length > 0 ? inside.flatMap((f) => [...f.fields]) : [[[...prefix, hit.field].join('.'), hit.category] as const];
        addFound(found, key, { ...(identity ? { identity } : {}), ...this.evidenceOf(shape), fields: new Map(fields) });
      }
      if (depth + 1 < WITHIN_DEPTH && !this.isPrimitive(part) && !this.isLibType(part) && part.getCallSignatures().length === 0 && !(identity && this.isExcluded(identity))) {
        for (const property of part.getProperties()) {
          if (shape.verdict.fields.some((f) => f.field === property.name)) continue;
          const propertyType = this.checker.getTypeOfSymbol(property);
          if (this.isPrimitive(propertyType) || propertyType.getCallSignatures().length > 0) continue;
          this.search(propertyType, this.nestedContext(identity, shape, inner, property.name), depth + 1, found, budget, seen);
        }
      }
      if (shape.declared && countFields(found) === before) {
        addFound(found, key, { ...(identity ? { identity } : {}), evidence: shape.declared, fields: new Map([[prefix.join('.') || EVERY_FIELD, UNCLASSIFIED]]), whole: true });
      }
    }
  }

  private toMatches(found: readonly Found[]): FinancialMatch[] {
    const byKind = new Map<string, Found>();
    for (const f of found) {
      if (f.fields.size === 0) continue;
      const kind = f.identity?.kind ?? f.unnamed ?? `object with \`${[...f.fields.keys()][0]}\``;
      const kept = byKind.get(kind);
      if (kept) for (const [path, category] of f.fields) kept.fields.set(path, category);
      else byKind.set(kind, { ...f, fields: new Map(f.fields) });
    }
    return [...byKind.entries()].map(([kind, f]) => {
      const summary = summarizeFields(f.fields);
      return { kind, reason: this.reason(f.identity, f.evidence, f.fields, summary), fields: [...f.fields.keys()], categories: [...new Set(f.fields.values())], summary };
    });
  }

  /** "type `BankAccount` (src/model.ts:2): fields `iban` (account-identifier), `balance` (balance); name matches `Account`". */
  private reason(identity: TypeIdentity | undefined, evidence: string | undefined, fields: ReadonlyMap<string, string>, summary: string): string {
    const paths = [...fields.keys()];
    const shown = paths[0] === EVERY_FIELD && paths.length === 1 ? summary : `${paths.length === 1 ? 'field' : 'fields'} ${summary}`;
    // "field `iban`" as evidence says nothing the field list does not.
    const why = evidence && !paths.some((path) => evidence === `field \`${path}\``) ? `; ${evidence}` : '';
    return `${identity ? identity.label : 'its type'}: ${shown}${why}`;
  }

  // ---- types ----

  private awaited(type: ts.Type): ts.Type {
    return this.checker.getAwaitedType(type) ?? type;
  }

  /** The object types a value of this type may be at a property read: union and intersection members, through promises. */
  private objectParts(type: ts.Type): ts.Type[] {
    const awaited = this.awaited(type);
    if (awaited.isUnion()) return awaited.types.flatMap((t) => this.objectParts(t));
    if (awaited.isIntersection()) return awaited.types.filter((t) => !this.isPrimitive(t));
    return this.isPrimitive(awaited) ? [] : [awaited];
  }

  /** The object types a whole value may carry: members, array and tuple elements, promise results, type arguments of lib containers. */
  private valueParts(type: ts.Type): ts.Type[] {
    const parts: ts.Type[] = [];
    const visit = (t: ts.Type, depth: number): void => {
      if (depth > 3 || this.isPrimitive(t)) return;
      const awaited = this.awaited(t);
      if (awaited !== t) return visit(awaited, depth + 1);
      if (t.isUnion() || t.isIntersection()) return t.types.forEach((m) => visit(m, depth + 1));
      if (this.isLibType(t) || this.checker.isTupleType(t)) return this.typeArguments(t).forEach((a) => visit(a, depth + 1));
      if (t.getCallSignatures().length > 0) return;
      if (this.checker.isArrayLikeType(t)) {
        const element = this.checker.getIndexTypeOfType(t, ts.IndexKind.Number);
        if (element) return visit(element, depth + 1);
      }
      parts.push(t);
    };
    visit(type, 0);
    return parts;
  }

  /** Element types for `[]` or a position: the one element of a tuple at a known position, else every element. */
  private elements(type: ts.Type, segment: string): ts.Type[] {
    const awaited = this.awaited(type);
    if (awaited.isUnion()) return awaited.types.flatMap((t) => this.elements(t, segment));
    if (this.checker.isTupleType(awaited)) {
      const args = this.checker.getTypeArguments(awaited as ts.TypeReference);
      return /^\d+$/.test(segment) && Number(segment) < args.length ? [args[Number(segment)]!] : [...args];
    }
    const element = this.checker.getIndexTypeOfType(awaited, ts.IndexKind.Number) ?? this.checker.getIndexTypeOfType(awaited, ts.IndexKind.String);
    if (element) return [element];
    return this.isLibType(awaited) ? this.typeArguments(awaited).slice(-1) : [];
  }

  private typeArguments(type: ts.Type): readonly ts.Type[] {
    const args: ts.Type[] = [...(type.aliasTypeArguments ?? [])];
    if ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) args.push(...this.checker.getTypeArguments(type as ts.TypeReference));
    return args;
  }

  /** A property's type, or the string index type (`Record<string, Account>`). */
  private propertyType(type: ts.Type, name: string): ts.Type | undefined {
    const nonNull = this.checker.getNonNullableType(type);
    const property = this.checker.getPropertyOfType(nonNull, name);
    return property ? this.checker.getTypeOfSymbol(property) : this.checker.getIndexTypeOfType(nonNull, ts.IndexKind.String);
  }

  private isPrimitive(type: ts.Type): boolean {
    return (type.flags & PRIMITIVE) !== 0 && !type.isUnionOrIntersection();
  }

  /**
   * An object of a library's type with methods (a database client, a
   * repository, a query builder, a bot): a handle to data elsewhere, not
   * data; what it returns is asked for where it is called. Bank SDK models
   * are data, and so are a library's plain data types (`AxiosResponse`).
   */
  private isHandle(type: ts.Type): boolean {
    const known = this.handles.get(type);
    if (known !== undefined) return known;
    const declaration = type.getSymbol()?.declarations?.[0];
    const handle =
      declaration !== undefined &&
      this.origins.isExternal(declaration) &&
      !this.origins.isLib(declaration) &&
      this.matchSdk(type) === undefined &&
      type.getProperties().some((p) => p.declarations?.some((d) => ts.isMethodDeclaration(d) || ts.isMethodSignature(d)));
    this.handles.set(type, handle);
    return handle;
  }

  /** A value declared by a schema library (`sources.schemaLibraries`): a Drizzle column, a zod or valibot schema, not the data it describes. */
  private isSchemaObject(type: ts.Type): boolean {
    const declaration = (this.checker.getNonNullableType(type).getSymbol() ?? type.aliasSymbol)?.declarations?.[0];
    return declaration !== undefined && this.origins.isExternal(declaration) && moduleMatches(addressOf(this.program, declaration), this.schemaLibraries, this.baseDir);
  }

  /** Tells unnamed object types apart. */
  private anonymousKey(type: ts.Type): number {
    let key = this.anonymousKeys.get(type);
    if (key === undefined) this.anonymousKeys.set(type, (key = this.anonymousKeys.size + 1));
    return key;
  }

  private isDate(type: ts.Type): boolean {
    const symbol = this.checker.getNonNullableType(type).getSymbol();
    return symbol?.name === 'Date' && (symbol.declarations ?? []).some((d) => this.origins.isLib(d));
  }

  /** Declared in TypeScript's own lib files (Array, Promise, Map, Date, ...); not the anonymous result of a lib mapped type (`Pick<...>`). */
  private isLibType(type: ts.Type): boolean {
    const symbol = type.getSymbol();
    const declaration = symbol?.declarations?.[0];
    return declaration !== undefined && this.origins.typeName(type) !== undefined && symbol!.name !== '__type' && this.origins.isLib(declaration);
  }
}

/** Adds fields found for a kind to a search's results. */
function addFound(found: Map<string, Found>, key: string, more: Found): void {
  const kept = found.get(key);
  if (!kept) found.set(key, { ...more, fields: new Map(more.fields) });
  else {
    for (const [path, category] of more.fields) kept.fields.set(path, category);
    if (!more.whole) delete kept.whole;
    kept.evidence ??= more.evidence;
  }
}

function countFields(found: ReadonlyMap<string, Found>): number {
  let count = 0;
  for (const f of found.values()) count += f.fields.size;
  return count;
}

const contextKey = (context: Context | undefined): string => (context ? `${context.identity.kind}\u0000${context.evidence ?? ''}\u0000${context.prefix.join('.')}` : '');

const withAlias = (alias: string | undefined): { alias?: string } => (alias ? { alias } : {});
