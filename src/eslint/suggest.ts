import { ts } from '@ts-morph/common';
import { addressOf, moduleMatches } from '../engine/declarations.js';
import type { Finding, SourceLocation } from '../engine/finding.js';
import { shortText } from '../engine/locations.js';
import type { Policy } from '../policy/types.js';

export interface SanitizerSuggestion {
  sanitizer: string;
  expression: string;
  /** Range in the sink's file to replace. */
  start: number;
  end: number;
  replacement: string;
}

/**
 * Where wrapping the data in a configured sanitizer is a real fix: the first
 * expression of the reported path inside the sink's file whose type the
 * sanitizer accepts, where a function of that name from the configured module
 * is already in scope, and whose masked result still fits where it is used.
 * The engine treats a sanitizer's result as clean, so this flow is then gone.
 */
export function sanitizerSuggestions(program: ts.Program, finding: Finding, policy: Policy): SanitizerSuggestion[] {
  if (policy.sanitizers.length === 0) return [];
  const sourceFile = program.getSourceFile(finding.sink.location.file);
  if (!sourceFile) return [];
  const checker = program.getTypeChecker();
  for (const step of finding.trace) {
    if (step.location.file !== sourceFile.fileName) continue;
    const target = expressionAt(sourceFile, step.location);
    if (!target) continue;
    for (const spec of policy.sanitizers) {
      if (spec.function === undefined) continue; // a typed declassifier: nothing to wrap the value in
      const symbol = checker.getSymbolsInScope(target, ts.SymbolFlags.Value | ts.SymbolFlags.Alias).find((s) => s.name === spec.function);
      if (!symbol) continue;
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = resolved.valueDeclaration ?? resolved.declarations?.[0];
      if (!declaration || (spec.module && !moduleMatches(addressOf(program, declaration), spec.module, policy.baseDir))) continue;
      const signature = checker.getTypeOfSymbolAtLocation(symbol, target).getCallSignatures()[0];
      const parameter = signature?.parameters[0];
      if (!signature || !parameter || signature.parameters.length !== 1) continue;
      if (!checker.isTypeAssignableTo(checker.getTypeAtLocation(target), checker.getTypeOfSymbol(parameter))) continue;
      const expected = checker.getContextualType(target);
      if (expected && !checker.isTypeAssignableTo(signature.getReturnType(), expected)) continue;
      const start = target.getStart(sourceFile);
      return [{ sanitizer: spec.function, expression: shortText(target, 40), start, end: target.end, replacement: `${spec.function}(${target.getText(sourceFile)})` }];
    }
  }
  return [];
}

/** The expression spanning exactly this location, if it is a value that can be wrapped in a call. */
function expressionAt(sourceFile: ts.SourceFile, location: SourceLocation): ts.Expression | undefined {
  const start = sourceFile.getPositionOfLineAndCharacter(location.line - 1, location.column - 1);
  const end = sourceFile.getPositionOfLineAndCharacter(location.endLine - 1, location.endColumn - 1);
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.end < end || node.pos > start) return;
    if (node.getStart(sourceFile) === start && node.end === end && ts.isExpression(node) && isWrappable(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isWrappable(node: ts.Expression): boolean {
  const parent = node.parent;
  if (ts.isIdentifier(node)) {
    const isName = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isPropertyAssignment(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node;
    if (isName || ts.isShorthandPropertyAssignment(parent)) return false;
  }
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  if ((ts.isPropertyAccessExpression(parent) && parent.name === (node as ts.Node)) || ts.isCallExpression(parent) && parent.expression === node) return false;
  return !ts.isStringLiteralLike(node) && !ts.isNumericLiteral(node);
}
