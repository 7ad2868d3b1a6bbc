import type { GraphEdge } from '../../src/core/graph/graph-model.js';
import type { Box } from './viewport.js';

export type Direction = 'up' | 'down' | 'left' | 'right';

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/**
 * The job an arrow key moves to. Up and down follow the edges (to a job it needs, to a job that
 * needs it), preferring the one straight above or below; left and right go to the nearest job
 * in the same row. With no such job, the nearest job in that direction.
 */
export function neighbour(
  from: string,
  direction: Direction,
  boxes: ReadonlyMap<string, Box>,
  edges: readonly GraphEdge[],
): string | undefined {
  const start = boxes.get(from);
  if (!start) return undefined;
  const c = centre(start);
  const linked = direction === 'up'
    ? edges.filter((e) => e.target === from).map((e) => e.source)
    : direction === 'down'
      ? edges.filter((e) => e.source === from).map((e) => e.target)
      : [];
  const byDistance = (ids: Iterable<string>, accept: (dx: number, dy: number) => boolean, weightX: number, weightY: number) => {
    let best: string | undefined;
    let bestScore = Infinity;
    for (const id of ids) {
      const box = boxes.get(id);
      if (!box || id === from) continue;
      const p = centre(box);
      const dx = p.x - c.x;
      const dy = p.y - c.y;
      if (!accept(dx, dy)) continue;
      const score = Math.abs(dx) * weightX + Math.abs(dy) * weightY;
      if (score < bestScore) {
        bestScore = score;
        best = id;
      }
    }
    return best;
  };
  const all = [...boxes.keys()];
  switch (direction) {
    case 'up':
      return byDistance(linked, () => true, 1, 0.1) ?? byDistance(all, (_dx, dy) => dy < -1, 1, 1);
    case 'down':
      return byDistance(linked, () => true, 1, 0.1) ?? byDistance(all, (_dx, dy) => dy > 1, 1, 1);
    case 'left':
      return byDistance(all, (dx, dy) => dx < -1 && Math.abs(dy) < start.height, 1, 4) ?? byDistance(all, (dx) => dx < -1, 1, 2);
    case 'right':
      return byDistance(all, (dx, dy) => dx > 1 && Math.abs(dy) < start.height, 1, 4) ?? byDistance(all, (dx) => dx > 1, 1, 2);
  }
}
