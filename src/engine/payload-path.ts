import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/** A payload slot of the policy: `arg1`, `arg0.text`, `arg0.messages[].text`, `this`. */
export interface PayloadPath {
  /** Argument index, or -1 for the receiver (`this`). */
  index: number;
  /** Property path inside the argument; `[]` stands for "any element". */
  fields: string[];
}

export const ELEMENT = '[]';
/** Path segment for "the result of calling this value" (a callback, a function stored in a variable). */
export const CALL = '()';

/** `[]` matches any element index; `0` and `[]` are the same slot for a reader that does not know the index. */
export function segmentsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const element = (s: string) => s === ELEMENT || /^\d+$/.test(s);
  return (a === ELEMENT && element(b)) || (b === ELEMENT && element(a));
}

/**
 * Where a read at `fields` finds data stored at `stored`: the rest of the read
 * path inside the stored value, `[]` when the read covers the whole stored
 * value, `undefined` when the paths diverge (`payload.text` vs `payload.debug`).
 */
export function pathInside(stored: readonly string[], fields: readonly string[]): string[] | undefined {
  const shared = Math.min(stored.length, fields.length);
  for (let i = 0; i < shared; i++) if (!segmentsMatch(stored[i]!, fields[i]!)) return undefined;
  return stored.length >= fields.length ? [] : fields.slice(stored.length);
}

export function parsePayloadPath(spec: string): PayloadPath | undefined {
  const match = /^(arg(\d+)|this)((?:\.[A-Za-z_$][\w$]*|\[\])*)$/.exec(spec);
  if (!match) return undefined;
  const index = match[1] === 'this' ? -1 : Number(match[2]);
  return { index, fields: parseFieldPath(match[3] ?? '') };
}

/** `.message.text`, `message.text`, `elements[].title` -> ["message", "text"], ["elements", "[]", "title"]. */
export function parseFieldPath(spec: string): string[] {
  const fields: string[] = [];
  for (const part of spec.split('.')) {
    if (!part) continue;
    const elements = part.split('[]');
    if (elements[0]) fields.push(elements[0]);
    for (let i = 1; i < elements.length; i++) fields.push(ELEMENT);
  }
  return fields;
}

export const isValidPayloadPath = (spec: string): boolean => parsePayloadPath(spec) !== undefined;

/** The expression at `argN.a.b` of a call, when the argument is an object literal with those properties; else undefined. */
export function argumentAt(call: ts.CallExpression | ts.NewExpression, at: PayloadPath): ts.Expression | undefined {
  let node: ts.Expression | undefined = call.arguments?.[at.index];
  for (const field of at.fields) {
    if (!node) return undefined;
    node = skipOuter(node);
    if (!ts.isObjectLiteralExpression(node)) return undefined;
    const property = node.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === field);
    node = property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
  }
  return node;
}
