import { ts } from '@ts-morph/common';
import type { PropagatorSpec } from '../../policy/types.js';
import { skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { modelFlows } from '../library-models.js';
import { shortText } from '../locations.js';
import { CALL, pathInside } from '../payload-path.js';
import { EMPTY, extend, isEmpty, union, type ParamFlow, type Step, type Taint } from '../taint.js';
import { withoutResolved } from './calls.js';
import { functionWithBody } from './functions.js';
import { isAncestor } from './scopes.js';

/**
 * Function values: calling one (a callback parameter, a function in a
 * variable or property), and the callbacks a modelled library call invokes
 * with values the model names (`arr.map((x) => ...)` gets the elements).
 */
export class Callbacks {
  private readonly activeCallbacks = new Map<ts.Node, Set<string>>();

  constructor(private readonly flow: FlowAnalyzer) {}

  /** A call of a function value (a callback parameter, a function in a variable or property): what that function returns. */
  callOfValue(call: ts.CallExpression, fields: Fields): Taint {
    const callee = skipOuter(call.expression);
    const taint = this.flow.taintOf(callee, [CALL, ...fields]);
    if (isEmpty(taint)) return EMPTY;
    const returned: Step = { node: call, label: `returned from \`${shortText(callee, 30)}()\`` };
    const parts: Taint[] = [];
    const params: ParamFlow[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    for (const param of taint.params) {
      // A parameter of a function around this call is still open; one of the called function is bound here.
      if (param.fields[0] === CALL || isAncestor(param.fn, call)) {
        params.push({ ...param, steps: [...param.steps, returned] });
        continue;
      }
      const bound = this.flow.calls.argumentTaint(call, param);
      if (bound.flows.length > 0) resolved.add(param.parameter);
      parts.push(extend(bound, ...param.steps, returned));
    }
    const own = withoutResolved(taint.flows, resolved).map((f) => ({ ...f, steps: [...f.steps, returned] }));
    return union([{ flows: own, params }, ...parts]);
  }

  /** Parameters of a callback handed to a modelled call, bound to what the model says the library passes in. */
  bindCallback(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, index: number, taint: Taint): Taint {
    const arg = call.arguments?.[index];
    const fn = arg && !ts.isSpreadElement(arg) ? this.functionOfValue(arg) : undefined;
    if (!fn || taint.params.length === 0) return taint;
    const parts: Taint[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    const params: ParamFlow[] = [];
    for (const param of taint.params) {
      if (param.fn !== fn) {
        params.push(param);
        continue;
      }
      const bound = extend(this.callbackArgument(call, spec, index, param), ...param.steps);
      if (bound.flows.length > 0) resolved.add(param.parameter);
      parts.push(bound);
    }
    return union([{ flows: withoutResolved(taint.flows, resolved), params }, ...parts]);
  }

  /** What a modelled library call passes into parameter `param` of its callback argument `index`. */
  callbackArgument(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, index: number, param: ParamFlow): Taint {
    // `reduce` feeds its callback's result back into the callback: stop at the second round.
    const key = `${param.index}:${param.fields.join('.')}`;
    let active = this.activeCallbacks.get(call);
    if (active?.has(key)) return EMPTY;
    if (!active) this.activeCallbacks.set(call, (active = new Set()));
    active.add(key);
    try {
      return this.callbackArgumentOnce(call, spec, index, param);
    } finally {
      active.delete(key);
    }
  }

  private callbackArgumentOnce(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, index: number, param: ParamFlow): Taint {
    const parts: Taint[] = [];
    for (const flow of modelFlows(spec)) {
      const root = flow.to.root;
      if (root.kind !== 'callback-param' || root.index !== index || root.param !== param.index) continue;
      const inside = pathInside(flow.to.fields, param.fields);
      if (inside) parts.push(this.flow.library.modelSource(call, spec, flow.from, inside));
    }
    return extend(union(parts), { node: call, label: `passed to the callback of \`${shortText(call.expression, 40)}()\`` });
  }

  /** The function a value expression is: an arrow or function expression, or a name for a function. */
  functionOfValue(expression: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    const node = skipOuter(expression);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    const declaration = nameNode && this.flow.stores.symbolOf(nameNode)?.valueDeclaration;
    return declaration ? functionWithBody(declaration) : undefined;
  }
}
