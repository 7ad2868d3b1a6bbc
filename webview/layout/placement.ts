import type { LaidOutGraph, Point } from '../../src/core/graph/elk-layout.js';
import { nodeSize, type GraphModel } from '../../src/core/graph/graph-model.js';
import { drawnEdges } from '../../src/core/graph/layout-types.js';
import type { Box } from '../graph/viewport.js';

/** Where the graph draws each job (by name) and each edge (by id). */
export interface Placement {
  readonly boxes: ReadonlyMap<string, Box>;
  readonly routes: ReadonlyMap<string, readonly Point[]>;
}

export const NO_PLACEMENT: Placement = { boxes: new Map(), routes: new Map() };

/**
 * A layout of a graph of `graph`'s shape (see shapeKey) put on `graph`'s names. Layouts work on
 * positions in the file, so this also serves a graph whose jobs were renamed since. Boxes and
 * routes are the layout's own objects: the same layout gives the same objects, which lets the
 * graph skip redrawing the nodes that did not change.
 */
export function placeByPosition(layout: LaidOutGraph, graph: GraphModel): Placement {
  const boxes = new Map<string, Box>();
  graph.nodes.forEach((node, i) => boxes.set(node.id, layout.nodes[i]!));
  const routes = new Map<string, readonly Point[]>();
  drawnEdges(graph).forEach((edge, i) => {
    const points = layout.edges[i]?.points;
    if (points && points.length >= 2) routes.set(edge.id, points);
  });
  return { boxes, routes };
}

/**
 * Where `graph`'s jobs stand until the worker has laid it out: where they stood in `previous`
 * (drawn for `before`). A job keeps its box; a renamed one (a new name at the place in the file
 * where a name vanished) takes its old name's; a new job gets none and appears with the real
 * layout. So a rename or a new dependency redraws at once, not a worker round trip later.
 */
export function placeProvisionally(previous: Placement, before: GraphModel, graph: GraphModel): Placement {
  const names = new Set(graph.nodes.map((n) => n.id));
  /** New name -> the name it had in `before`. */
  const was = new Map<string, string>();
  const boxes = new Map<string, Box>();
  graph.nodes.forEach((node, i) => {
    const renamed = before.nodes[i]?.id;
    const old = previous.boxes.has(node.id) ? node.id : renamed !== undefined && !names.has(renamed) ? renamed : undefined;
    const box = old === undefined ? undefined : previous.boxes.get(old);
    if (!box) return;
    was.set(node.id, old!);
    // The old corner, the new size: the text must fit.
    const size = nodeSize(node);
    boxes.set(node.id, size.width === box.width && size.height === box.height ? box : { x: box.x, y: box.y, ...size });
  });
  const pair = (source: string, target: string) => JSON.stringify([source, target]);
  const oldEdges = new Map(before.edges.map((e) => [pair(e.source, e.target), e.id]));
  const routes = new Map<string, readonly Point[]>();
  for (const edge of drawnEdges(graph)) {
    const [source, target] = [was.get(edge.source), was.get(edge.target)];
    if (source === undefined || target === undefined) continue;
    // An old route still fits if both ends kept their boxes; else the graph draws a straight line.
    const kept = boxes.get(edge.source) === previous.boxes.get(source) && boxes.get(edge.target) === previous.boxes.get(target);
    const id = oldEdges.get(pair(source, target));
    const points = kept && id !== undefined ? previous.routes.get(id) : undefined;
    if (points) routes.set(edge.id, points);
  }
  return { boxes, routes };
}
