import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/**
 * The types a framework gives a handler's untyped parameter, read where the
 * handler is registered: `bot.command('budgets', budgetsCommand)` gives
 * `export const budgetsCommand = async (ctx: any) => { ctx.reply(…) }` the
 * type of grammY's command middleware's first parameter, exactly as if the
 * handler were written inline. The project's calls are indexed by the names
 * of their arguments once, the first time a question is asked.
 */
export class RegisteredHandlers {
  private index: Map<string, ts.Expression[]> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {}

  /** The type at `path` (`['telegram']` for `ctx.telegram`) of a handler parameter, as each registration of its function gives it. */
  typesOf(parameter: ts.ParameterDeclaration, path: readonly string[]): ts.Type[] {
    const fn = parameter.parent;
    const position = fn.parameters.indexOf(parameter);
    const local = this.functionSymbol(fn);
    const symbol = local && this.checker.getExportSymbolOfSymbol(local);
    if (!symbol || position < 0) return [];
    const types: ts.Type[] = [];
    for (const argument of this.registrations().get(symbol.name) ?? []) {
      let passed = this.checker.getSymbolAtLocation(argument);
      if (passed && passed.flags & ts.SymbolFlags.Alias) passed = this.checker.getAliasedSymbol(passed);
      if (!passed || this.checker.getExportSymbolOfSymbol(passed) !== symbol) continue;
      const contextual = this.checker.getContextualType(argument);
      for (const member of contextual ? (contextual.isUnion() ? contextual.types : [contextual]) : []) {
        for (const signature of member.getCallSignatures()) {
          const given = signature.getParameters()[position];
          const type = given && this.at(this.checker.getTypeOfSymbolAtLocation(given, argument), path, argument);
          if (type) types.push(type);
        }
      }
    }
    return types;
  }

  private at(type: ts.Type, path: readonly string[], location: ts.Node): ts.Type | undefined {
    let current: ts.Type | undefined = type;
    for (const name of path) {
      const property: ts.Symbol | undefined = current?.getProperty(name);
      current = property && this.checker.getTypeOfSymbolAtLocation(property, location);
    }
    return current && !(current.flags & ts.TypeFlags.Any) ? current : undefined;
  }

  /** The symbol a function is known by: its declared name, or the `const` it is assigned to. */
  private functionSymbol(fn: ts.SignatureDeclaration): ts.Symbol | undefined {
    if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return this.checker.getSymbolAtLocation(fn.name);
    const holder = fn.parent;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return this.checker.getSymbolAtLocation(holder.name);
    return undefined;
  }

  /** Every bare name handed to a call as an argument in the project, by name. */
  private registrations(): Map<string, ts.Expression[]> {
    if (this.index) return this.index;
    const index = new Map<string, ts.Expression[]>();
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        for (const argument of node.arguments) {
          const value = skipOuter(argument);
          if (!ts.isIdentifier(value)) continue;
          const list = index.get(value.text);
          if (list) list.push(value);
          else index.set(value.text, [value]);
        }
      }
      ts.forEachChild(node, visit);
    };
    for (const file of this.program.getSourceFiles()) {
      if (!file.isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes('/node_modules/')) visit(file);
    }
    this.index = index;
    return index;
  }
}

/** The handler parameter a receiver reads from (`ctx` in `ctx.reply`, `ctx.telegram`), with the property path after it. */
export function handlerParameter(checker: ts.TypeChecker, receiver: ts.Expression): { parameter: ts.ParameterDeclaration; path: string[] } | undefined {
  const path: string[] = [];
  let node = skipOuter(receiver);
  while (ts.isPropertyAccessExpression(node)) {
    path.unshift(node.name.text);
    node = skipOuter(node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name) || declaration.getSourceFile().isDeclarationFile) return undefined;
  return { parameter: declaration, path };
}
