import { ts } from '@ts-morph/common';
import type { Diagnostic } from './finding.js';
import { locationOf } from './locations.js';
import { packageName } from './missing-packages.js';

/**
 * A stylesheet, image, font or other asset a bundler loads (`import './globals.css'`): it holds no code,
 * so it cannot send or hand over data, whether or not the checker can type it.
 */
const ASSET = /\.(css|scss|sass|less|styl|pcss|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot|mp3|mp4|webm|wav)(\?.*)?$/i;

/**
 * Imports whose module has no type for the checker: nothing imported from it
 * is recognised as a send call or as financial data. For most packages the
 * open-world default still carries data through their calls, so this is a
 * warning. For a package the policy models by its type declarations (a
 * messaging or bank SDK), it is an error: its send calls are invisible, and a
 * run that found no leak through them proves nothing. That is a package that
 * is not installed (the CLI stops before analysing, see missing-packages.ts;
 * the ESLint rule shows this error at the import) or one TypeScript resolves to
 * JavaScript without declarations (e.g. an `exports` map without `types`).
 */
export function unresolvedImports(sourceFile: ts.SourceFile, checker: ts.TypeChecker, typedModelled: ReadonlySet<string>): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.importClause?.isTypeOnly) continue;
    if (checker.getSymbolAtLocation(statement.moduleSpecifier) !== undefined) continue;
    const specifier = statement.moduleSpecifier.text;
    if (ASSET.test(specifier)) continue;
    const name = packageName(specifier);
    const location = locationOf(statement.moduleSpecifier);
    if (name !== undefined && typedModelled.has(name)) {
      found.push({
        severity: 'error',
        code: 'untyped-sdk',
        message: `'${specifier}' has no type declarations under this tsconfig (it is not installed, or it resolves to JavaScript without them), and finleak recognises its send calls and data by their types: calls through it are not analysed. Install it, or make its declarations resolve (its own \`types\`, a @types package, or the tsconfig's \`moduleResolution\`), as \`tsc\` reports for this import`,
        location,
      });
    } else {
      found.push({
        severity: 'warning',
        code: 'unresolved-import',
        message: `cannot resolve module '${specifier}': values imported from it have no type, so financial data and send calls through it are not recognised`,
        location,
      });
    }
  }
  return found;
}
