import { ts } from '@ts-morph/common';
import type { PropagatorSpec } from '../../policy/types.js';
import { addressOf, moduleMatches, skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { modelFlows, type ValuePath } from '../library-models.js';
import { shortText } from '../locations.js';
import { CALL, ELEMENT, parsePayloadPath, pathInside } from '../payload-path.js';
import { EMPTY, extend, union, type Taint } from '../taint.js';

/**
 * Calls into library code: a propagator model from the policy (`rules/propagators.ts`
 * and the user's config) says which value paths of the call reach its result,
 * its receiver, its arguments or its callbacks; a method of TypeScript's own
 * lib without a model passes its receiver and arguments to its result.
 */
export class LibraryCalls {
  constructor(private readonly flow: FlowAnalyzer) {}

  /** A library call: its model from the policy, or for TypeScript's own lib, data from receiver and arguments. */
  libraryCall(node: ts.CallExpression | ts.NewExpression, declarations: readonly ts.Declaration[], fields: Fields): Taint | undefined {
    const model = this.modelOf(declarations);
    if (model) {
      const { spec, declaration } = model;
      const parts: Taint[] = [];
      if (spec.from.length > 0) parts.push(this.throughLibrary(node, spec.from, spec.keepsFields ? fields : [], declaration, false));
      for (const flow of modelFlows(spec)) {
        if (flow.to.root.kind !== 'return') continue;
        const inside = pathInside(flow.to.fields, fields);
        if (inside) parts.push(this.modelSource(node, spec, flow.from, inside));
      }
      return extend(union(parts), { node, label: `passed through \`${this.displayName(node, declaration)}()\`` });
    }
    const fromLib = declarations.find((d) => this.flow.program.isSourceFileDefaultLibrary(d.getSourceFile()));
    if (fromLib) {
      const from = ['this', ...(node.arguments ?? []).map((_, i) => `arg${i}`)];
      return this.throughLibrary(node, from, fields, fromLib, true);
    }
    return undefined;
  }

  /** Data at a value path of a modelled call (`this[]`, `arg1`, `arg0()`), with `fields` below it. */
  modelSource(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, from: ValuePath, fields: Fields): Taint {
    const flow = this.flow;
    const path = [...from.fields, ...fields];
    const args = call.arguments ?? [];
    const argument = (index: number): ts.Expression | undefined => {
      const arg = args[index];
      return arg && !ts.isSpreadElement(arg) ? arg : undefined;
    };
    const root = from.root;
    switch (root.kind) {
      case 'this': {
        const callee = skipOuter(call.expression);
        return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? flow.taintOf(callee.expression, path) : EMPTY;
      }
      case 'arg': {
        const arg = argument(root.index);
        return arg ? flow.taintOf(arg, path) : EMPTY;
      }
      case 'args':
        return union(args.map((arg) => (ts.isSpreadElement(arg) ? flow.taintOf(arg.expression, [ELEMENT, ...path]) : flow.taintOf(arg, path))));
      case 'callback-return': {
        const arg = argument(root.index);
        if (!arg) return EMPTY;
        return flow.callbacks.bindCallback(call, spec, root.index, flow.taintOf(arg, [CALL, ...path]));
      }
      case 'thrown': {
        const callee = skipOuter(call.expression);
        if (!ts.isPropertyAccessExpression(callee)) return EMPTY;
        return flow.exceptions.thrownTaint(flow.exceptions.thrownBy(callee.expression), path);
      }
      default:
        return EMPTY;
    }
  }

  private throughLibrary(node: ts.CallExpression | ts.NewExpression, from: readonly string[], fields: Fields, declaration: ts.Declaration, labelled: boolean): Taint {
    const parts: Taint[] = [];
    for (const spec of from) {
      const at = parsePayloadPath(spec);
      if (!at) continue;
      const callee = skipOuter(node.expression);
      const source = at.index === -1 ? (ts.isPropertyAccessExpression(callee) ? callee.expression : undefined) : node.arguments?.[at.index];
      if (source && !ts.isSpreadElement(source) && !ts.isFunctionLike(source)) parts.push(this.flow.taintOf(source, [...at.fields, ...fields]));
    }
    const taint = union(parts);
    return labelled ? extend(taint, { node, label: `passed through \`${this.displayName(node, declaration)}()\`` }) : taint;
  }

  private displayName(node: ts.CallExpression | ts.NewExpression, declaration: ts.Declaration): string {
    const address = addressOf(this.flow.program, declaration);
    return address.type && address.member ? `${address.type}.${address.member}` : address.member || shortText(node.expression, 30);
  }

  /** The first declaration of a callee that a propagator of the policy models. */
  modelOf(declarations: readonly ts.Declaration[]): { spec: PropagatorSpec; declaration: ts.Declaration } | undefined {
    for (const declaration of declarations) {
      const spec = this.propagatorFor(declaration);
      if (spec) return { spec, declaration };
    }
    return undefined;
  }

  private propagatorFor(declaration: ts.Declaration): PropagatorSpec | undefined {
    if (this.flow.isProjectNode(declaration)) return undefined;
    const policy = this.flow.policy;
    const address = addressOf(this.flow.program, declaration);
    // `Type.method`, `Type.*` (any method of Type), a bare `Type` for its constructor (`new Type(...)`),
    // or a bare function name (never matching a member of a type).
    const qualified = address.type ? (address.member ? `${address.type}.${address.member}` : address.type) : address.member;
    if (!qualified) return undefined;
    const anyMember = address.type && address.member ? `${address.type}.*` : undefined;
    return policy.propagators.find(
      (p) =>
        (p.function === qualified || p.function === anyMember || (!p.function.includes('.') && address.member !== '' && p.function === address.member)) &&
        (!p.module || moduleMatches(address, p.module, policy.baseDir)),
    );
  }
}
