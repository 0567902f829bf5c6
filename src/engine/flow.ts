import { ts } from '@ts-morph/common';
import type { EventSpec, Policy, PropagatorSpec } from '../policy/types.js';
import { addressOf, asList, calleeDeclarations, moduleMatches, skipOuter } from './declarations.js';
import { compileTypePatterns, type FinancialMatch, type FinancialTypes } from './financial-types.js';
import { modelFlows, storingMembers, type ValuePath } from './library-models.js';
import { functionName, shortText } from './locations.js';
import { CALL, ELEMENT, parsePayloadPath, pathInside } from './payload-path.js';
import { ProjectIndex, type StoreSite } from './project-index.js';
import { EMPTY, extend, isEmpty, union, type Flow, type ParamFlow, type Step, type Taint } from './taint.js';

type Fields = readonly string[];

/** Thrown when an expression nests deeper than the engine follows; the driver reports it with its location. */
export class DepthLimitError extends Error {
  constructor(readonly node: ts.Node) {
    super('expression nesting too deep to follow');
  }
}

/**
 * What an analysis depended on: the files whose nodes it visited, and the
 * names it looked up in project-wide tables (callers, stores, `new` sites,
 * methods, function values passed as arguments; `super` for super calls).
 * An editor session reuses a cached answer while no file it visited, nor a
 * file those import, changed, and no changed file mentions one of the names.
 */
export interface Dependencies {
  files: Set<string>;
  names: Set<string>;
}

export interface FlowOptions {
  /** The syntactic index of the project, when several analysers of one program share it. */
  index?: ProjectIndex;
  /**
   * Collects what every answer of this analyser depends on. Memoised answers
   * are reused only within the analyser, so one analyser per cached unit of
   * work (a send call) records that unit's dependencies completely.
   */
  dependencies?: Dependencies;
}

const MAX_DEPTH = 400;
const MAX_CALLER_DEPTH = 8;
/** Longer field paths are cut off: a cycle that keeps adding fields must end. */
const MAX_FIELDS = 8;
/** How far a function value passed as an argument is followed into the functions that receive it. */
const MAX_HANDOFF_DEPTH = 3;

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

/** What a thrown value is, and the `throw` that throws it. */
interface ThrowSite {
  value: ts.Expression;
  node: ts.Node;
}

/** One way a function gets called: what it passes into a given parameter. */
type Invoker = (param: ParamFlow) => Taint;

/**
 * Backward, demand-driven data flow. `taintOf(expression, fields)` answers:
 * which financial sources reach the value at this property path of this
 * expression, and which parameters of enclosing functions do. Answers are
 * memoised per (node, path), so a function's return value is summarised once
 * however many call sites ask about it. Stores into variables, class fields
 * and containers, calls of function values, thrown errors and event emitters
 * are looked up on demand through a syntactic index of the project.
 */
