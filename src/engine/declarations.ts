import path from 'node:path';
import { ts } from '@ts-morph/common';

/**
 * Where a declaration lives, in the terms a policy uses: the package (or
 * project file) that declares it, the class/interface/alias around it, and
 * the member path inside that type (`chat.postMessage`).
 */
export interface DeclarationAddress {
  /** npm package name (`@types/x` reported as `x`), `lib` for TypeScript's own lib files, or the absolute file path of a project file. */
  module: string;
  type?: string;
  member: string;
  file: string;
}

export function packageOfFile(program: ts.Program, sourceFile: ts.SourceFile): string {
  if (program.isSourceFileDefaultLibrary(sourceFile)) return 'lib';
  const fileName = sourceFile.fileName;
  const marker = '/node_modules/';
  const at = fileName.lastIndexOf(marker);
  if (at < 0) return fileName;
  const parts = fileName.slice(at + marker.length).split('/');
  const folder = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  const name = installedName(`${fileName.slice(0, at + marker.length)}${folder}`, folder);
  if (name === 'typescript' || name === '@ts-morph/common') return 'lib';
  if (name.startsWith('@types/')) {
    const typed = name.slice('@types/'.length);
    return typed.includes('__') ? `@${typed.replace('__', '/')}` : typed;
  }
  return name;
}

const installedNames = new Map<string, string>();

/**
 * The name a package was published under, read from its package.json: an
 * install under an alias (`"tg-v2": "npm:node-telegram-bot-api@2"`) still
 * declares what the real package declares.
 */
function installedName(packageDir: string, folder: string): string {
  let name = installedNames.get(packageDir);
  if (name === undefined) {
    name = folder;
    try {
      const text = ts.sys.readFile(`${packageDir}/package.json`);
      const declared = text ? (JSON.parse(text) as { name?: unknown }).name : undefined;
      if (typeof declared === 'string' && declared) name = declared;
    } catch {
      // unreadable or malformed package.json: keep the folder name
    }
    installedNames.set(packageDir, name);
  }
  return name;
}

const MEMBER_KINDS = new Set([
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.PropertyAssignment,
]);

export function addressOf(program: ts.Program, declaration: ts.Node): DeclarationAddress {
  const members: string[] = [];
  let type: string | undefined;
  for (let node: ts.Node | undefined = declaration; node && !ts.isSourceFile(node); node = node.parent) {
    if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      type = node.name?.text;
      break;
    }
    if (MEMBER_KINDS.has(node.kind)) {
      const name = (node as ts.NamedDeclaration).name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) members.unshift(name.text);
    }
  }
  const sourceFile = declaration.getSourceFile();
  return { module: packageOfFile(program, sourceFile), type, member: members.join('.'), file: sourceFile.fileName };
}

/**
 * Whether a declaration's module is the policy's `module`: a package name, or
 * a path relative to the policy's folder (matched with or without extension,
 * and as a folder's index file).
 */
export function moduleMatches(address: DeclarationAddress, wanted: string | readonly string[], baseDir: string): boolean {
  const list = typeof wanted === 'string' ? [wanted] : wanted;
  return list.some((module) => {
    if (module.startsWith('.') || path.isAbsolute(module)) {
      const target = path.resolve(baseDir, module);
      const file = address.file.replace(/\.(d\.)?[mc]?[jt]sx?$/, '');
      return file === target || file === path.join(target, 'index');
    }
    return address.module === module;
  });
}

export const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** `Type.method` → `method`: the name a call site shows. */
export const lastSegment = (member: string): string => member.slice(member.lastIndexOf('.') + 1);

/** Appends to the list a multimap keeps under `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Symbols a call's callee resolves to: through import aliases and to every declaration of a union property. */
export function calleeDeclarations(checker: ts.TypeChecker, call: ts.CallExpression | ts.NewExpression): ts.Declaration[] {
  const callee = skipOuter(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee)
    ? callee.name
    : ts.isElementAccessExpression(callee)
      ? callee.argumentExpression
      : callee;
  const declarations: ts.Declaration[] = [];
  let symbol = checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (symbol?.declarations) declarations.push(...symbol.declarations);
  if (declarations.length === 0 && ts.isCallExpression(call)) {
    const declaration = checker.getResolvedSignature(call)?.declaration;
    if (declaration && !ts.isJSDocSignature(declaration)) declarations.push(declaration);
  }
  return declarations;
}

/** Drops parentheses, type assertions, `!` and `satisfies`, which do not change the value. */
export function skipOuter(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isTypeAssertionExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isSatisfiesExpression(current)
    ) {
      current = current.expression;
    } else return current;
  }
}

/** The last name of a callee as written: `b` in `a.b(...)`, `f` in `f(...)`. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  return undefined;
}
