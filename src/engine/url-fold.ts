import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/** Stands for a part of a URL whose value is not known statically. */
export const HOLE = '\u0000';

/** Beyond this many alternatives (unions, conditionals), the rest are dropped. */
const MAX_ALTERNATIVES = 8;
const MAX_DEPTH = 24;

interface Fold {
  checker: ts.TypeChecker;
  /** Where unknown parts were read from (`process.env.SLACK_WEBHOOK_URL`, `config.teams.webhookUrl`). */
  names: string[];
  /** Parameters of a folded project function, bound to the arguments of the call being folded. */
  bindings: Map<ts.Symbol, ts.Expression>;
  depth: number;
}

/**
 * Folds an expression to the strings it can evaluate to, as far as constants
 * allow: literals, template literals, `+`, `const` variables (also imported),
 * properties of constant object literals (imported config objects), fields a
 * constructor sets once, calls of small project functions that return a
 * template (`apiUrl('sendMessage')`), `new URL(path, base)`, `String(x)`,
 * `url.toString()` / `.href`, `https.request` option objects (`{ hostname, path }`),
 * conditionals and union types (one alternative each). Unknown parts become HOLE;
 * the names they were read from are collected in `names`. An environment
 * default that says nothing (`process.env.X ?? ''`) keeps the unknown value.
 */
export function foldStrings(checker: ts.TypeChecker, expression: ts.Expression, names: string[] = []): string[] {
  return fold({ checker, names, bindings: new Map(), depth: 0 }, expression);
}

/** The first alternative of `foldStrings`. */
export function foldString(checker: ts.TypeChecker, expression: ts.Expression, names: string[] = []): string {
  return foldStrings(checker, expression, names)[0] ?? HOLE;
}

function fold(context: Fold, expression: ts.Expression): string[] {
  if (context.depth > MAX_DEPTH) return [HOLE];
  context.depth++;
  try {
    return foldNode(context, skipOuter(expression));
  } finally {
    context.depth--;
  }
}

function foldNode(context: Fold, node: ts.Expression): string[] {
  const again = (e: ts.Expression): string[] => fold(context, e);
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) {
    let texts = [node.head.text];
    for (const span of node.templateSpans) texts = concat(concat(texts, again(span.expression)), [span.literal.text]);
    return texts;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return concat(again(node.left), again(node.right));
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return withDefault(again(node.left), () => again(node.right));
  }
  if (ts.isConditionalExpression(node)) return alternatives([...again(node.whenTrue), ...again(node.whenFalse)]);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.[0]) {
    const [relative, base] = node.arguments;
    if (!base) return again(relative!);
    const bases = again(base);
    return alternatives(again(relative!).flatMap((r) => bases.map((b) => joinUrl(b, r))));
  }
  if (ts.isCallExpression(node)) {
    const passed = passThrough(node);
    if (passed) return again(passed);
    const returned = returnedBy(context, node);
    if (returned) return returned;
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'href') return again(node.expression);
  if (ts.isObjectLiteralExpression(node)) return requestOptions(node, again) ?? [HOLE];
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const bound = ts.isIdentifier(node) ? boundArgument(context, node) : undefined;
    if (bound) return again(bound);
    const initializer = constantInitializer(context.checker, node);
    if (initializer) return again(initializer);
    const typed = foldType(context.checker.getTypeAtLocation(node));
    if (typed !== undefined) return typed;
    context.names.push(node.getText());
    return [HOLE];
  }
  return foldType(context.checker.getTypeAtLocation(node)) ?? [HOLE];
}

/** Every combination of a prefix and a suffix, at most MAX_ALTERNATIVES. */
function concat(prefixes: readonly string[], suffixes: readonly string[]): string[] {
  return alternatives(prefixes.flatMap((p) => suffixes.map((s) => p + s)));
}

const alternatives = (list: string[]): string[] => [...new Set(list)].slice(0, MAX_ALTERNATIVES);

/**
 * `a ?? b`, `a || b`: a known `a` is the value; an unknown one is replaced by
 * its default, unless the default is empty (`process.env.PHONE_ID ?? ''` is
 * the environment's value, not '').
 */
function withDefault(values: string[], fallback: () => string[]): string[] {
  if (values.every((v) => v.replaceAll(HOLE, '') !== '')) return values;
  const defaults = fallback().filter((d) => d.replaceAll(HOLE, '').trim() !== '');
  return alternatives(values.flatMap((v) => (v.replaceAll(HOLE, '') !== '' || defaults.length === 0 ? [v] : defaults)));
}

/** Calls whose string result is their argument or receiver: `String(x)`, `x.toString()`, `x.trim()`. */
function passThrough(call: ts.CallExpression): ts.Expression | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'String' && call.arguments.length === 1) return call.arguments[0];
  if (ts.isPropertyAccessExpression(callee) && call.arguments.length === 0 && /^(toString|trim)$/.test(callee.name.text)) return callee.expression;
  return undefined;
}

/**
 * A call of a project function whose body only returns an expression
 * (`const apiUrl = (method: string) => \`${BASE}/${method}\``): that
 * expression, with the function's parameters bound to this call's arguments.
 */