export class FlowAnalyzer {
  private readonly memo = new Map<ts.Node, Map<string, Taint | 'pending'>>();
  private readonly memberMemo = new Map<ts.Symbol, Map<string, Taint | 'pending'>>();
  private readonly definitions = new Map<ts.Symbol, Definition[]>();
  private readonly returns = new Map<ts.Node, ts.Expression[]>();
  private readonly yields = new Map<ts.Node, ts.Expression[]>();
  private readonly stores = new Map<ts.Symbol, StoreSite[]>();
  private readonly throwsMemo = new Map<ts.Node, ThrowSite[] | 'pending'>();
  private readonly invokerMemo = new Map<ts.Node, Invoker[]>();
  private readonly implementationMemo = new Map<ts.Node, ts.FunctionLikeDeclaration[]>();
  private readonly inheritsMemo = new Map<ts.Node, Set<ts.Symbol>>();
  private readonly activeCallbacks = new Map<ts.Node, Set<string>>();
  private readonly cleanTypes: { test(name: string): boolean }[];
  private index?: ProjectIndex;
  private readonly dependencies?: Dependencies;
  private depth = 0;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly policy: Policy,
    private readonly financial: FinancialTypes,
    /** Calls in the project by the callee's last name, to find who calls a function. */
    private readonly callsByName: ReadonlyMap<string, readonly ts.CallExpression[]>,
    options: FlowOptions = {},
  ) {
    this.cleanTypes = compileTypePatterns(policy.sanitizers.flatMap((s) => (s.type ? [s.type] : [])));
    this.index = options.index;
    this.dependencies = options.dependencies;
  }

  taintOf(node: ts.Expression, fields: Fields): Taint {
    if (fields.length > MAX_FIELDS) return EMPTY;
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
    this.dependencies?.files.add(node.getSourceFile().fileName);
    try {
      let taint = this.carriesNoData(node, fields) ? EMPTY : this.derive(skipOuter(node), fields);
      if (taint.flows.length === 0 && fields[0] !== CALL && !this.isCleanValue(node)) {
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
   * function, up to a bounded depth: direct calls, `new` and `super` calls,
   * and the places a function value is handed to (a project function that
   * calls it, a library method with a model, an event emitter). A financial
   * parameter nobody in the project calls (a framework handler) is itself the source.
   */
  resolveCallers(taint: Taint, depth = 0, visiting = new Set<string>()): Flow[] {
    const flows: Flow[] = [];
    const resolved = new Set<ts.ParameterDeclaration>();
    for (const param of taint.params) {
      const key = `${param.fn.pos}:${param.fn.getSourceFile().fileName}:${param.index}:${param.fields.join('.')}`;
      let found: Flow[] = [];
      if (depth < MAX_CALLER_DEPTH && !visiting.has(key)) {
        visiting.add(key);
        const fromCallers = union(this.invokers(param.fn).map((invoke) => extend(invoke(param), ...param.steps)));
        found = this.resolveCallers(fromCallers, depth + 1, visiting);
        visiting.delete(key);
      }
      if (found.length === 0 && param.fields[0] !== CALL) {
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

  /** Whether the value at `fields` of `node` is a source: financial by its static type, or untyped data from a modelled call. */
  financialAt(node: ts.Node, fields: Fields): FinancialMatch | undefined {
    return this.financialByType(node, fields) ?? this.financial.fromCall(node, fields); // calls: `sources.calls` (issue 7)
  }

  private financialByType(node: ts.Node, fields: Fields): FinancialMatch | undefined {
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
    if (fields[0] === CALL && (ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return this.functionResult(node, fields.slice(1));
    if (ts.isIdentifier(node)) return this.identifier(node, this.checker.getSymbolAtLocation(node), fields);
    if (ts.isPropertyAccessExpression(node)) return this.propertyRead(node, node.expression, node.name.text, fields);
    if (ts.isElementAccessExpression(node)) {
      const key = node.argumentExpression;
      const name = ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) ? key.text : ELEMENT;
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
    if (ts.isFunctionDeclaration(declaration)) return fields[0] === CALL ? this.functionResult(declaration, fields.slice(1)) : EMPTY;
    if (ts.isParameter(declaration)) return union([this.parameter(declaration, fields), this.storedInto(symbol, fields, node)]);
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, fields);
    if (ts.isVariableDeclaration(declaration)) {
      if (ts.isCatchClause(declaration.parent)) return this.caught(declaration, fields);
      return union([this.variable(node, symbol, declaration, fields), this.storedInto(symbol, fields, node)]);
    }
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
        const position = (pattern.elements as readonly ts.Node[]).indexOf(current);
        prefix.unshift(position >= 0 ? String(position) : ELEMENT);
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

  // ---- stores: fields, containers, class members ----------------------------

  projectIndex(): ProjectIndex {
    if (!this.index) {
      const files = this.program
        .getSourceFiles()
        .filter((sf) => !sf.isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(sf) && !sf.fileName.includes('/node_modules/'));
      this.index = new ProjectIndex(files, storingMembers(this.policy.propagators));
    }
    return this.index;
  }

  /**
   * Entries of a project-wide, name-keyed table. When dependencies are
   * recorded, the name is one: another file adding or removing an entry for it
   * changes the answer.
   */
  private lookup<T>(table: ReadonlyMap<string, readonly T[]>, name: string): readonly T[] {
    this.dependencies?.names.add(name);
    return table.get(name) ?? [];
  }

  private superCalls(): readonly ts.CallExpression[] {
    this.dependencies?.names.add('super');
    return this.projectIndex().superCalls;
  }

  /** Places that store a value below a variable, parameter or class member (`x.a = v`, `m.set(k, v)`, `this.f = v`). */
  private storesOf(symbol: ts.Symbol): StoreSite[] {
    const cached = this.stores.get(symbol);
    if (cached) return cached;
    const name = symbol.getName();
    const found = this.lookup(this.projectIndex().storesByName, name).filter((site) => this.symbolOf(site.root) === symbol);
    this.stores.set(symbol, found);
    return found;
  }

  /**
   * Data stored below a symbol, read at `fields`. For a use of a local in the
   * same function as the store, a store after the use (and not in a loop
   * around both) does not reach it.
   */
  private storedInto(symbol: ts.Symbol, fields: Fields, use?: ts.Node): Taint {
    let sites = this.storesOf(symbol);
    if (sites.length === 0) return EMPTY;
    if (use) {
      const useFunction = enclosingFunction(use);
      const loop = enclosingLoop(use, useFunction);
      sites = sites.filter(
        (site) => site.node.pos < use.pos || enclosingFunction(site.node) !== useFunction || (loop !== undefined && site.node.pos >= loop.pos && site.node.end <= loop.end),
      );
    }
    return union(sites.map((site) => this.storeTaint(site, fields)));
  }

  private storeTaint(site: StoreSite, fields: Fields): Taint {
    if (site.value) {
      const inside = pathInside(site.path, fields);
      if (!inside) return EMPTY;
      const target = ts.isBinaryExpression(site.node) ? site.node.left : site.node;
      return extend(this.taintOf(site.value, inside), { node: site.node, label: `stored in \`${shortText(target, 40)}\`` });
    }
    const call = site.call!;
    const model = this.modelOf(calleeDeclarations(this.checker, call));
    if (!model) return EMPTY;
    const parts: Taint[] = [];
    for (const flow of modelFlows(model.spec)) {
      const root = flow.to.root;
      const matches = site.target === 'this' ? root.kind === 'this' : root.kind === 'arg' && root.index === site.target;
      if (!matches) continue;
      const inside = pathInside([...site.path, ...flow.to.fields], fields);
      if (inside) parts.push(this.modelSource(call, model.spec, flow.from, inside));
    }
    return extend(union(parts), { node: call, label: `stored by \`${shortText(call.expression, 40)}()\`` });
  }

  /**
   * The symbol a name refers to, through import aliases. A member read through
   * `this` of a subclass resolves to an instantiated copy of the base class's
   * member: its root is the symbol the stores were made into.
   */
  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    let symbol = this.checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    if (symbol && symbol.flags & ts.SymbolFlags.Transient) {
      const roots = this.checker.getRootSymbols(symbol);
      if (roots.length === 1) symbol = roots[0];
    }
    return symbol;
  }

  /** A member of a class declared in the project (field, parameter property, accessor, method). */
  private classMember(name: ts.Node): ts.Symbol | undefined {
    const symbol = this.symbolOf(name);
    const declarations = symbol?.declarations ?? [];
    const isMember = declarations.some(
      (d) =>
        !d.getSourceFile().isDeclarationFile &&
        ((ts.isParameter(d) && ts.isConstructorDeclaration(d.parent) && ts.getModifiers(d)?.length) ||
          ((ts.isPropertyDeclaration(d) || ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d) || ts.isMethodDeclaration(d)) && ts.isClassLike(d.parent))),
    );
    return isMember ? symbol : undefined;
  }

  /** What a class member holds at `fields`: initializer, constructor parameter, getter, and every store into it. */
  private memberTaint(symbol: ts.Symbol, fields: Fields): Taint {
    const key = fields.join('.');
    let byPath = this.memberMemo.get(symbol);
    const known = byPath?.get(key);
    if (known === 'pending') return EMPTY;
    if (known) return known;
    if (!byPath) this.memberMemo.set(symbol, (byPath = new Map()));
    byPath.set(key, 'pending');
    try {
      const parts: Taint[] = [];
      for (const declaration of symbol.declarations ?? []) {
        if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
          if (fields[0] === CALL && isFunctionExpression(declaration.initializer)) parts.push(this.functionResult(skipOuter(declaration.initializer) as ts.FunctionLikeDeclaration, fields.slice(1)));
          else if (fields[0] !== CALL) parts.push(extend(this.taintOf(declaration.initializer, fields), { node: declaration.name, label: `initialises \`${declaration.name.getText()}\`` }));
        } else if (ts.isParameter(declaration)) {
          parts.push(this.parameter(declaration, fields));
        } else if (ts.isGetAccessorDeclaration(declaration) && fields[0] !== CALL) {
          const returned: Step = { node: declaration.name, label: `returned from getter \`${declaration.name.getText()}\`` };
          parts.push(extend(union(this.returnExpressions(declaration).map((e) => this.taintOf(e, fields))), returned));
        } else if (ts.isMethodDeclaration(declaration) && declaration.body && fields[0] === CALL) {
          parts.push(this.functionResult(declaration, fields.slice(1)));
        }
      }
      parts.push(this.storedInto(symbol, fields));
      const taint = union(parts);
      byPath.set(key, taint);
      return taint;
    } catch (error) {
      byPath.delete(key);
      throw error;
    }
  }

  // ---- objects, arrays, operators -----------------------------------------

  private propertyRead(node: ts.Expression, object: ts.Expression, name: string, fields: Fields): Taint {
    if (name === 'length' && fields.length === 0) return EMPTY;
    const inner = skipOuter(object);
    const ownObject = inner.kind === ts.SyntaxKind.ThisKeyword || inner.kind === ts.SyntaxKind.SuperKeyword;
    let taint = ownObject ? EMPTY : this.taintOf(object, [name, ...fields]);
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isElementAccessExpression(node) ? node.argumentExpression : undefined;
    const member = nameNode && this.classMember(nameNode);
    if (member) {
      let fromMember = this.memberTaint(member, fields);
      // Through another object than `this`, the constructor's arguments were bound where that object was created.
      if (!ownObject) fromMember = { flows: fromMember.flows, params: fromMember.params.filter((p) => !ts.isConstructorDeclaration(p.fn)) };
      taint = union([taint, fromMember]);
    }
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
      } else if (ts.isMethodDeclaration(property) && inner[0] === CALL) {
        parts.push(extend(this.functionResult(property, inner.slice(1)), step));
      }
    }
    return union(parts);
  }

  private arrayLiteral(node: ts.ArrayLiteralExpression, fields: Fields): Taint {
    const [head, ...rest] = fields;
    if (head !== undefined && head !== ELEMENT && !/^\d+$/.test(head)) return EMPTY;
    const inner = head === undefined ? [] : rest;
    const position = head !== undefined && /^\d+$/.test(head) ? Number(head) : -1;
    const spreadBefore = (i: number) => node.elements.slice(0, i).some(ts.isSpreadElement);
    return union(
      node.elements.map((element, i) => {
        if (ts.isSpreadElement(element)) return this.taintOf(element.expression, position >= 0 ? [ELEMENT, ...rest] : fields);
        if (position >= 0 && i !== position && !spreadBefore(i)) return EMPTY;
        return extend(this.taintOf(element, inner), { node: element, label: 'stored in an array' });
      }),
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
    if (this.returnsCleanType(node)) return EMPTY;
    if (ts.isNewExpression(node)) {
      const cls = declarations.find((d): d is ts.ClassLikeDeclaration => ts.isClassLike(d) && this.isProjectNode(d));
      if (cls) return this.constructed(node, cls, fields);
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) return EMPTY;
    const bodies = unique(
      declarations.flatMap((d) => {
        const body = functionWithBody(d);
        return body ? [body] : this.implementationsOf(d);
      }),
    );
    const projectBodies = bodies.filter((fn) => this.isProjectNode(fn));
    if (projectBodies.length > 0) return union(projectBodies.map((fn) => this.callIntoProject(node, fn, fields)));
    const library = this.libraryCall(node, declarations, fields);
    if (library) return library;
    if (ts.isCallExpression(node) && (declarations.length === 0 || declarations.every((d) => this.isProjectNode(d)))) return this.callOfValue(node, fields);
    return EMPTY;
  }

  /** A library call: its model from the policy, or for TypeScript's own lib, data from receiver and arguments. */
  private libraryCall(node: ts.CallExpression | ts.NewExpression, declarations: readonly ts.Declaration[], fields: Fields): Taint | undefined {
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
    const fromLib = declarations.find((d) => this.program.isSourceFileDefaultLibrary(d.getSourceFile()));
    if (fromLib) {
      const from = ['this', ...(node.arguments ?? []).map((_, i) => `arg${i}`)];
      return this.throughLibrary(node, from, fields, fromLib, true);
    }
    return undefined;
  }

  /** Data at a value path of a modelled call (`this[]`, `arg1`, `arg0()`), with `fields` below it. */
  private modelSource(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, from: ValuePath, fields: Fields): Taint {
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
        return ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? this.taintOf(callee.expression, path) : EMPTY;
      }
      case 'arg': {
        const arg = argument(root.index);
        return arg ? this.taintOf(arg, path) : EMPTY;
      }
      case 'args':
        return union(args.map((arg) => (ts.isSpreadElement(arg) ? this.taintOf(arg.expression, [ELEMENT, ...path]) : this.taintOf(arg, path))));
      case 'callback-return': {
        const arg = argument(root.index);
        if (!arg) return EMPTY;
        return this.bindCallback(call, spec, root.index, this.taintOf(arg, [CALL, ...path]));
      }
      case 'thrown': {
        const callee = skipOuter(call.expression);
        if (!ts.isPropertyAccessExpression(callee)) return EMPTY;
        return this.thrownTaint(this.thrownBy(callee.expression), path);
      }
      default:
        return EMPTY;
    }
  }

  /** Parameters of a callback handed to a modelled call, bound to what the model says the library passes in. */
  private bindCallback(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, index: number, taint: Taint): Taint {
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
  private callbackArgument(call: ts.CallExpression | ts.NewExpression, spec: PropagatorSpec, index: number, param: ParamFlow): Taint {
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
      if (inside) parts.push(this.modelSource(call, spec, flow.from, inside));
    }
    return extend(union(parts), { node: call, label: `passed to the callback of \`${shortText(call.expression, 40)}()\`` });
  }

  /** A call of a function value (a callback parameter, a function in a variable or property): what that function returns. */
  private callOfValue(call: ts.CallExpression, fields: Fields): Taint {
    const callee = skipOuter(call.expression);
    const taint = this.taintOf(callee, [CALL, ...fields]);
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
      const bound = this.argumentTaint(call, param);
      if (bound.flows.length > 0) resolved.add(param.parameter);
      parts.push(extend(bound, ...param.steps, returned));
    }
    const own = withoutResolved(taint.flows, resolved).map((f) => ({ ...f, steps: [...f.steps, returned] }));
    return union([{ flows: own, params }, ...parts]);
  }

  /** What calling a function returns at `fields` (its `return` values, or for a generator read element-wise, its `yield`s). */
  private functionResult(fn: ts.FunctionLikeDeclaration, fields: Fields): Taint {
    const generator = fn.asteriskToken !== undefined;
    let expressions: ts.Expression[];
    let inner = fields;
    if (generator) {
      if (fields.length > 0 && fields[0] !== ELEMENT && !/^\d+$/.test(fields[0]!)) return EMPTY;
      expressions = this.yieldExpressions(fn);
      inner = fields.slice(1);
    } else expressions = this.returnExpressions(fn);
    const name = functionName(fn);
    return extend(union(expressions.map((e) => this.taintOf(e, inner))), { node: fn, label: name ? `returned from \`${name}\`` : generator ? 'yielded by a generator' : 'returned from a callback' });
  }

  /** A call into a function of the project: its returned value, with its parameters bound to this call's arguments. */
  private callIntoProject(call: ts.CallExpression | ts.NewExpression, fn: ts.FunctionLikeDeclaration, fields: Fields): Taint {
    const generator = fn.asteriskToken !== undefined;
    let summary: Taint;
    if (generator) {
      if (fields.length > 0 && fields[0] !== ELEMENT && !/^\d+$/.test(fields[0]!)) return EMPTY;
      summary = union(this.yieldExpressions(fn).map((e) => this.taintOf(e, fields.slice(1))));
    } else summary = union(this.returnExpressions(fn).map((e) => this.taintOf(e, fields)));
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
    const type = this.checker.getTypeAtLocation(node);
    const [head, ...rest] = fields;
    const members = head === undefined ? type.getProperties() : [this.checker.getPropertyOfType(type, head)].filter((p): p is ts.Symbol => p !== undefined);
    const parts: Taint[] = [];
    let library = false;
    for (const member of members) {
      const projectMember = member.declarations?.some((d) => this.isProjectNode(d));
      if (projectMember) parts.push(this.memberTaint(member, head === undefined ? [] : rest));
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
    const base = this.symbolOf(heritage.expression);
    const declarations = base?.declarations ?? [];
    if (declarations.some((d) => this.isProjectNode(d))) {
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
    return this.libraryCall(superCall, declarations, fields) ?? EMPTY;
  }

  private constructorOf(node: ts.NewExpression | ts.CallExpression): ts.ConstructorDeclaration | undefined {
    const declaration = this.checker.getResolvedSignature(node)?.declaration;
    return declaration && ts.isConstructorDeclaration(declaration) && declaration.body ? declaration : undefined;
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

  private throughLibrary(node: ts.CallExpression | ts.NewExpression, from: readonly string[], fields: Fields, declaration: ts.Declaration, labelled: boolean): Taint {
    const parts: Taint[] = [];
    for (const spec of from) {
      const at = parsePayloadPath(spec);
      if (!at) continue;
      const callee = skipOuter(node.expression);
      const source = at.index === -1 ? (ts.isPropertyAccessExpression(callee) ? callee.expression : undefined) : node.arguments?.[at.index];
      if (source && !ts.isSpreadElement(source) && !ts.isFunctionLike(source)) parts.push(this.taintOf(source, [...at.fields, ...fields]));
    }
    const taint = union(parts);
    return labelled ? extend(taint, { node, label: `passed through \`${this.displayName(node, declaration)}()\`` }) : taint;
  }

  private displayName(node: ts.CallExpression | ts.NewExpression, declaration: ts.Declaration): string {
    const address = addressOf(this.program, declaration);
    return address.type && address.member ? `${address.type}.${address.member}` : address.member || shortText(node.expression, 30);
  }

  /** The first declaration of a callee that a propagator of the policy models. */
  private modelOf(declarations: readonly ts.Declaration[]): { spec: PropagatorSpec; declaration: ts.Declaration } | undefined {
    for (const declaration of declarations) {
      const spec = this.propagatorFor(declaration);
      if (spec) return { spec, declaration };
    }
    return undefined;
  }

  private propagatorFor(declaration: ts.Declaration): PropagatorSpec | undefined {
    if (this.isProjectNode(declaration)) return undefined;
    const address = addressOf(this.program, declaration);
    // `Type.method`, `Type.*` (any method of Type), a bare `Type` for its constructor (`new Type(...)`),
    // or a bare function name (never matching a member of a type).
    const qualified = address.type ? (address.member ? `${address.type}.${address.member}` : address.type) : address.member;
    if (!qualified) return undefined;
    const anyMember = address.type && address.member ? `${address.type}.*` : undefined;
    return this.policy.propagators.find(
      (p) =>
        (p.function === qualified || p.function === anyMember || (!p.function.includes('.') && address.member !== '' && p.function === address.member)) &&
        (!p.module || moduleMatches(address, p.module, this.policy.baseDir)),
    );
  }

  private isSanitizer(declaration: ts.Declaration): boolean {
    if (this.policy.sanitizers.length === 0) return false;
    const address = addressOf(this.program, declaration);
    const target = ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration);
    if (!target) return false;
    const name = address.member.slice(address.member.lastIndexOf('.') + 1);
    return this.policy.sanitizers.some((s) => s.function !== undefined && s.function === name && (!s.module || moduleMatches(address, s.module, this.policy.baseDir)));
  }

  /** A typed declassifier: the call's declared return type is a clean type of the policy (`MaskedIban`). */
  private returnsCleanType(node: ts.CallExpression | ts.NewExpression): boolean {
    if (this.cleanTypes.length === 0 || ts.isNewExpression(node)) return false;
    const signature = this.checker.getResolvedSignature(node);
    if (!signature) return false;
    return this.isCleanType(signature.getReturnType());
  }

  private isCleanValue(node: ts.Expression): boolean {
    return this.cleanTypes.length > 0 && this.isCleanType(this.checker.getTypeAtLocation(node));
  }

  private isCleanType(type: ts.Type): boolean {
    const awaited = this.checker.getAwaitedType(type) ?? type;
    const members = awaited.isUnion() && !awaited.aliasSymbol ? awaited.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) : [awaited];
    return (
      members.length > 0 &&
      members.every((t) => {
        const names = [t.aliasSymbol?.name, t.getSymbol()?.name].filter((n): n is string => n !== undefined);
        return names.some((n) => this.cleanTypes.some((p) => p.test(n)));
      })
    );
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

  /** Values a generator yields (`yield* x` yields the elements of `x`, approximated by `x`). */
  private yieldExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
    const cached = this.yields.get(fn);
    if (cached) return cached;
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isYieldExpression(node) && node.expression) found.push(node.expression);
      ts.forEachChild(node, visit);
    };
    if (fn.body) ts.forEachChild(fn.body, visit);
    this.yields.set(fn, found);
    return found;
  }

  // ---- thrown errors --------------------------------------------------------

  /** `catch (e)`: whatever the `try` block throws, directly or from the project functions it calls. */
  private caught(declaration: ts.VariableDeclaration, fields: Fields): Taint {
    const tryStatement = declaration.parent.parent as ts.TryStatement;
    const sites = this.throwsIn(tryStatement.tryBlock);
    return extend(this.thrownTaint(sites, fields), { node: declaration.name, label: `caught as \`${declaration.name.getText()}\`` });
  }

  private thrownTaint(sites: readonly ThrowSite[], fields: Fields): Taint {
    return union(sites.map((site) => extend(this.taintOf(site.value, fields), { node: site.node, label: 'thrown' })));
  }

  /** What an expression (a promise, usually) throws or rejects with: the throws of the project functions it calls. */
  private thrownBy(expression: ts.Expression): ThrowSite[] {
    const node = skipOuter(expression);
    if (ts.isAwaitExpression(node)) return this.thrownBy(node.expression);
    if (ts.isIdentifier(node)) {
      const declaration = this.symbolOf(node)?.valueDeclaration;
      return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? this.thrownBy(declaration.initializer) : [];
    }
    if (!ts.isCallExpression(node)) return [];
    const sites = this.throwsOfCall(node);
    const callee = skipOuter(node.expression);
    if (ts.isPropertyAccessExpression(callee) && !this.isProjectCall(node)) sites.push(...this.thrownBy(callee.expression));
    for (const arg of node.arguments) {
      const fn = this.functionOfValue(arg);
      if (fn && !ts.isSpreadElement(arg)) sites.push(...this.throwsOfFunction(fn));
    }
    return sites;
  }

  private isProjectCall(call: ts.CallExpression): boolean {
    return calleeDeclarations(this.checker, call).some((d) => this.isProjectNode(d));
  }

  private throwsOfCall(call: ts.CallExpression | ts.NewExpression): ThrowSite[] {
    const bodies = calleeDeclarations(this.checker, call).flatMap((d) => {
      const body = functionWithBody(d);
      return body ? [body] : this.implementationsOf(d);
    });
    return bodies.filter((fn) => this.isProjectNode(fn)).flatMap((fn) => this.throwsOfFunction(fn));
  }

  private throwsOfFunction(fn: ts.FunctionLikeDeclaration): ThrowSite[] {
    const known = this.throwsMemo.get(fn);
    if (known === 'pending') return [];
    if (known) return known;
    this.throwsMemo.set(fn, 'pending');
    const sites = fn.body ? this.throwsIn(fn.body) : [];
    this.throwsMemo.set(fn, sites);
    return sites;
  }

  /** Throws in a block, not counting nested functions or `try` blocks that catch their own errors. */
  private throwsIn(block: ts.Node): ThrowSite[] {
    const sites: ThrowSite[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isThrowStatement(node)) sites.push({ value: node.expression, node });
      if (ts.isTryStatement(node) && node.catchClause) {
        visit(node.catchClause.block);
        if (node.finallyBlock) visit(node.finallyBlock);
        return;
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) sites.push(...this.throwsOfCall(node));
      ts.forEachChild(node, visit);
    };
    if (ts.isBlock(block)) ts.forEachChild(block, visit);
    else visit(block);
    return sites;
  }

  // ---- who calls a function --------------------------------------------------

  /** Every way the project invokes a function; each gives what it passes into a parameter. */
  private invokers(fn: ts.SignatureDeclaration): Invoker[] {
    const cached = this.invokerMemo.get(fn);
    if (cached) return cached;
    const list: Invoker[] = [];
    this.invokerMemo.set(fn, list);
    for (const call of this.callersOf(fn)) list.push((param) => this.argumentTaint(call, param));
    if (ts.isConstructorDeclaration(fn)) {
      const name = fn.parent.name?.text;
      const sites = [...(name ? this.lookup(this.projectIndex().newsByName, name) : []), ...this.superCalls()];
      for (const site of sites) {
        if (this.checker.getResolvedSignature(site)?.declaration === fn) list.push((param) => this.argumentTaint(site, param));
      }
    }
    if (ts.isSetAccessorDeclaration(fn)) {
      const symbol = this.symbolOf(fn.name);
      for (const site of symbol ? this.storesOf(symbol) : []) {
        if (site.value && site.path.length === 0) {
          const value = site.value;
          list.push((param) => (param.index === 0 ? extend(this.taintOf(value, param.fields), { node: site.node, label: `assigned through setter \`${fn.name.getText()}\`` }) : EMPTY));
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
      const symbol = this.symbolOf(nameNode);
      for (const use of this.lookup(this.projectIndex().argumentsByName, nameNode.text)) {
        const arg = skipOuter(use.call.arguments![use.index] as ts.Expression);
        const node = ts.isPropertyAccessExpression(arg) ? arg.name : arg;
        if (symbol && this.symbolOf(node) === symbol) uses.push(use);
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
    const declarations = calleeDeclarations(this.checker, call);
    const bodies = unique(declarations.map(functionWithBody).filter((fn): fn is ts.FunctionLikeDeclaration => fn !== undefined && this.isProjectNode(fn)));
    for (const body of bodies) {
      const parameter = body.parameters[index];
      if (!parameter || !ts.isIdentifier(parameter.name) || !body.body) continue;
      const symbol = this.symbolOf(parameter.name);
      const name = parameter.name.text;
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && node.text === name && node !== parameter.name && this.symbolOf(node) === symbol) {
          const parent = node.parent;
          if (ts.isCallExpression(parent) && skipOuter(parent.expression) === node) {
            list.push((param) => extend(this.argumentTaint(parent, param), { node: parent, label: `called as \`${name}\`` }));
          } else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node) && depth < MAX_HANDOFF_DEPTH) {
            this.handoffInvokers(parent, parent.arguments.indexOf(node), list, depth + 1);
          }
        }
        ts.forEachChild(node, visit);
      };
      ts.forEachChild(body.body, visit);
    }
    if (bodies.length > 0 || !ts.isCallExpression(call)) return;
    const model = this.modelOf(declarations);
    if (model && modelFlows(model.spec).some((f) => f.to.root.kind === 'callback-param' && f.to.root.index === index)) {
      list.push((param) => this.callbackArgument(call, model.spec, index, param));
      return;
    }
    const event = this.eventRegistration(declarations);
    if (event) {
      for (const emit of this.emitsFor(call, event)) {
        list.push((param) => {
          const arg = emit.arguments[param.index + 1];
          if (!arg || ts.isSpreadElement(arg)) return EMPTY;
          return extend(this.taintOf(arg, param.fields), { node: emit, label: `emitted by \`${shortText(emit, 40)}\`` });
        });
      }
    }
  }

  private eventRegistration(declarations: readonly ts.Declaration[]): EventSpec | undefined {
    for (const declaration of declarations) {
      const address = addressOf(this.program, declaration);
      const spec = (this.policy.events ?? []).find(
        (e) => e.register.includes(address.member) && moduleMatches(address, e.module, this.policy.baseDir) && (!e.type || asList(e.type).includes(address.type ?? '')),
      );
      if (spec) return spec;
    }
    return undefined;
  }

  /** `emit` calls on the same emitter, for the same event name where both are literals. */
  private emitsFor(registration: ts.CallExpression, spec: EventSpec): ts.CallExpression[] {
    const callee = skipOuter(registration.expression);
    if (!ts.isPropertyAccessExpression(callee)) return [];
    const event = literalText(registration.arguments[0]);
    const emitter = this.emitterIdentity(callee.expression);
    const found: ts.CallExpression[] = [];
    for (const name of spec.emit) {
      for (const call of this.lookup(this.callsByName, name)) {
        const emitCallee = skipOuter(call.expression);
        if (!ts.isPropertyAccessExpression(emitCallee)) continue;
        const other = literalText(call.arguments[0]);
        if (event !== undefined && other !== undefined && event !== other) continue;
        const declarations = calleeDeclarations(this.checker, call);
        const isEmit = declarations.some((d) => {
          const address = addressOf(this.program, d);
          return spec.emit.includes(address.member) && moduleMatches(address, spec.module, this.policy.baseDir);
        });
        if (isEmit && this.emitterIdentity(emitCallee.expression) === emitter) found.push(call);
      }
    }
    return found;
  }

  /** Which emitter an expression is: its variable or property symbol, or for `this`, the class. */
  private emitterIdentity(expression: ts.Expression): ts.Symbol | ts.Type | undefined {
    const node = skipOuter(expression);
    if (node.kind === ts.SyntaxKind.ThisKeyword) return this.checker.getTypeAtLocation(node).getSymbol();
    const symbol = ts.isPropertyAccessExpression(node) ? this.symbolOf(node.name) : this.symbolOf(node);
    if (symbol?.valueDeclaration && ts.isVariableDeclaration(symbol.valueDeclaration) && symbol.valueDeclaration.initializer) {
      // `const events = new BankEvents()` and `this` inside BankEvents are the same emitter when the class is the project's own.
      const type = this.checker.getTypeAtLocation(node).getSymbol();
      if (type?.declarations?.some((d) => ts.isClassLike(d) && this.isProjectNode(d))) return type;
    }
    return symbol;
  }

  private callersOf(fn: ts.SignatureDeclaration): ts.CallExpression[] {
    const name = functionName(fn)?.split('.').pop();
    if (!name) return [];
    return this.lookup(this.callsByName, name).filter((call) =>
      calleeDeclarations(this.checker, call).some((d) => d === fn || functionWithBody(d) === fn || this.implementationsOf(d).includes(fn as ts.FunctionLikeDeclaration)),
    );
  }

  /** The function a value expression is: an arrow or function expression, or a name for a function. */
  private functionOfValue(expression: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    const node = skipOuter(expression);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return node;
    const nameNode = ts.isPropertyAccessExpression(node) ? node.name : ts.isIdentifier(node) ? node : undefined;
    const declaration = nameNode && this.symbolOf(nameNode)?.valueDeclaration;
    return declaration ? functionWithBody(declaration) : undefined;
  }

  /** Bodies behind a call through an interface or abstract method: the methods of project classes that implement it. */
  private implementationsOf(declaration: ts.Declaration): ts.FunctionLikeDeclaration[] {
    const bodiless = ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration) || (ts.isMethodDeclaration(declaration) && !declaration.body);
    if (!bodiless || !declaration.name || !(ts.isIdentifier(declaration.name) || ts.isStringLiteral(declaration.name))) return [];
    const cached = this.implementationMemo.get(declaration);
    if (cached) return cached;
    const owner = declaration.parent;
    const ownerSymbol = (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name ? this.symbolOf(owner.name) : undefined;
    const found: ts.FunctionLikeDeclaration[] = [];
    if (ownerSymbol) {
      for (const member of this.lookup(this.projectIndex().methodsByName, declaration.name.text)) {
        const body = functionWithBody(member);
        if (body && ts.isClassLike(member.parent) && this.ancestorsOf(member.parent).has(ownerSymbol)) found.push(body);
      }
    }
    this.implementationMemo.set(declaration, found);
    return found;
  }

  /** Symbols of every class and interface a class extends or implements, transitively. */
  private ancestorsOf(cls: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): Set<ts.Symbol> {
    const cached = this.inheritsMemo.get(cls);
    if (cached) return cached;
    const found = new Set<ts.Symbol>();
    this.inheritsMemo.set(cls, found);
    for (const clause of cls.heritageClauses ?? []) {
      for (const type of clause.types) {
        const symbol = this.symbolOf(type.expression);
        if (!symbol || found.has(symbol)) continue;
        found.add(symbol);
        for (const declaration of symbol.declarations ?? []) {
          if ((ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) && this.isProjectNode(declaration)) {
            for (const ancestor of this.ancestorsOf(declaration)) found.add(ancestor);
          }
        }
      }
    }
    return found;
  }

  private isProjectNode(node: ts.Node): boolean {
    const sourceFile = node.getSourceFile();
    return !sourceFile.isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(sourceFile);
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

function isAncestor(ancestor: ts.Node, node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function isFunctionExpression(node: ts.Expression): boolean {
  const value = skipOuter(node);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

function literalText(node: ts.Expression | undefined): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}
