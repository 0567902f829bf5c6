import { ts } from '@ts-morph/common';
import { calleeName, pushTo, skipOuter } from './declarations.js';
import { ELEMENT } from './payload-path.js';

/**
 * A place where a value is stored below a named root: `x.a = v` is a store
 * into `x` at path `a` and into property `a` at the empty path; `m.set(k, v)`
 * is a modelled call storing into `m` (the model says at which path).
 */
export interface StoreSite {
  /** The node naming the root: an identifier, or the name of a property access. */
  root: ts.Node;
  path: string[];
  /** The stored value of an assignment. */
  value?: ts.Expression;
  /** A call that may store (`set`, `push`, `assign`): whether the root is its receiver or argument N. */
  call?: ts.CallExpression;
  target?: 'this' | number;
  node: ts.Node;
}

export interface ArgumentUse {
  call: ts.CallExpression | ts.NewExpression;
  index: number;
}

/**
 * Syntactic facts about the project's own files, collected in the walk that
 * finds their calls (see incremental.ts `scanFile`). Nothing here asks the
 * type checker: entries are keyed by names as written, and the flow analysis
 * resolves the symbols of the few candidates it looks at.
 */
export class ProjectIndex {
  readonly storesByName = new Map<string, StoreSite[]>();
  readonly newsByName = new Map<string, ts.NewExpression[]>();
  readonly superCalls: ts.CallExpression[] = [];
  /** Class methods and function-valued properties with a body, by name. */
  readonly methodsByName = new Map<string, (ts.MethodDeclaration | ts.PropertyDeclaration)[]>();
  /** Identifiers and property accesses passed as call arguments, by their (last) name: function references. */
  readonly argumentsByName = new Map<string, ArgumentUse[]>();

  constructor(private readonly storingMembers: ReadonlySet<string>) {}

  /**
   * One index from the indexes of single files (an editor keeps one per
   * file and rebuilds only the edited file's): entries in the order of `parts`.
   */
  static merge(parts: readonly ProjectIndex[], storingMembers: ReadonlySet<string>): ProjectIndex {
    const merged = new ProjectIndex(storingMembers);
    const append = <T>(into: Map<string, T[]>, from: ReadonlyMap<string, readonly T[]>): void => {
      for (const [name, entries] of from) {
        const list = into.get(name);
        if (list) list.push(...entries);
        else into.set(name, [...entries]);
      }
    };
    for (const part of parts) {
      append(merged.storesByName, part.storesByName);
      append(merged.newsByName, part.newsByName);
      append(merged.methodsByName, part.methodsByName);
      append(merged.argumentsByName, part.argumentsByName);
      merged.superCalls.push(...part.superCalls);
    }
    return merged;
  }

  /** Every name this index has entries under (`super` for super calls): what a lookup in it can depend on. */
  names(): Set<string> {
    const names = new Set([...this.storesByName.keys(), ...this.newsByName.keys(), ...this.methodsByName.keys(), ...this.argumentsByName.keys()]);
    if (this.superCalls.length > 0) names.add('super');
    return names;
  }

  /** Indexes one node (not its children: the caller walks the file). */
  add(node: ts.Node): void {
    this.visit(node, this.storingMembers);
  }

  private visit(node: ts.Node, storingMembers: ReadonlySet<string>): void {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = skipOuter(node.left);
      for (const level of chainLevels(target)) {
        if (level.root === target) continue; // `x = v`: a definition of a variable, not a store
        pushTo(this.storesByName, level.name, { root: level.root, path: level.path, value: node.right, node });
      }
    } else if (ts.isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (callee.kind === ts.SyntaxKind.SuperKeyword) this.superCalls.push(node);
      const name = calleeName(node);
      if (name !== undefined && storingMembers.has(name)) {
        if (ts.isPropertyAccessExpression(callee)) {
          for (const level of chainLevels(callee.expression)) pushTo(this.storesByName, level.name, { root: level.root, path: level.path, call: node, target: 'this', node });
        }
        const first = node.arguments[0];
        if (first && !ts.isSpreadElement(first)) {
          for (const level of chainLevels(first)) pushTo(this.storesByName, level.name, { root: level.root, path: level.path, call: node, target: 0, node });
        }
      }
      this.arguments(node);
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node);
      if (name !== undefined) pushTo(this.newsByName, name, node);
      this.arguments(node);
    } else if ((ts.isMethodDeclaration(node) && node.body) || (ts.isPropertyDeclaration(node) && node.initializer && isFunctionValue(node.initializer))) {
      if (ts.isClassLike(node.parent) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) pushTo(this.methodsByName, node.name.text, node);
    }
  }

  private arguments(call: ts.CallExpression | ts.NewExpression): void {
    call.arguments?.forEach((arg, index) => {
      const value = skipOuter(arg);
      const name = ts.isIdentifier(value) ? value.text : ts.isPropertyAccessExpression(value) ? value.name.text : undefined;
      if (name !== undefined) pushTo(this.argumentsByName, name, { call, index });
    });
  }
}

export interface ChainLevel {
  root: ts.Node;
  name: string;
  path: string[];
}

/**
 * Every named level of an access chain with the path below it:
 * `this.a.b` -> (a, [b]), (b, []); `x.a` -> (x, [a]), (a, []).
 */
export function chainLevels(expression: ts.Expression): ChainLevel[] {
  const levels: ChainLevel[] = [];
  const path: string[] = [];
  let current = skipOuter(expression);
  for (;;) {
    if (ts.isIdentifier(current)) {
      levels.push({ root: current, name: current.text, path: [...path] });
      return levels;
    }
    if (ts.isPropertyAccessExpression(current)) {
      if (ts.isIdentifier(current.name)) levels.push({ root: current.name, name: current.name.text, path: [...path] });
      path.unshift(current.name.text);
      current = skipOuter(current.expression);
      continue;
    }
    if (ts.isElementAccessExpression(current)) {
      const key = current.argumentExpression;
      if (ts.isStringLiteralLike(key)) {
        levels.push({ root: key, name: key.text, path: [...path] });
        path.unshift(key.text);
      } else path.unshift(ELEMENT);
      current = skipOuter(current.expression);
      continue;
    }
    return levels;
  }
}

export function isFunctionValue(node: ts.Expression): boolean {
  const value = skipOuter(node);
  return ts.isArrowFunction(value) || ts.isFunctionExpression(value);
}

