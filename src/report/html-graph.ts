import type { Finding } from '../engine/finding.js';
import { relativePath } from './context.js';
import { escapeHtml } from './html-escape.js';
import { boxTitle, type GraphBox, type PathGraph } from './path-graph.js';

/**
 * A finding's path graph as inline SVG, left to right: boxes (one function in one
 * file) in columns from the source to the send call, the steps stacked in each box,
 * then the platform. Every step is a link to its code excerpt (`#<id>-s<number>`).
 */
const NODE_W = 188;
const NODE_H = 42;
const NODE_GAP = 12;
const BOX_PAD = 8;
const BOX_HEAD = 40;
const BOX_W = NODE_W + 2 * BOX_PAD;
const COL_GAP = 34;
const BOX_GAP = 20;
const MARGIN = 14;
/** Columns of boxes on one row of the drawing (they fit the page's width with the platform). */
const COLUMNS_PER_ROW = 4;
const ROW_GAP = 40;
const PLATFORM_W = 150;
const PLATFORM_H = 46;
/** Characters that fit a node line at the sizes in html-style.ts (12px sans, 11px monospace). */
const LABEL_CHARS = 27;
const CODE_CHARS = 25;
const HEAD_CHARS = 29;

interface Point {
  x: number;
  y: number;
}

export function graphSvg(finding: Finding, graph: PathGraph, id: string, rootDir: string): string {
  const boxHeight = (box: GraphBox): number => BOX_HEAD + box.nodes.length * NODE_H + (box.nodes.length - 1) * NODE_GAP + BOX_PAD;
  const columns = Math.max(...graph.boxes.map((b) => b.column)) + 1;
  const nodeTop = new Map<number, Point>();
  const boxAt: { x: number; y: number; h: number }[] = [];

  // Place columns left to right, COLUMNS_PER_ROW to a row (a long path continues on the next row,
  // read like text); in each column, boxes ordered by where their predecessors are.
  const columnHeight: number[] = [];
  const rowOf = (column: number): number => Math.floor(column / COLUMNS_PER_ROW);
  const rowTop: number[] = [MARGIN];
  for (let column = 0; column < columns; column++) {
    const row = rowOf(column);
    if (rowTop[row] === undefined) rowTop[row] = Math.max(...columnHeight.filter((_, c) => rowOf(c) === row - 1)) + ROW_GAP;
    const inColumn = graph.boxes.map((box, i) => ({ box, i })).filter(({ box }) => box.column === column);
    const weight = ({ box, i }: { box: GraphBox; i: number }): number => {
      const ys = graph.edges.filter((e) => box.nodes.includes(e.to) && nodeTop.has(e.from)).map((e) => nodeTop.get(e.from)!.y);
      return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : i * 1000;
    };
    inColumn.sort((a, b) => weight(a) - weight(b));
    let y = rowTop[row]!;
    for (const { box, i } of inColumn) {
      const x = MARGIN + (column % COLUMNS_PER_ROW) * (BOX_W + COL_GAP);
      boxAt[i] = { x, y, h: boxHeight(box) };
      box.nodes.forEach((n, k) => nodeTop.set(n, { x: x + BOX_PAD, y: y + BOX_HEAD + k * (NODE_H + NODE_GAP) }));
      y += boxHeight(box) + BOX_GAP;
    }
    columnHeight[column] = y - BOX_GAP;
  }
  /** The horizontal wire of an edge from one row to the next runs in the gap above the next row. */
  const wireY = (toRow: number): number => rowTop[toRow]! - ROW_GAP / 2;

  const sink = graph.nodes.findIndex((n) => n.role === 'sink');
  const sinkTop = nodeTop.get(sink)!;
  const sinkColumn = graph.boxes[graph.nodes[sink]!.box]!.column;
  const platform = { x: MARGIN + ((sinkColumn % COLUMNS_PER_ROW) + 1) * (BOX_W + COL_GAP), y: sinkTop.y + NODE_H / 2 - PLATFORM_H / 2 };
  const width = MARGIN + Math.min(columns, COLUMNS_PER_ROW) * (BOX_W + COL_GAP) + (sinkColumn % COLUMNS_PER_ROW === COLUMNS_PER_ROW - 1 || columns <= COLUMNS_PER_ROW ? PLATFORM_W : 0) + MARGIN;
  const height = Math.max(...boxAt.map((b) => b.y + b.h), platform.y + PLATFORM_H) + MARGIN;

  const out: string[] = [];
  const title = `${finding.source.kind} data reaches ${finding.sink.platform}: ${graph.nodes.length} steps${graph.paths.length > 1 ? ` on ${graph.paths.length} paths` : ''}`;
  out.push(
    `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${escapeHtml(title)}">`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
  );
  graph.boxes.forEach((box, i) => {
    const at = boxAt[i]!;
    out.push(
      `<g class="box"><rect x="${at.x}" y="${at.y}" width="${BOX_W}" height="${at.h}" rx="8"/>`,
      `<text class="box-fn" x="${at.x + BOX_PAD}" y="${at.y + 15}">${escapeHtml(clipStart(boxTitle(box), HEAD_CHARS))}</text>`,
      `<text class="box-file" x="${at.x + BOX_PAD}" y="${at.y + 29}">${escapeHtml(clipStart(relativePath(rootDir, box.file), HEAD_CHARS + 4))}</text></g>`,
    );
  });
  const arrow = `marker-end="url(#${id}-arrow)"`;
  for (const { from, to } of graph.edges) {
    const [a, b] = [graph.boxes[graph.nodes[from]!.box]!.column, graph.boxes[graph.nodes[to]!.box]!.column];
    const d = rowOf(b) > rowOf(a) ? wrapPath(nodeTop.get(from)!, nodeTop.get(to)!, wireY(rowOf(b))) : edgePath(nodeTop.get(from)!, nodeTop.get(to)!, graph.nodes[from]!.box === graph.nodes[to]!.box);
    out.push(`<path class="edge" d="${d}" ${arrow}/>`);
  }
  const platformIn = { x: platform.x, y: platform.y + PLATFORM_H / 2 };
  out.push(`<path class="edge edge-send" d="M${sinkTop.x + NODE_W},${sinkTop.y + NODE_H / 2} L${platformIn.x - 1},${platformIn.y}" ${arrow}/>`);

  for (const node of graph.nodes.map((n, i) => ({ ...n, i }))) {
    const { x, y } = nodeTop.get(node.i)!;
    const step = node.step;
    const where = `${relativePath(rootDir, step.location.file)}:${step.location.line}:${step.location.column}`;
    const tooltip = [`${node.number}. ${step.label}`, ...node.otherLabels, step.code, where].join('\n');
    out.push(
      `<a class="node node-${node.role}" href="#${id}-s${node.number}" aria-label="${escapeHtml(`Step ${node.number}: ${step.label}, ${where}`)}">`,
      `<title>${escapeHtml(tooltip)}</title>`,
      `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6"/>`,
      `<circle class="num" cx="${x}" cy="${y}" r="9"/><text class="num" x="${x}" y="${y + 3.5}">${node.number}</text>`,
      `<text class="node-label" x="${x + 12}" y="${y + 17}">${escapeHtml(clip(plainLabel(step.label), LABEL_CHARS))}</text>`,
      `<text class="node-code" x="${x + 12}" y="${y + 33}"><tspan class="node-line">${step.location.line}</tspan> ${escapeHtml(clip(step.code, CODE_CHARS - String(step.location.line).length))}</text>`,
      `</a>`,
    );
  }
  out.push(
    `<g class="platform"><title>${escapeHtml(`${finding.sink.api}\n${finding.sink.callee} (${finding.sink.argument})`)}</title>`,
    `<rect x="${platform.x}" y="${platform.y}" width="${PLATFORM_W}" height="${PLATFORM_H}" rx="${PLATFORM_H / 2}"/>`,
    `<text class="platform-name" x="${platform.x + PLATFORM_W / 2}" y="${platform.y + 20}">${escapeHtml(clip(finding.sink.platform, 19))}</text>`,
    `<text class="platform-call" x="${platform.x + PLATFORM_W / 2}" y="${platform.y + 35}">${escapeHtml(clip(finding.sink.callee, 21))}</text></g>`,
    '</svg>',
  );
  return out.join('');
}

