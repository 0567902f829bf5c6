import { ts } from '@ts-morph/common';
import type { FieldRuleSpec } from '../policy/types.js';
import type { Diagnostic } from './finding.js';
import { compileFieldWords } from './field-words.js';
import { ProjectCode } from './project-code.js';

const cache = new WeakMap<ts.Program, ReadonlySet<string>>();

/**
 * The config's `sources.fields` entries that match no field the project's
 * files declare (properties of interfaces, type literals, classes, object
 * literals such as schemas and tables, constructor parameter properties):
 * a misspelt or stale field word protects nothing, so each is a warning
 * (`config-unmatched`, as for `sources.types`), matched as the engine
 * matches field words (`modifiers` may follow them).
 */
export function unmatchedFieldEntries(file: string, fields: readonly (string | FieldRuleSpec)[] | undefined, program: ts.Program, modifiers: readonly string[]): Diagnostic[] {
  if (!fields?.length) return [];
  const declared = declaredFieldNames(program);
  const out: Diagnostic[] = [];
  fields.forEach((entry, i) => {
    const words = typeof entry === 'string' ? [entry] : entry.words;
    const matcher = compileFieldWords(words, modifiers);
    if ([...declared].some((name) => matcher.match(name) !== undefined)) return;
    const shown = typeof entry === 'string' ? `"${entry}"` : `(${entry.category}: ${words.map((w) => `"${w}"`).join(', ')})`;
    out.push({
      severity: 'warning',
      code: 'config-unmatched',
      message: `${file}: sources.fields[${i}] ${shown} matches no field declared in the project, so it has no effect: check its spelling, or remove it`,
    });
  });
  return out;
}

/** Names of the fields the project's own files declare; cached per program. */
function declaredFieldNames(program: ts.Program): ReadonlySet<string> {
  const cached = cache.get(program);
  if (cached) return cached;
  const names = new Set<string>();
  const nameOf = (name: ts.Node | undefined): void => {
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) names.add(name.text);
  };
  for (const sourceFile of ProjectCode.of(program).files()) {
    // Its own stack, not recursion: generated code nests deeper than a recursive walk can follow.
    const stack: ts.Node[] = [sourceFile];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (ts.isPropertySignature(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isGetAccessorDeclaration(node)) nameOf(node.name);
      else if (ts.isParameter(node) && ts.getModifiers(node)?.length) nameOf(node.name);
      ts.forEachChild(node, (child) => {
        stack.push(child);
      });
    }
  }
  cache.set(program, names);
  return names;
}
