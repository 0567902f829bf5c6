import { ts } from '@ts-morph/common';
import { calleeDeclarations } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { functionName, shortText } from '../locations.js';
import { ELEMENT } from '../payload-path.js';
import { EMPTY, extend, isEmpty, union, type Flow, type ParamFlow, type Step, type Taint } from '../taint.js';

/**
 * Calls: which kind of callee a call reaches (a sanitizer, a project
 * function, a project class, a library, a function value), and for calls
 * into the project, the callee's summary with its parameters bound to the
 * call's arguments.
 */
export class Calls {
  constructor(private readonly flow: FlowAnalyzer) {}

  call(node: ts.CallExpression | ts.NewExpression, fields: Fields): Taint {
    const flow = this.flow;
    const declarations = calleeDeclarations(flow.checker, node);
    if (declarations.some((d) => flow.clean.isSanitizer(d))) return EMPTY;
    if (flow.clean.returnsCleanType(node)) return EMPTY;
    if (ts.isNewExpression(node)) {
      const cls = declarations.find((d): d is ts.ClassLikeDeclaration => ts.isClassLike(d) && flow.isProjectNode(d));
      if (cls) return this.constructed(node, cls, fields);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) return EMPTY;
    const projectBodies = flow.functions.bodiesOf(declarations).filter((fn) => flow.isProjectNode(fn));
    if (projectBodies.length > 0) return union(projectBodies.map((fn) => this.callIntoProject(node, fn, fields)));
    const library = flow.library.libraryCall(node, declarations, fields);
    if (library) return library;
    if (ts.isCallExpression(node) && (declarations.length === 0 || declarations.every((d) => flow.isProjectNode(d)))) {
      const value = flow.callbacks.callOfValue(node, fields);
      const fromLibrary = flow.library.valueCall(node, fields);
      return fromLibrary ? union([value, fromLibrary]) : value;
    }
    return EMPTY;
  }

  /** A call into a function of the project: its returned value, with its parameters bound to this call's arguments. */
  private callIntoProject(call: ts.CallExpression | ts.NewExpression, fn: ts.FunctionLikeDeclaration, fields: Fields): Taint {
    const generator = fn.asteriskToken !== undefined;
    const functions = this.flow.functions;
    let summary: Taint;
    if (generator) {
      if (fields.length > 0 && fields[0] !== ELEMENT && !/^\d+$/.test(fields[0]!)) return EMPTY;
      summary = union(functions.yieldExpressions(fn).map((e) => this.flow.taintOf(e, fields.slice(1))));
    } else summary = union(functions.returnExpressions(fn).map((e) => this.flow.taintOf(e, fields)));
    const returned: Step = { node: call, label: `${generator ? 'yielded by' : 'returned from'} \`${functionName(fn) ?? shortText(call.expression, 30)}()\`` };
    return this.bindParameters(call, fn, summary, returned);
  }