/** From a step at the end of a row to one at the start of the next: out to the right, back along the gap between the rows, in from the left. */
function wrapPath(a: Point, b: Point, wire: number): string {
  const out = a.x + NODE_W + COL_GAP / 2;
  const into = b.x - BOX_PAD - 9;
  return `M${a.x + NODE_W},${a.y + NODE_H / 2} H${out} V${wire} H${into} V${b.y + NODE_H / 2} H${b.x - 1}`;
}

/** A curve from one step to the next: down inside a box, sideways between boxes. */
function edgePath(a: Point, b: Point, sameBox: boolean): string {
  if (sameBox && b.y > a.y && b.y - a.y <= NODE_H + NODE_GAP) {
    const x = a.x + NODE_W / 2;
    return `M${x},${a.y + NODE_H} L${x},${b.y - 1}`;
  }
  if (sameBox) {
    // Back up or past a step in the same box: around its right edge.
    const x = a.x + NODE_W;
    return `M${x},${a.y + NODE_H / 2} C${x + 26},${a.y + NODE_H / 2} ${x + 26},${b.y + NODE_H / 2} ${x + 1},${b.y + NODE_H / 2}`;
  }
  const start = { x: a.x + NODE_W, y: a.y + NODE_H / 2 };
  const end = { x: b.x - 1, y: b.y + NODE_H / 2 };
  const bend = Math.max(30, Math.abs(end.x - start.x) / 2);
  return `M${start.x},${start.y} C${start.x + bend},${start.y} ${end.x - bend},${end.y} ${end.x},${end.y}`;
}

/** Labels use Markdown backticks for code; a node shows them as plain text. */
const plainLabel = (label: string): string => label.replace(/`/g, '');

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Keeps the end of a path, where the file name is. */
function clipStart(text: string, max: number): string {
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}
