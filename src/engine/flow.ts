import { ts } from '@ts-morph/common';
import type { Policy, PropagatorSpec } from '../policy/types.js';
import { addressOf, calleeDeclarations, moduleMatches, skipOuter } from './declarations.js';
import type { FinancialMatch, FinancialTypes } from './financial-types.js';
import { functionName, shortText } from './locations.js';
import { ELEMENT, parsePayloadPath } from './payload-path.js';
import { EMPTY, extend, isEmpty, union, type Flow, type ParamFlow, type Step, type Taint } from './taint.js';

type Fields = readonly string[];

/** Thrown when an expression nests deeper than the engine follows; the driver reports it with its location. */
export class DepthLimitError extends Error {
  constructor(readonly node: ts.Node) {
    super('expression nesting too deep to follow');
  }
}

const MAX_DEPTH = 400;
const MAX_CALLER_DEPTH = 8;

interface Definition {
  /** The value assigned, if any (`let x;` has none). */
  value?: ts.Expression;
  /** Where the assignment happens, for the trace. */
  target: ts.Node;
  /** `x += y` keeps the old value. */
  compound: boolean;
  /** Declaration, or an assignment statement that always runs before what follows it in its block. */
  node: ts.Node;
}

/**
 * Backward, demand-driven data flow. `taintOf(expression, fields)` answers:
 * which financial sources reach the value at this property path of this
 * expression, and which parameters of enclosing functions do. Answers are
 * memoised per (node, path), so a function's return value is summarised once
 * however many call sites ask about it.
 */
