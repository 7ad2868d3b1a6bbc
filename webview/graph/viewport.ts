import type { Viewport } from '../host/ui-state.js';

export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 4;
/** Fitting never enlarges a small graph past this, so three jobs do not fill the screen. */
const FIT_MAX_ZOOM = 1.25;
const FIT_MARGIN = 24;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

export const transformOf = (v: Viewport): string => `translate(${v.x},${v.y}) scale(${v.k})`;

/** Screen point (relative to the canvas) -> graph coordinates. */
export const toGraph = (v: Viewport, px: number, py: number): { x: number; y: number } => ({ x: (px - v.x) / v.k, y: (py - v.y) / v.k });

/** Zoom by `factor`, keeping the graph point under (px, py) where it is. */
export function zoomAt(v: Viewport, factor: number, px: number, py: number): Viewport {
  const k = clampZoom(v.k * factor);
  const ratio = k / v.k;
  return { k, x: px - (px - v.x) * ratio, y: py - (py - v.y) * ratio };
}

/** The whole graph, centred, with a margin. */
export function fitViewport(graph: Size, canvas: Size): Viewport {
  const availableW = Math.max(1, canvas.width - 2 * FIT_MARGIN);
  const availableH = Math.max(1, canvas.height - 2 * FIT_MARGIN);
  const k = clampZoom(Math.min(FIT_MAX_ZOOM, availableW / Math.max(1, graph.width), availableH / Math.max(1, graph.height)));
  return { k, x: (canvas.width - graph.width * k) / 2, y: (canvas.height - graph.height * k) / 2 };
}

/** The smallest pan that brings `box` (graph coordinates) fully into view; zoom unchanged. */
export function revealBox(v: Viewport, box: Box, canvas: Size): Viewport {
  const pad = 16;
  const left = box.x * v.k + v.x;
  const top = box.y * v.k + v.y;
  const right = left + box.width * v.k;
  const bottom = top + box.height * v.k;
  let dx = 0;
  let dy = 0;
  if (right > canvas.width - pad) dx = canvas.width - pad - right;
  if (left + dx < pad) dx = pad - left;
  if (bottom > canvas.height - pad) dy = canvas.height - pad - bottom;
  if (top + dy < pad) dy = pad - top;
  return dx === 0 && dy === 0 ? v : { ...v, x: v.x + dx, y: v.y + dy };
}
