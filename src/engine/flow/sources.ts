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

  /** What reaches `node` at `fields`: `derived` (from what it was computed from), or else the value itself when it is a source. */
  withSource(node: ts.Expression, fields: Fields, derived: Taint): Taint {
    if (derived.flows.length > 0 || fields[0] === CALL || this.flow.clean.isCleanValue(node)) return derived;
    const match = this.financialAt(node, fields);
    if (!match) return derived;
    const parameters = derived.params.map((p) => p.parameter);
    const flow: Flow = { kind: match.kind, reason: match.reason, steps: [{ node, label: sourceLabel(node, match) }], ...(parameters.length ? { parameters } : {}) };
    return { flows: [flow], params: derived.params };
  }

  /** A financial parameter no caller in the project fills (a framework handler's argument): the parameter itself is the source. */
  parameterSource(param: ParamFlow): Flow[] {
    if (param.fields[0] === CALL) return [];
    const match = this.financialAt(param.parameter.name, param.fields);
    if (!match) return [];
    const name = param.parameter.name.getText();
    return [{ kind: match.kind, reason: match.reason, steps: [{ node: param.parameter.name, label: `parameter \`${name}\` holds ${match.kind}` }, ...param.steps.slice(1)] }];
  }

  /** Whether the value at `fields` of `node` is a source: financial by its static type, or untyped data from a modelled call. */
  financialAt(node: ts.Node, fields: Fields): FinancialMatch | undefined {
    return this.financialByType(node, fields) ?? this.flow.financial.fromCall(node, fields); // calls: `sources.calls` (issue 7)
  }

  private financialByType(node: ts.Node, fields: Fields): FinancialMatch | undefined {
    const financial = this.flow.financial;
    const type = this.flow.checker.getTypeAtLocation(node);
    for (let i = 0; i < fields.length; i++) {
      const prefix = financial.typeAtPath(type, fields.slice(0, i));
      const match = prefix && financial.is(prefix);
      if (match) return match;
    }
    const at = financial.typeAtPath(type, fields);
    return at && financial.contains(at);
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

function sourceLabel(node: ts.Node, match: FinancialMatch): string {
  const text = shortText(node, 40);
  const inner = ts.isExpression(node) ? skipOuter(node) : node;
  if (ts.isCallExpression(inner) || ts.isAwaitExpression(inner)) return `\`${text}\` returns ${match.kind}`;
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return `reads \`${text}\` (${match.kind})`;
  return `\`${text}\` holds ${match.kind}`;
}
