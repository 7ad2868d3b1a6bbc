import ELK from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkApi, ElkExtendedEdge, ElkNode, LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api.js';
import { nodeSize, type GraphModel } from './graph-model.js';
import { layoutLayered } from './layered-layout.js';
import { assignLayers, busiestGap } from './layering.js';
import { drawnEdges, type LaidOutEdge, type LaidOutGraph, type LaidOutNode, type Point } from './layout-types.js';

export type { LaidOutEdge, LaidOutGraph, LaidOutNode, Point } from './layout-types.js';

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

/**
 * ELK's layered algorithm draws ordinary workflows best (orthogonal edges, network-simplex rows),
 * but its cost grows much faster than the graph. With BASE_OPTIONS, warm, in node 20 on a shared
 * 2-core machine, 1,000 jobs took: random DAG 2.6 s, ML pipeline 36 s, fan 65 s (54 s of it
 * sorting by file order); a chain of 5,000 jobs overflows its stack. Its cheapest options
 * (no model order, polylines, thoroughness 1, simple placement) still need 0.7-1.1 s for 1,000
 * jobs and 8 s for a 10,000-job random DAG, and a 10,000-job ML pipeline overflows the stack
 * even so. Up to these limits every shape we tried took at most ~0.25 s; above them our own
 * layered layout takes over: 0.01-0.09 s for 1,000 jobs, 0.1-0.6 s for 10,000 (bench/layout-bench.ts).
 */
const ELK_MAX_NODES_AND_EDGES = 400;
/**
 * ELK's orthogonal routing is superlinear in the edges between two rows: 10 jobs all needing the
 * same 10 take 0.17 s, 12 and 12 0.4 s, 19 and 19 1-4 s.
 */
const ELK_MAX_EDGES_BETWEEN_ROWS = 100;

/** Whether `layoutGraph` leaves `model` to our own layered layout rather than ELK. */
export function isLargeGraph(model: GraphModel): boolean {
  if (model.nodes.length + model.edges.length > ELK_MAX_NODES_AND_EDGES) return true;
  const index = new Map(model.nodes.map((n, i) => [n.id, i]));
  const pairs = drawnEdges(model)
    .map((e) => [index.get(e.source)!, index.get(e.target)!] as const)
    .filter(([s, t]) => s !== t);
  // Our cheap layering stands in for ELK's: close enough to spot a dense pair of rows.
  return busiestGap(assignLayers(model.nodes.length, pairs), pairs) > ELK_MAX_EDGES_BETWEEN_ROWS;
}

// ELK's bundled build sets up the whole Java-compiled layouter per instance; share one.
let elk: ElkApi | undefined;

export async function layoutGraph(model: GraphModel, options: LayoutOptions = {}): Promise<LaidOutGraph> {
  const engine = options.engine ?? 'auto';
  if (engine === 'layered' || (engine === 'auto' && isLargeGraph(model))) return layoutLayered(model);
  elk ??= new ELK();
  const result = await elk.layout(toElkGraph(model, options));
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
