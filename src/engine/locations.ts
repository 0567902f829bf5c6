import { ts } from '@ts-morph/common';
import type { SourceLocation } from './finding.js';

export function locationOf(node: ts.Node): SourceLocation {
  const sourceFile = node.getSourceFile();
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return {
    file: sourceFile.fileName,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** The node's text on one line, without comments, shortened for labels and traces. */
export function shortText(node: ts.Node, max = 60): string {
  const text = withoutComments(node.getText()).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const scanner = ts.createScanner(ts.ScriptTarget.Latest, false);

function withoutComments(text: string): string {
  if (!text.includes('//') && !text.includes('/*')) return text;
  scanner.setText(text);
  let out = '';
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) out += ' ';
    else out += scanner.getTokenText();
  }
  return out;
}

/** Name of the nearest named function, method or class member around a node. */
export function enclosingFunctionName(node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      const name = functionName(current);
      if (name) return name;
    }
  }
  return undefined;
}

/**
 * What a reader calls the code a node is in: the nearest named function
 * (`formatBalance`, `BankBot.onMessage`), else the outermost anonymous function
 * described by where it is passed (`callback of discord.on()`); undefined at a
 * module's top level.
 */
export function enclosingScopeName(node: ts.Node): string | undefined {
  const named = enclosingFunctionName(node);
  if (named !== undefined) return named;
  let outermost: ts.SignatureDeclaration | undefined;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) if (ts.isFunctionLike(current)) outermost = current;
  if (!outermost) return undefined;
  const parent = outermost.parent;
  if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent))) return `callback of ${shortText(parent.expression, 40)}`;
  const line = outermost.getSourceFile().getLineAndCharacterOfPosition(outermost.getStart()).line + 1;
  return `function at line ${line}`;
}

export function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    const owner = ts.isClassLike(fn.parent) && fn.parent.name ? `${fn.parent.name.text}.` : '';
    return owner + fn.name.text;
  }
  if (ts.isConstructorDeclaration(fn) && fn.parent.name) return `${fn.parent.name.text} constructor`;
  const parent = fn.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}
