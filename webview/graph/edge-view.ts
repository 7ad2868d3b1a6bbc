import { svg, nothing, type SVGTemplateResult } from 'lit';
import type { Point } from '../../src/core/graph/elk-layout.js';
import { glyph } from '../shared/codicon-glyphs.js';
import type { Box } from './viewport.js';

export interface EdgeInput {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly points: readonly Point[];
  /** Touches the selected job. */
  readonly related: boolean;
  readonly selected: boolean;
}

const CORNER = 6;

/** Orthogonal route with its corners rounded, like VS Code's own diagrams. */
export function routePath(points: readonly Point[]): string {
  if (points.length < 2) return '';
  const parts = [`M${points[0]!.x},${points[0]!.y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const p = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(CORNER, dist(prev, p) / 2, dist(p, next) / 2);
    const a = towards(p, prev, r);
    const b = towards(p, next, r);
    parts.push(`L${a.x},${a.y}`, `Q${p.x},${p.y} ${b.x},${b.y}`);
  }
  const last = points[points.length - 1]!;
  parts.push(`L${last.x},${last.y}`);
  return parts.join(' ');
}

const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

function towards(from: Point, to: Point, r: number): Point {
  const d = dist(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d };
}

/** A straight route between two boxes, for edges ELK has not routed yet. */
export function fallbackRoute(from: Box, to: Box): Point[] {
  return [{ x: from.x + from.width / 2, y: from.y + from.height }, { x: to.x + to.width / 2, y: to.y }];
}

/** Where the "remove" button of a selected edge sits: halfway along the route. */
export function midpoint(points: readonly Point[]): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += dist(points[i - 1]!, points[i]!);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const d = dist(points[i - 1]!, points[i]!);
    if (left <= d) return towards(points[i - 1]!, points[i]!, left);
    left -= d;
  }
  return points[0] ?? { x: 0, y: 0 };
}

export function edgeTemplate(e: EdgeInput): SVGTemplateResult {
  const d = routePath(e.points);
  const classes = `edge${e.related ? ' related' : ''}${e.selected ? ' selected' : ''}`;
  const marker = e.selected || e.related ? 'url(#arrow-hi)' : 'url(#arrow)';
  return svg`<g class=${classes} data-edge=${e.id} data-source=${e.source} data-target=${e.target}>
    <title>${e.target} needs ${e.source}</title>
    <path class="hit" d=${d}></path>
    <path class="line" d=${d} marker-end=${marker}></path>
  </g>`;
}

export function edgeDeleteButton(at: Point | undefined): SVGTemplateResult | typeof nothing {
  if (!at) return nothing;
  return svg`<g class="edge-delete" transform="translate(${at.x},${at.y})" role="button" aria-label="Remove dependency">
    <title>Remove this dependency (Delete)</title>
    <circle r="9"></circle>
    <text class="glyph" text-anchor="middle" y="5">${glyph('close')}</text>
  </g>`;
}

export const markerDefs = svg`<defs>
  <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">
    <path class="arrow-head" d="M0,1 L9,5 L0,9 z"></path>
  </marker>
  <marker id="arrow-hi" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">
    <path class="arrow-head hi" d="M0,1 L9,5 L0,9 z"></path>
  </marker>
</defs>`;
