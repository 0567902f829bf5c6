import { ts } from '@ts-morph/common';

/** Where a node sits: the function and loop around it, and what always runs before it. */

export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** The outermost loop around a node inside `stop` (its function). */
export function enclosingLoop(node: ts.Node, stop: ts.Node | undefined): ts.IterationStatement | undefined {
  let loop: ts.IterationStatement | undefined;
  for (let current = node.parent; current && current !== stop; current = current.parent) {
    if (ts.isIterationStatement(current, false)) loop = current;
  }
  return loop;
}

/** A declaration, or an assignment statement whose block encloses the use: it runs on every path to the use. */
export function alwaysRunsBefore(definition: ts.Node, use: ts.Node): boolean {
  if (ts.isVariableDeclaration(definition)) return true;
  if (!ts.isExpressionStatement(definition)) return false;
  const block = definition.parent;
  for (let current: ts.Node | undefined = use; current; current = current.parent) {
    if (current === block) return true;
  }
  return false;
}

export function isAncestor(ancestor: ts.Node, node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}
