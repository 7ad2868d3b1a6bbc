import type { ELK as ElkApi, ElkExtendedEdge, ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api.js';
import { nodeSize, type GraphModel } from './graph-model.js';
import { layoutLayered } from './layered-layout.js';
import { isLargeGraph } from './large-graph.js';
import { drawnEdges, type LaidOutEdge, type LaidOutGraph, type LaidOutNode, type Point } from './layout-types.js';

export type { LaidOutEdge, LaidOutGraph, LaidOutNode, Point } from './layout-types.js';
export { isLargeGraph } from './large-graph.js';

export interface LayoutOptions {
  /**
   * `auto` (the default): ELK unless `isLargeGraph`, else our own layered layout. The ELK-only
   * options below do not apply to the layered layout, which always draws polylines.
   */
  readonly engine?: 'auto' | 'elk' | 'layered';
  readonly edgeRouting?: 'ORTHOGONAL' | 'POLYLINE';
  /** Raw ELK options, applied last, for experiments. */
  readonly elk?: Readonly<Record<string, string>>;
}

/**
 * Jobs flow downwards, in file order where the graph allows it, so a small edit to the file does
 * not reshuffle the picture.
 */
const BASE_OPTIONS: ElkOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '40',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

/**
 * Model -> ELK's input graph. ELK ids are `n<i>` / `e<i>` (positions in `model.nodes` and in
 * `drawnEdges(model)`) rather than job names, so no name (empty, `__proto__`, equal to an edge
 * id) can confuse ELK's id lookup.
 */
export function toElkGraph(model: GraphModel, options: LayoutOptions = {}): ElkNode {
  const index = new Map(model.nodes.map((n, i) => [n.id, i]));
  return {
    id: 'root',
    layoutOptions: {
      ...BASE_OPTIONS,
      ...(options.edgeRouting ? { 'elk.edgeRouting': options.edgeRouting } : {}),
      ...options.elk,
    },
    children: model.nodes.map((node, i) => ({ id: `n${i}`, ...nodeSize(node) })),
    edges: drawnEdges(model).map((e, i) => ({ id: `e${i}`, sources: [`n${index.get(e.source)}`], targets: [`n${index.get(e.target)}`] })),
  };
}

// ELK's bundled build sets up the whole Java-compiled layouter per instance; share one. Loaded on
// first use: it is most of the code, and evaluating it costs ~0.1-0.2 s that large graphs (and
// the extension's activation, which only bundles this for SVG export) need not pay.
let elk: Promise<ElkApi> | undefined;

export async function layoutGraph(model: GraphModel, options: LayoutOptions = {}): Promise<LaidOutGraph> {
  const engine = options.engine ?? 'auto';
  if (engine === 'layered' || (engine === 'auto' && isLargeGraph(model))) return layoutLayered(model);
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  const result = await (await elk).layout(toElkGraph(model, options));
  const boxes = new Map((result.children ?? []).map((c) => [c.id, c]));
  const nodes = model.nodes.map((node, i): LaidOutNode => {
    const box = boxes.get(`n${i}`);
    return { ...node, x: box?.x ?? 0, y: box?.y ?? 0, width: box?.width ?? 0, height: box?.height ?? 0 };
  });
  const routes = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const edges = drawnEdges(model).map((edge, i): LaidOutEdge => {
    const points: Point[] = [];
    for (const s of (routes.get(`e${i}`) as ElkExtendedEdge | undefined)?.sections ?? []) {
      points.push(s.startPoint, ...(s.bendPoints ?? []), s.endPoint);
    }
    return { ...edge, points: points.map(({ x, y }) => ({ x, y })) };
  });
  return { ...(model.title === undefined ? {} : { title: model.title }), nodes, edges, width: result.width ?? 0, height: result.height ?? 0 };
}
