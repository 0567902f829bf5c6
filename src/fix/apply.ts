import { IndentationText, Project, QuoteKind, type SourceFile } from 'ts-morph';
import type { FixPlan } from './plan.js';

/**
 * Applies a fix plan with ts-morph's manipulation API: the expression is
 * replaced by the sanitizer call around it, and the sanitizer's name is added
 * to an import of its module (or a new import after the others), written with
 * the quotes and indentation the file already uses. `finleak fix` runs this on
 * the project's files; the ESLint suggestion runs it on a copy of one file
 * (editedText), so both make the same edit.
 */
export function applyPlan(sourceFile: SourceFile, plan: FixPlan): void {
  const node = sourceFile.getDescendantAtStartWithWidth(plan.start, plan.end - plan.start);
  if (!node) throw new Error(`${sourceFile.getFilePath()}: no expression at ${plan.start}-${plan.end} to wrap in ${plan.sanitizer}()`);
  sourceFile.getProject().manipulationSettings.set(settingsOf(sourceFile));
  node.replaceWithText(`${plan.callee}(${node.getText()})`);
  const wanted = plan.import;
  if (!wanted) return;
  const specifier = { name: wanted.name, ...(wanted.alias ? { alias: wanted.alias } : {}) };
  const existing = sourceFile
    .getImportDeclarations()
    .find((d) => d.getModuleSpecifierValue() === wanted.moduleSpecifier && !d.isTypeOnly() && d.getNamespaceImport() === undefined);
  if (existing) {
    if (!existing.getNamedImports().some((n) => n.getName() === wanted.name && n.getAliasNode()?.getText() === wanted.alias)) existing.addNamedImport(specifier);
  } else {
    sourceFile.addImportDeclaration({ namedImports: [specifier], moduleSpecifier: wanted.moduleSpecifier });
  }
}

/** The file's text after the fix, from a scratch ts-morph project of that one file (nothing resolved or type-checked). */
export function editedText(fileName: string, text: string, plan: FixPlan): string {
  const scratch = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
  const sourceFile = scratch.createSourceFile(fileName, text, { overwrite: true });
  applyPlan(sourceFile, plan);
  return sourceFile.getFullText();
}

/** Quotes from the file's imports (else its first string literal), indentation from its first indented line. */
function settingsOf(sourceFile: SourceFile): { quoteKind: QuoteKind; indentationText: IndentationText } {
  const text = sourceFile.getFullText();
  const quote = /^\s*import\s[^;]*?from\s+(['"])/m.exec(text)?.[1] ?? /(['"])[^'"\n]*\1/.exec(text)?.[1];
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  const indentationText = indent.startsWith('\t') ? IndentationText.Tab : indent.length >= 4 ? IndentationText.FourSpaces : IndentationText.TwoSpaces;
  return { quoteKind: quote === '"' ? QuoteKind.Double : QuoteKind.Single, indentationText };
}
