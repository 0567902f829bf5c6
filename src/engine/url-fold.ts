import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/** Stands for a part of a URL whose value is not known statically. */
export const HOLE = '\u0000';

/**
 * Folds an expression to the string it evaluates to, as far as constants
 * allow: literals, template literals, `+`, `const` variables (also imported),
 * properties of constant object literals (imported config objects), `new URL(path, base)`,
 * `url.toString()` / `.href`, and `https.request` option objects (`{ hostname, path }`).
 * Unknown parts become HOLE; the names they were read from (`process.env.SLACK_WEBHOOK_URL`,
 * `config.teams.webhookUrl`, a parameter `slackUrl`) are collected in `names`.
 */
export function foldString(checker: ts.TypeChecker, expression: ts.Expression, names: string[] = [], depth = 0): string {
  if (depth > 20) return HOLE;
  const fold = (e: ts.Expression): string => foldString(checker, e, names, depth + 1);
  const node = skipOuter(expression);
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isNumericLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) text += fold(span.expression) + span.literal.text;
    return text;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return fold(node.left) + fold(node.right);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    const left = fold(node.left);
    return left.replaceAll(HOLE, '') ? left : fold(node.right);
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.[0]) {
    const [relative, base] = node.arguments;
    return base ? joinUrl(fold(base), fold(relative!)) : fold(relative!);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length === 0 && /^(toString|trim)$/.test(node.expression.name.text)) {
    return fold(node.expression.expression);
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'href') return fold(node.expression);
  if (ts.isObjectLiteralExpression(node)) return requestOptions(node, fold) ?? HOLE;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const initializer = constantInitializer(checker, node);
    if (initializer) return fold(initializer);
    const typed = foldType(checker.getTypeAtLocation(node));
    if (typed !== undefined) return typed;
    names.push(node.getText());
    return HOLE;
  }
  return foldType(checker.getTypeAtLocation(node)) ?? HOLE;
}

/** A string literal type, or a template literal type (`/channels/${string}/messages`) with its holes. */
function foldType(type: ts.Type): string | undefined {
  if (type.isStringLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.TemplateLiteral) {
    const { texts } = type as ts.TemplateLiteralType;
    return texts.join(HOLE);
  }
  return undefined;
}

/** `new URL('/x', base)`: an absolute path replaces the base's path; a relative one is appended. */
function joinUrl(base: string, relative: string): string {
  if (/^[a-z]+:\/\//i.test(relative)) return relative;
  const origin = /^([a-z]+:\/\/[^/]*)/i.exec(base)?.[1];
  if (relative.startsWith('/') && origin) return origin + relative;
  return base.endsWith('/') || relative.startsWith('/') ? base + relative : `${base.replace(/[^/]*$/, '')}${relative}`;
}

/** `{ hostname: 'api.telegram.org', path: '/bot…/sendMessage' }` as node:http(s) takes it. */
function requestOptions(node: ts.ObjectLiteralExpression, fold: (e: ts.Expression) => string): string | undefined {
  const value = (name: string): ts.Expression | undefined => {
    const property = node.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
    if (property && ts.isPropertyAssignment(property)) return property.initializer;
    if (property && ts.isShorthandPropertyAssignment(property)) return property.name;
    return undefined;
  };
  const host = value('hostname') ?? value('host');
  if (!host) return undefined;
  const pathNode = value('path');
  return `https://${fold(host)}${pathNode ? fold(pathNode) : '/'}`;
}

/** The initializer of a `const`, of a property in a constant object literal, or of a `readonly` class field. */
export function constantInitializer(checker: ts.TypeChecker, node: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Expression | undefined {
  const nameNode = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const list = declaration.parent;
    if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return declaration.initializer;
    return undefined;
  }
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  if (ts.isPropertyDeclaration(declaration) && declaration.initializer && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) {
    return declaration.initializer;
  }
  return undefined;
}

/** Whether a folded URL can be one that `pattern` accepts, trying a few stand-ins for the unknown parts. */
export function urlMatches(folded: string, pattern: RegExp): boolean {
  if (!folded.replaceAll(HOLE, '')) return false;
  return ['0', 'me', 'x'].some((filler) => pattern.test(folded.replaceAll(HOLE, filler)));
}

/** Whether the host of a folded URL is unknown (it starts with a value not known statically). */
export const hostUnknown = (folded: string): boolean => folded.startsWith(HOLE);

/** The folded URL for display: unknown parts shown as `…`. */
export const displayUrl = (folded: string): string => folded.replaceAll(HOLE, '…');
