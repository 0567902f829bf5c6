/** A payload slot of the policy: `arg1`, `arg0.text`, `arg0.messages[].text`, `this`. */
export interface PayloadPath {
  /** Argument index, or -1 for the receiver (`this`). */
  index: number;
  /** Property path inside the argument; `[]` stands for "any element". */
  fields: string[];
}

export const ELEMENT = '[]';

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
