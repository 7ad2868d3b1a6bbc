// Which engine lays out a graph. Apart from elk-layout.ts so the webview can choose a layout worker
// without bundling ELK into its page script.
import type { GraphModel } from './graph-model.js';
import { assignLayers, busiestGap } from './layering.js';
import { drawnEdges } from './layout-types.js';

/**
 * ELK's layered algorithm draws ordinary workflows best (orthogonal edges, network-simplex rows),
 * but its cost grows much faster than the graph. With elk-layout.ts's BASE_OPTIONS, warm, in node 20 on a shared
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
