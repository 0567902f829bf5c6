import { ts } from '@ts-morph/common';
import { addressOf, moduleMatches } from '../declarations.js';
import { compileTypePatterns } from '../financial-types.js';
import type { Fields, FlowAnalyzer } from '../flow.js';

/**
 * Values that carry no data: results of the policy's sanitizers, values of
 * its clean types (`MaskedIban`), and booleans, void and never.
 */
export class CleanValues {
  private readonly cleanTypes: { test(name: string): boolean }[];

  constructor(private readonly flow: FlowAnalyzer) {
    this.cleanTypes = compileTypePatterns(flow.policy.sanitizers.flatMap((s) => (s.type ? [s.type] : [])));
  }

  /** A whole value of a type that cannot hold data (boolean, void, null, never), or a promise of one. */
  carriesNoData(node: ts.Expression, fields: Fields): boolean {
    if (fields.length > 0 || holdsAValue(node)) return false;
    const checker = this.flow.checker;
    const type = checker.getTypeAtLocation(node);
    const awaited = ts.isCallExpression(node) || ts.isNewExpression(node) ? (checker.getAwaitedType(type) ?? type) : type;
    return (awaited.flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.VoidLike | ts.TypeFlags.Null | ts.TypeFlags.Never)) !== 0;
  }

  isSanitizer(declaration: ts.Declaration): boolean {
    const policy = this.flow.policy;
    if (policy.sanitizers.length === 0) return false;
    const address = addressOf(this.flow.program, declaration);
    const target = ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration);
    if (!target) return false;
    const name = address.member.slice(address.member.lastIndexOf('.') + 1);
    return policy.sanitizers.some((s) => s.function !== undefined && s.function === name && (!s.module || moduleMatches(address, s.module, policy.baseDir)));
  }

  /** A typed declassifier: the call's declared return type is a clean type of the policy (`MaskedIban`). */
  returnsCleanType(node: ts.CallExpression | ts.NewExpression): boolean {
    if (this.cleanTypes.length === 0 || ts.isNewExpression(node)) return false;
    const signature = this.flow.checker.getResolvedSignature(node);
    if (!signature) return false;
    return this.isCleanType(signature.getReturnType());
  }

  isCleanValue(node: ts.Expression): boolean {
    return this.cleanTypes.length > 0 && this.isCleanType(this.flow.checker.getTypeAtLocation(node));
  }

  private isCleanType(type: ts.Type): boolean {
    const awaited = this.flow.checker.getAwaitedType(type) ?? type;
    const members = awaited.isUnion() && !awaited.aliasSymbol ? awaited.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [awaited];
    return (
      members.length > 0 &&
      members.every((t) => {
        const names = [t.aliasSymbol?.name, t.getSymbol()?.name].filter((n): n is string => n !== undefined);
        return names.some((n) => this.cleanTypes.some((p) => p.test(n)));
      })
    );
  }
}

/**
 * A literal, template, object, array, function or class written here: its value is never a boolean,
 * void, null or never, so its type is not asked (checking a template or an object literal checks every
 * part of it, on code the flow may never follow).
 */
function holdsAValue(node: ts.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ClassExpression:
      return true;
    default:
      return false;
  }
}
