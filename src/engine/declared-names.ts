import { ts } from '@ts-morph/common';

const cache = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * Names a `sources.types` entry can match: every interface, class, type
 * alias and enum the program declares (the project's files and its
 * dependencies' declarations, in namespaces and `declare module` blocks too),
 * and the variables of the project's files (schemas and tables, whose
 * inferred types carry their names). Cached per program.
 */
export function declaredTypeNames(program: ts.Program): ReadonlySet<string> {
  const cached = cache.get(program);
  if (cached) return cached;
  const names = new Set<string>();
  const add = (name: ts.Node | undefined): void => {
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) names.add(name.text);
  };
  // Its own stack, not recursion: generated code nests deeper than a recursive walk can follow.
  for (const sourceFile of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sourceFile)) continue;
    const deep = !sourceFile.isDeclarationFile;
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isInterfaceDeclaration(node) || ts.isClassLike(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) add(node.name);
      else if (deep && ts.isVariableDeclaration(node)) add(node.name);
      // Declaration files: declarations sit at the top or in module blocks; project files: anywhere.
      if (deep || ts.isSourceFile(node) || ts.isModuleDeclaration(node) || ts.isModuleBlock(node)) {
        ts.forEachChild(node, (child) => {
          stack.push(child);
        });
      }
    }
  }
  cache.set(program, names);
  return names;
}