  /** Binds the parameter flows of `fn` in a summary to the arguments of one call of it. */
  private bindParameters(call: ts.CallExpression | ts.NewExpression, fn: ts.SignatureDeclaration, summary: Taint, returned: Step): Taint {
    if (isEmpty(summary)) return EMPTY;
    const parts: Taint[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    for (const param of summary.params) {
      if (param.fn !== fn) {
        parts.push({ flows: [], params: [{ ...param, steps: [...param.steps, returned] }] });
        continue;
      }
      const fromArgument = this.argumentTaint(call, param);
      if (fromArgument.flows.length > 0) resolved.add(param.parameter);
      parts.push(extend(fromArgument, ...param.steps, returned));
    }
    const own = withoutResolved(summary.flows, resolved).map((f) => ({ ...f, steps: [...f.steps, returned] }));
    return union([{ flows: own, params: [] }, ...parts]);
  }

  /**
   * `new C(...)` of a project class, read at `fields`: what the class's
   * members hold (constructor stores, parameter properties, initialisers), with
   * the constructor's parameters bound to this call's arguments; a member
   * inherited from a library class (`Error.message`) comes through `super(...)`.
   */
  private constructed(node: ts.NewExpression, cls: ts.ClassLikeDeclaration, fields: Fields): Taint {
    const checker = this.flow.checker;
    const type = checker.getTypeAtLocation(node);
    const [head, ...rest] = fields;
    const members = head === undefined ? type.getProperties() : [checker.getPropertyOfType(type, head)].filter((p): p is ts.Symbol => p !== undefined);
    const parts: Taint[] = [];
    let library = false;
    for (const member of members) {
      const projectMember = member.declarations?.some((d) => this.flow.isProjectNode(d));
      if (projectMember) parts.push(this.flow.stores.memberTaint(member, head === undefined ? [] : rest));
      else library = true;
    }
    if (library || head === undefined || members.length === 0) parts.push(this.superConstruction(cls, fields));
    const ctor = this.constructorOf(node);
    const created: Step = { node, label: `stored in a new \`${cls.name?.text ?? 'object'}\`` };
    if (!ctor) return extend(union(parts), created);
    return this.bindParameters(node, ctor, union(parts), created);
  }

  /** What `super(...)` in a class's constructor passes to a library base class (e.g. `Error`'s message). */
  private superConstruction(cls: ts.ClassLikeDeclaration, fields: Fields): Taint {
    const heritage = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const ctor = cls.members.find(ts.isConstructorDeclaration);
    if (!heritage || !ctor?.body) return EMPTY;
    const base = this.flow.stores.symbolOf(heritage.expression);
    const declarations = base?.declarations ?? [];
    if (declarations.some((d) => this.flow.isProjectNode(d))) {
      const baseClass = declarations.find(ts.isClassLike);
      return baseClass ? this.superConstruction(baseClass, fields) : EMPTY;
    }
    let superCall: ts.CallExpression | undefined;
    const visit = (n: ts.Node): void => {
      if (superCall || ts.isFunctionLike(n)) return;
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) superCall = n;
      else ts.forEachChild(n, visit);
    };
    ts.forEachChild(ctor.body, visit);
    if (!superCall) return EMPTY;
    return this.flow.library.libraryCall(superCall, declarations, fields) ?? EMPTY;
  }

  private constructorOf(node: ts.NewExpression | ts.CallExpression): ts.ConstructorDeclaration | undefined {
    const declaration = this.flow.checker.getResolvedSignature(node)?.declaration;
    return declaration && ts.isConstructorDeclaration(declaration) && declaration.body ? declaration : undefined;
  }

  /** What a call passes into one parameter (all trailing arguments for a rest parameter). */
  argumentTaint(call: ts.CallExpression | ts.NewExpression, param: ParamFlow): Taint {
    const args = call.arguments ?? [];
    if (param.parameter.dotDotDotToken) {
      const inner = param.fields[0] === ELEMENT ? param.fields.slice(1) : param.fields;
      return union(args.slice(param.index).map((a) => this.flow.taintOf(a, inner)));
    }
    const arg = args[param.index];
    if (!arg || ts.isSpreadElement(arg)) return EMPTY;
    if (param.narrowed && !this.mayBe(arg, param.narrowed)) return EMPTY; // the callee reads it only where it is of another type
    return this.flow.taintOf(arg, param.fields);
  }

  /** Whether an argument may be of a type the callee narrowed the parameter to (some member of its type is). */
  private mayBe(arg: ts.Expression, narrowed: ts.Type): boolean {
    const checker = this.flow.checker;
    const type = checker.getTypeAtLocation(arg);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    return (type.isUnion() ? type.types : [type]).some((member) => checker.isTypeAssignableTo(member, narrowed));
  }
}

/** Drops flows whose source value arrived through a parameter for which a caller's flow was found. */
export function withoutResolved(flows: readonly Flow[], resolved: ReadonlySet<ts.ParameterDeclaration>): Flow[] {
  if (resolved.size === 0) return [...flows];
  return flows.filter((f) => !f.parameters?.some((p) => resolved.has(p)));
}
