import { ts } from '@ts-morph/common';
import { skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { functionName } from '../locations.js';
import { ELEMENT } from '../payload-path.js';
import { EMPTY, extend, union, type Taint } from '../taint.js';

/** Function bodies: what a function returns or yields, and which bodies run for a callee. */
export class Functions {
  private readonly returns = new Map<ts.Node, ts.Expression[]>();
  private readonly yields = new Map<ts.Node, ts.Expression[]>();
  private readonly implementationMemo = new Map<ts.Node, ts.FunctionLikeDeclaration[]>();
  private readonly inheritsMemo = new Map<ts.Node, Set<ts.Symbol>>();

  constructor(private readonly flow: FlowAnalyzer) {}

  /** The bodies that run for a callee's declarations: the functions themselves, or the project's implementations of an interface method. */
  bodiesOf(declarations: readonly ts.Declaration[]): ts.FunctionLikeDeclaration[] {
    return [
      ...new Set(
        declarations.flatMap((d) => {
          const body = functionWithBody(d);
          return body ? [body] : this.implementationsOf(d);
        }),
      ),
    ];
  }

  /** What calling a function returns at `fields` (its `return` values, or for a generator read element-wise, its `yield`s). */
  result(fn: ts.FunctionLikeDeclaration, fields: Fields): Taint {
    const generator = fn.asteriskToken !== undefined;
    let expressions: ts.Expression[];
    let inner = fields;
    if (generator) {
      if (fields.length > 0 && fields[0] !== ELEMENT && !/^\d+$/.test(fields[0]!)) return EMPTY;
      expressions = this.yieldExpressions(fn);
      inner = fields.slice(1);
    } else expressions = this.returnExpressions(fn);
    const name = functionName(fn);
    return extend(union(expressions.map((e) => this.flow.taintOf(e, inner))), { node: fn, label: name ? `returned from \`${name}\`` : generator ? 'yielded by a generator' : 'returned from a callback' });
  }

  returnExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    const cached = this.returns.get(fn);
    if (cached) return cached;
    const found: ts.Expression[] = [];
    const body = fn.body;
    if (body && !ts.isBlock(body)) found.push(body);
    else if (body) {
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
        if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
    }
    this.returns.set(fn, found);
    return found;
  }

  /** Values a generator yields (`yield* x` yields the elements of `x`, approximated by `x`). */
  yieldExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    const cached = this.yields.get(fn);
    if (cached) return cached;
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isYieldExpression(node) && node.expression) found.push(node.expression);
      ts.forEachChild(node, visit);
    };
    if (fn.body) ts.forEachChild(fn.body, visit);
    this.yields.set(fn, found);
    return found;
  }

  /** Bodies behind a call through an interface or abstract method: the methods of project classes that implement it. */
  implementationsOf(declaration: ts.Declaration): ts.FunctionLikeDeclaration[] {
    const bodiless = ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration) || (ts.isMethodDeclaration(declaration) && !declaration.body);
    if (!bodiless || !declaration.name || !(ts.isIdentifier(declaration.name) || ts.isStringLiteral(declaration.name))) return [];
    const cached = this.implementationMemo.get(declaration);
    if (cached) return cached;
    const owner = declaration.parent;
    const stores = this.flow.stores;
    const ownerSymbol = (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? stores.symbolOf(owner.name) : undefined;
    const found: ts.FunctionLikeDeclaration[] = [];
    if (ownerSymbol) {
      for (const member of stores.lookup(stores.projectIndex().methodsByName, declaration.name.text)) {
        const body = functionWithBody(member);
        if (body && ts.isClassLike(member.parent) && this.ancestorsOf(member.parent).has(ownerSymbol)) found.push(body);
      }
    }
    this.implementationMemo.set(declaration, found);
    return found;
  }

  /** Symbols of every class and interface a class extends or implements, transitively. */
  private ancestorsOf(cls: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): Set<ts.Symbol> {
    const cached = this.inheritsMemo.get(cls);
    if (cached) return cached;
    const found = new Set<ts.Symbol>();
    this.inheritsMemo.set(cls, found);
    for (const clause of cls.heritageClauses ?? []) {
      for (const type of clause.types) {
        const symbol = this.flow.stores.symbolOf(type.expression);
        if (!symbol || found.has(symbol)) continue;
        found.add(symbol);
        for (const declaration of symbol.declarations ?? []) {
          if ((ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) && this.flow.isProjectNode(declaration)) {
            for (const ancestor of this.ancestorsOf(declaration)) found.add(ancestor);
          }
        }
      }
    }
    return found;
  }
}

/** The function whose body runs for a declaration: the declaration itself, an overload's implementation, or `const f = () => ...`. */
export function functionWithBody(declaration: ts.Declaration): ts.FunctionLikeDeclaration | undefined {
  if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isConstructorDeclaration(declaration) || ts.isGetAccessorDeclaration(declaration)) && declaration.body) {
    return declaration;
  }
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    const value = skipOuter(declaration.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  if (ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) return declaration;
  return undefined;
}
