import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/** Stands for a part of a URL whose value is not known statically. */
export const HOLE = '\u0000';

/**
 * Folds an expression to the string it evaluates to, as far as constants
 * allow: literals, template literals, `+`, `const` variables (also imported),
 * properties of constant object literals. Unknown parts become HOLE.
 */
export function foldString(checker: ts.TypeChecker, expression: ts.Expression, depth = 0): string {
  if (depth > 20) return HOLE;
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) text += foldString(checker, span.expression, depth + 1) + span.literal.text;
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return foldString(checker, node.left, depth + 1) + foldString(checker, node.right, depth + 1);
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    const initializer = constantInitializer(checker, node);
    if (initializer) return foldString(checker, initializer, depth + 1);
  }
  const type = checker.getTypeAtLocation(node);
  if (type.isStringLiteral()) return type.value;
  return HOLE;
}

function constantInitializer(checker: ts.TypeChecker, node: ts.Identifier | ts.PropertyAccessExpression): ts.Expression | undefined {
  let symbol = checker.getSymbolAtLocation(ts.isIdentifier(node) ? node : node.name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const list = declaration.parent;
    if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return declaration.initializer;
    return undefined;
  }
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  return undefined;
}

/** Whether a folded URL can be one that `pattern` accepts, trying a few stand-ins for the unknown parts. */
export function urlMatches(folded: string, pattern: RegExp): boolean {
  if (!folded.replaceAll(HOLE, '')) return false;
  return ['0', 'me', 'x'].some((filler) => pattern.test(folded.replaceAll(HOLE, filler)));
}

/** The folded URL for display: unknown parts shown as `…`. */
export const displayUrl = (folded: string): string => folded.replaceAll(HOLE, '…');
