import { ts } from '@ts-morph/common';
import { calleeDeclarations, skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { extend, union, type Taint } from '../taint.js';

/** What a thrown value is, and the `throw` that throws it. */
interface ThrowSite {
  value: ts.Expression;
  node: ts.Node;
}

/** Thrown errors: what a `catch` receives, and what a promise rejects with, through the project functions that throw. */
export class Exceptions {
  private readonly throwsMemo = new Map<ts.Node, ThrowSite[] | 'pending'>();

  constructor(private readonly flow: FlowAnalyzer) {}

  /**
   * `catch (e)`: whatever the `try` block throws, directly or from the project
   * functions it calls; read at `use` inside `if (e instanceof X)`, only what
   * may be an `X`, and in its `else`, only what may not.
   */
  caught(declaration: ts.VariableDeclaration, fields: Fields, use: ts.Node): Taint {
    const tryStatement = declaration.parent.parent as ts.TryStatement;
    const sites = this.throwsIn(tryStatement.tryBlock).filter((site) => this.passesGuards(site, declaration, use));
    return extend(this.thrownTaint(sites, fields), { node: declaration.name, label: `caught as \`${declaration.name.getText()}\`` });
  }

  /** Whether a thrown value can reach `use` past the `instanceof` tests of the caught variable around it. */
  private passesGuards(site: ThrowSite, declaration: ts.VariableDeclaration, use: ts.Node): boolean {
    const checker = this.flow.checker;
    const thrown = checker.getTypeAtLocation(site.value);
    if (thrown.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true; // a rethrow: could be anything
    for (let child: ts.Node = use, node = use.parent; node && node !== declaration.parent; child = node, node = node.parent) {
      if (!ts.isIfStatement(node) && !ts.isConditionalExpression(node)) continue;
      const condition = ts.isIfStatement(node) ? node.expression : node.condition;
      const inThen = child === (ts.isIfStatement(node) ? node.thenStatement : node.whenTrue);
      const inElse = child === (ts.isIfStatement(node) ? node.elseStatement : node.whenFalse);
      const guard = (inThen || inElse) && this.instanceofGuard(condition, declaration);
      if (!guard) continue;
      const isInstance = this.derivesFrom(thrown, guard.type, 0);
      if ((inThen === guard.positive) !== isInstance) return false;
    }
    return true;
  }

  /** Whether a thrown value of this type is an instance of class `base` (by class, not by shape: two empty `Error` subclasses differ). */
  private derivesFrom(type: ts.Type, base: ts.Type, depth: number): boolean {
    if (type === base || (type.getSymbol() !== undefined && type.getSymbol() === base.getSymbol())) return true;
    if (depth > 8 || !((type.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class)) return false;
    const declared = ((type as ts.TypeReference).target ?? type) as ts.InterfaceType;
    return this.flow.checker.getBaseTypes(declared).some((b) => this.derivesFrom(b, base, depth + 1));
  }

  /** `e instanceof X` (or `!(e instanceof X)`) on the caught variable: X's instance type, and whether the test is positive. */
  private instanceofGuard(condition: ts.Expression, declaration: ts.VariableDeclaration): { type: ts.Type; positive: boolean } | undefined {
    let node = skipOuter(condition);
    let positive = true;
    while (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      positive = !positive;
      node = skipOuter(node.operand);
    }
    if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword) return undefined;
    const left = skipOuter(node.left);
    if (!ts.isIdentifier(left) || this.flow.checker.getSymbolAtLocation(left)?.valueDeclaration !== declaration) return undefined;
    const constructor = this.flow.stores.symbolOf(node.right);
    if (!constructor || !(constructor.flags & ts.SymbolFlags.Class)) return undefined;
    return { type: this.flow.checker.getDeclaredTypeOfSymbol(constructor), positive };
  }

  thrownTaint(sites: readonly ThrowSite[], fields: Fields): Taint {
    return union(sites.map((site) => extend(this.flow.taintOf(site.value, fields), { node: site.node, label: 'thrown' })));
  }

  /** What an expression (a promise, usually) throws or rejects with: the throws of the project functions it calls. */
  thrownBy(expression: ts.Expression): ThrowSite[] {
    const node = skipOuter(expression);
    if (ts.isAwaitExpression(node)) return this.thrownBy(node.expression);
    if (ts.isIdentifier(node)) {
      const declaration = this.flow.stores.symbolOf(node)?.valueDeclaration;
      return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? this.thrownBy(declaration.initializer) : [];
    }
    if (!ts.isCallExpression(node)) return [];
    const sites = this.throwsOfCall(node);
    const callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee) && !this.isProjectCall(node)) sites.push(...this.thrownBy(callee.expression));
    for (const arg of node.arguments) {
      const fn = this.flow.callbacks.functionOfValue(arg);
      if (fn && !ts.isSpreadElement(arg)) sites.push(...this.throwsOfFunction(fn));
    }
    return sites;
  }

  private isProjectCall(call: ts.CallExpression): boolean {
    return calleeDeclarations(this.flow.checker, call).some((d) => this.flow.isProjectNode(d));
  }

  private throwsOfCall(call: ts.CallExpression | ts.NewExpression): ThrowSite[] {
    const bodies = this.flow.functions.bodiesOf(calleeDeclarations(this.flow.checker, call));
    return bodies.filter((fn) => this.flow.isProjectNode(fn)).flatMap((fn) => this.throwsOfFunction(fn));
  }

  private throwsOfFunction(fn: ts.FunctionLikeDeclaration): ThrowSite[] {
    const known = this.throwsMemo.get(fn);
    if (known === 'pending') return [];
    if (known) return known;
    this.throwsMemo.set(fn, 'pending');
    const sites = fn.body ? this.throwsIn(fn.body) : [];
    this.throwsMemo.set(fn, sites);
    return sites;
  }

  /** Throws in a block, not counting nested functions or `try` blocks that catch their own errors. */
  private throwsIn(block: ts.Node): ThrowSite[] {
    const sites: ThrowSite[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isThrowStatement(node)) sites.push({ value: node.expression, node });
      if (ts.isTryStatement(node) && node.catchClause) {
        visit(node.catchClause.block);
        if (node.finallyBlock) visit(node.finallyBlock);
        return;
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) sites.push(...this.throwsOfCall(node));
      ts.forEachChild(node, visit);
    };
    if (ts.isBlock(block)) ts.forEachChild(block, visit);
    else visit(block);
    return sites;
  }
}
