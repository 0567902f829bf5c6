import { ts } from '@ts-morph/common';
import { calleeName, skipOuter } from './declarations.js';

const MAX_STEPS = 12;

/** The value a variable holds when it has exactly one: its initializer (`let` never reassigned included). */
function initializerOf(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Expression | ts.Declaration | undefined {
  const symbol = checker.getSymbolAtLocation(identifier);
  const declaration = symbol?.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration)) return declaration.initializer;
  return declaration;
}

/**
 * The module a value comes from, for SDKs without typings: follows variables,
 * property reads, `new`, calls and `await` back to an `import` or `require()`
 * of a package. `const bot = new (require('viber-bot').Bot)(…)` → `viber-bot`.
 */
export function importOrigin(checker: ts.TypeChecker, expression: ts.Expression): string | undefined {
  let node: ts.Node = expression;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (ts.isExpression(node)) node = skipOuter(node);
    if (ts.isIdentifier(node)) {
      const next = initializerOf(checker, node);
      if (!next) return undefined;
      node = next;
    } else if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) {
      let declaration: ts.Node = node;
      while (!ts.isImportDeclaration(declaration)) declaration = declaration.parent;
      return ts.isStringLiteral(declaration.moduleSpecifier) ? declaration.moduleSpecifier.text : undefined;
    } else if (ts.isImportEqualsDeclaration(node)) {
      const reference = node.moduleReference;
      return ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression) ? reference.expression.text : undefined;
    } else if (ts.isBindingElement(node)) {
      let owner: ts.Node = node;
      while (ts.isBindingElement(owner) || ts.isObjectBindingPattern(owner) || ts.isArrayBindingPattern(owner)) owner = owner.parent;
      if (!ts.isVariableDeclaration(owner) || !owner.initializer) return undefined;
      node = owner.initializer;
    } else if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      node = node.expression;
    } else if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        return node.arguments[0].text;
      }
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        return node.arguments[0].text;
      }
      node = callee;
    } else if (ts.isNewExpression(node) || ts.isAwaitExpression(node)) {
      node = node.expression;
    } else return undefined;
  }
  return undefined;
}

/** `a.b.c` for the callee `client.channels.sms.send` minus its root: `channels.sms.send`. */
export function memberChain(callee: ts.Expression): string {
  const names: string[] = [];
  let node = skipOuter(callee);
  while (ts.isPropertyAccessExpression(node)) {
    names.unshift(node.name.text);
    node = skipOuter(node.expression);
  }
  if (ts.isIdentifier(node) && names.length === 0) names.push(node.text);
  return names.join('.');
}

/**
 * The call that produced a receiver, if it is named one of `methods`:
 * `req` in `req.end(body)` after `const req = https.request(url)`, or the
 * `post(url)` under `superagent.post(url).set(…).send(body)`.
 */
export function producerCall(checker: ts.TypeChecker, receiver: ts.Expression, methods: readonly string[]): ts.CallExpression | undefined {
  let node: ts.Expression = receiver;
  for (let step = 0; step < MAX_STEPS; step++) {
    node = skipOuter(node);
    if (ts.isAwaitExpression(node)) node = node.expression;
    else if (ts.isIdentifier(node)) {
      const next = initializerOf(checker, node);
      if (!next || !ts.isExpression(next)) return undefined;
      node = next;
    } else if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (name !== undefined && methods.includes(name)) return node;
      const callee = skipOuter(node.expression);
      if (!ts.isPropertyAccessExpression(callee)) return undefined;
      node = callee.expression; // a chained call on the same request: `.set(...)`, `.type(...)`
    } else return undefined;
  }
  return undefined;
}
