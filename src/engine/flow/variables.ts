import { ts } from '@ts-morph/common';
import { skipOuter } from '../declarations.js';
import type { Fields, FlowAnalyzer } from '../flow.js';
import { functionName, shortText } from '../locations.js';
import { CALL, ELEMENT } from '../payload-path.js';
import { EMPTY, extend, union, type ParamFlow, type Step, type Taint } from '../taint.js';
import { alwaysRunsBefore, enclosingFunction, enclosingLoop } from './scopes.js';

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

/** Names: what a variable holds where it is used, what a parameter receives, what destructuring binds. */
export class Variables {
  private readonly definitions = new Map<ts.Symbol, Definition[]>();

  constructor(private readonly flow: FlowAnalyzer) {}

  identifier(node: ts.Identifier, symbol: ts.Symbol | undefined, fields: Fields): Taint {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.flow.checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!symbol || !declaration || declaration.getSourceFile().isDeclarationFile) return EMPTY;
    if (ts.isFunctionDeclaration(declaration)) return fields[0] === CALL ? this.flow.functions.result(declaration, fields.slice(1)) : EMPTY;
    if (ts.isParameter(declaration)) return union([this.parameter(declaration, fields), this.flow.stores.storedInto(symbol, fields, node)]);
    if (ts.isBindingElement(declaration)) return this.bindingElement(declaration, fields);
    if (ts.isVariableDeclaration(declaration)) {
      if (ts.isCatchClause(declaration.parent)) return this.flow.exceptions.caught(declaration, fields, node);
      return union([this.variable(node, symbol, declaration, fields), this.flow.stores.storedInto(symbol, fields, node)]);
    }
    return EMPTY;
  }

  /** A parameter at `fields`: open for the callers to fill, and its default value. */
  parameter(parameter: ts.ParameterDeclaration, fields: Fields, steps: Step[] = []): Taint {
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    const name = parameter.name.getText();
    const label = `passed as parameter \`${name}\`${fnLabel(fn)}`;
    const fromCallers: ParamFlow = { fn, parameter, index, fields, steps: [{ node: parameter.name, label }, ...steps] };
    const fromDefault = parameter.initializer ? extend(this.flow.taintOf(parameter.initializer, fields), ...steps) : EMPTY;
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
      return extend(this.flow.taintOf(statement.expression, [ELEMENT, ...fields]), {
        node: declaration.name,
        label: `iterated as \`${shortText(declaration.name, 30)}\``,
      });
    }
    if (ts.isForInStatement(statement)) return EMPTY; // keys, not values
    return declaration.initializer ? this.flow.taintOf(declaration.initializer, fields) : undefined;
  }

  private variable(use: ts.Identifier, symbol: ts.Symbol, declaration: ts.VariableDeclaration, fields: Fields): Taint {
    const name = use.text;
    const reaching = this.reachingDefinitions(use, symbol, declaration);
    return union(
      reaching.map((definition) => {
        const taint = definition.node === declaration ? this.variableRoot(declaration, fields) : definition.value && this.flow.taintOf(definition.value, fields);
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
    const declarationList = declaration.parent;
    const isConst = ts.isVariableDeclarationList(declarationList) && (declarationList.flags & ts.NodeFlags.Const) !== 0;
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
          if (ts.isIdentifier(left) && left.text === name && this.flow.checker.getSymbolAtLocation(left) === symbol) {
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
}

function fnLabel(fn: ts.SignatureDeclaration): string {
  const name = functionName(fn);
  return name ? ` of \`${name}\`` : '';
}
