// Retained size as a picture: a squarified treemap (Bruls, Huizing, van Wijk 2000) of the dominator
// tree, so the few objects that hold most of the heap are the biggest rectangles. Plain SVG, coloured
// only from the theme's chart colours.

import { formatBytes } from '../../../engine/format';
import type { TreemapNode } from '../protocol';

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-orange', '--vscode-charts-purple', '--vscode-charts-yellow', '--vscode-charts-red'];

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Lays `sizes` (descending) out in `rect`, row by row, keeping aspect ratios near 1. */
export function squarify(sizes: number[], rect: Rect): Rect[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= 0 || rect.w <= 0 || rect.h <= 0) return sizes.map(() => ({ x: rect.x, y: rect.y, w: 0, h: 0 }));
  const scale = (rect.w * rect.h) / total;
  const areas = sizes.map((s) => s * scale);
  const out: Rect[] = [];
  let free = { ...rect };
  let start = 0;
  while (start < areas.length) {
    const side = Math.min(free.w, free.h);
    let end = start + 1;
    while (end < areas.length && worst(areas.slice(start, end + 1), side) <= worst(areas.slice(start, end), side)) end++;
    free = placeRow(areas.slice(start, end), free, out);
    start = end;
  }
  return out;
}

function worst(row: number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

function placeRow(row: number[], free: Rect, out: Rect[]): Rect {
  const sum = row.reduce((a, b) => a + b, 0);
  const horizontal = free.w >= free.h;
  const thickness = horizontal ? sum / free.h : sum / free.w;
  let offset = 0;
  for (const area of row) {
    const length = area / thickness;
    out.push(horizontal ? { x: free.x, y: free.y + offset, w: thickness, h: length } : { x: free.x + offset, y: free.y, w: length, h: thickness });
    offset += length;
  }
  return horizontal ? { x: free.x + thickness, y: free.y, w: free.w - thickness, h: free.h } : { x: free.x, y: free.y + thickness, w: free.w, h: free.h - thickness };
}

export function renderTreemap(root: TreemapNode, width: number, height: number, onPick: (id: number) => void): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'aria-label',
    `Treemap of retained size: ${root.children
      .map((c) => `${c.name} ${formatBytes(c.retainedSize)}`)
      .slice(0, 5)
      .join(', ')}`,
  );
  drawChildren(svg, root, { x: 0, y: 0, w: width, h: height }, 0, onPick);
  return svg;
}

function drawChildren(svg: SVGSVGElement, node: TreemapNode, rect: Rect, depth: number, onPick: (id: number) => void): void {
  const children = node.children.filter((c) => c.retainedSize > 0).sort((a, b) => b.retainedSize - a.retainedSize);
  const rects = squarify(
    children.map((c) => c.retainedSize),
    rect,
  );
  children.forEach((child, i) => {
    const r = rects[i];
    if (r.w < 2 || r.h < 2) return;
    const box = document.createElementNS(SVG, 'rect');
    Object.entries({ x: r.x, y: r.y, width: r.w, height: r.h }).forEach(([k, v]) => box.setAttribute(k, String(v)));
    box.setAttribute('class', `tile depth-${depth}`);
    // Through CSSOM, not a style attribute: the webview's content security policy forbids inline styles.
    box.style.fill = `var(${PALETTE[(depth === 0 ? i : depth) % PALETTE.length]})`;
    box.style.fillOpacity = String(0.35 + 0.15 * Math.min(depth, 3));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${child.name} @${child.id}: ${formatBytes(child.retainedSize)}`;
    box.append(title);
    box.addEventListener('click', () => onPick(child.id));
    svg.append(box);
    if (r.w > 60 && r.h > 16) {
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String(r.x + 4));
      label.setAttribute('y', String(r.y + 13));
      label.setAttribute('class', 'tile-label');
      // About 6.5 px per character at the label's size: cut the text to the tile rather than overflow it.
      const text = `${child.name} ${formatBytes(child.retainedSize)}`;
      const fits = Math.floor((r.w - 8) / 6.5);
      label.textContent = text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1))}…`;
      svg.append(label);
    }
    // Inner levels leave room for the label above them.
    if (child.children.length > 0 && r.w > 20 && r.h > 30) drawChildren(svg, child, { x: r.x + 2, y: r.y + 18, w: r.w - 4, h: r.h - 20 }, depth + 1, onPick);
  });
}