function returnedBy(context: Fold, call: ts.CallExpression): string[] | undefined {
  const callee = skipOuter(call.expression);
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return undefined;
  let symbol = context.checker.getSymbolAtLocation(ts.isIdentifier(callee) ? callee : callee.name);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = context.checker.getAliasedSymbol(symbol);
  let declaration: ts.Node | undefined = symbol?.valueDeclaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) declaration = skipOuter(declaration.initializer);
  if (!declaration || !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration) || ts.isMethodDeclaration(declaration))) return undefined;
  if (declaration.getSourceFile().isDeclarationFile || !declaration.body) return undefined;
  const body = declaration.body;
  let returned: ts.Expression | undefined;
  if (!ts.isBlock(body)) returned = body;
  else if (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!)) returned = body.statements[0].expression;
  if (!returned) return undefined;
  const added: ts.Symbol[] = [];
  declaration.parameters.forEach((parameter, i) => {
    const argument = call.arguments[i] ?? parameter.initializer;
    const bound = ts.isIdentifier(parameter.name) ? context.checker.getSymbolAtLocation(parameter.name) : undefined;
    if (argument && bound && !context.bindings.has(bound)) {
      context.bindings.set(bound, argument);
      added.push(bound);
    }
  });
  try {
    return fold(context, returned);
  } finally {
    for (const symbol of added) context.bindings.delete(symbol);
  }
}

function boundArgument(context: Fold, identifier: ts.Identifier): ts.Expression | undefined {
  if (context.bindings.size === 0) return undefined;
  const symbol = context.checker.getSymbolAtLocation(identifier);
  return symbol ? context.bindings.get(symbol) : undefined;
}

/** String literal types, template literal types (`/channels/${string}/messages`) with their holes, and unions of them. */
function foldType(type: ts.Type): string[] | undefined {
  if (type.isUnion()) {
    const parts = type.types.map(foldType);
    return parts.every((p) => p !== undefined) ? alternatives(parts.flat() as string[]) : undefined;
  }
  if (type.isStringLiteral()) return [type.value];
  if (type.flags & ts.TypeFlags.TemplateLiteral) {
    const { texts } = type as ts.TemplateLiteralType;
    return [texts.join(HOLE)];
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
function requestOptions(node: ts.ObjectLiteralExpression, fold: (e: ts.Expression) => string[]): string[] | undefined {
  const host = propertyValue(node, 'hostname') ?? propertyValue(node, 'host');
  if (!host) return undefined;
  const pathNode = propertyValue(node, 'path');
  return concat(concat(['https://'], fold(host)), pathNode ? fold(pathNode) : ['/']);
}

/** The value written for property `name` in an object literal (`name: x` or shorthand `name`). */
export function propertyValue(node: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const property = node.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
  if (property && ts.isPropertyAssignment(property)) return property.initializer;
  if (property && ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

/**
 * The value of a name that has exactly one: the initializer of a `const`, of
 * a property in a constant object literal, of a `readonly` class field, or the
 * one assignment to a field in its class's constructor (`this.base = \`…\``).
 */
export function constantInitializer(checker: ts.TypeChecker, node: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression): ts.Expression | undefined {
  const nameNode = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  // `{ hostname }`: the property's value is the variable of that name.
  if (symbol?.valueDeclaration && ts.isShorthandPropertyAssignment(symbol.valueDeclaration)) symbol = checker.getShorthandAssignmentValueSymbol(symbol.valueDeclaration);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
    const list = declaration.parent;
    if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return declaration.initializer;
    return undefined;
  }
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  if (ts.isPropertyDeclaration(declaration)) {
    if (declaration.initializer) return ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly ? declaration.initializer : undefined;
    return constructorAssignment(declaration);
  }
  return undefined;
}

/** `this.name = value` as the only assignment to a field without initializer, in its class's constructor. */
function constructorAssignment(field: ts.PropertyDeclaration): ts.Expression | undefined {
  const name = field.name;
  if (!ts.isIdentifier(name) || !ts.isClassLike(field.parent)) return undefined;
  const constructor = field.parent.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  if (!constructor?.body) return undefined;
  const values = constructor.body.statements.flatMap((statement) => {
    if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return [];
    const { left, operatorToken, right } = statement.expression;
    const assigns = operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === name.text;
    return assigns ? [right] : [];
  });
  return values.length === 1 ? values[0] : undefined;
}

/** Whether one of the folded URLs can be one that `pattern` accepts, trying a few stand-ins for the unknown parts. */
export function urlMatches(folded: string | readonly string[], pattern: RegExp): boolean {
  return asArray(folded).some((url) => url.replaceAll(HOLE, '') !== '' && ['0', 'me', 'x'].some((filler) => pattern.test(url.replaceAll(HOLE, filler))));
}

/** Whether the host of a folded URL is unknown (it starts with a value not known statically). */
export const hostUnknown = (folded: string): boolean => folded.startsWith(HOLE);

/** The folded URL for display: unknown parts shown as `…`. */
export const displayUrl = (folded: string): string => folded.replaceAll(HOLE, '…');

const asArray = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);
