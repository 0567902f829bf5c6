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
  /** Data categories of the financial fields that reach the sink (`balance`, `account-identifier`), when known. */
  categories?: readonly string[] | undefined;
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

/**
 * A finding's flow without its names: what leaks (source kind and the data
 * categories of its fields, when known), to which API
 * and payload slot, through which call shape (the member path after the
 * receiver), and along which path (per step: what happens, the syntax kind
 * and the property names read or written, never a local variable's or a
 * function's name). No file, no function.
 *
 * The baseline matches a finding whose fingerprint changed (a renamed
 * variable or function, a function moved to another file) to a leftover
 * entry only when this shape is equal: a different leak (another field,
 * another payload slot, another path) is never taken for a fixed one.
 */
export function flowShape(input: FingerprintInput): string {
  const parts = [
    input.ruleId,
    input.kind,
    [...(input.categories ?? [])].sort().join(','),
    input.api,
    `${ts.SyntaxKind[unwrap(input.call.expression).kind]}:${memberPath(input.call.expression).join('.')}`,
    words(input.slotLabel),
    ...input.steps.map((step) => {
      const node = unwrap(step.node);
      return `${words(step.label)}:${ts.SyntaxKind[node.kind]}:${propertyNames(node).join('.')}`;
    }),
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** `client.chat.postMessage` -> chat.postMessage; `fetch` -> fetch (a bare callee is its own name). */
function memberPath(callee: ts.Expression): string[] {
  const all = names(callee);
  return all.length > 1 ? all.slice(1) : all;
}

/** Property names a node reads or writes (`a.balance`, `{ text: x }`, `{ iban } = a`, `a['iban']`), in source order (at most 12). */
function propertyNames(node: ts.Node): string[] {
  const out: string[] = [];
  const nameOf = (name: ts.Node | undefined): void => {
    if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))) out.push(name.text);
  };
  const visit = (n: ts.Node): void => {
    if (out.length >= 12) return;
    if (ts.isPropertyAccessExpression(n)) nameOf(n.name);
    else if (ts.isElementAccessExpression(n)) nameOf(n.argumentExpression);
    else if (ts.isPropertyAssignment(n) || ts.isShorthandPropertyAssignment(n)) nameOf(n.name);
    else if (ts.isBindingElement(n)) nameOf(n.propertyName ?? n.name);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
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
