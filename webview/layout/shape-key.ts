import { nodeSize, type GraphModel } from '../../src/core/graph/graph-model.js';

/**
 * Everything the layout depends on: node order, ids and sizes, and the edges. Two views with
 * the same key lay out the same, so a changed command or description repaints without ELK.
 */
export function shapeKey(graph: GraphModel): string {
  const nodes = graph.nodes.map((n) => {
    const { width, height } = nodeSize(n);
    return [n.id, width, height];
  });
  const edges = graph.edges.map((e) => [e.source, e.target]);
  return JSON.stringify([nodes, edges]);
}
