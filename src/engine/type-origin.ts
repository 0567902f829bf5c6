import { ts } from '@ts-morph/common';
import { addressOf, moduleMatches, packageOfFile, skipOuter } from './declarations.js';
import { ProjectCode } from './project-code.js';
import { relativePath } from '../relative-path.js';

const ANONYMOUS = new Set(['__type', '__object', '__function', 'default']);
/** How many properties of an anonymous type are asked where they were declared. */
const ORIGIN_PROPERTIES = 6;

/** What a type is known as: its own name, or where its fields were declared. */
export interface TypeIdentity {
  /** Source kind shown in findings: the type's name, or the schema, table, entity or model its fields come from. */
  kind: string;
  /** Names matched against the policy's name words: the type's, an entity's table, the origin's. */
  names: string[];
  /** For explanations: "type `BankAccount` (src/model.ts:2)", "values of schema `transactionSchema` (src/schemas.ts:5)". */
  label: string;
  /** Declared by a dependency (an SDK's type, a library's class), not by the project. */
  external: boolean;
  /** Known by where its fields were declared, not by a name of its own (a mapped, inferred or inline type). */
  anonymous: boolean;
  /**
   * An inline object inside that declaration (`category: { id; name }` of a
   * `Transaction`), not the declaration's own fields: words that depend on
   * the type's name (`name` of a transaction) do not apply to it.
   */
  nested?: boolean;
}

/** Where an anonymous type's fields were declared: a named type (a Pick/Omit/Partial of it, a query result), a schema or table, a generated model. */
export interface Origin {
  names: string[];
  /** The declaration shown in explanations. */
  node: ts.Node;
  /** "type", "schema", "table", "entity", "class", "model". */
  what: string;
  /** The schema's or table's object literal, for `finleak sources`. */
  literal?: ts.ObjectLiteralExpression;
  /** Found by its field names alone: the type's properties kept no declarations. */
  alike?: boolean;
  /** The fields are those of an inline object inside the declaration, not its own. */
  nested?: boolean;
}

/** A project declaration and its field names, for types whose properties kept no declarations. */
interface Declared {
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.ClassLikeDeclaration | ts.ObjectLiteralExpression;
  fields: ReadonlySet<string>;
}

/** How alike two field-name sets must be (shared / all) to name a type after a declaration. */
const ALIKE = 0.6;

/**
 * Names types for findings and explanations, and finds the origin of
 * anonymous ones. Mapped types (Pick, Omit, Partial, zod's and Drizzle's
 * inferred rows, Kysely's `Selectable<>`, Prisma's results) keep their
 * properties' declarations, so a query result still knows its table.
 */
