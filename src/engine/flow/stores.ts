import { ts } from '@ts-morph/common';
import { calleeDeclarations, skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { modelFlows } from '../library-models.js';
import { shortText } from '../locations.js';
import { CALL, pathInside } from '../payload-path.js';
import type { ProjectIndex, StoreSite } from '../project-index.js';
import { EMPTY, extend, union, type Step, type Taint } from '../taint.js';
import { enclosingFunction, enclosingLoop } from './scopes.js';

/**
 * Stores: data put below a variable, parameter or class member somewhere else
 * in the project (`x.a = v`, `m.set(k, v)`, `this.f = v`), found through the
 * project's syntactic index; and what a class member holds.
 */
export class Stores {
  private readonly memberMemo = new Map<ts.Symbol, Map<string, Taint | 'pending'>>();
  private readonly stores = new Map<ts.Symbol, StoreSite[]>();

  constructor(
    private readonly flow: FlowAnalyzer,
    private readonly index: ProjectIndex,
  ) {}

  projectIndex(): ProjectIndex {
    return this.index;
  }

  /**
   * Entries of a project-wide, name-keyed table. When dependencies are
   * recorded, the name is one: another file adding or removing an entry for it
   * changes the answer.
   */
  lookup<T>(table: ReadonlyMap<string, readonly T[]>, name: string): readonly T[] {
    this.flow.dependencies?.names.add(name);
    return table.get(name) ?? [];
  }

  superCalls(): readonly ts.CallExpression[] {
    this.flow.dependencies?.names.add('super');
    return this.projectIndex().superCalls;
  }

  /** Places that store a value below a variable, parameter or class member (`x.a = v`, `m.set(k, v)`, `this.f = v`). */
  storesOf(symbol: ts.Symbol): StoreSite[] {
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
  storedInto(symbol: ts.Symbol, fields: Fields, use?: ts.Node): Taint {
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
      return extend(this.flow.taintOf(site.value, inside), { node: site.node, label: `stored in \`${shortText(target, 40)}\`` });
    }
    const call = site.call!;
    const library = this.flow.library;
    const model = library.modelOf(calleeDeclarations(this.flow.checker, call));
    if (!model) return EMPTY;
    const parts: Taint[] = [];
    for (const flow of modelFlows(model.spec)) {
      const root = flow.to.root;
      const matches = site.target === 'this' ? root.kind === 'this' : root.kind === 'arg' && root.index === site.target;
      if (!matches) continue;
      const inside = pathInside([...site.path, ...flow.to.fields], fields);
      if (inside) parts.push(library.modelSource(call, model.spec, flow.from, inside));
    }
    return extend(union(parts), { node: call, label: `stored by \`${shortText(call.expression, 40)}()\`` });
  }

  /**
   * The symbol a name refers to, through import aliases. A member read through
   * `this` of a subclass resolves to an instantiated copy of the base class's
   * member: its root is the symbol the stores were made into.
   */
  symbolOf(node: ts.Node): ts.Symbol | undefined {
    const checker = this.flow.checker;
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    if (symbol && symbol.flags & ts.SymbolFlags.Transient) {
      const roots = checker.getRootSymbols(symbol);
      if (roots.length === 1) symbol = roots[0];
    }
    return symbol;
  }

  /** A member of a class declared in the project (field, parameter property, accessor, method). */
  classMember(name: ts.Node): ts.Symbol | undefined {
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
  memberTaint(symbol: ts.Symbol, fields: Fields): Taint {
    const key = fields.join('.');
    let byPath = this.memberMemo.get(symbol);
    const known = byPath?.get(key);
    if (known === 'pending') return EMPTY;
    if (known) return known;
    if (!byPath) this.memberMemo.set(symbol, (byPath = new Map()));
    byPath.set(key, 'pending');
    try {
      const functions = this.flow.functions;
      const parts: Taint[] = [];
      for (const declaration of symbol.declarations ?? []) {
        if (ts.isPropertyDeclaration(declaration) && declaration.initializer) {
          if (fields[0] === CALL && isFunctionExpression(declaration.initializer)) parts.push(functions.result(skipOuter(declaration.initializer) as ts.FunctionLikeDeclaration, fields.slice(1)));
          else if (fields[0] !== CALL) parts.push(extend(this.flow.taintOf(declaration.initializer, fields), { node: declaration.name, label: `initialises \`${declaration.name.getText()}\`` }));
        } else if (ts.isParameter(declaration)) {
          parts.push(this.flow.variables.parameter(declaration, fields));
        } else if (ts.isGetAccessorDeclaration(declaration) && fields[0] !== CALL) {
          const returned: Step = { node: declaration.name, label: `returned from getter \`${declaration.name.getText()}\`` };
          parts.push(extend(union(functions.returnExpressions(declaration).map((e) => this.flow.taintOf(e, fields))), returned));
        } else if (ts.isMethodDeclaration(declaration) && declaration.body && fields[0] === CALL) {
          parts.push(functions.result(declaration, fields.slice(1)));
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
}

function isFunctionExpression(node: ts.Expression): boolean {
  const value = skipOuter(node);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}
