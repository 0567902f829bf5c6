import { ts } from '@ts-morph/common';
import { skipOuter } from '../declarations.js';
import type { FinancialMatch } from '../financial-types.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { shortText } from '../locations.js';
import { CALL } from '../payload-path.js';
import { EMPTY, extend, union, type Flow, type ParamFlow, type Taint } from '../taint.js';

/**
 * Where a value becomes a source: a value whose static type (at a field
 * path) is financial, untyped data from a modelled source call, a financial
 * parameter nobody in the project fills; and property reads, where the path
 * below a value grows.
 */
export class Sources {
  constructor(private readonly flow: FlowAnalyzer) {}

  /**
   * What reaches `node` at `fields`: `derived` (from what it was computed
   * from), or else the value itself when it carries financial fields there:
   * one flow per kind, naming the fields.
   */
  withSource(node: ts.Expression, fields: Fields, derived: Taint): Taint {
    if (derived.flows.length > 0 || fields[0] === CALL || isBuiltHere(node) || this.flow.clean.isCleanValue(node)) return derived;
    const matches = this.financialAt(node, fields);
    if (matches.length === 0) return this.narrowed(node, derived);
    const parameters = derived.params.map((p) => p.parameter);
    const flows = matches.map((match): Flow => ({ ...sourceOf(match), steps: [{ node, label: sourceLabel(node, match) }], ...(parameters.length ? { parameters } : {}) }));
    return { flows, params: derived.params };
  }

  /**
   * A parameter read where the code has narrowed its type (`reply` inside
   * `if (reply.kind === 'greeting')`): its parameter flows say so, so that
   * callers' arguments of other types, and the other members of its declared
   * type, do not count there.
   */
  private narrowed(node: ts.Expression, derived: Taint): Taint {
    if (!ts.isIdentifier(node) || derived.params.length === 0) return derived;
    const checker = this.flow.checker;
    const symbol = checker.getSymbolAtLocation(node);
    const parameter = symbol?.valueDeclaration;
    if (!parameter || !ts.isParameter(parameter) || !derived.params.some((p) => p.parameter === parameter && !p.narrowed)) return derived;
    const type = checker.getTypeAtLocation(node);
    if (type === checker.getTypeOfSymbol(symbol!)) return derived;
    return { flows: derived.flows, params: derived.params.map((p) => (p.parameter === parameter && !p.narrowed ? { ...p, narrowed: type } : p)) };
  }

  /** A financial parameter no caller in the project fills (a framework handler's argument): the parameter itself is the source. */
  parameterSource(param: ParamFlow): Flow[] {
    if (param.fields[0] === CALL) return [];
    const name = param.parameter.name.getText();
    const type = param.narrowed ?? this.flow.checker.getTypeAtLocation(param.parameter.name);
    return this.flow.financial.at(type, param.fields).map((match) => ({
      ...sourceOf(match),
      steps: [{ node: param.parameter.name, label: `parameter \`${name}\` holds ${match.kind}: ${match.summary}` }, ...param.steps.slice(1)],
    }));
  }

  /**
   * The financial fields of the value at `fields` of `node`, one match per
   * kind: by its static type there (narrowed where the code narrows it), or
   * untyped data from a modelled call (`sources.calls`).
   */
  financialAt(node: ts.Node, fields: Fields): FinancialMatch[] {
    const byType = this.flow.financial.at(this.flow.checker.getTypeAtLocation(node), fields);
    if (byType.length > 0) return byType;
    const fromCall = this.flow.financial.fromCall(node, fields);
    return fromCall ? [fromCall] : [];
  }

  /** `object.name` (or `object[name]`) read at `fields`: the object at `[name, ...fields]`, and what a project class member holds. */
  propertyRead(node: ts.Expression, object: ts.Expression, name: string, fields: Fields): Taint {
    if (name === 'length' && fields.length === 0) return EMPTY;
    const inner = skipOuter(object);
    const ownObject = inner.kind === ts.SyntaxKind.ThisKeyword || inner.kind === ts.SyntaxKind.SuperKeyword;
    let taint = ownObject ? EMPTY : this.flow.taintOf(object, [name, ...fields]);
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isElementAccessExpression(node) ? node.argumentExpression : undefined;
    const member = nameNode && this.flow.stores.classMember(nameNode);
    if (member) {
      let fromMember = this.flow.stores.memberTaint(member, fields);
      // Through another object than `this`, the constructor's arguments were bound where that object was created.
      if (!ownObject) fromMember = { flows: fromMember.flows, params: fromMember.params.filter((p) => !ts.isConstructorDeclaration(p.fn)) };
      taint = union([taint, fromMember]);
    }
    const parent = node.parent;
    const innerLink = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node && !ts.isCallExpression(parent.parent);
    return innerLink ? taint : extend(taint, { node, label: `reads \`${shortText(node, 40)}\`` });
  }
}

const sourceOf = (match: FinancialMatch): Pick<Flow, 'kind' | 'reason' | 'fields' | 'categories'> => ({
  kind: match.kind,
  reason: match.reason,
  fields: match.fields,
  categories: match.categories,
});

/** "`account` holds BankAccount: `balance` (balance)": the first step of a trace names the financial fields. */
function sourceLabel(node: ts.Node, match: FinancialMatch): string {
  const text = shortText(node, 40);
  const inner = ts.isExpression(node) ? skipOuter(node) : node;
  if (ts.isCallExpression(inner) || ts.isAwaitExpression(inner)) return `\`${text}\` returns ${match.kind}: ${match.summary}`;
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return `reads \`${text}\` (${match.kind}: ${match.summary})`;
  return `\`${text}\` holds ${match.kind}: ${match.summary}`;
}

/**
 * A value the code builds on the spot from parts the flow follows one by one
 * (an object or array literal, a template, a literal): what it carries is what
 * its parts carry, not what its inferred type's field names suggest. A query
 * filter `{ amount: { $lt: 0 } }` holds no one's amount.
 */
function isBuiltHere(node: ts.Expression): boolean {
  const inner = skipOuter(node);
  return (
    ts.isObjectLiteralExpression(inner) ||
    ts.isArrayLiteralExpression(inner) ||
    ts.isTemplateExpression(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner) ||
    ts.isStringLiteral(inner) ||
    ts.isNumericLiteral(inner)
  );
}

