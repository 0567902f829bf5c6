import { ts } from '@ts-morph/common';
import { skipOuter } from './declarations.js';

/** A payload slot of the policy: `arg1`, `arg0.text`, `arg0.messages[].text`, `this`. */
export interface PayloadPath {
  /** Argument index, or -1 for the receiver (`this`). */
  index: number;
  /** Property path inside the argument; `[]` stands for "any element". */
  fields: string[];
  /**
   * For a sink's payload written as a parameter name (`activity.text`): the
   * parameter of the overload the call resolves to; `index` is then unknown
   * until a call is matched.
   */
  param?: string;
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

/**
 * A sink's payload: an argument path, or `param:` and a parameter name with a
 * property path (`param:activity.text`) for overloads that move the payload
 * (`reply(conversationId, activity)` / `reply(conversationId, messageId, activity)`).
 */
export function parseSinkPayload(spec: string): PayloadPath | undefined {
  const path = parsePayloadPath(spec);
  if (path) return path;
  const match = /^param:([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*|\[\])*)$/.exec(spec);
  return match ? { index: Number.NaN, fields: parseFieldPath(match[2] ?? ''), param: match[1]! } : undefined;
}

export const isValidPayloadPath = (spec: string): boolean => parseSinkPayload(spec) !== undefined;

/**
 * The expression at `argN.a.b` of a call, when the argument is an object
 * literal with those properties; else undefined. With a checker, a `const`
 * holding an object literal is followed (`const options = { hostname, path }; https.request(options)`).
 */
export function argumentAt(call: ts.CallExpression | ts.NewExpression, at: PayloadPath, checker?: ts.TypeChecker): ts.Expression | undefined {
  let node: ts.Expression | undefined = call.arguments?.[at.index];
  for (const field of at.fields) {
    if (!node) return undefined;
    node = skipOuter(node);
    if (checker && ts.isIdentifier(node)) node = constObject(checker, node) ?? node;
    if (!ts.isObjectLiteralExpression(node)) return undefined;
    const property = node.properties.find((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === field);
    node = property && ts.isPropertyAssignment(property) ? property.initializer : property && ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
  }
  return node;
}

/** The object literal a `const` is initialised with. */
function constObject(checker: ts.TypeChecker, identifier: ts.Identifier): ts.ObjectLiteralExpression | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!ts.isVariableDeclarationList(declaration.parent) || !(declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
  const value = skipOuter(declaration.initializer);
  return ts.isObjectLiteralExpression(value) ? value : undefined;
}
