import { ts } from '@ts-morph/common';
import { calleeDeclarations, skipOuter } from '../declarations.js';
import type { FlowAnalyzer } from '../flow.js';
import { modelFlows } from '../library-models.js';
import { functionName, shortText } from '../locations.js';
import { EMPTY, extend, union, type Flow, type ParamFlow, type Taint } from '../taint.js';
import { withoutResolved } from './calls.js';
import { functionWithBody } from './functions.js';

/** One way a function gets called: what it passes into a given parameter. */
type Invoker = (param: ParamFlow) => Taint;

const MAX_CALLER_DEPTH = 8;
/** How far a function value passed as an argument is followed into the functions that receive it. */
const MAX_HANDOFF_DEPTH = 3;

/**
 * Who calls a function, and so fills its parameters: direct calls, `new` and
 * `super` calls, assignments through a setter, and the places a function
 * value is handed to (a project function that calls it, a library method
 * with a model, an event emitter, a queue's worker, or, without a model, a
 * library call assumed to call it with its inputs).
 */
export class Callers {
  private readonly invokerMemo = new Map<ts.Node, Invoker[]>();

  constructor(private readonly flow: FlowAnalyzer) {}

  /**
   * Turns parameter flows into source flows by following the callers of each
   * function, up to a bounded depth. A financial parameter nobody in the
   * project calls (a framework handler) is itself the source.
   */
  resolve(taint: Taint, depth = 0, visiting = new Set<string>()): Flow[] {
    const flows: Flow[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    for (const param of taint.params) {
      const key = `${param.fn.pos}:${param.fn.getSourceFile().fileName}:${param.index}:${param.fields.join('.')}`;
      let found: Flow[] = [];
      if (depth < MAX_CALLER_DEPTH && !visiting.has(key)) {
        visiting.add(key);
        const fromCallers = union(this.invokers(param.fn).map((invoke) => extend(invoke(param), ...param.steps)));
        found = this.resolve(fromCallers, depth + 1, visiting);
        visiting.delete(key);
      }
      if (found.length === 0) found = this.flow.sources.parameterSource(param);
      if (found.length > 0) resolved.add(param.parameter);
      flows.push(...found);
    }
    flows.push(...withoutResolved(taint.flows, resolved));
    return union([{ flows, params: [] }]).flows;
  }

  /** Every way the project invokes a function; each gives what it passes into a parameter. */
  invokers(fn: ts.SignatureDeclaration): Invoker[] {
    const cached = this.invokerMemo.get(fn);
    if (cached) return cached;
    const flow = this.flow;
    const stores = flow.stores;
    const list: Invoker[] = [];
    this.invokerMemo.set(fn, list);
    for (const call of this.callersOf(fn)) list.push((param) => flow.calls.argumentTaint(call, param));
    if (ts.isConstructorDeclaration(fn)) {
      const name = fn.parent.name?.text;
      const sites = [...(name ? stores.lookup(stores.projectIndex().newsByName, name) : []), ...stores.superCalls()];
      for (const site of sites) {
        if (flow.checker.getResolvedSignature(site)?.declaration === fn) list.push((param) => flow.calls.argumentTaint(site, param));
      }
    }
    if (ts.isSetAccessorDeclaration(fn)) {
      const symbol = stores.symbolOf(fn.name);
      for (const site of symbol ? stores.storesOf(symbol) : []) {
        if (site.value && site.path.length === 0) {
          const value = site.value;
          list.push((param) => (param.index === 0 ? extend(flow.taintOf(value, param.fields), { node: site.node, label: `assigned through setter \`${fn.name.getText()}\`` }) : EMPTY));
        }
      }
    }
    if (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) {
      for (const use of this.valueUses(fn)) this.handoffInvokers(use.call, use.index, list, 0);
    }
    return list;
  }

  /** Where a function value is passed as an argument: the literal itself, or references to its name. */
  private valueUses(fn: ts.FunctionLikeDeclaration): { call: ts.CallExpression | ts.NewExpression; index: number }[] {
    const stores = this.flow.stores;
    const uses: { call: ts.CallExpression | ts.NewExpression; index: number }[] = [];
    let value: ts.Node = fn;
    while (value.parent && (ts.isParenthesizedExpression(value.parent) || ts.isAsExpression(value.parent) || ts.isSatisfiesExpression(value.parent))) value = value.parent;
    const parent = value.parent;
    if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(value as ts.Expression)) {
      uses.push({ call: parent, index: parent.arguments.indexOf(value as ts.Expression) });
    }
    let nameNode: ts.Node | undefined;
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) nameNode = fn.name;
    else if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.initializer === value) nameNode = parent.name;
    if (nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode))) {
      const symbol = stores.symbolOf(nameNode);
      for (const use of stores.lookup(stores.projectIndex().argumentsByName, nameNode.text)) {
        const arg = skipOuter(use.call.arguments![use.index] as ts.Expression);
        const node = ts.isPropertyAccessExpression(arg) ? arg.name : arg;
        if (symbol && stores.symbolOf(node) === symbol) uses.push(use);
      }
    }
    return uses;
  }

  /**
   * A function value passed as argument `index` of `call`: the project function
   * that receives it calls it (or hands it on), a modelled library method calls
   * it, or an event emitter calls it for each matching `emit`.
   */
  private handoffInvokers(call: ts.CallExpression | ts.NewExpression, index: number, list: Invoker[], depth: number): void {
    const flow = this.flow;
    const declarations = calleeDeclarations(flow.checker, call);
    const bodies = [...new Set(declarations.map(functionWithBody).filter((fn): fn is ts.FunctionLikeDeclaration => fn !== undefined && flow.isProjectNode(fn)))];
    for (const body of bodies) {
      const parameter = body.parameters[index];
      if (!parameter || !ts.isIdentifier(parameter.name) || !body.body) continue;
      const symbol = flow.stores.symbolOf(parameter.name);
      const name = parameter.name.text;
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && node.text === name && node !== parameter.name && flow.stores.symbolOf(node) === symbol) {
          const parent = node.parent;
          if (ts.isCallExpression(parent) && skipOuter(parent.expression) === node) {
            list.push((param) => extend(flow.calls.argumentTaint(parent, param), { node: parent, label: `called as \`${name}\`` }));
          } else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node) && depth < MAX_HANDOFF_DEPTH) {
            this.handoffInvokers(parent, parent.arguments.indexOf(node), list, depth + 1);
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body.body, visit);
    }
    if (bodies.length > 0) return;
    const queue = flow.queues.consumerOf(declarations, index);
    if (queue) {
      list.push((param) => flow.queues.intoHandler(call, queue, param));
      return;
    }
    const model = flow.library.modelOf(declarations);
    if (model) {
      if (modelFlows(model.spec).some((f) => f.to.root.kind === 'callback-param' && f.to.root.index === index)) {
        list.push((param) => flow.callbacks.callbackArgument(call, model.spec, index, param));
      }
      return;
    }
    const event = flow.events.registration(declarations);
    if (!event || !ts.isCallExpression(call)) {
      // Open world: a library (or untyped) callee without a model may call the function with any of its inputs.
      const library = declarations.find((d) => !flow.isProjectNode(d) && !flow.program.isSourceFileDefaultLibrary(d.getSourceFile()));
      if (library || (declarations.length === 0 && flow.library.isUntyped(call.expression))) {
        list.push(() => flow.library.assumedIntoCallback(call, index, library));
      }
    } else {
      for (const emit of flow.events.emitsFor(call, event)) {
        list.push((param) => {
          const arg = emit.arguments[param.index + 1];
          if (!arg || ts.isSpreadElement(arg)) return EMPTY;
          return extend(flow.taintOf(arg, param.fields), { node: emit, label: `emitted by \`${shortText(emit, 40)}\`` });
        });
      }
    }
  }

  private callersOf(fn: ts.SignatureDeclaration): ts.CallExpression[] {
    const name = functionName(fn)?.split('.').pop();
    if (!name) return [];
    const flow = this.flow;
    return flow.stores
      .lookup(flow.callsByName, name)
      .filter((call) =>
        calleeDeclarations(flow.checker, call).some((d) => d === fn || functionWithBody(d) === fn || flow.functions.implementationsOf(d).includes(fn as ts.FunctionLikeDeclaration)),
      );
  }
}
