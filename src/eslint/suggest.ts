import type { ts } from '@ts-morph/common';
import type { Finding } from '../engine/finding.js';
import { editedText } from '../fix/apply.js';
import { planFix } from '../fix/plan.js';
import { textEdits, type TextEdit } from '../fix/text-diff.js';
import type { Policy } from '../policy/types.js';

export interface SanitizerSuggestion {
  sanitizer: string;
  expression: string;
  /** Replacements in the sink's file, in its text's offsets (the wrap, and the import where one is added). */
  edits: TextEdit[];
}

/**
 * The fix `finleak fix` would make for this finding, as an ESLint suggestion:
 * the same plan (src/fix/plan.ts: a configured sanitizer meant for the value,
 * whose types fit, wrapped around it) applied by the same ts-morph code
 * (src/fix/apply.ts) to a copy of the file, returned as text edits. Unlike
 * `fix`, the suggestion does not type-check the result first: the editor
 * shows any error at once, and the user chose to apply it.
 */
export function sanitizerSuggestions(program: ts.Program, finding: Finding, policy: Policy): SanitizerSuggestion[] {
  const decision = planFix(program, finding, policy);
  if ('reason' in decision) return [];
  const { plan } = decision;
  const sourceFile = program.getSourceFile(plan.file);
  if (!sourceFile) return [];
  const after = editedText(plan.file, sourceFile.text, plan);
  return [{ sanitizer: plan.sanitizer, expression: plan.expression, edits: textEdits(sourceFile.text, after) }];
}
