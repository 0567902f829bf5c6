import type { Finding, SourceLocation, TraceStep } from '../engine/finding.js';

/**
 * The paths of one finding as one graph, for the drawn reports (HTML, Mermaid):
 * every step once, the steps grouped into boxes by function and file, the boxes
 * in columns from the source (left) to the send call (right). Several paths into
 * the same send share their common steps. Plain data, no drawing.
 */
export interface PathGraph {
  nodes: GraphNode[];
  /** Consecutive steps of some path, by node index. */
  edges: { from: number; to: number }[];
  boxes: GraphBox[];
  /** Each path as node indices, the finding's `trace` first. */
  paths: number[][];
}

export interface GraphNode {
  /** 1-based number of the step in the report, in reading order (box by box). */
  number: number;
  step: TraceStep;
  /** Labels of the same step on other paths, when they differ (two payload slots of one argument). */
  otherLabels: string[];
  role: 'source' | 'step' | 'sink';
  box: number;
}

export interface GraphBox {
  /** Function (or "top level") and file of its steps. */
  function: string | undefined;
  file: string;
  /** Node indices, top to bottom. */
  nodes: number[];
  /** Column, 0 = leftmost. */
  column: number;
}

/** Every path of a finding: its trace, then the other distinct paths. */
export const pathsOf = (finding: Finding): TraceStep[][] => [finding.trace, ...(finding.otherPaths ?? [])];

const at = (l: SourceLocation): string => `${l.file}:${l.line}:${l.column}:${l.endLine}:${l.endColumn}`;

export function pathGraph(finding: Finding): PathGraph {
  const paths = pathsOf(finding);
  const nodes: Omit<GraphNode, 'number' | 'box'>[] = [];
  const index = new Map<string, number>();
  /** The send argument is one node for all paths; other steps are one node per place and meaning (a call can be two steps: into a callback and out of it). */
  const keyOf = (step: TraceStep, i: number, path: TraceStep[]): string => (i === path.length - 1 ? `sink ${at(step.location)}` : `${at(step.location)} ${step.label}`);
  const nodePaths = paths.map((path) =>
    path.map((step, i) => {
      const key = keyOf(step, i, path);
      let n = index.get(key);
      if (n === undefined) {
        n = nodes.length;
        index.set(key, n);
        nodes.push({ step, otherLabels: [], role: i === path.length - 1 ? 'sink' : i === 0 ? 'source' : 'step' });
      } else if (step.label !== nodes[n]!.step.label && !nodes[n]!.otherLabels.includes(step.label)) nodes[n]!.otherLabels.push(step.label);
      if (i === 0 && nodes[n]!.role === 'step') nodes[n]!.role = 'source';
      return n;
    }),
  );

  // Boxes: runs of consecutive steps in one function and file along a path. A step already placed
  // (shared with an earlier path) stays in its box, so merged paths share boxes.
  const boxes: Omit<GraphBox, 'column'>[] = [];
  const boxOf = new Map<number, number>();
  for (const path of nodePaths) {
    let current: number | undefined;
    for (const n of path) {
      const placed = boxOf.get(n);
      if (placed !== undefined) {
        current = placed;
        continue;
      }
      const step = nodes[n]!.step;
      const box = current !== undefined ? boxes[current] : undefined;
      let placedIn = current;
      if (placedIn !== undefined && box && box.file === step.location.file && box.function === step.function) box.nodes.push(n);
      else {
        placedIn = boxes.length;
        boxes.push({ function: step.function, file: step.location.file, nodes: [n] });
      }
      boxOf.set(n, placedIn);
      current = placedIn;
    }
  }

  const edges: { from: number; to: number }[] = [];
  const seen = new Set<string>();
  for (const path of nodePaths) {
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1]!;
      const to = path[i]!;
      if (from === to || seen.has(`${from}>${to}`)) continue;
      seen.add(`${from}>${to}`);
      edges.push({ from, to });
    }
  }

  // Columns: the longest chain of boxes from a source (relaxed at most once per box, so a cycle cannot loop).
  const column = boxes.map(() => 0);
  for (let round = 0; round < boxes.length; round++) {
    let changed = false;
    for (const { from, to } of edges) {
      const a = boxOf.get(from)!;
      const b = boxOf.get(to)!;
      if (a !== b && column[b]! < column[a]! + 1) {
        column[b] = column[a]! + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }

  // Reading order: by column, then by first appearance; nodes numbered in that order.
  const order = boxes.map((_, i) => i).sort((a, b) => column[a]! - column[b]! || a - b);
  const renumber = new Map(order.map((old, i) => [old, i]));
  const finalBoxes: GraphBox[] = order.map((old) => ({ ...boxes[old]!, column: column[old]! }));
  const numbers = new Map<number, number>();
  for (const box of finalBoxes) for (const n of box.nodes) numbers.set(n, numbers.size + 1);
  return {
    nodes: nodes.map((node, n) => ({ ...node, number: numbers.get(n)!, box: renumber.get(boxOf.get(n)!)! })),
    edges,
    boxes: finalBoxes,
    paths: nodePaths,
  };
}

/** "formatBalance()" or "top level" for a box's heading. */
export const boxTitle = (box: { function?: string | undefined }): string => (box.function === undefined ? 'top level' : box.function.includes(' ') ? box.function : `${box.function}()`);
