import { ts } from '@ts-morph/common';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { shortText } from '../locations.js';
import { CALL, ELEMENT } from '../payload-path.js';
import { EMPTY, extend, union, type Step, type Taint } from '../taint.js';

/** Values built in place: object and array literals (field by field), template strings, operators. */
export class Expressions {
  constructor(private readonly flow: FlowAnalyzer) {}

  objectLiteral(node: ts.ObjectLiteralExpression, fields: Fields): Taint {
    const [head, ...rest] = fields;
    const wanted = (name: string): boolean => head === undefined || head === ELEMENT || head === name;
    const inner = head === undefined ? [] : rest;
    const parts: Taint[] = [];
    // A property written after a spread replaces what the spread put there: `{ ...account, iban: 'hidden' }.iban`.
    const last = head !== undefined && head !== ELEMENT ? node.properties.findLastIndex((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && propertyNameText(p.name) === head) : -1;
    for (const property of node.properties.slice(Math.max(0, last))) {
      if (ts.isSpreadAssignment(property)) {
        parts.push(extend(this.flow.taintOf(property.expression, fields), { node: property, label: 'spread into an object' }));
        continue;
      }
      const name = property.name && propertyNameText(property.name);
      if (name === undefined || !wanted(name)) continue;
      const step: Step = { node: property.name!, label: `stored in property \`${name}\`` };
      if (ts.isPropertyAssignment(property)) parts.push(extend(this.flow.taintOf(property.initializer, inner), step));
      else if (ts.isShorthandPropertyAssignment(property)) {
        parts.push(extend(this.flow.variables.identifier(property.name, this.flow.checker.getShorthandAssignmentValueSymbol(property), inner), step));
      } else if (ts.isGetAccessorDeclaration(property)) {
        parts.push(extend(union(this.flow.functions.returnExpressions(property).map((e) => this.flow.taintOf(e, inner))), step));
      } else if (ts.isMethodDeclaration(property) && inner[0] === CALL) {
        parts.push(extend(this.flow.functions.result(property, inner.slice(1)), step));
      }
    }
    return union(parts);
  }

  arrayLiteral(node: ts.ArrayLiteralExpression, fields: Fields): Taint {
    const [head, ...rest] = fields;
    if (head !== undefined && head !== ELEMENT && !/^\d+$/.test(head)) return EMPTY;
    const inner = head === undefined ? [] : rest;
    const position = head !== undefined && /^\d+$/.test(head) ? Number(head) : -1;
    const spreadBefore = (i: number) => node.elements.slice(0, i).some(ts.isSpreadElement);
    return union(
      node.elements.map((element, i) => {
        if (ts.isSpreadElement(element)) return this.flow.taintOf(element.expression, position >= 0 ? [ELEMENT, ...rest] : fields);
        if (position >= 0 && i !== position && !spreadBefore(i)) return EMPTY;
        return extend(this.flow.taintOf(element, inner), { node: element, label: 'stored in an array' });
      }),
    );
  }

  /** `` `${a} and ${b}` ``, and a tagged template (`` fmt`${a}` ``): every interpolated value, whole. */
  template(node: ts.TemplateExpression | ts.TaggedTemplateExpression): Taint {
    if (ts.isTemplateExpression(node)) {
      return extend(union(node.templateSpans.map((s) => this.flow.taintOf(s.expression, []))), { node, label: 'interpolated into a template string' });
    }
    if (!ts.isTemplateExpression(node.template)) return EMPTY;
    return extend(union(node.template.templateSpans.map((s) => this.flow.taintOf(s.expression, []))), { node, label: `interpolated into \`${shortText(node.tag, 30)}\`` });
  }

  binary(node: ts.BinaryExpression, fields: Fields): Taint {
    const operator = node.operatorToken.kind;
    switch (operator) {
      case ts.SyntaxKind.EqualsToken:
        return this.flow.taintOf(node.right, fields);
      case ts.SyntaxKind.CommaToken:
        return this.flow.taintOf(node.right, fields);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return union([this.flow.taintOf(node.left, fields), this.flow.taintOf(node.right, fields)]);
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.PlusEqualsToken:
        return extend(union([this.flow.taintOf(node.left, []), this.flow.taintOf(node.right, [])]), { node, label: 'concatenated with `+`' });
      case ts.SyntaxKind.MinusToken:
      case ts.SyntaxKind.AsteriskToken:
      case ts.SyntaxKind.SlashToken:
      case ts.SyntaxKind.PercentToken:
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return extend(union([this.flow.taintOf(node.left, []), this.flow.taintOf(node.right, [])]), { node, label: 'computed from it' });
      default:
        return EMPTY; // comparisons, `in`, `instanceof`: a boolean, not the data
    }
  }
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}