export class FlowAnalyzer {
  private readonly memo = new Map<ts.Node, Map<string, Taint | 'pending'>>();
  private readonly definitions = new Map<ts.Symbol, Definition[]>();
  private readonly returns = new Map<ts.Node, ts.Expression[]>();
  private depth = 0;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly policy: Policy,
    private readonly financial: FinancialTypes,
    /** Calls in the project by the callee's last name, to find who calls a function. */
    private readonly callsByName: ReadonlyMap<string, readonly ts.CallExpression[]>,
  ) {}

  taintOf(node: ts.Expression, fields: Fields): Taint {
    const key = fields.join('.');
    let byPath = this.memo.get(node);
    const known = byPath?.get(key);
    if (known === 'pending') return EMPTY; // recursion: the outer query collects this answer
    if (known) return known;
    if (!byPath) this.memo.set(node, (byPath = new Map()));
    byPath.set(key, 'pending');
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      byPath.delete(key);
      throw new DepthLimitError(node);
    }
    try {
      let taint = this.carriesNoData(node, fields) ? EMPTY : this.derive(skipOuter(node), fields);
      if (taint.flows.length === 0) {
        const match = this.financialAt(node, fields);
        if (match) {
          const parameters = taint.params.map((p) => p.parameter);
          const flow: Flow = { kind: match.kind, reason: match.reason, steps: [{ node, label: sourceLabel(node, match) }], ...(parameters.length ? { parameters } : {}) };
          taint = { flows: [flow], params: taint.params };
        }
      }
      byPath.set(key, taint);
      return taint;
    } catch (error) {
      byPath.delete(key);
      throw error;
    } finally {
      this.depth--;
    }
  }

  /**
   * Turns parameter flows into source flows by following the callers of each
   * function, up to a bounded depth. A financial parameter nobody in the
   * project calls (a framework handler) is itself the source.
   */
  resolveCallers(taint: Taint, depth = 0, visiting = new Set<string>()): Flow[] {
    const flows: Flow[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    for (const param of taint.params) {
      const key = `${param.fn.pos}:${param.fn.getSourceFile().fileName}:${param.index}:${param.fields.join('.')}`;
      let found: Flow[] = [];
      if (depth < MAX_CALLER_DEPTH && !visiting.has(key)) {
        visiting.add(key);
        // The caller's argument, then the steps from the parameter to here: the trace stays complete.
        const fromCallers = extend(union(this.callersOf(param.fn).map((call) => this.argumentTaint(call, param))), ...param.steps);
        found = this.resolveCallers(fromCallers, depth + 1, visiting);
        visiting.delete(key);
      }
      if (found.length === 0) {
        const match = this.financialAt(param.parameter.name, param.fields);
        if (match) {
          const name = param.parameter.name.getText();
          found = [{ kind: match.kind, reason: match.reason, steps: [{ node: param.parameter.name, label: `parameter \`${name}\` holds ${match.kind}` }, ...param.steps.slice(1)] }];
        }
      }
      if (found.length > 0) resolved.add(param.parameter);
      flows.push(...found);
    }
    flows.push(...withoutResolved(taint.flows, resolved));
    return union([{ flows, params: [] }]).flows;
  }

  /** Whether the value at `fields` of `node` is financial by its static type. */
  financialAt(node: ts.Node, fields: Fields): FinancialMatch | undefined {
    const type = this.checker.getTypeAtLocation(node);
    for (let i = 0; i < fields.length; i++) {
      const prefix = this.financial.typeAtPath(type, fields.slice(0, i));
      const match = prefix && this.financial.is(prefix);
      if (match) return match;
    }
    const at = this.financial.typeAtPath(type, fields);
    return at && this.financial.contains(at);
  }

  private carriesNoData(node: ts.Expression, fields: Fields): boolean {
    if (fields.length > 0) return false;
    const flags = this.checker.getTypeAtLocation(node).flags;
    return (flags & (ts.TypeFlags.BooleanLike | ts.TypeFlags.VoidLike | ts.TypeFlags.Null | ts.TypeFlags.Never)) !== 0;
  }

  private derive(node: ts.Expression, fields: Fields): Taint {
    if (ts.isIdentifier(node)) return this.identifier(node, this.checker.getSymbolAtLocation(node), fields);
    if (ts.isPropertyAccessExpression(node)) return this.propertyRead(node, node.expression, node.name.text, fields);
    if (ts.isElementAccessExpression(node)) {
      const key = node.argumentExpression;
      const name = ts.isStringLiteralLike(key) ? key.text : ELEMENT;
      return this.propertyRead(node, node.expression, name, fields);
    }
    if (ts.isObjectLiteralExpression(node)) return this.objectLiteral(node, fields);
    if (ts.isArrayLiteralExpression(node)) return this.arrayLiteral(node, fields);
    if (ts.isTemplateExpression(node)) {
      return extend(union(node.templateSpans.map((s) => this.taintOf(s.expression, []))), { node, label: 'interpolated into a template string' });
    }
    if (ts.isTaggedTemplateExpression(node) && ts.isTemplateExpression(node.template)) {
      return extend(union(node.template.templateSpans.map((s) => this.taintOf(s.expression, []))), { node, label: `interpolated into \`${shortText(node.tag, 30)}\`` });
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, fields);
    if (ts.isConditionalExpression(node)) return union([this.taintOf(node.whenTrue, fields), this.taintOf(node.whenFalse, fields)]);
    if (ts.isAwaitExpression(node)) return this.taintOf(node.expression, fields);
    if (ts.isPrefixUnaryExpression(node)) {
      return node.operator === ts.SyntaxKind.ExclamationToken ? EMPTY : this.taintOf(node.operand, []);
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) return this.call(node, fields);
    return EMPTY;
  }

  // ---- variables and parameters ------------------------------------------

  private identifier(node: ts.Identifier, symbol: ts.Symbol | undefined, fields: Fields): Taint {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!symbol || !declaration || declaration.getSourceFile().isDeclarationFile) return EMPTY;
    if (ts.isParameter(declaration)) return this.parameter(declaration, fields);
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, fields);
    if (ts.isVariableDeclaration(declaration)) return this.variable(node, symbol, declaration, fields);
    return EMPTY;
  }

  private parameter(parameter: ts.ParameterDeclaration, fields: Fields, steps: Step[] = []): Taint {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    const name = parameter.name.getText();
    const label = `passed as parameter \`${name}\`${fnLabel(fn)}`;
    const fromCallers: ParamFlow = { fn, parameter, index, fields, steps: [{ node: parameter.name, label }, ...steps] };
    const fromDefault = parameter.initializer ? extend(this.taintOf(parameter.initializer, fields), ...steps) : EMPTY;
    return union([{ flows: [], params: [fromCallers] }, fromDefault]);
  }

  /** `const { balance } = account`, `([first]) => ...`: the path from the pattern's root to the bound name. */
  private bindingElement(element: ts.BindingElement, fields: Fields): Taint {
    const prefix: string[] = [];
    let current: ts.BindingElement = element;
    for (;;) {
      const pattern = current.parent;
      if (ts.isObjectBindingPattern(pattern)) {
        const key = current.propertyName ?? current.name;
        if (!current.dotDotDotToken && (ts.isIdentifier(key) || ts.isStringLiteral(key))) prefix.unshift(key.text);
      } else if (!current.dotDotDotToken) {
        prefix.unshift(ELEMENT);
      }
      const owner = pattern.parent;
      if (ts.isBindingElement(owner)) {
        current = owner;
        continue;
      }
      const step: Step = { node: element.name, label: `destructured into \`${element.name.getText()}\`` };
      const path = [...prefix, ...fields];
      if (ts.isParameter(owner)) return this.parameter(owner, path, [step]);
      if (ts.isVariableDeclaration(owner)) {
        const root = this.variableRoot(owner, path);
        return root ? extend(root, step) : EMPTY;
      }
      return EMPTY;
    }
  }

  /** What a declared variable starts with: its initializer, or the elements of a `for...of`. */
  private variableRoot(declaration: ts.VariableDeclaration, fields: Fields): Taint | undefined {
    const statement = declaration.parent.parent;
    if (ts.isForOfStatement(statement)) {
      return extend(this.taintOf(statement.expression, [ELEMENT, ...fields]), {
        node: declaration.name,
        label: `iterated as \`${shortText(declaration.name, 30)}\``,
      });
    }
    if (ts.isForInStatement(statement)) return EMPTY; // keys, not values
    return declaration.initializer ? this.taintOf(declaration.initializer, fields) : undefined;
  }

  private variable(use: ts.Identifier, symbol: ts.Symbol, declaration: ts.VariableDeclaration, fields: Fields): Taint {
    const name = use.text;
    const reaching = this.reachingDefinitions(use, symbol, declaration);
    return union(
      reaching.map((definition) => {
        const taint = definition.node === declaration ? this.variableRoot(declaration, fields) : definition.value && this.taintOf(definition.value, fields);
        return taint ? extend(taint, { node: definition.target, label: `assigned to \`${name}\`` }) : EMPTY;
      }),
    );
  }

  /**
   * The definitions of a variable that can reach a use: walking back from the
   * use, every earlier assignment up to the first one that always runs before
   * it (a declaration, or an assignment statement in a block around the use),
   * plus later assignments in a loop around the use. A use in another function
   * (a closure) sees every assignment.
   */
  private reachingDefinitions(use: ts.Identifier, symbol: ts.Symbol, declaration: ts.VariableDeclaration): Definition[] {
    const all = this.definitionsOf(symbol, declaration);
    const useFunction = enclosingFunction(use);
    if (useFunction !== enclosingFunction(declaration)) return all;
    const useStart = use.getStart();
    const reaching: Definition[] = [];
    const loop = enclosingLoop(use, useFunction);
    if (loop) reaching.push(...all.filter((d) => d.node.pos > useStart && d.node.end <= loop.end && d.node.pos >= loop.pos));
    const before = all.filter((d) => d.node.end <= useStart).sort((a, b) => b.node.pos - a.node.pos);
    for (const definition of before) {
      reaching.push(definition);
      if (!definition.compound && alwaysRunsBefore(definition.node, use)) break;
    }
    return reaching;
  }

  private definitionsOf(symbol: ts.Symbol, declaration: ts.VariableDeclaration): Definition[] {
    const cached = this.definitions.get(symbol);
    if (cached) return cached;
    const list: Definition[] = [{ value: declaration.initializer, target: declaration.name, compound: false, node: declaration }];
    const list2 = declaration.parent;
    const isConst = ts.isVariableDeclarationList(list2) && (list2.flags & ts.NodeFlags.Const) !== 0;
    if (!isConst && ts.isIdentifier(declaration.name)) {
      const name = declaration.name.text;
      const scope = enclosingFunction(declaration) ?? declaration.getSourceFile();
      const visit = (node: ts.Node): void => {
        if (
          ts.isBinaryExpression(node) &&
          node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
        ) {
          const left = skipOuter(node.left);
          if (ts.isIdentifier(left) && left.text === name && this.checker.getSymbolAtLocation(left) === symbol) {
            const compound = node.operatorToken.kind !== ts.SyntaxKind.EqualsToken;
            const statement = node.parent;
            list.push({ value: node.right, target: left, compound, node: ts.isExpressionStatement(statement) ? statement : node });
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(scope, visit);
    }
    this.definitions.set(symbol, list);
    return list;
  }

  // ---- objects, arrays, operators -----------------------------------------

  private propertyRead(node: ts.Expression, object: ts.Expression, name: string, fields: Fields): Taint {
    if (name === 'length' && fields.length === 0) return EMPTY;
    const taint = this.taintOf(object, [name, ...fields]);
    const parent = node.parent;
    const innerLink = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node && !ts.isCallExpression(parent.parent);
    return innerLink ? taint : extend(taint, { node, label: `reads \`${shortText(node, 40)}\`` });
  }

  private objectLiteral(node: ts.ObjectLiteralExpression, fields: Fields): Taint {
    const [head, ...rest] = fields;
    const wanted = (name: string): boolean => head === undefined || head === ELEMENT || head === name;
    const inner = head === undefined ? [] : rest;
    const parts: Taint[] = [];
    // A property written after a spread replaces what the spread put there: `{ ...account, iban: 'hidden' }.iban`.
    const last = head !== undefined && head !== ELEMENT ? node.properties.findLastIndex((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && propertyNameText(p.name) === head) : -1;
    for (const property of node.properties.slice(Math.max(0, last))) {
      if (ts.isSpreadAssignment(property)) {
        parts.push(extend(this.taintOf(property.expression, fields), { node: property, label: 'spread into an object' }));
        continue;
      }
      const name = property.name && propertyNameText(property.name);
      if (name === undefined || !wanted(name)) continue;
      const step: Step = { node: property.name!, label: `stored in property \`${name}\`` };
      if (ts.isPropertyAssignment(property)) parts.push(extend(this.taintOf(property.initializer, inner), step));
      else if (ts.isShorthandPropertyAssignment(property)) {
        parts.push(extend(this.identifier(property.name, this.checker.getShorthandAssignmentValueSymbol(property), inner), step));
      } else if (ts.isGetAccessorDeclaration(property)) {
        parts.push(extend(union(this.returnExpressions(property).map((e) => this.taintOf(e, inner))), step));
      }
    }
    return union(parts);
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression, fields: Fields): Taint {
    const [head, ...rest] = fields;
    if (head !== undefined && head !== ELEMENT && !/^\d+$/.test(head)) return EMPTY;
    const inner = head === undefined ? [] : rest;
    return union(
      node.elements.map((element) =>
        ts.isSpreadElement(element)
          ? this.taintOf(element.expression, fields)
          : extend(this.taintOf(element, inner), { node: element, label: 'stored in an array' }),
      ),
    );
  }

  private binary(node: ts.BinaryExpression, fields: Fields): Taint {
    const operator = node.operatorToken.kind;
    switch (operator) {
      case ts.SyntaxKind.EqualsToken:
        return this.taintOf(node.right, fields);
      case ts.SyntaxKind.CommaToken:
        return this.taintOf(node.right, fields);
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return union([this.taintOf(node.left, fields), this.taintOf(node.right, fields)]);
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.PlusEqualsToken:
        return extend(union([this.taintOf(node.left, []), this.taintOf(node.right, [])]), { node, label: 'concatenated with `+`' });
      case ts.SyntaxKind.MinusToken:
      case ts.SyntaxKind.AsteriskToken:
      case ts.SyntaxKind.SlashToken:
      case ts.SyntaxKind.PercentToken:
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return extend(union([this.taintOf(node.left, []), this.taintOf(node.right, [])]), { node, label: 'computed from it' });
      default:
        return EMPTY; // comparisons, `in`, `instanceof`: a boolean, not the data
    }
  }

  // ---- calls ----------------------------------------------------------------

  private call(node: ts.CallExpression | ts.NewExpression, fields: Fields): Taint {
    const declarations = calleeDeclarations(this.checker, node);
    if (declarations.some((d) => this.isSanitizer(d))) return EMPTY;
    const bodies = unique(declarations.map(functionWithBody).filter((fn): fn is ts.FunctionLikeDeclaration => fn !== undefined));
    const projectBodies = bodies.filter((fn) => !fn.getSourceFile().isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(fn.getSourceFile()));
    if (projectBodies.length > 0) return union(projectBodies.map((fn) => this.callIntoProject(node, fn, fields)));
    for (const declaration of declarations) {
      const propagator = this.propagatorFor(declaration);
      if (propagator) return this.throughLibrary(node, propagator.from, propagator.keepsFields ? fields : [], declaration);
      if (this.program.isSourceFileDefaultLibrary(declaration.getSourceFile())) {
        const from = ['this', ...(node.arguments ?? []).map((_, i) => `arg${i}`)];
        return this.throughLibrary(node, from, fields, declaration);
      }
    }
    return EMPTY;
  }

  /** A call into a function of the project: its returned value, with its parameters bound to this call's arguments. */
  private callIntoProject(call: ts.CallExpression | ts.NewExpression, fn: ts.FunctionLikeDeclaration, fields: Fields): Taint {
    if (ts.isNewExpression(call)) return EMPTY; // constructors: field flow is modelled separately
    const summary = union(this.returnExpressions(fn).map((e) => this.taintOf(e, fields)));
    if (isEmpty(summary)) return EMPTY;
    const returned: Step = { node: call, label: `returned from \`${functionName(fn) ?? shortText(call.expression, 30)}()\`` };
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

  /** What a call passes into one parameter (all trailing arguments for a rest parameter). */
  argumentTaint(call: ts.CallExpression | ts.NewExpression, param: ParamFlow): Taint {
    const args = call.arguments ?? [];
    if (param.parameter.dotDotDotToken) {
      const inner = param.fields[0] === ELEMENT ? param.fields.slice(1) : param.fields;
      return union(args.slice(param.index).map((a) => this.taintOf(a, inner)));
    }
    const arg = args[param.index];
    if (!arg || ts.isSpreadElement(arg)) return EMPTY;
    return this.taintOf(arg, param.fields);
  }

  private throughLibrary(node: ts.CallExpression | ts.NewExpression, from: readonly string[], fields: Fields, declaration: ts.Declaration): Taint {
    const parts: Taint[] = [];
    for (const spec of from) {
      const at = parsePayloadPath(spec);
      if (!at) continue;
      const callee = skipOuter(node.expression);
      const source = at.index === -1 ? (ts.isPropertyAccessExpression(callee) ? callee.expression : undefined) : node.arguments?.[at.index];
      if (source && !ts.isSpreadElement(source) && !ts.isFunctionLike(source)) parts.push(this.taintOf(source, [...at.fields, ...fields]));
    }
    const address = addressOf(this.program, declaration);
    const name = address.type && address.member ? `${address.type}.${address.member}` : address.member || shortText(node.expression, 30);
    return extend(union(parts), { node, label: `passed through \`${name}()\`` });
  }

  private propagatorFor(declaration: ts.Declaration): PropagatorSpec | undefined {
    const address = addressOf(this.program, declaration);
    const qualified = address.type ? `${address.type}.${address.member}` : address.member;
    return this.policy.propagators.find(
      (p) => (p.function === qualified || p.function === address.member) && (!p.module || moduleMatches(address, p.module, this.policy.baseDir)),
    );
  }

  private isSanitizer(declaration: ts.Declaration): boolean {
    if (this.policy.sanitizers.length === 0) return false;
    const address = addressOf(this.program, declaration);
    const target = ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration);
    if (!target) return false;
    const name = address.member.slice(address.member.lastIndexOf('.') + 1);
    return this.policy.sanitizers.some((s) => s.function === name && (!s.module || moduleMatches(address, s.module, this.policy.baseDir)));
  }

  returnExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    const cached = this.returns.get(fn);
    if (cached) return cached;
    const found: ts.Expression[] = [];
    const body = fn.body;
    if (body && !ts.isBlock(body)) found.push(body);
    else if (body) {
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
        if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body, visit);
    }
    this.returns.set(fn, found);
    return found;
  }

  private callersOf(fn: ts.SignatureDeclaration): ts.CallExpression[] {
    const name = functionName(fn)?.split('.').pop();
    if (!name) return [];
    return (this.callsByName.get(name) ?? []).filter((call) =>
      calleeDeclarations(this.checker, call).some((d) => d === fn || functionWithBody(d) === fn),
    );
  }
}

/** Drops flows whose source value arrived through a parameter for which a caller's flow was found. */
function withoutResolved(flows: readonly Flow[], resolved: ReadonlySet<ts.ParameterDeclaration>): Flow[] {
  if (resolved.size === 0) return [...flows];
  return flows.filter((f) => !f.parameters?.some((p) => resolved.has(p)));
}

function sourceLabel(node: ts.Node, match: FinancialMatch): string {
  const text = shortText(node, 40);
  const inner = ts.isExpression(node) ? skipOuter(node) : node;
  if (ts.isCallExpression(inner) || ts.isAwaitExpression(inner)) return `\`${text}\` returns ${match.kind}`;
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) return `reads \`${text}\` (${match.kind})`;
  return `\`${text}\` holds ${match.kind}`;
}

