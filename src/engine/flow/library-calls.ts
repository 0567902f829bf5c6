import { ts } from '@ts-morph/common';
import type { PropagatorSpec } from '../../policy/types.js';
import { addressOf, moduleMatches, skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { modelFlows, type ValuePath } from '../library-models.js';
import { shortText } from '../locations.js';
import { CALL, ELEMENT, parsePayloadPath, pathInside } from '../payload-path.js';
import { EMPTY, extend, isEmpty, union, type Step, type Taint } from '../taint.js';

/** A call into library code that finleak has no model for, through which the open-world default passed data. */
export interface UnmodelledSite {
  /** The declaring package; for a call on an untyped (`any`) value, the module it was imported from, or `untyped`. */
  package: string;
  /** The callee as declared (`I18nContext.t`), or as written for an untyped call. */
  callee: string;
  node: ts.CallExpression | ts.NewExpression;
  /** Financial data came through it: straight from a source, or (set by the driver) on a finding's path. */
  carried: boolean;
}

/**
 * Calls into library code. A propagator model from the policy (`rules/` and
 * the user's config) says which value paths of the call reach its result, its
 * receiver, its arguments or its callbacks. A method of TypeScript's own lib
 * without a model passes its receiver and arguments to its result.
 *
 * Any other library call is open world: finleak cannot see what it does, so
 * it assumes the data of its receiver and arguments (and what its callback
 * arguments return) reaches its result, whole, at any field of it; and that
 * callbacks it is given receive that data. Such steps are labelled as
 * assumed and the calls are listed (`FlowAnalyzer.unmodelled`), so a team
 * can add a model. Only a result that cannot carry data (boolean, void,
 * never; see `CleanValues`) or a model makes such a call clean.
 */
export class LibraryCalls {
  constructor(private readonly flow: FlowAnalyzer) {}

  /**
   * A call whose callee is declared outside the project: its model, the lib
   * default, or the open-world default. Undefined when no declaration is a library's.
   */
  libraryCall(node: ts.CallExpression | ts.NewExpression, declarations: readonly ts.Declaration[], fields: Fields): Taint | undefined {
    const model = this.modelOf(declarations);
    if (model) return this.modelled(node, model.spec, model.declaration, fields);
    const fromLib = declarations.find((d) => this.flow.program.isSourceFileDefaultLibrary(d.getSourceFile()));
    if (fromLib) {
      const from = ['this', ...(node.arguments ?? []).map((_, i) => `arg${i}`)];
      return this.throughLibrary(node, from, fields, fromLib, true);
    }
    const library = declarations.find((d) => !this.flow.isProjectNode(d));
    return library ? this.assumed(node, library) : undefined;
  }

  /**
   * A call of a function value the project got from a library (`const render =
   * Handlebars.compile(source); render(data)`), by its call signature, or of
   * an untyped (`any`) value. Undefined for a function value of the project.
   */
  valueCall(node: ts.CallExpression, fields: Fields): Taint | undefined {
    const declaration = this.flow.checker.getResolvedSignature(node)?.declaration;
    if (declaration && !ts.isJSDocSignature(declaration) && !this.flow.isProjectNode(declaration)) return this.libraryCall(node, [declaration], fields);
    if (!declaration && this.isUntyped(node.expression)) return this.assumed(node);
    return undefined;
  }

  /** What a library call without a model (or an untyped call) passes into any parameter of its callback argument `index`: its other inputs, whole. */
  assumedIntoCallback(call: ts.CallExpression | ts.NewExpression, index: number, declaration: ts.Declaration | undefined): Taint {
    const taint = this.assumedInputs(call, index);
    if (isEmpty(taint)) return EMPTY;
    const site = this.record(call, declaration, taint);
    return extend(taint, { node: call, label: `passed to the callback of \`${site.callee}()\` (${site.package}, no model: assumed to get its arguments)`, via: 'assumed' });
  }

  /**
   * The open-world default for a callee with no model: receiver and arguments
   * (and callbacks' results) reach the result. Whatever field of the result is
   * read, it may hold any of them, so they are kept whole.
   */
  private assumed(node: ts.CallExpression | ts.NewExpression, declaration?: ts.Declaration): Taint {
    const taint = this.assumedInputs(node);
    if (isEmpty(taint)) return EMPTY;
    const site = this.record(node, declaration, taint);
    return extend(taint, { node, label: `passed through \`${site.callee}()\` (${site.package}, no model: assumed to carry its arguments)`, via: 'assumed' });
  }

  /** The receiver and every argument but `skip`, whole; for a function argument, what it returns. */
  private assumedInputs(node: ts.CallExpression | ts.NewExpression, skip = -1): Taint {
    const flow = this.flow;
    const parts: Taint[] = [];
    const callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) parts.push(flow.taintOf(callee.expression, []));
    (node.arguments ?? []).forEach((arg, i) => {
      if (i === skip) return;
      if (ts.isSpreadElement(arg)) parts.push(flow.taintOf(arg.expression, []));
      else parts.push(flow.taintOf(arg, flow.callbacks.functionOfValue(arg) ? [CALL] : []));
    });
    return union(parts);
  }

  private record(node: ts.CallExpression | ts.NewExpression, declaration: ts.Declaration | undefined, taint: Taint): UnmodelledSite {
    const carried = taint.flows.length > 0;
    const known = this.flow.unmodelled.get(node);
    if (known) {
      known.carried ||= carried;
      return known;
    }
    const site: UnmodelledSite = declaration
      ? { package: addressOf(this.flow.program, declaration).module, callee: this.displayName(node, declaration), node, carried }
      : { package: this.untypedOrigin(node.expression) ?? 'untyped', callee: chainText(node.expression), node, carried };
    this.flow.unmodelled.set(node, site);
    return site;
  }

  /** A callee whose type is `any`: an untyped library, an unresolved import, an `any` parameter. */
  isUntyped(callee: ts.Expression): boolean {
    return (this.flow.checker.getTypeAtLocation(callee).flags & ts.TypeFlags.Any) !== 0;
  }

  /** The module an untyped callee chain starts from, when its root is an import or `require` of it. */
  private untypedOrigin(callee: ts.Expression): string | undefined {
    let root = skipOuter(callee);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root)) root = skipOuter(root.expression);
    if (!ts.isIdentifier(root)) return undefined;
    const declaration = this.flow.checker.getSymbolAtLocation(root)?.declarations?.[0];
    if (!declaration) return undefined;
    let node: ts.Node | undefined = declaration;
    while (node && !ts.isImportDeclaration(node) && !ts.isVariableDeclaration(node)) node = node.parent;
    if (node && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) return `${node.moduleSpecifier.text}, untyped`;
    if (node && ts.isVariableDeclaration(node) && node.initializer) {
      const init = skipOuter(node.initializer);
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
        return `${init.arguments[0].text}, untyped`;
      }
    }
    return undefined;
  }

  private modelled(node: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, declaration: ts.Declaration, fields: Fields): Taint {
    if (spec.llm && !this.flow.policy.llmFlows) return EMPTY;
    const parts: Taint[] = [];
    if (spec.from.length > 0) parts.push(this.throughLibrary(node, spec.from, spec.keepsFields ? fields : [], declaration, false));
    for (const flow of modelFlows(spec)) {
      if (flow.to.root.kind !== 'return') continue;
      const inside = pathInside(flow.to.fields, fields);
      if (inside) parts.push(this.modelSource(node, spec, flow.from, inside));
    }
    const name = this.displayName(node, declaration);
    const step: Step = spec.llm
      ? { node, label: `answered by the LLM call \`${name}()\` (${addressOf(this.flow.program, declaration).module}): the answer carries its prompt`, via: 'llm' }
      : { node, label: `passed through \`${name}()\`` };
    return extend(union(parts), step);
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
    return address.type && address.member ? `${address.type}.${address.member}` : address.member || address.type || shortText(node.expression, 30);
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
    // `Type.method`, `Type.*` (any method of Type), a bare `Type` for its constructor (`new Type(...)`)
    // or call signature, a bare function name (also matching a member of that name), or `*` (anything the module declares).
    const qualified = address.type ? (address.member ? `${address.type}.${address.member}` : address.type) : address.member;
    if (!qualified) return undefined;
    const anyMember = address.type && address.member ? `${address.type}.*` : undefined;
    return policy.propagators.find((p) => {
      if (p.function === '*') return p.module !== undefined && moduleMatches(address, p.module, policy.baseDir);
      return (
        (p.function === qualified || p.function === anyMember || (!p.function.includes('.') && address.member !== '' && p.function === address.member)) &&
        (!p.module || moduleMatches(address, p.module, policy.baseDir))
      );
    });
  }
}

/** A callee as a short access chain, without arguments: `prisma.user.findMany`, `rows.filter().map`. */
function chainText(expression: ts.Expression, depth = 0): string {
  const node = skipOuter(expression);
  if (depth > 4) return '…';
  if (ts.isPropertyAccessExpression(node)) return `${chainText(node.expression, depth + 1)}.${node.name.text}`;
  if (ts.isCallExpression(node)) return `${chainText(node.expression, depth + 1)}()`;
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return node.getText();
  // Any other receiver (`(a.balance || 0).toFixed`) keeps its parentheses, so the chain reads as code.
  return `(${shortText(node, 20)})`;
}
