import { createHash } from 'node:crypto';
import { ts } from '@ts-morph/common';
import type { Step } from './taint.js';

/**
 * A finding's identity across commits, for baselines and code scanning: what
 * leaks (source kind), where to (sink API and payload slot), from where (file,
 * enclosing function of the sink and of the source) and along which path
 * (per step: what happens and which names are involved).
 *
 * It never contains a line, a column or raw code text: adding code above a
 * sink, moving functions around or reformatting a file (whitespace, line
 * breaks, quotes, trailing commas, parentheses) keeps it. Renaming a function
 * or variable on the path, changing the path or moving the sink to another
 * file or function changes it.
 */
export interface FingerprintInput {
  ruleId: string;
  kind: string;
  api: string;
  /** Sink file, relative to the project folder, with `/`. */
  file: string;
  sinkFunction: string | undefined;
  sourceFunction: string | undefined;
  call: ts.CallExpression | ts.NewExpression;
  slotLabel: string;
  steps: readonly Step[];
}

export function fingerprint(input: FingerprintInput): string {
  const parts = [
    input.ruleId,
    input.kind,
    input.api,
    input.file,
    input.sinkFunction ?? '',
    input.sourceFunction ?? '',
    names(input.call.expression).join('.'),
    words(input.slotLabel),
    ...input.steps.map(stepShape),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** A step as "what happens : syntax kind : names involved", free of layout. */
function stepShape(step: Step): string {
  const node = unwrap(step.node);
  return `${words(step.label)}:${ts.SyntaxKind[node.kind]}:${names(node).join('.')}`;
}

/** The wording of a label without the code it quotes, and without whitespace or quote style. */
function words(label: string): string {
  return label.replace(/`[^`]*`/g, '`').replace(/[\s'"]/g, '');
}

/** Identifiers, keywords `this`/`super` and property names of a node, in source order (at most 12). */
function names(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (out.length >= 12) return;
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) out.push(n.text);
    else if (n.kind === ts.SyntaxKind.ThisKeyword) out.push('this');
    else if (n.kind === ts.SyntaxKind.SuperKeyword) out.push('super');
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function unwrap(node: ts.Node): ts.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}