export class TypeOrigins {
  private readonly identities = new Map<ts.Type, TypeIdentity | null>();
  private declaredShapes?: Declared[];

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    private readonly schemaLibraries: readonly string[],
    private readonly baseDir: string,
    private readonly rootDir: string,
  ) {}

  /** The type's own name where it has one (not a lib alias like `Partial`). */
  typeName(type: ts.Type): string | undefined {
    const name = type.aliasSymbol?.name ?? type.getSymbol()?.name;
    return name && !ANONYMOUS.has(name) ? name : undefined;
  }

  identity(type: ts.Type): TypeIdentity | undefined {
    const hit = this.identities.get(type);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.computeIdentity(type);
    this.identities.set(type, found ?? null);
    return found;
  }

  private computeIdentity(type: ts.Type): TypeIdentity | undefined {
    const origin = this.origin(type);
    const originNames = origin?.names ?? [];
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      const declaration = symbol?.declarations?.[0];
      if (!symbol || !declaration || ANONYMOUS.has(symbol.name) || this.isLib(declaration)) continue;
      const external = this.isExternal(declaration);
      // A library's own generic alias (`InferSelectModel`, `Selectable`) says less than where the fields came from.
      if (external && origin && !this.isExternal(origin.node) && isGenericAlias(type, symbol)) break;
      const entity = ts.isClassLike(declaration) ? entityName(declaration) : undefined;
      const qualified = this.qualifiedName(symbol);
      const names = unique([symbol.name, ...qualified.split('.').slice(0, -1), ...(entity ? [entity] : []), ...originNames]);
      const label = `type \`${qualified}\` (${this.where(declaration)})`;
      // An alias of a mapped type (`type EntrySummary = Pick<LedgerEntry, 'amount'>`, `type Txn = z.infer<...>`) names fields of another.
      if (origin && symbol === type.aliasSymbol && type.getSymbol()?.name === '__type' && !origin.names.includes(symbol.name)) {
        return { kind: origin.names[0]!, names, label: `${label}, fields of ${origin.what} \`${origin.names[0]}\` (${this.where(origin.node)})`, external, anonymous: true };
      }
      return { kind: qualified, names, label, external, anonymous: false };
    }
    if (!origin) return undefined;
    const shape = this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    const shown = shape.length <= 60 ? ` \`${shape}\`` : '';
    const label = `values${shown} ${origin.alike ? 'with the fields of' : 'of'} ${origin.what} \`${origin.names[0]}\` (${this.where(origin.node)})`;
    return { kind: origin.names[0]!, names: origin.names, label, external: this.isExternal(origin.node), anonymous: true, ...(origin.nested ? { nested: true } : {}) };
  }

  /** `Stripe.Charge`, `Balance.Available`: a type declared in a namespace is named with it (one level). */
  private qualifiedName(symbol: ts.Symbol): string {
    const full = this.checker.getFullyQualifiedName(symbol).replace(/^".*?"\./, '');
    const parts = full.split('.');
    return parts.length > 1 ? parts.slice(-2).join('.') : symbol.name;
  }

  /** `file:line` of a declaration for explanations: relative to the project, or the package name for dependencies. */
  where(node: ts.Node): string {
    const sourceFile = node.getSourceFile();
    if (this.program.isSourceFileDefaultLibrary(sourceFile)) return 'lib';
    if (ProjectCode.of(this.program).isDependency(sourceFile)) return packageOfFile(this.program, sourceFile);
    const named = (node as ts.NamedDeclaration).name;
    const line = sourceFile.getLineAndCharacterOfPosition((named ?? node).getStart(sourceFile)).line + 1;
    return `${relativePath(this.rootDir, sourceFile.fileName)}:${line}`;
  }

  isLib(node: ts.Node): boolean {
    return this.program.isSourceFileDefaultLibrary(node.getSourceFile());
  }

  isExternal(node: ts.Node): boolean {
    return ProjectCode.of(this.program).isDependency(node.getSourceFile());
  }

  /**
   * Where the fields of a type were declared, preferring a declaration in the
   * project. A type whose properties kept no declarations (Kysely's rows,
   * Drizzle's relational query results) is named after the project
   * declaration whose field names are most like its own.
   */
  origin(type: ts.Type): Origin | undefined {
    let found: Origin | undefined;
    let declared = false;
    const properties = type.getProperties();
    for (const property of properties.slice(0, ORIGIN_PROPERTIES)) {
      const declaration = property.declarations?.[0];
      declared ||= declaration !== undefined;
      if (!declaration || this.isLib(declaration)) continue;
      const origin = this.originOf(declaration);
      if (origin && !this.isExternal(origin.node)) return origin;
      found ??= origin;
    }
    return found ?? (declared || properties.length < 2 ? undefined : this.alike(properties.map((p) => p.name)));
  }

  private alike(fields: readonly string[]): Origin | undefined {
    let best: { origin: Origin; score: number } | undefined;
    let tie = false;
    for (const declared of this.declaredShapesOfProject()) {
      const shared = fields.filter((f) => declared.fields.has(f)).length;
      if (shared < 2) continue;
      const score = shared / (fields.length + declared.fields.size - shared);
      if (score < ALIKE || (best && score < best.score)) continue;
      const origin = this.declaredOrigin(declared.node);
      if (!origin) continue;
      tie = best !== undefined && score === best.score;
      best = { origin, score };
    }
    return best && !tie ? { ...best.origin, alike: true } : undefined;
  }

  /** A declaration of the project as an origin: a named type or class, or a schema or table literal. */
  private declaredOrigin(node: Declared['node']): Origin | undefined {
    if (ts.isObjectLiteralExpression(node)) return this.schemaOrigin(node);
    return node.name ? { names: [node.name.text], node, what: ts.isClassLike(node) ? 'class' : 'type' } : undefined;
  }

  /** Field names of the project's interfaces, type literals, classes and schema literals (`pgTable(..., { ... })`), indexed once. */
  private declaredShapesOfProject(): Declared[] {
    if (this.declaredShapes) return this.declaredShapes;
    const found: Declared[] = [];
    const names = (members: readonly ts.Node[]): Set<string> =>
      new Set(members.flatMap((m) => {
        const name = (m as ts.NamedDeclaration).name;
        return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && !ts.isMethodDeclaration(m) && !ts.isMethodSignature(m) ? [name.text] : [];
      }));
    const visit = (node: ts.Node): void => {
      if (ts.isInterfaceDeclaration(node)) found.push({ node, fields: names(node.members) });
      else if (ts.isTypeAliasDeclaration(node) && ts.isTypeLiteralNode(node.type)) found.push({ node, fields: names(node.type.members) });
      else if (ts.isClassLike(node)) found.push({ node, fields: names(node.members) });
      else if (ts.isObjectLiteralExpression(node) && ts.isCallExpression(node.parent)) found.push({ node, fields: names(node.properties) });
      ts.forEachChild(node, visit);
    };
    for (const sourceFile of ProjectCode.of(this.program).files()) ts.forEachChild(sourceFile, visit);
    return (this.declaredShapes = found.filter((d) => d.fields.size >= 2));
  }

  /** The column a select aliases: `{ who: transactions.payerName }` -> `payerName`. */
  aliasOf(property: ts.Symbol): string | undefined {
    const declaration = property.declarations?.[0];
    if (!declaration || !ts.isPropertyAssignment(declaration)) return undefined;
    const value = skipOuter(declaration.initializer);
    return ts.isPropertyAccessExpression(value) && this.schemaOfExpression(value.expression) ? value.name.text : undefined;
  }

  private originOf(declaration: ts.Node): Origin | undefined {
    // A select of columns (`db.select({ amount: transactions.amount })`): the columns' table.
    if (ts.isPropertyAssignment(declaration)) {
      const value = skipOuter(declaration.initializer);
      const table = ts.isPropertyAccessExpression(value) ? this.schemaOfExpression(value.expression) : undefined;
      if (table) return table;
    }
    let nested = false;
    for (let node: ts.Node | undefined = declaration.parent; node && !ts.isSourceFile(node); node = node.parent) {
      if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
        if (!node.name) return undefined;
        const entity = ts.isClassLike(node) ? entityName(node) : undefined;
        return { names: [node.name.text, ...(entity ? [entity] : [])], node, what: entity ? 'entity' : ts.isClassLike(node) ? 'class' : 'type', ...(nested ? { nested } : {}) };
      }
      // A type literal that is a property's type: an inline object inside the declaration, not its own fields.
      if (ts.isTypeLiteralNode(node) && isPropertyType(node)) nested = true;
      // A model generated from OpenAPI: `components['schemas']['Transaction']` is `{ Transaction: { ... } }` (models are PascalCase, fields are not).
      if (ts.isTypeLiteralNode(node) && ts.isPropertySignature(node.parent) && (ts.isIdentifier(node.parent.name) || ts.isStringLiteral(node.parent.name)) && /^[A-Z]/.test(node.parent.name.text)) {
        return { names: [node.parent.name.text], node: node.parent, what: 'model' };
      }
      if (ts.isObjectLiteralExpression(node)) return this.schemaOrigin(node);
      if (ts.isFunctionLike(node) || ts.isBlock(node)) return undefined;
    }
    return undefined;
  }

  /** `transactions` in `transactions.amount` (or `schema.transactions.amount`), when it is a schema or table variable. */
  private schemaOfExpression(expression: ts.Expression): Origin | undefined {
    const outer = skipOuter(expression);
    const node = ts.isPropertyAccessExpression(outer) ? outer.name : outer;
    if (!ts.isIdentifier(node)) return undefined;
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) ? this.schemaOfVariable(declaration) : undefined;
  }

  /** `const transactionSchema = z.object({ ... })`, `const transactions = pgTable(...)`: a schema or table built by a library. */
  schemaOfVariable(declaration: ts.VariableDeclaration): Origin | undefined {
    const literal = declaration.initializer && findObjectLiteral(declaration.initializer);
    const origin = literal && this.schemaOrigin(literal);
    return origin && origin.node === declaration ? origin : undefined;
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
    // A schema nested in another (`z.object({ details: z.object({ ... }) })`) is part of the outer one.
    if (parent && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) {
      const outer = this.schemaOrigin(parent.parent);
      if (outer) return { ...outer, nested: true };
    }
    if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) names.push(parent.name.text);
    const table = call.arguments.find(ts.isStringLiteral);
    if (table) names.push(table.text);
    if (names.length === 0) return undefined;
    return { names, node: parent ?? call, what: table ? 'table' : 'schema', literal };
  }
}

/** `{ ... }` as the type of a property (also as an array's element or a union member there). */
function isPropertyType(literal: ts.TypeLiteralNode): boolean {
  let node: ts.Node = literal.parent;
  while (ts.isArrayTypeNode(node) || ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node) || ts.isParenthesizedTypeNode(node)) node = node.parent;
  return ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node);
}

/** An alias with type arguments (`Selectable<LedgerPostingTable>`): a wrapper of another type's fields. */
function isGenericAlias(type: ts.Type, symbol: ts.Symbol): boolean {
  return type.aliasSymbol === symbol && (type.aliasTypeArguments?.length ?? 0) > 0;
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
export function findObjectLiteral(expression: ts.Expression): ts.ObjectLiteralExpression | undefined {
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

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
