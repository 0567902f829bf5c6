import type { FlowSpec, PropagatorSpec } from '../policy/types.js';
import { parseFieldPath } from './payload-path.js';

/**
 * A value path of a library model (`this[]`, `arg0()`, `arg1(0)`,
 * `return[].value`, `thrown`), parsed. See `PropagatorSpec.flows`.
 */
export type ValueRoot =
  | { kind: 'this' }
  | { kind: 'return' }
  | { kind: 'thrown' }
  | { kind: 'args' }
  | { kind: 'arg'; index: number }
  | { kind: 'callback-return'; index: number }
  | { kind: 'callback-param'; index: number; param: number };

export interface ValuePath {
  root: ValueRoot;
  fields: string[];
}

export interface ModelFlow {
  from: ValuePath;
  to: ValuePath;
}

const VALUE_PATH = /^(this|return|thrown|args|arg(\d+)(?:\((\d*)\))?)((?:\.[A-Za-z_$][\w$]*|\[\])*)$/;

export function parseValuePath(spec: string): ValuePath | undefined {
  const match = VALUE_PATH.exec(spec);
  if (!match) return undefined;
  const head = match[1]!;
  const fields = parseFieldPath(match[4] ?? '');
  if (head === 'this' || head === 'return' || head === 'thrown' || head === 'args') return { root: { kind: head }, fields };
  const index = Number(match[2]);
  if (match[3] === undefined) return { root: { kind: 'arg', index }, fields };
  if (match[3] === '') return { root: { kind: 'callback-return', index }, fields };
  return { root: { kind: 'callback-param', index, param: Number(match[3]) }, fields };
}

const parsed = new WeakMap<PropagatorSpec, ModelFlow[]>();

/** The `flows` of a propagator, parsed once; invalid entries are dropped (the config schema rejects them earlier). */
export function modelFlows(spec: PropagatorSpec): ModelFlow[] {
  let flows = parsed.get(spec);
  if (!flows) {
    flows = (spec.flows ?? []).flatMap((f: FlowSpec) => {
      const from = parseValuePath(f.from);
      const to = parseValuePath(f.to);
      return from && to ? [{ from, to }] : [];
    });
    parsed.set(spec, flows);
  }
  return flows;
}

/** Names of methods that store into their receiver or an argument (`set`, `push`, `assign`), for the store index. */
export function storingMembers(specs: readonly PropagatorSpec[]): Set<string> {
  const names = new Set<string>();
  for (const spec of specs) {
    if (modelFlows(spec).some((f) => f.to.root.kind === 'this' || f.to.root.kind === 'arg')) {
      names.add(spec.function.slice(spec.function.lastIndexOf('.') + 1));
    }
  }
  return names;
}
