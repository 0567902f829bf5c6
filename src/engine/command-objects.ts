import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/**
 * Command and request objects: built with `new`, sent later by a client
 * method that takes them as its first argument (`client.send(command)`,
 * `client.invoke(request)`). Only what the syntax shows is followed: the
 * argument itself or a `const` in the same function.
 */

/** The `new` expression a first argument is, directly or through a `const`. */
export function commandAt(checker: ts.TypeChecker, argument: ts.Expression | undefined): ts.NewExpression | undefined {
  let node = argument && skipOuter(argument);
  if (node && ts.isIdentifier(node)) {
    const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
    node = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConst(declaration) ? skipOuter(declaration.initializer) : undefined;
  }
  return node && ts.isNewExpression(node) ? node : undefined;
}

/** The calls a command built here is handed to as first argument: directly, or through the `const` it is stored in. */
export function callsReceiving(checker: ts.TypeChecker, command: ts.NewExpression): ts.CallExpression[] {
  let node: ts.Node = command;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) return [parent];
  if (!ts.isVariableDeclaration(parent) || !ts.isIdentifier(parent.name) || !isConst(parent)) return [];
  const name = parent.name;
  const symbol = checker.getSymbolAtLocation(name);
  const scope = ts.findAncestor(parent, (n) => ts.isFunctionLike(n) || ts.isSourceFile(n))!;
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.arguments[0]) {
      const argument = skipOuter(n.arguments[0]);
      if (ts.isIdentifier(argument) && argument.text === name.text && checker.getSymbolAtLocation(argument) === symbol) calls.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return calls;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}
