import { ts } from '@ts-morph/common';
import type { Policy } from '../policy/types.js';
import type { SourceLocation } from './finding.js';
import { FinancialTypes, type FinancialMatch } from './financial-types.js';
import { locationOf } from './locations.js';
import { ProjectCode } from './project-code.js';

/** One type in the inventory: financial (with the reason), or a look-alike the rules rejected. */
export interface SourceTypeEntry {
  /** The type, schema or table name. */
  name: string;
  /** Source kind findings would show, e.g. "AccountRead". */
  kind?: string;
  /** Why: its financial fields with their categories and the evidence, or why a look-alike is not financial. */
  reason: string;
  /** The financial fields (`balance`, `attributes.current_balance`; `*` for every field) and their data categories. */
  fields?: string[];
  categories?: string[];
  /** Where it is declared; for a dependency's type, the package's declaration file. */
  location: SourceLocation;
  /** npm package declaring it, for types of dependencies. */
  module?: string;
}

export interface SourceInventory {
  financial: SourceTypeEntry[];
  lookAlikes: SourceTypeEntry[];
  stats: { files: number; declarations: number; milliseconds: number };
}

/**
 * Every financial type of a project, for `finleak sources`: the types,
 * schemas and tables declared in the project's own files, and the
 * dependencies' types they refer to (an SDK's `AccountBase`, `Stripe.Charge`).
 * Unlike `check`, this walks all declarations of the project on purpose.
 */
export function inventorySources(program: ts.Program, policy: Policy, rootDir: string): SourceInventory {
  const started = performance.now();
  const checker = program.getTypeChecker();
  const financial = new FinancialTypes(checker, program, { sources: policy.sources, baseDir: policy.baseDir, rootDir });
  const projectCode = ProjectCode.of(program);
  const files = projectCode.files();
  const result: SourceInventory = { financial: [], lookAlikes: [], stats: { files: files.length, declarations: 0, milliseconds: 0 } };
  const seen = new Set<ts.Node>();

  const classify = (declaration: ts.Node, name: string, type: ts.Type | undefined, schema?: ts.VariableDeclaration): void => {
    if (seen.has(declaration)) return;
    seen.add(declaration);
    result.stats.declarations++;
    const judged = schema ? financial.schemaVariable(schema) : type ? judgeType(type) : {};
    const external = projectCode.isDependency(declaration.getSourceFile());
    const entry = { name, location: locationOf(declaration), ...(external ? { module: financial.where(declaration) } : {}) };
    const { match } = judged;
    if (match) result.financial.push({ ...entry, kind: match.kind, reason: match.reason, fields: match.fields, categories: match.categories });
    else if (judged.lookAlike) result.lookAlikes.push({ ...entry, reason: judged.lookAlike });
  };

  const judgeType = (type: ts.Type): { match?: FinancialMatch; lookAlike?: string } => {
    const match = financial.declared(type);
    if (match) return { match };
    const lookAlike = financial.lookAlike(type);
    return lookAlike ? { lookAlike } : {};
  };

  const declared = (symbol: ts.Symbol | undefined): void => {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration || !(ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration))) return;
    if (program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return;
    classify(declaration, symbol.name, checker.getDeclaredTypeOfSymbol(symbol));
  };

  for (const sourceFile of files) {
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) {
        declared(checker.getSymbolAtLocation(node.name));
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isSourceFile(node.parent.parent.parent)) {
        if (financial.isSchemaVariable(node)) classify(node, node.name.text, undefined, node);
      } else if (ts.isPropertySignature(node) && node.type && ts.isTypeLiteralNode(node.type) && ts.isIdentifier(node.name) && /^[A-Z]/.test(node.name.text)) {
        classify(node, node.name.text, checker.getTypeAtLocation(node.type)); // a generated model: `components['schemas']['Transaction']`
      } else if (ts.isTypeReferenceNode(node)) {
        declared(checker.getSymbolAtLocation(ts.isQualifiedName(node.typeName) ? node.typeName.right : node.typeName));
      }
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }
  const order = (a: SourceTypeEntry, b: SourceTypeEntry): number =>
    Number(a.module !== undefined) - Number(b.module !== undefined) || a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line;
  result.financial.sort(order);
  result.lookAlikes.sort(order);
  result.stats.milliseconds = Math.round(performance.now() - started);
  return result;
}
