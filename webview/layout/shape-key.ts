import { nodeSize, type GraphModel } from '../../src/core/graph/graph-model.js';
import { drawnEdges } from '../../src/core/graph/layout-types.js';

/**
 * Everything a layout depends on: each position's node size and the edges between positions.
 * Names are not in it: both engines work on positions in the file (ELK's ids are `n<i>`), so two
 * views with the same key lay out the same, and a changed command, description or a rename that
 * keeps a node's size repaints without a new layout (see placeByPosition).
 */
export function shapeKey(graph: GraphModel): string {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const sizes = graph.nodes.map((n) => {
    const { width, height } = nodeSize(n);
    return `${width}x${height}`;
  });
  const edges = drawnEdges(graph).map((e) => `${index.get(e.source)}>${index.get(e.target)}`);
  return `${sizes.join(',')};${edges.join(',')}`;
}
