import type { ts } from '@ts-morph/common';
import { EVERY_FIELD } from './financial-types.js';

/** One step of a trace while the engine works: a node and what happens to the data there. */
export interface Step {
  node: ts.Node;
  label: string;
  /**
   * How the data got through a library call without an exact model: `assumed`,
   * the open-world default for a call finleak has no model of; `llm`, an LLM's
   * answer carrying its prompt.
   */
  via?: StepVia;
}

export type StepVia = 'assumed' | 'llm';

/** Data that reaches an expression from a financial source. `steps[0]` is the source. */
export interface Flow {
  /** The type (or schema, table, SDK model) that holds the financial fields, e.g. "BankAccount". */
  kind: string;
  reason: string;
  /**
   * The financial fields of `kind` that reach the expression (`balance`,
   * `attributes.current_balance`), and their data categories (`balance`,
   * `account-identifier`, ...): only these fields of a financial value taint.
   */
  fields?: readonly string[];
  categories?: readonly string[];
  steps: Step[];
  /**
   * Parameters the source value came in through, when the source is a value
   * whose type is financial but which arrived as an argument: a caller's
   * flow into that parameter, where found, tells the fuller story.
   */
  parameters?: readonly ts.ParameterDeclaration[];
}

/** Data that reaches an expression from a parameter; the callers decide what it carries. */
export interface ParamFlow {
  fn: ts.SignatureDeclaration;
  parameter: ts.ParameterDeclaration;
  index: number;
  fields: readonly string[];
  /** From the parameter to the expression. */
  steps: Step[];
  /**
   * The type the code narrowed the parameter to where it is read (`value`
   * after `if ('iban' in value) return`): an argument that cannot be of this
   * type never gets there, and a parameter nobody fills holds only this.
   */
  narrowed?: ts.Type;
}

/** What reaches an expression: flows from sources, and flows from parameters of enclosing functions. */
export interface Taint {
  flows: Flow[];
  params: ParamFlow[];
}

export const EMPTY: Taint = Object.freeze({ flows: [], params: [] }) as Taint;

export const isEmpty = (taint: Taint): boolean => taint.flows.length === 0 && taint.params.length === 0;

/** Appends steps to every flow of a taint. */
export function extend(taint: Taint, ...steps: Step[]): Taint {
  if (isEmpty(taint) || steps.length === 0) return taint;
  return {
    flows: taint.flows.map((f) => ({ ...f, steps: [...f.steps, ...steps] })),
    params: taint.params.map((p) => ({ ...p, steps: [...p.steps, ...steps] })),
  };
}

/**
 * How many flows of one source kind a taint keeps, each from a different source
 * expression: a reviewer sees every source that reaches a send (up to this many),
 * and the cost of a flow list stays bounded.
 */
export const MAX_FLOWS_PER_KIND = 4;

/**
 * Unites taints. Per source kind it keeps the shortest flow from each source
 * expression, at most MAX_FLOWS_PER_KIND of them, shortest first (so `flows`
 * has the shortest flow of a kind before its others); the first flow of a kind
 * names the fields and categories of all of them. Per parameter slot the
 * shortest flow.
 */
export function union(taints: readonly Taint[]): Taint {
  const nonEmpty = taints.filter((t) => !isEmpty(t));
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  const byKind = new Map<string, Map<ts.Node, Flow>>();
  const params = new Map<string, ParamFlow>();
  for (const taint of nonEmpty) {
    for (const flow of taint.flows) {
      let bySource = byKind.get(flow.kind);
      if (!bySource) byKind.set(flow.kind, (bySource = new Map()));
      const source = flow.steps[0]!.node;
      const kept = bySource.get(source);
      bySource.set(source, !kept ? flow : flow.steps.length < kept.steps.length ? mergeFields(flow, kept) : mergeFields(kept, flow));
    }
    for (const param of taint.params) {
      const key = `${param.fn.pos}:${param.fn.getSourceFile().fileName}:${param.index}:${param.fields.join('.')}:${param.narrowed ? narrowingKey(param.narrowed) : ''}`;
      const kept = params.get(key);
      if (!kept || param.steps.length < kept.steps.length) params.set(key, param);
    }
  }
  const flows = [...byKind.values()].flatMap((bySource) => {
    const [first, ...others] = [...bySource.values()].sort((a, b) => a.steps.length - b.steps.length);
    return [others.reduce(mergeFields, first!), ...others.slice(0, MAX_FLOWS_PER_KIND - 1)];
  });
  return { flows, params: [...params.values()] };
}

/** `kept` with the fields and categories of `other` added (both flows are of one kind). */
export function mergeFields(kept: Flow, other: Flow): Flow {
  // Every field (`*`: a listed type, untyped bank data) says it all.
  const fields = kept.fields?.includes(EVERY_FIELD) ? kept.fields : other.fields?.includes(EVERY_FIELD) ? [EVERY_FIELD] : addAll(kept.fields, other.fields);
  const categories = addAll(kept.categories, other.categories);
  if (fields === kept.fields && categories === kept.categories) return kept;
  return { ...kept, ...(fields ? { fields } : {}), ...(categories ? { categories } : {}) };
}

function addAll(into: readonly string[] | undefined, more: readonly string[] | undefined): readonly string[] | undefined {
  if (!more || more.every((m) => into?.includes(m))) return into;
  return [...new Set([...(into ?? []), ...more])];
}

const narrowingKeys = new WeakMap<ts.Type, number>();
let lastNarrowingKey = 0;

/** Tells two narrowings of one parameter apart. */
function narrowingKey(type: ts.Type): number {
  let key = narrowingKeys.get(type);
  if (key === undefined) narrowingKeys.set(type, (key = ++lastNarrowingKey));
  return key;
}
