import type { Point } from './layout-types.js';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Wider than tall, like the screens the graph is looked at on (ELK's default aspect ratio). */
const ASPECT_RATIO = 1.6;
const EPSILON = 1e-6;

interface Segment {
  readonly x: number;
  readonly width: number;
  /** Lowest free y over [x, x + width). */
  readonly y: number;
}

/**
 * Top-left corners for the separately laid-out connected components, in file order, each put at
 * the lowest free place of a skyline, leftmost on ties. Plain shelf rows would leave a tall
 * component (a long chain) alone in a row as high as itself; the skyline fills the space beside
 * it with the small components (often the many independent jobs).
 */
export function packComponents(boxes: readonly Size[], gap: number): Point[] {
  if (boxes.length === 1) return [{ x: 0, y: 0 }];
  let area = 0;
  let widest = 0;
  for (const b of boxes) {
    area += (b.width + gap) * (b.height + gap);
    widest = Math.max(widest, b.width + gap);
  }
  const limit = Math.max(widest, Math.sqrt(area * ASPECT_RATIO));
  let skyline: Segment[] = [{ x: 0, width: limit, y: 0 }];
  return boxes.map((box) => {
    const width = box.width + gap;
    const at = lowestPlace(skyline, width, limit);
    skyline = raise(skyline, at.x, width, at.y + box.height + gap);
    return at;
  });
}

function lowestPlace(skyline: readonly Segment[], width: number, limit: number): Point {
  let best: Point = { x: 0, y: Infinity };
  for (let i = 0; i < skyline.length && skyline[i]!.x + width <= limit + EPSILON; i++) {
    let y = 0;
    for (let j = i, end = skyline[i]!.x + width; j < skyline.length && skyline[j]!.x < end - EPSILON; j++) y = Math.max(y, skyline[j]!.y);
    if (y < best.y - EPSILON) best = { x: skyline[i]!.x, y };
  }
  return best;
}

/** The skyline with [x, x + width) raised to y, neighbours of equal height merged. */
function raise(skyline: readonly Segment[], x: number, width: number, y: number): Segment[] {
  const end = x + width;
  const pieces: Segment[] = [];
  for (const s of skyline) {
    const sEnd = s.x + s.width;
    if (s.x < x - EPSILON) pieces.push({ x: s.x, width: Math.min(sEnd, x) - s.x, y: s.y });
    if (s.x <= x + EPSILON && sEnd > x + EPSILON) pieces.push({ x, width, y });
    if (sEnd > end + EPSILON) pieces.push({ x: Math.max(s.x, end), width: sEnd - Math.max(s.x, end), y: s.y });
  }
  const merged: Segment[] = [];
  for (const p of pieces) {
    const last = merged.at(-1);
    if (last && Math.abs(last.y - p.y) < EPSILON) merged[merged.length - 1] = { x: last.x, width: p.x + p.width - last.x, y: last.y };
    else merged.push(p);
  }
  return merged;
}
