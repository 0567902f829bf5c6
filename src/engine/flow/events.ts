import { ts } from '@ts-morph/common';
import type { EventSpec } from '../../policy/types.js';
import { addressOf, asList, calleeDeclarations, moduleMatches, skipOuter } from '../declarations.js';
import type { FlowAnalyzer } from '../flow.js';

/** Event emitters (`rules/events.ts`): which `emit` calls reach a listener registered with `on`. */
export class Events {
  constructor(private readonly flow: FlowAnalyzer) {}

  /** The event model of a listener registration call (`emitter.on`), if its callee is one. */
  registration(declarations: readonly ts.Declaration[]): EventSpec | undefined {
    const { program, policy } = this.flow;
    for (const declaration of declarations) {
      const address = addressOf(program, declaration);
      const spec = (policy.events ?? []).find(
        (e) => e.register.includes(address.member) && moduleMatches(address, e.module, policy.baseDir) && (!e.type || asList(e.type).includes(address.type ?? '')),
      );
      if (spec) return spec;
    }
    return undefined;
  }

  /** `emit` calls on the same emitter, for the same event name where both are literals. */
  emitsFor(registration: ts.CallExpression, spec: EventSpec): ts.CallExpression[] {
    const { program, policy, checker } = this.flow;
    const callee = skipOuter(registration.expression);
    if (!ts.isPropertyAccessExpression(callee)) return [];
    const event = literalText(registration.arguments[0]);
    const emitter = this.emitterIdentity(callee.expression);
    const found: ts.CallExpression[] = [];
    for (const name of spec.emit) {
      for (const call of this.flow.stores.lookup(this.flow.callsByName, name)) {
        const emitCallee = skipOuter(call.expression);
        if (!ts.isPropertyAccessExpression(emitCallee)) continue;
        const other = literalText(call.arguments[0]);
        if (event !== undefined && other !== undefined && event !== other) continue;
        const declarations = calleeDeclarations(checker, call);
        const isEmit = declarations.some((d) => {
          const address = addressOf(program, d);
          return spec.emit.includes(address.member) && moduleMatches(address, spec.module, policy.baseDir);
        });
        if (isEmit && this.emitterIdentity(emitCallee.expression) === emitter) found.push(call);
      }
    }
    return found;
  }

  /** Which emitter an expression is: its variable or property symbol, or for `this`, the class. */
  private emitterIdentity(expression: ts.Expression): ts.Symbol | ts.Type | undefined {
    const { checker, stores } = this.flow;
    const node = skipOuter(expression);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return checker.getTypeAtLocation(node).getSymbol();
    const symbol = ts.isPropertyAccessExpression(node) ? stores.symbolOf(node.name) : stores.symbolOf(node);
    if (symbol?.valueDeclaration && ts.isVariableDeclaration(symbol.valueDeclaration) && symbol.valueDeclaration.initializer) {
      // `const events = new BankEvents()` and `this` inside BankEvents are the same emitter when the class is the project's own.
      const type = checker.getTypeAtLocation(node).getSymbol();
      if (type?.declarations?.some((d) => ts.isClassLike(d) && this.flow.isProjectNode(d))) return type;
    }
    return symbol;
  }
}

function literalText(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}
