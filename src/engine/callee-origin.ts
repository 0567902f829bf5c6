import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/**
 * What a callee written as a bare name stands for, found from its
 * declaration without asking for types where the syntax tells:
 * - a member taken out of its object: `({ send, reply }) => send(…)`, `const { post } = thread`;
 * - a bound or copied method: `const reply = ctx.reply.bind(ctx)`, `const notify = api.sendMessage.bind(api, chatId)`, `const post = client.post`;
 * - a function imported under another name: `import nodeFetch from 'node-fetch'`;
 * - a name declared with a type (`say: SayFn`), for callables modelled by their type alias.
 */
export interface CalleeOrigin {
  /** The declarations a `receiver.member(…)` call of the same member would resolve to. */
  declarations: ts.Declaration[];
  /** `.bind(thisArg, a, b)`: the bind call; the arguments it binds come before this call's own. */
  bound?: ts.CallExpression;
  /** How the callable got its name, for the API label. */
  how: 'destructured' | 'bound' | 'copied' | 'imported' | 'declared' | 'registered';
}

const MAX_HOPS = 4;

export function calleeOrigin(checker: ts.TypeChecker, call: ts.CallExpression): CalleeOrigin | undefined {
  let node = skipOuter(call.expression);
  let bound: ts.CallExpression | undefined;
  for (let hop = 0; hop < MAX_HOPS && ts.isIdentifier(node); hop++) {
    const symbol = checker.getSymbolAtLocation(node);
    if (!symbol) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) {
      const target = checker.getAliasedSymbol(symbol);
      const declarations = target.declarations ?? [];
      return declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile) ? { declarations, how: 'imported' } : undefined;
    }
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    if (ts.isBindingElement(declaration)) return destructured(checker, declaration, bound);
    if ((ts.isParameter(declaration) || ts.isVariableDeclaration(declaration)) && declaration.type) {
      return { declarations: [declaration], how: 'declared', ...(bound ? { bound } : {}) };
    }
    if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !isConst(declaration)) return undefined;
    let value = skipOuter(declaration.initializer);
    if (isBindCall(value)) {
      if (bound) return undefined;
      bound = value;
      value = skipOuter((value.expression as ts.PropertyAccessExpression).expression);
    }
    if (ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value)) {
      const name = ts.isPropertyAccessExpression(value) ? value.name : value.argumentExpression;
      const declarations = checker.getSymbolAtLocation(name)?.declarations ?? [];
      return declarations.length > 0 ? { declarations, how: bound ? 'bound' : 'copied', ...(bound ? { bound } : {}) } : undefined;
    }
    node = value;
  }
  return undefined;
}

/** `{ send }` or `{ send: s }` in an object pattern: the `send` member of the destructured value's type. */
function destructured(checker: ts.TypeChecker, element: ts.BindingElement, bound: ts.CallExpression | undefined): CalleeOrigin | undefined {
  if (!ts.isObjectBindingPattern(element.parent) || element.dotDotDotToken) return undefined;
  const nameNode = element.propertyName ?? element.name;
  if (!ts.isIdentifier(nameNode) && !ts.isStringLiteral(nameNode)) return undefined;
  const owner = checker.getTypeAtLocation(element.parent);
  const declarations = checker.getPropertyOfType(owner, nameNode.text)?.declarations ?? [];
  return declarations.length > 0 ? { declarations, how: 'destructured', ...(bound ? { bound } : {}) } : undefined;
}

function isConst(declaration: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
}

function isBindCall(node: ts.Expression): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind' && node.arguments.length >= 1;
}

/**
 * The type alias or interface a declaration's written type names
 * (`say: SayFn` → `SayFn`), resolved through imports; no type is computed.
 */
export function declaredTypeName(checker: ts.TypeChecker, declaration: ts.Declaration): { name: string; declaration: ts.Declaration } | undefined {
  const typeNode = (declaration as { type?: ts.TypeNode }).type;
  if (!typeNode || !ts.isTypeReferenceNode(typeNode)) return undefined;
  const nameNode = ts.isIdentifier(typeNode.typeName) ? typeNode.typeName : typeNode.typeName.right;
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const target = symbol?.declarations?.[0];
  return symbol && target ? { name: symbol.name, declaration: target } : undefined;
}