function fnLabel(fn: ts.SignatureDeclaration): string {
  const name = functionName(fn);
  return name ? ` of \`${name}\`` : '';
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** The function whose body runs for a declaration: the declaration itself, an overload's implementation, or `const f = () => ...`. */
export function functionWithBody(declaration: ts.Declaration): ts.FunctionLikeDeclaration | undefined {
  if ((ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isConstructorDeclaration(declaration) || ts.isGetAccessorDeclaration(declaration)) && declaration.body) {
    return declaration;
  }
  if ((ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    const value = skipOuter(declaration.initializer);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  }
  if (ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) return declaration;
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

function enclosingLoop(node: ts.Node, stop: ts.Node | undefined): ts.IterationStatement | undefined {
  let loop: ts.IterationStatement | undefined;
  for (let current = node.parent; current && current !== stop; current = current.parent) {
    if (ts.isIterationStatement(current, false)) loop = current;
  }
  return loop;
}

/** A declaration, or an assignment statement whose block encloses the use: it runs on every path to the use. */
function alwaysRunsBefore(definition: ts.Node, use: ts.Node): boolean {
  if (ts.isVariableDeclaration(definition)) return true;
  if (!ts.isExpressionStatement(definition)) return false;
  const block = definition.parent;
  for (let current: ts.Node | undefined = use; current; current = current.parent) {
    if (current === block) return true;
  }
  return false;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
